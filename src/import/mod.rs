//! Bringing an organisation in from what people already have: a folder of CSV tables or a
//! workbook written by `teamscape export` (lossless), a single sheet of teams as an HR or
//! portfolio export has it, a Kumu blueprint (JSON or its two-sheet workbook) and a draw.io
//! diagram. Every import ends with a [`Report`]: what was read, what was guessed, and every row or
//! cell that was skipped and why. Nothing is dropped silently and nothing here panics on bad
//! input; the same limits as a map file hold (size, counts, text lengths).

pub mod drawio;
pub mod report;

pub use report::{Report, Skipped};

use crate::model::Document;

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
    #[error("{origin} holds no teams: {detail}")]
    Nothing { origin: String, detail: String },
    #[error("The imported map is invalid: {problems} ({origin})")]
    Invalid {
        origin: String,
        problems: crate::model::ProblemList,
    },
}
