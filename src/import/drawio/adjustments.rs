//! Changes the import made so a value fits the map, gathered for the report.

use super::Report;
use super::cells::quoted_id;
use crate::text::format_count;

/// Changes made so a value fits the map (a name cut, a box resized), one report line per kind of
/// change naming the cells, so a diagram of thousands of oversized boxes gives one line, not thousands.
#[derive(Default)]
pub(super) struct Adjustments {
    kinds: Vec<(String, Vec<String>)>,
}

/// Cells named in one adjustment line before "and N more".
const CELLS_PER_LINE: usize = 5;

impl Adjustments {
    /// `what` happened to cell `cell`: "names cut to 500 characters".
    pub fn note(&mut self, what: impl Into<String>, cell: &str) {
        let what = what.into();
        let cell = quoted_id(cell);
        match self.kinds.iter_mut().find(|(kind, _)| *kind == what) {
            // Both coordinates of one box are one change.
            Some((_, cells)) if cells.last() == Some(&cell) => {}
            Some((_, cells)) => cells.push(cell),
            None => self.kinds.push((what, vec![cell])),
        }
    }

    pub(super) fn write_to(&self, report: &mut Report) {
        for (what, cells) in &self.kinds {
            let mut named = cells
                .iter()
                .take(CELLS_PER_LINE)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if cells.len() > CELLS_PER_LINE {
                named.push_str(&format!(
                    " and {} more",
                    format_count(cells.len() - CELLS_PER_LINE)
                ));
            }
            let noun = if cells.len() == 1 { "cell" } else { "cells" };
            report.guess(format!("{what}: {noun} {named}"));
        }
    }
}
