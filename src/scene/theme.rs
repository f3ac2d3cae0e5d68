//! Light and dark colours for everything that is not a model type's own colour.

use crate::model::Color;

/// An sRGB colour with straight alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    #[must_use]
    pub const fn with_alpha(self, a: u8) -> Self {
        Self { a, ..self }
    }

    /// Black or white, whichever reads better on this colour.
    pub fn legible_text(self) -> Self {
        if Color::rgb(self.r, self.g, self.b).luminance() > 0.4 {
            Self::rgb(0x11, 0x18, 0x27)
        } else {
            Self::rgb(0xff, 0xff, 0xff)
        }
    }
}

impl From<Color> for Rgba {
    fn from(c: Color) -> Self {
        Self::rgb(c.r, c.g, c.b)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The colours a theme gives to the parts of a map.
#[derive(Clone, Copy, Debug)]
pub struct Colors {
    pub background: Rgba,
    pub grid: Rgba,
    pub panel: Rgba,
    pub ink: Rgba,
    pub ink_soft: Rgba,
    pub muted: Rgba,
    pub node_stroke: Rgba,
    pub source_fill: Rgba,
    pub dependency: Rgba,
    pub funding: Rgba,
    pub selection: Rgba,
}

impl Theme {
    pub fn colors(self) -> Colors {
        match self {
            Self::Light => Colors {
                background: Rgba::rgb(0xf8, 0xfa, 0xfc),
                grid: Rgba::rgb(0xe2, 0xe8, 0xf0),
                panel: Rgba::rgb(0xff, 0xff, 0xff),
                ink: Rgba::rgb(0x0f, 0x17, 0x2a),
                ink_soft: Rgba::rgb(0x47, 0x55, 0x69),
                muted: Rgba::rgb(0x94, 0xa3, 0xb8),
                node_stroke: Rgba::rgb(0x0f, 0x17, 0x2a).with_alpha(40),
                source_fill: Rgba::rgb(0xfe, 0xf9, 0xc3),
                dependency: Rgba::rgb(0x47, 0x55, 0x69),
                funding: Rgba::rgb(0xb4, 0x53, 0x09),
                selection: Rgba::rgb(0x25, 0x63, 0xeb),
            },
            Self::Dark => Colors {
                background: Rgba::rgb(0x0f, 0x17, 0x2a),
                grid: Rgba::rgb(0x1e, 0x29, 0x3b),
                panel: Rgba::rgb(0x1e, 0x29, 0x3b),
                ink: Rgba::rgb(0xf1, 0xf5, 0xf9),
                ink_soft: Rgba::rgb(0xcb, 0xd5, 0xe1),
                muted: Rgba::rgb(0x64, 0x74, 0x8b),
                node_stroke: Rgba::rgb(0xff, 0xff, 0xff).with_alpha(50),
                source_fill: Rgba::rgb(0x42, 0x20, 0x06),
                dependency: Rgba::rgb(0x94, 0xa3, 0xb8),
                funding: Rgba::rgb(0xfb, 0xbf, 0x24),
                selection: Rgba::rgb(0x60, 0xa5, 0xfa),
            },
        }
    }
}
