//! The bundled fonts (Inter, then fallbacks for other scripts) and their glyph advances, so labels are measured instead of guessed.
//!
//! The exporters name this family in SVG and rasterise with only these files, so a label the scene
//! measured to fit is drawn with exactly the advances measured here.

use std::sync::OnceLock;

/// The family name written into SVG `font-family`.
pub const FAMILY: &str = "Inter";
/// The SVG `font-family`: Inter, the bundled fallbacks for scripts it lacks, then what a viewer
/// without them has.
pub const FALLBACK_FAMILIES: &str = "'Inter', 'Noto Sans Arabic', 'Noto Sans Hebrew', \
     'Droid Sans Fallback', 'Noto Emoji', 'Helvetica Neue', Arial, sans-serif";
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-Bold.otf");

/// Fonts for the characters Inter lacks, in the order they are tried: (family name, font file).
/// The PNG export loads them; the window installs them as egui's fallback fonts. See
/// assets/fonts/README.md for what each covers, costs and is licensed under.
pub const FALLBACK_FONTS: &[(&str, &[u8])] = &[
    (
        "Noto Sans Arabic",
        include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "Noto Sans Hebrew",
        include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "Droid Sans Fallback",
        include_bytes!("../../assets/fonts/DroidSansFallback.ttf"),
    ),
    (
        "Noto Emoji",
        include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf"),
    ),
];

/// Characters below this have their advance precomputed (Latin, Greek, Cyrillic, punctuation,
/// currency signs); others are looked up in the font each time.
const CACHED_CHARS: usize = 0x2200;
/// Used when the font cannot be read, which would be a packaging bug.
const FALLBACK_ADVANCE_EM: f32 = 0.6;

struct Metrics {
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f32,
    /// Advance of each cached character in font units; `u16::MAX` where the font has no glyph.
    advances: Vec<u16>,
    /// Ascender and descender (negative) in em.
    ascender_em: f32,
    descender_em: f32,
    missing_em: f32,
}

impl Metrics {
    fn load(bytes: &'static [u8]) -> Self {
        let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
            return Self {
                face: None,
                units_per_em: 1.0,
                advances: Vec::new(),
                ascender_em: 0.95,
                descender_em: -0.25,
                missing_em: FALLBACK_ADVANCE_EM,
            };
        };
        let units_per_em = f32::from(face.units_per_em());
        let advances = (0..CACHED_CHARS)
            .map(|code| {
                u32::try_from(code)
                    .ok()
                    .and_then(char::from_u32)
                    .and_then(|c| face.glyph_index(c))
                    .and_then(|glyph| face.glyph_hor_advance(glyph))
                    .unwrap_or(u16::MAX)
            })
            .collect();
        let missing_em = face
            .glyph_hor_advance(ttf_parser::GlyphId(0))
            .map_or(FALLBACK_ADVANCE_EM, |a| f32::from(a) / units_per_em);
        Self {
            ascender_em: f32::from(face.ascender()) / units_per_em,
            descender_em: f32::from(face.descender()) / units_per_em,
            face: Some(face),
            units_per_em,
            advances,
            missing_em,
        }
    }

    fn advance_em(&self, c: char) -> f32 {
        let cached = self.advances.get(c as usize).copied();
        let units = match cached {
            Some(u16::MAX) => None,
            Some(units) => Some(units),
            None => self.face.as_ref().and_then(|face| {
                face.glyph_index(c)
                    .and_then(|glyph| face.glyph_hor_advance(glyph))
            }),
        };
        match units {
            Some(units) => f32::from(units) / self.units_per_em,
            None => fallback_advance_em(c).unwrap_or(self.missing_em),
        }
    }
}

/// The advance of `c` in the first fallback font that has it, in em.
fn fallback_advance_em(c: char) -> Option<f32> {
    static FACES: OnceLock<Vec<ttf_parser::Face<'static>>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        FALLBACK_FONTS
            .iter()
            .filter_map(|(_, bytes)| ttf_parser::Face::parse(bytes, 0).ok())
            .collect()
    });
    faces.iter().find_map(|face| {
        let advance = face.glyph_hor_advance(face.glyph_index(c)?)?;
        Some(f32::from(advance) / f32::from(face.units_per_em()))
    })
}

fn metrics(bold: bool) -> &'static Metrics {
    static REGULAR_METRICS: OnceLock<Metrics> = OnceLock::new();
    static BOLD_METRICS: OnceLock<Metrics> = OnceLock::new();
    if bold {
        BOLD_METRICS.get_or_init(|| Metrics::load(BOLD))
    } else {
        REGULAR_METRICS.get_or_init(|| Metrics::load(REGULAR))
    }
}

/// The width of `text` set in the bundled font, in canvas units. Kerning is ignored, which only
/// ever overestimates (Inter kerns tighter, never wider).
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let m = metrics(bold);
    text.chars().map(|c| m.advance_em(c)).sum::<f32>() * size
}

/// `text` as it fits in `max_width`: whole, or cut at a character and ended with "…".
pub fn fit_width(text: &str, size: f32, bold: bool, max_width: f32) -> String {
    let m = metrics(bold);
    let full = text.chars().map(|c| m.advance_em(c)).sum::<f32>() * size;
    if full <= max_width {
        return text.to_owned();
    }
    let budget = max_width - m.advance_em('…') * size;
    let mut used = 0.0;
    let mut cut = String::new();
    for c in text.chars() {
        used += m.advance_em(c) * size;
        if used > budget {
            break;
        }
        cut.push(c);
    }
    let kept = cut.trim_end().len();
    cut.truncate(kept);
    cut.push('…');
    cut
}

/// How far below a line's vertical middle its baseline sits, so text centred on a point looks
/// centred: the middle of the ascender–descender box lands on the point.
pub fn baseline_below_middle(size: f32, bold: bool) -> f32 {
    let m = metrics(bold);
    (m.ascender_em + m.descender_em) / 2.0 * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_parse_and_measure_real_advances() {
        let narrow = text_width("iiii", 16.0, false);
        let wide = text_width("WWWW", 16.0, false);
        assert!(narrow > 5.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        assert!(text_width("Checkout", 16.0, true) > text_width("Checkout", 16.0, false));
    }

    #[test]
    fn fit_width_keeps_short_text_and_cuts_long_text_within_the_width() {
        assert_eq!(fit_width("Checkout", 16.0, true, 200.0), "Checkout");
        let cut = fit_width("Customer Support Tools and Friends", 16.0, true, 120.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 16.0, true) <= 120.0, "{cut}");
    }

    #[test]
    fn every_fallback_font_parses_and_covers_its_script() {
        for (sample, family) in [
            ('\u{639}', "Noto Sans Arabic"),
            ('\u{5d0}', "Noto Sans Hebrew"),
            ('\u{4e2d}', "Droid Sans Fallback"),
            ('\u{3042}', "Droid Sans Fallback"),
            ('\u{d55c}', "Droid Sans Fallback"),
            ('\u{1f680}', "Noto Emoji"),
        ] {
            let Some((_, bytes)) = FALLBACK_FONTS.iter().find(|(name, _)| *name == family) else {
                panic!("{family} is not bundled");
            };
            let face = ttf_parser::Face::parse(bytes, 0).expect("bundled font parses");
            assert!(
                face.glyph_index(sample).is_some(),
                "{family} lacks {sample}"
            );
        }
    }

    #[test]
    fn characters_beyond_the_cache_are_measured_from_the_font() {
        // U+2260 NOT EQUAL TO is outside the cached range; CJK is not in Inter at all.
        assert!(text_width("\u{2260}", 10.0, false) > 0.0);
        assert!(text_width("\u{6771}", 10.0, false) > 0.0);
    }
}
