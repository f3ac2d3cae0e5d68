//! Bringing an organisation in from what people already have: a folder of CSV tables or a
//! workbook written by `teamscape export` (lossless), a single sheet of teams as an HR or
//! portfolio export has it, a Kumu blueprint (JSON or its two-sheet workbook) and a draw.io
//! diagram. Every import ends with a [`Report`]: what was read, what was guessed, and every row or
//! cell that was skipped and why. Nothing is dropped silently and nothing here panics on bad
//! input; the same limits as a map file hold (size, counts, text lengths).

pub mod build;
pub mod drawio;
pub mod kumu;
pub mod report;
pub mod sheet;

pub use report::{Report, Skipped};

use std::path::Path;

use crate::file::table::{self, FILES, REQUIRED_FILES, TableError};
use crate::file::workbook::{self, Decoded, WorkbookError};
use crate::model::Document;
use crate::model::limits::MAX_FILE_BYTES;
use crate::text::plural;
use build::Builder;

/// A map brought in from another format, and what happened on the way.
#[derive(Clone, Debug)]
pub struct Imported {
    pub doc: Document,
    pub report: Report,
}

/// Why nothing could be imported. Rows and cells that are merely wrong are skipped and reported
/// instead; this is for a file that cannot be read at all, or a lossless table that is wrong
/// (there a guess would lose data).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Cannot read {origin}: {source}")]
    Read {
        origin: String,
        source: std::io::Error,
    },
    #[error("{origin} is too large: {bytes} bytes, above the limit of {max} bytes")]
    TooLarge {
        origin: String,
        bytes: u64,
        max: u64,
    },
    /// The file is not what its name says (a broken workbook, XML that does not parse, …).
    #[error("Cannot read {origin}: {detail}")]
    Format { origin: String, detail: String },
    /// A cell of a lossless table: `place` is "teams.csv, row 4" or "map.xlsx, sheet Teams, row 4".
    #[error("{place}: {detail}")]
    Cell { place: String, detail: String },
    #[error(transparent)]
    Workbook(#[from] WorkbookError),
    #[error("{origin} holds no teams: {detail}")]
    Nothing { origin: String, detail: String },
    #[error("The imported map is invalid: {problems} ({origin})")]
    Invalid {
        origin: String,
        problems: crate::model::ProblemList,
    },
}

/// The title an imported map takes: its file name without the extension.
fn title_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The formats [`import`] reads, by file extension, for the file dialog.
pub const EXTENSIONS: &[&str] = &[
    "csv", "tsv", "txt", "xlsx", "xlsm", "ods", "json", "drawio", "xml",
];

/// Imports what `path` holds: a folder of the tables `teamscape export -o folder/` writes, a
/// workbook (XLSX, ODS: the same tables, Kumu's two sheets, or a sheet of teams), a CSV of teams,
/// a Kumu blueprint (`.json`) or a draw.io diagram (`.drawio`, `.xml`).
pub fn import(path: &Path) -> Result<Imported, ImportError> {
    let origin = path.display().to_string();
    if path.is_dir() {
        return tables_folder(path, &origin);
    }
    let read_error = |source| ImportError::Read {
        origin: origin.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            origin,
            bytes: size,
            max: MAX_FILE_BYTES,
        });
    }
    // A CSV picked from a folder of exported tables brings the whole folder back.
    if let Some(folder) = path.parent()
        && path
            .file_name()
            .is_some_and(|name| FILES.iter().any(|f| std::ffi::OsStr::new(f) == name))
        && REQUIRED_FILES.iter().all(|f| folder.join(f).is_file())
    {
        return tables_folder(folder, &folder.display().to_string());
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    // Rows and cells are named by the file's name; the report's heading has the whole path.
    let name = path
        .file_name()
        .map_or_else(|| origin.clone(), |n| n.to_string_lossy().into_owned());
    let mut imported = import_bytes(&name, &title_of(path), &bytes)?;
    imported.report.origin = origin;
    Ok(imported)
}

fn tables_folder(folder: &Path, origin: &str) -> Result<Imported, ImportError> {
    let doc = crate::file::table::read(folder).map_err(|e| table_error(origin, e))?;
    Ok(lossless(
        origin,
        doc,
        &format!("the tables {}", FILES.join(", ")),
    ))
}

/// A map read back from its own tables: nothing guessed, nothing skipped.
fn lossless(origin: &str, doc: Document, from: &str) -> Imported {
    let mut report = Report::new(origin);
    report.read(format!(
        "{}, {}, {} from {from}",
        plural(doc.teams.len(), "team", "teams"),
        plural(doc.sources.len(), "funding source", "funding sources"),
        plural(doc.links.len(), "link", "links"),
    ));
    Imported { doc, report }
}

fn table_error(origin: &str, error: TableError) -> ImportError {
    match error {
        TableError::Cell { place, detail } => ImportError::Cell { place, detail },
        TableError::Invalid(problems) => ImportError::Invalid {
            origin: origin.to_owned(),
            problems,
        },
        other => ImportError::Format {
            origin: origin.to_owned(),
            detail: other.to_string(),
        },
    }
}

/// Imports `bytes`, read from `origin`, by its extension; `title` becomes the map's title.
pub fn import_bytes(origin: &str, title: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let extension = Path::new(origin)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" | "ods" | "xls" => workbook(origin, title, bytes),
        "json" => kumu::read_json(origin, title, bytes),
        "drawio" | "xml" => drawio::read(origin, bytes),
        "ron" => Err(ImportError::Format {
            origin: origin.to_owned(),
            detail: "this is already a Teamscape map; open it instead".to_owned(),
        }),
        _ => single_csv(origin, title, bytes),
    }
}

fn workbook(origin: &str, title: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let sheets = workbook::read_workbook(origin, bytes)?;
    if table::is_teamscape_workbook(&sheets) {
        let doc = table::read_workbook(origin, sheets).map_err(|e| table_error(origin, e))?;
        return Ok(lossless(origin, doc, "the sheets of a Teamscape workbook"));
    }
    if kumu::is_kumu_workbook(&sheets) {
        return kumu::read_sheets(origin, title, &sheets);
    }
    // A workbook of teams: the first sheet with a team-name column.
    let mut builder = Builder::new(origin, title);
    let mut first_error = None;
    let mut passed = Vec::new();
    let mut read = None;
    for sheet in &sheets {
        if read.is_some() {
            if sheet
                .rows
                .iter()
                .any(|r| r.iter().any(|c| !c.trim().is_empty()))
            {
                builder.report.skip(
                    format!("{origin}, sheet {}", sheet.name),
                    "not read: only the first sheet of teams is imported",
                );
            }
            continue;
        }
        let place = format!("{origin}, sheet {}", sheet.name);
        match sheet::read_teams(sheet, &place, &mut builder) {
            Ok(_) => {
                read = Some(sheet.name.clone());
                // Sheets before the one read are not lost in silence either.
                for (place, detail) in passed.drain(..) {
                    if detail != "it is empty" {
                        builder.report.skip(place, format!("not read: {detail}"));
                    }
                }
            }
            Err(detail) => {
                first_error.get_or_insert(format!("sheet {}: {detail}", sheet.name));
                passed.push((place, detail));
            }
        }
    }
    if read.is_none() {
        return Err(ImportError::Nothing {
            origin: origin.to_owned(),
            detail: first_error.unwrap_or_else(|| "it has no sheets".to_owned()),
        });
    }
    builder.finish()
}

fn single_csv(origin: &str, title: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let (sheet, decoded) = workbook::read_csv(origin, title, bytes)?;
    let mut builder = Builder::new(origin, title);
    match decoded {
        Decoded::Utf8 => {}
        Decoded::Utf16 => builder
            .report
            .guess("read the text as UTF-16 (it starts with a byte-order mark)"),
        Decoded::Windows1252 => builder
            .report
            .guess("read the text as Windows-1252: it is not UTF-8 (check accented letters)"),
    }
    sheet::read_teams(&sheet, origin, &mut builder).map_err(|detail| ImportError::Nothing {
        origin: origin.to_owned(),
        detail,
    })?;
    builder.finish()
}

#[cfg(test)]
mod tests;
