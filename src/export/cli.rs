//! `teamscape export FILE -o OUT.png|OUT.svg|OUT.drawio|OUT.mmd|OUT.dot|OUT.canvas|OUT.xlsx`: a
//! picture of a map, a file that draw.io, Mermaid, Graphviz or Obsidian draws, or a workbook of
//! its tables, without a window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{EXTENSIONS, ExportOptions, Format, MAX_SCALE, MIN_SCALE};
use crate::cli::{say, warn};
use crate::file;
use crate::scene::Theme;

/// Exit codes, as for `check` and `fmt`: 2 when the map cannot be loaded.
const EXIT_FAILED: u8 = 1;
const EXIT_UNLOADABLE: u8 = 2;

/// Arguments of `teamscape export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The map to export.
    pub file: PathBuf,
    /// Where to write it; the extension picks the format: .png or .svg for a picture, .drawio for
    /// draw.io, .mmd for a Mermaid flowchart, .dot for Graphviz, .canvas for JSON Canvas (Obsidian),
    /// .xlsx for a workbook of the map's tables; a name ending in / is a folder of CSV tables.
    #[arg(short, long, value_name = "OUT.png|OUT.svg|OUT.drawio|OUT.mmd|OUT.dot|OUT.canvas|OUT.xlsx|folder/", value_parser = parse_output)]
    pub output: PathBuf,
    /// PNG pixels per canvas unit, from 1 to 4 (SVG always scales without loss).
    #[arg(long, default_value_t = 2.0, value_parser = parse_scale)]
    pub scale: f32,
    /// The colours: the canvas's light or dark theme (model type colours stay the same).
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// Leave the background out (the map sits on the slide's own background).
    #[arg(long)]
    pub transparent: bool,
    /// Leave the map's title out.
    #[arg(long)]
    pub no_title: bool,
    /// Leave the legend out.
    #[arg(long)]
    pub no_legend: bool,
    /// SVG only: draw every label as glyph outlines from the bundled fonts, so the picture looks
    /// the same in any viewer (the text can then no longer be selected or searched).
    #[arg(long)]
    pub embed_fonts: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

/// A folder for CSV tables: written as `folder/`, or one that exists.
fn is_folder(text: &str, path: &Path) -> bool {
    text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) || path.is_dir()
}

fn parse_output(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    if Format::from_path(&path).is_some() || is_folder(text, &path) {
        Ok(path)
    } else {
        Err(format!(
            "the output's name must end in {EXTENSIONS}, or in / for a folder of CSV tables"
        ))
    }
}

fn parse_scale(text: &str) -> Result<f32, String> {
    let scale: f32 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (MIN_SCALE..=MAX_SCALE).contains(&scale) {
        Ok(scale)
    } else {
        Err(format!("the scale must be from {MIN_SCALE} to {MAX_SCALE}"))
    }
}

/// Runs `teamscape export`.
pub fn run(args: &ExportArgs) -> ExitCode {
    let output_text = args.output.to_string_lossy();
    if Format::from_path(&args.output).is_none() && is_folder(&output_text, &args.output) {
        return tables(args);
    }
    let Some(format) = Format::from_path(&args.output) else {
        warn(&format!(
            "error: the output's name must end in {EXTENSIONS} ({})",
            args.output.display()
        ));
        return ExitCode::from(EXIT_FAILED);
    };
    let doc = match file::load(&args.file) {
        Ok(doc) => doc,
        Err(error) => {
            warn(&format!("error: {error}"));
            return ExitCode::from(EXIT_UNLOADABLE);
        }
    };
    let options = ExportOptions {
        theme: match args.theme {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        },
        scale: args.scale,
        transparent: args.transparent,
        selection: None,
        title: !args.no_title,
        legend: !args.no_legend,
    };
    match super::write_with_fonts(&doc, &options, format, &args.output, args.embed_fonts) {
        Ok(()) => {
            say(&format!(
                "wrote {}\n",
                describe(&doc, &options, format, &args.output)
            ));
            ExitCode::SUCCESS
        }
        Err(error) => {
            warn(&format!("error: {error}"));
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// "out.png (2480 × 1320 pixels)" or "out.svg".
fn describe(
    doc: &crate::model::Document,
    options: &ExportOptions,
    format: Format,
    path: &Path,
) -> String {
    match (format, super::png_size(doc, options)) {
        (Format::Png, Ok((width, height))) => {
            format!("{} ({width} × {height} pixels)", path.display())
        }
        _ => path.display().to_string(),
    }
}

/// `teamscape export MAP -o folder/`: the map as CSV tables, read back by `teamscape import`.
fn tables(args: &ExportArgs) -> ExitCode {
    let doc = match file::load(&args.file) {
        Ok(doc) => doc,
        Err(error) => {
            warn(&format!("error: {error}"));
            return ExitCode::from(EXIT_UNLOADABLE);
        }
    };
    match file::table::write(&doc, &args.output) {
        Ok(()) => {
            say(&format!(
                "wrote {} in {}\n",
                file::table::FILES.join(", "),
                args.output.display()
            ));
            ExitCode::SUCCESS
        }
        Err(error) => {
            warn(&format!("error: {error}"));
            ExitCode::from(EXIT_FAILED)
        }
    }
}
