//! `export --embed-fonts`: the SVG with every label drawn as glyph outlines from the bundled fonts.
//!
//! Outlines rather than an embedded font file: resvg (usvg) already shapes our text with the same
//! fonts the PNG uses (joining Arabic, ordering right-to-left runs, falling back per character)
//! and writes the result as paths, which every SVG viewer draws the same, with no font support
//! at all. A subset font in a base64 `@font-face` would need a subsetter that keeps `cmap` and a
//! viewer that honours web fonts in SVG (several image viewers and slide tools do not).

use resvg::usvg;

use super::ExportError;

/// `svg` with its text replaced by the outlines of the glyphs it uses.
pub(super) fn text_as_outlines(svg: &str) -> Result<String, ExportError> {
    let options = usvg::Options {
        font_family: crate::scene::font::FAMILY.to_owned(),
        fontdb: super::png::fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|error| ExportError::Render(error.to_string()))?;
    Ok(tree.to_string(&usvg::WriteOptions::default()))
}
