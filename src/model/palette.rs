//! Model types (team/funding situations) and the default palette every new document starts with.

use std::fmt;
use std::str::FromStr;

use super::ModelTypeId;

/// An sRGB colour, written as `#rrggbb` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Relative luminance in 0..=1 (sRGB weights), used to pick a legible text colour.
    pub fn luminance(self) -> f32 {
        fn channel(c: u8) -> f32 {
            let c = f32::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// Why a colour string could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a colour; expected #rrggbb, for example #3b82f6")]
pub struct ParseColorError(pub String);

impl FromStr for Color {
    type Err = ParseColorError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseColorError(s.chars().take(40).collect());
        let hex = s.strip_prefix('#').ok_or_else(err)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| err());
        Ok(Self::rgb(channel(0)?, channel(2)?, channel(4)?))
    }
}

/// A team/funding model: how a team is funded and judged.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelType {
    pub id: ModelTypeId,
    pub name: String,
    pub color: Color,
    pub description: String,
}

/// The six team/funding situations every new document starts with.
pub fn default_palette() -> Vec<ModelType> {
    let defaults = [
        (
            "Independent Team with Clear Impact",
            Color::rgb(0x25, 0x63, 0xeb),
            "Works mostly on its own, with a traceable line to revenue or a customer metric",
        ),
        (
            "Company-in-a-Company",
            Color::rgb(0x7c, 0x3a, 0xed),
            "Runs like a business: its own P&L, plan and financials; could be spun off",
        ),
        (
            "Product Expansion",
            Color::rgb(0x05, 0x96, 0x69),
            "Unlocks more value for existing customers over time",
        ),
        (
            "New Offering",
            Color::rgb(0xea, 0x58, 0x0c),
            "High-risk validation of a new product, funded like a venture: small, staged bets",
        ),
        (
            "Service Team",
            Color::rgb(0xdb, 0x27, 0x77),
            "Serves internal customers; judged on demand, capacity and service levels",
        ),
        (
            "Platform Team",
            Color::rgb(0x0e, 0x74, 0x90),
            "Builds shared capabilities that many teams consume; judged on portfolio speed and cost avoided",
        ),
    ];
    defaults
        .into_iter()
        .zip(1..)
        .map(|((name, color, description), id)| ModelType {
            id: ModelTypeId(id),
            name: name.to_owned(),
            color,
            description: description.to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_round_trips_through_hex() {
        let color = Color::rgb(0x0e, 0x74, 0x90);
        assert_eq!(color.to_string(), "#0e7490");
        assert_eq!("#0E7490".parse::<Color>(), Ok(color));
    }

    #[test]
    fn color_parse_rejects_malformed_strings() {
        for bad in [
            "", "#", "0e7490", "#0e749", "#0e74900", "#gg0000", "#0e749é",
        ] {
            assert!(bad.parse::<Color>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn default_palette_has_six_distinct_types() {
        let palette = default_palette();
        assert_eq!(palette.len(), 6);
        let mut colors: Vec<_> = palette.iter().map(|t| t.color.to_string()).collect();
        colors.sort();
        colors.dedup();
        assert_eq!(colors.len(), 6);
    }
}
