//! Pictures of a map for slides and wikis: SVG written from the scene, PNG rasterised from that SVG.
//!
//! Everything here is pure and thread-safe: the app runs it on a worker thread, the command line
//! and the benchmarks call it directly.

mod bands;
pub mod cli;
pub(crate) mod drawio;
mod graph_text;
mod group_frames;
mod json_canvas;
mod outlines;
mod png;
mod svg;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::model::{Document, Id};
use crate::scene::{self, Scene, SceneOptions, Theme};

pub use png::{MAX_PIXELS, MAX_SIDE_PX};

/// Smallest and largest PNG scale: 1 canvas unit becomes this many pixels.
pub const MIN_SCALE: f32 = 1.0;
pub const MAX_SCALE: f32 = 4.0;
/// Space around the drawing, in canvas units.
pub const MARGIN: f32 = 40.0;

/// How to draw an export. `Default` is the whole map, light theme, solid background, 2×, with
/// title and legend.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub theme: Theme,
    /// Pixels per canvas unit for PNG, from [`MIN_SCALE`] to [`MAX_SCALE`]. SVG is always written
    /// at 1× (it scales without loss).
    pub scale: f32,
    /// Leave the background out, so the map sits on whatever slide it is pasted onto.
    pub transparent: bool,
    /// Only these teams and funding sources, and the links between them. `None` is the whole map.
    pub selection: Option<BTreeSet<Id>>,
    pub title: bool,
    pub legend: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            scale: 2.0,
            transparent: false,
            selection: None,
            title: true,
            legend: true,
        }
    }
}

/// Why an export failed. Nothing is written when it does.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("Nothing to export: the map has no teams or funding sources")]
    EmptyMap,
    #[error("Nothing to export: the selection holds no teams or funding sources")]
    EmptySelection,
    #[error("The scale must be from {MIN_SCALE} to {MAX_SCALE}, not {0}")]
    Scale(f32),
    #[error(
        "The picture would be {width} × {height} pixels, above the limit of {MAX_SIDE_PX} pixels a side and {MAX_PIXELS} in all; export at a smaller scale or as SVG"
    )]
    TooLarge { width: u64, height: u64 },
    #[error("Cannot draw the picture: {0}")]
    Render(String),
    #[error("Cannot encode the PNG: {0}")]
    Encode(String),
    #[error("Cannot write the tables: {0}")]
    Tables(String),
    #[error("The export was cancelled")]
    Cancelled,
}

pub use drawio::drawio;
pub use graph_text::{dot, mermaid};
pub use json_canvas::json_canvas;

/// The file formats an export can be written in: pictures, and text that other tools draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    /// A Mermaid flowchart (`.mmd`), for Markdown and wikis.
    Mermaid,
    /// Graphviz DOT (`.dot`).
    Dot,
    /// JSON Canvas 1.0 (`.canvas`), what Obsidian opens.
    JsonCanvas,
    /// A draw.io diagram (`.drawio`).
    DrawIo,
    /// An XLSX workbook with a sheet per table (`.xlsx`), read back by `teamscape import`.
    Xlsx,
}

/// What a file name may end in, for messages: every format's extension.
pub const EXTENSIONS: &str = ".png, .svg, .drawio, .mmd, .dot, .canvas or .xlsx";

impl Format {
    /// Every format, in the order the Export window lists them.
    pub const ALL: [Self; 7] = [
        Self::Png,
        Self::Svg,
        Self::DrawIo,
        Self::Mermaid,
        Self::Dot,
        Self::JsonCanvas,
        Self::Xlsx,
    ];

    /// The format a path's extension names (`.png`, `.svg`, `.mmd`, `.dot`, `.canvas`, any case),
    /// if any.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(Self::Png),
            "svg" => Some(Self::Svg),
            "mmd" | "mermaid" => Some(Self::Mermaid),
            "dot" | "gv" => Some(Self::Dot),
            "canvas" => Some(Self::JsonCanvas),
            "drawio" => Some(Self::DrawIo),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Mermaid => "mmd",
            Self::Dot => "dot",
            Self::JsonCanvas => "canvas",
            Self::DrawIo => "drawio",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Svg => "SVG",
            Self::Mermaid => "Mermaid",
            Self::Dot => "DOT",
            Self::JsonCanvas => "JSON Canvas",
            Self::DrawIo => "draw.io",
            Self::Xlsx => "XLSX",
        }
    }

    /// A picture (theme, background and title apply) rather than text another tool lays out.
    pub fn is_picture(self) -> bool {
        matches!(self, Self::Png | Self::Svg)
    }
}

/// The whole map, or the part of it the selection of `options` names.
fn in_scope<'a>(doc: &'a Document, options: &ExportOptions) -> std::borrow::Cow<'a, Document> {
    match &options.selection {
        Some(ids) => std::borrow::Cow::Owned(selected(doc, ids)),
        None => std::borrow::Cow::Borrowed(doc),
    }
}

/// The map (or the selection of `options`) as Mermaid, DOT, JSON Canvas or draw.io text; `None`
/// for the picture formats.
pub fn graph_text(doc: &Document, options: &ExportOptions, format: Format) -> Option<String> {
    let doc = &*in_scope(doc, options);
    match format {
        Format::Mermaid => Some(mermaid(doc)),
        Format::Dot => Some(dot(doc)),
        Format::JsonCanvas => Some(json_canvas(doc)),
        Format::DrawIo => Some(drawio(doc)),
        Format::Png | Format::Svg | Format::Xlsx => None,
    }
}

/// The map (or the selection of `options`) as an XLSX workbook of its tables, as
/// [`crate::file::table`] writes them; `teamscape import` reads it back without loss.
pub fn xlsx(doc: &Document, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let doc = &*in_scope(doc, options);
    if doc.teams.is_empty() && doc.sources.is_empty() {
        return Err(ExportError::EmptyMap);
    }
    let sheets = crate::file::table::sheets(doc).map_err(|e| ExportError::Tables(e.to_string()))?;
    crate::file::workbook::xlsx_bytes(&sheets).map_err(|e| ExportError::Tables(e.to_string()))
}

/// The map as an SVG document: text stays text, in the bundled font's family.
pub fn svg(doc: &Document, options: &ExportOptions) -> Result<String, ExportError> {
    let (scene, area) = prepare(doc, options)?;
    Ok(svg::write(&scene, area, options))
}

/// [`svg`] with every label drawn as glyph outlines from the bundled fonts, so the picture looks
/// the same in a viewer that has none of them (`teamscape export --embed-fonts`).
pub fn svg_with_embedded_glyphs(
    doc: &Document,
    options: &ExportOptions,
) -> Result<String, ExportError> {
    outlines::text_as_outlines(&svg(doc, options)?)
}

/// The map as PNG bytes at `options.scale`, rasterised from [`svg`] with the bundled font only.
pub fn png(doc: &Document, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    png_with_progress(doc, options, &mut |_| true)
}

/// [`png`] for a progress bar with a Cancel button: `progress` gets the share done (0 to 1) each
/// time a band of rows is encoded, on the calling thread, and stops the export with
/// [`ExportError::Cancelled`] by returning `false`.
pub fn png_with_progress(
    doc: &Document,
    options: &ExportOptions,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Vec<u8>, ExportError> {
    check_scale(options.scale)?;
    let (scene, area) = prepare(doc, options)?;
    png::check_size(area, options.scale)?;
    // The rasteriser paints the background itself, so it covers every pixel, including the last
    // row and column when the area is not a whole number of pixels.
    let svg_options = ExportOptions {
        transparent: true,
        selection: None,
        ..options.clone()
    };
    // Two documents, each half of the items in paint order, so both cores parse and lay out text.
    let title = svg::title_of(&scene);
    let (first, second) = scene.items.split_at(scene.items.len() / 2);
    let parts = [first, second].map(|items| svg::write_items(items, &title, area, &svg_options));
    png::render(&parts, area, options, progress)
}

/// Writes `doc` to `path` in `format`, atomically: a failed export leaves no file behind.
pub fn write(
    doc: &Document,
    options: &ExportOptions,
    format: Format,
    path: &Path,
) -> Result<(), WriteError> {
    write_with_fonts(doc, options, format, path, false)
}

/// [`write`], with an SVG's labels drawn as glyph outlines when `embed_fonts` is set.
pub fn write_with_fonts(
    doc: &Document,
    options: &ExportOptions,
    format: Format,
    path: &Path,
    embed_fonts: bool,
) -> Result<(), WriteError> {
    let bytes = match format {
        Format::Png => png(doc, options)?,
        Format::Svg if embed_fonts => svg_with_embedded_glyphs(doc, options)?.into_bytes(),
        Format::Svg => svg(doc, options)?.into_bytes(),
        Format::Xlsx => xlsx(doc, options)?,
        Format::Mermaid | Format::Dot | Format::JsonCanvas | Format::DrawIo => {
            if doc.teams.is_empty() && doc.sources.is_empty() {
                return Err(ExportError::EmptyMap.into());
            }
            graph_text(doc, options, format)
                .unwrap_or_default()
                .into_bytes()
        }
    };
    crate::file::write_atomically(path, &bytes).map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Why [`write`] failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("Cannot write the picture: {source} ({})", path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// The pixel size a PNG export would have, for showing in a dialog before exporting.
pub fn png_size(doc: &Document, options: &ExportOptions) -> Result<(u32, u32), ExportError> {
    check_scale(options.scale)?;
    let (_, area) = prepare(doc, options)?;
    png::size_px(area, options.scale)
}

fn check_scale(scale: f32) -> Result<(), ExportError> {
    if (MIN_SCALE..=MAX_SCALE).contains(&scale) {
        Ok(())
    } else {
        Err(ExportError::Scale(scale))
    }
}

/// The scene to draw and the canvas area the picture shows (the scene's bounds plus a margin).
fn prepare(
    doc: &Document,
    options: &ExportOptions,
) -> Result<(Scene, crate::model::Rect), ExportError> {
    let scene_options = SceneOptions {
        theme: options.theme,
        legend: options.legend,
        title: options.title,
        text_scale: 1.0,
    };
    let scene = match &options.selection {
        None => scene::build(doc, scene_options),
        Some(ids) => scene::build(&selected(doc, ids), scene_options),
    };
    let Some(bounds) = scene.bounds else {
        return Err(if options.selection.is_some() {
            ExportError::EmptySelection
        } else {
            ExportError::EmptyMap
        });
    };
    Ok((scene, bounds.expand(MARGIN)))
}

/// The part of `doc` a selection shows: the selected teams and funding sources (a selected
/// group stands for everything in it), every link between two of them (selected or not, since a
/// link alone cannot be drawn), and each group round them, holding only them, nested as it was.
pub fn selected(doc: &Document, ids: &BTreeSet<Id>) -> Document {
    let mut nodes = ids.clone();
    for id in ids {
        if doc.groups.contains_key(id) {
            nodes.extend(doc.group_all_members(*id));
        }
    }
    let mut part = Document {
        title: doc.title.clone(),
        palette: doc.palette.clone(),
        ..Document::default()
    };
    part.teams = kept(&doc.teams, &nodes);
    part.sources = kept(&doc.sources, &nodes);
    // A group's parent holds all it holds, so a kept group's parent is kept too.
    part.groups = doc
        .groups
        .iter()
        .filter(|(id, _)| {
            doc.group_all_members(**id)
                .iter()
                .any(|m| part.node_kind(*m).is_some())
        })
        .map(|(id, group)| {
            let mut group = group.clone();
            group.members.retain(|m| part.node_kind(*m).is_some());
            (*id, group)
        })
        .collect();
    part.links = doc
        .links
        .iter()
        .filter(|(_, link)| {
            part.node_kind(link.from).is_some() && part.node_kind(link.to).is_some()
        })
        .map(|(id, link)| (*id, link.clone()))
        .collect();
    part
}

fn kept<T: Clone>(items: &BTreeMap<Id, T>, ids: &BTreeSet<Id>) -> BTreeMap<Id, T> {
    items
        .iter()
        .filter(|(id, _)| ids.contains(id))
        .map(|(id, item)| (*id, item.clone()))
        .collect()
}

#[cfg(test)]
mod tests;
