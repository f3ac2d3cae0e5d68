//! What an import read, guessed and skipped, in sentences a person reads once.

use std::fmt;

/// One row or cell that was not taken, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Where: "teams.csv, row 7" or "Teams, row 7, column Headcount".
    pub place: String,
    pub why: String,
}

/// The story of one import. `read` says what came in; `guessed` what was inferred rather than
/// read (a column taken as headcount, a model type added to the palette, positions laid out);
/// `skipped` every row or cell left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The file or folder, as the user named it.
    pub origin: String,
    pub read: Vec<String>,
    pub guessed: Vec<String>,
    pub skipped: Vec<Skipped>,
}

impl Report {
    pub fn new(origin: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
            ..Self::default()
        }
    }

    pub fn read(&mut self, line: impl Into<String>) {
        self.read.push(line.into());
    }

    pub fn guess(&mut self, line: impl Into<String>) {
        self.guessed.push(line.into());
    }

    pub fn skip(&mut self, place: impl Into<String>, why: impl Into<String>) {
        self.skipped.push(Skipped {
            place: place.into(),
            why: why.into(),
        });
    }
}

/// The report as plain text: a heading line, then the three parts, the empty ones left out.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Imported {}", self.origin)?;
        for line in &self.read {
            writeln!(f, "  read: {line}")?;
        }
        for line in &self.guessed {
            writeln!(f, "  guessed: {line}")?;
        }
        for skipped in &self.skipped {
            writeln!(f, "  skipped: {}: {}", skipped.place, skipped.why)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_names_every_part_and_leaves_out_empty_ones() {
        let mut report = Report::new("teams.csv");
        report.read("12 teams");
        report.skip("teams.csv, row 7", "no team name");
        assert_eq!(
            report.to_string(),
            "Imported teams.csv\n  read: 12 teams\n  skipped: teams.csv, row 7: no team name\n"
        );
    }
}
