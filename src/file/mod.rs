//! The RON map file: versioned, validated on load, canonical and atomic on save.

mod atomic;
mod bounded;
pub mod clipboard;
mod comments;
mod format;
mod groups_format;
mod messages;
pub mod recent;
pub mod recovery;
pub mod table;
mod v1;
pub mod workbook;

use std::io::Read as _;
use std::path::{Path, PathBuf};

pub use atomic::write_atomically;
pub use comments::first_comment_line;
pub use format::VERSION;

use crate::model::limits::{MAX_FILE_BYTES, MAX_NESTING};
use crate::model::{Document, ProblemList};
use format::{MapV2, VersionProbe};

/// Why a map could not be loaded. Every variant names where the text came from (`origin`):
/// a file path, or a description such as "pasted text".
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("Cannot read the map: {source} ({origin})")]
    Io {
        origin: String,
        source: std::io::Error,
    },
    #[error("The map is too large: {bytes} bytes, above the limit of {max} bytes ({origin})")]
    TooLarge {
        origin: String,
        bytes: u64,
        max: u64,
    },
    #[error("This is not a text file: invalid UTF-8 at byte {offset} ({origin})")]
    NotText { origin: String, offset: usize },
    #[error("The map is empty ({origin})")]
    Empty { origin: String },
    #[error("Cannot read line {line}, column {column}: {message} ({origin})")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("This is not a Teamscape map: {reason} ({origin})")]
    NotAMap { origin: String, reason: String },
    #[error(
        "This map was written by a newer Teamscape (file format version {version}; this version reads up to {VERSION}). Update Teamscape to open it ({origin})"
    )]
    NewerVersion { origin: String, version: u32 },
    #[error("Unknown file format version {version} ({origin})")]
    UnknownVersion { origin: String, version: u32 },
    #[error("The map is invalid: {problems} ({origin})")]
    Invalid {
        origin: String,
        problems: ProblemList,
    },
}

/// Why a map could not be saved. The previous file on disk is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("Cannot save the map: {source} ({})", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Cannot save the map: it is invalid: {problems} ({})", path.display())]
    Invalid {
        path: PathBuf,
        problems: ProblemList,
    },
}

/// Reads and validates the map at `path`. Never half-loads: a document comes back whole or not at all.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let origin = path.display().to_string();
    let io = |source| LoadError::Io {
        origin: origin.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes_on_disk = file.metadata().map_err(io)?.len();
    if bytes_on_disk > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            bytes: bytes_on_disk,
            max: MAX_FILE_BYTES,
        });
    }
    // The file may grow between the size check and the read; never read past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(bytes_on_disk).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    parse_bytes(&bytes, &origin)
}

/// A text file of at most the size a map may have (a table of a map, say), as UTF-8.
pub(crate) fn read_bounded(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "the file is larger than {} MB",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|_| std::io::Error::other("the file is not UTF-8 text"))
}

/// Parses and validates map text from anywhere (a file, the clipboard). `origin` names it in errors.
pub fn parse_bytes(bytes: &[u8], origin: &str) -> Result<Document, LoadError> {
    let origin = origin.to_owned();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            bytes: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            return Err(LoadError::NotText {
                origin,
                offset: error.valid_up_to(),
            });
        }
    };
    parse(text, &origin)
}

/// Parses and validates map text. `origin` names the text in errors.
pub fn parse(text: &str, origin: &str) -> Result<Document, LoadError> {
    let origin = origin.to_owned();
    // Pasted text and recovery files come here without passing `parse_bytes`.
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            bytes: text.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty { origin });
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);

    // One pass for the usual case, a current map. The version is read on its own only when that
    // fails, so a newer map is refused as newer rather than for what this version does not know,
    // and an older map is read by its own version's reader.
    let map = match options.from_str::<MapV2>(text) {
        Ok(map) if map.version == VERSION => map,
        Ok(map) => read_older(&options, map.version, text, &origin)?,
        Err(error) => {
            let version = read_version(&options, text, &origin)?;
            if version < VERSION {
                read_older(&options, version, text, &origin)?
            } else {
                check_version(version, &origin)?;
                return Err(syntax_error(&error, text, origin));
            }
        }
    };
    let doc = map.into_document().map_err(|problem| LoadError::Invalid {
        origin: origin.clone(),
        problems: ProblemList(vec![problem]),
    })?;
    doc.validate()
        .and_then(|()| check_conflicts(&doc))
        .map_err(|problems| LoadError::Invalid { origin, problems })?;
    Ok(doc)
}

/// Every merge conflict must say what "keep theirs" would do; the model alone cannot read that.
fn check_conflicts(doc: &Document) -> Result<(), ProblemList> {
    let problems: Vec<_> = doc
        .conflicts
        .iter()
        .filter_map(|c| {
            crate::edit::check_conflict(doc, c)
                .err()
                .map(|detail| c.problem(detail))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ProblemList(problems))
    }
}

/// A map of an older version, read by that version's reader and migrated to the current one.
fn read_older(
    options: &ron::Options,
    version: u32,
    text: &str,
    origin: &str,
) -> Result<MapV2, LoadError> {
    match version {
        v1::VERSION => options
            .from_str::<v1::MapV1>(text)
            .map(v1::MapV1::migrate)
            .map_err(|error| syntax_error(&error, text, origin.to_owned())),
        other => Err(version_error(other, origin)),
    }
}

/// The file format version `text` says it is written in, when it reads as a map's envelope at
/// all: what `teamscape fmt` reports when it migrates a file.
pub fn file_version(text: &str) -> Option<u32> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    options
        .from_str::<VersionProbe>(text)
        .ok()
        .map(|probe| probe.version)
}

/// The `version` field alone, whatever else the map holds; every other field is only skipped.
fn read_version(options: &ron::Options, text: &str, origin: &str) -> Result<u32, LoadError> {
    match options.from_str::<VersionProbe>(text) {
        Ok(probe) => Ok(probe.version),
        Err(error) => Err(explain_unreadable(options, text, &error, origin.to_owned())),
    }
}

/// Refuses a version this Teamscape cannot read: a newer one, or one that never existed.
fn check_version(version: u32, origin: &str) -> Result<(), LoadError> {
    match version {
        v1::VERSION | VERSION => Ok(()),
        other => Err(version_error(other, origin)),
    }
}

fn version_error(version: u32, origin: &str) -> LoadError {
    if version > VERSION {
        LoadError::NewerVersion {
            origin: origin.to_owned(),
            version,
        }
    } else {
        LoadError::UnknownVersion {
            origin: origin.to_owned(),
            version,
        }
    }
}

/// The version probe failed: tell a syntax error apart from well-formed RON that is no map.
fn explain_unreadable(
    options: &ron::Options,
    text: &str,
    probe_error: &ron::error::SpannedError,
    origin: String,
) -> LoadError {
    if let Err(syntax) = options.from_str::<serde::de::IgnoredAny>(text) {
        return syntax_error(&syntax, text, origin);
    }
    let reason = match &probe_error.code {
        ron::Error::MissingStructField { field, .. } if *field == "version" => {
            "it has no version field; a map starts with (version: 2, …)".to_owned()
        }
        ron::Error::ExpectedInteger
        | ron::Error::IntegerOutOfBounds
        | ron::Error::ExpectedComma
        | ron::Error::InvalidValueForType { .. }
            if version_is_not_whole(text) =>
        {
            "the version must be a whole number, as in (version: 2, …)".to_owned()
        }
        other => format!(
            "expected a map starting with (version: 2, …) but found something else ({})",
            messages::plain(
                other,
                text,
                probe_error.span.start.line,
                probe_error.span.start.col
            )
        ),
    };
    LoadError::NotAMap { origin, reason }
}

/// Whether the text's `version:` is followed by something other than digits and a separator.
fn version_is_not_whole(text: &str) -> bool {
    let Some(at) = text.find("version") else {
        return false;
    };
    let after = text[at + "version".len()..].trim_start();
    let Some(value) = after.strip_prefix(':') else {
        return false;
    };
    let value = value.trim_start();
    let digits = value.chars().take_while(char::is_ascii_digit).count();
    !matches!(value[digits..].trim_start().chars().next(), Some(',' | ')'))
}

fn syntax_error(error: &ron::error::SpannedError, text: &str, origin: String) -> LoadError {
    let message = messages::plain(
        &error.code,
        text,
        error.span.start.line,
        error.span.start.col,
    );
    LoadError::Syntax {
        origin,
        line: error.span.start.line,
        column: error.span.start.col,
        message,
    }
}

/// The canonical text of a document: the same document always gives the same bytes.
pub fn to_string(doc: &Document) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ")
        .new_line("\n");
    let map = MapV2::from_document(doc);
    let mut text = match ron::ser::to_string_pretty(&map, config) {
        Ok(text) => text,
        // Our format types are plain structs, strings and numbers: encoding them cannot fail.
        Err(error) => unreachable!("encoding a map as RON failed: {error}"),
    };
    text.push('\n');
    text
}

/// Validates `doc` and writes it to `path` atomically: either the old file or the new one, never a mix.
pub fn save(doc: &Document, path: &Path) -> Result<(), SaveError> {
    doc.validate().map_err(|problems| SaveError::Invalid {
        path: path.to_owned(),
        problems,
    })?;
    write_atomically(path, to_string(doc).as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests;
