//! Arrows: which become dependency or funding links, and which are skipped and why.

use std::collections::{HashMap, HashSet};

use super::Adjustments;
use super::cells::{Cell, Cells, quoted_id};
use super::label::{cut, long_text, plain_text};
use super::nodes::wanted_id;
use crate::export::drawio::marker;
use crate::model::LinkKind;
use crate::model::limits::MAX_TEXT_CHARS;
use crate::text::{format_count, format_percent, parse_percent};

/// An arrow that becomes a link, its ends still cell ids.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LinkDraft {
    pub cell: String,
    /// The id it had in the map, when our export wrote it (`l7`).
    pub wanted_id: Option<u64>,
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
    pub label: String,
}

/// What an arrow's ends may be.
pub(super) struct Ends<'a> {
    pub cells: &'a Cells<'a>,
    /// Every imported box, and whether it is a funding source.
    pub nodes: HashMap<&'a str, bool>,
    /// The text of labels draw.io keeps as boxes inside an arrow, by arrow.
    pub labels: HashMap<String, Vec<String>>,
    /// (from, to, is funding) of every link so far: the editor draws one link of each kind
    /// between two boxes, and so does the import.
    pub seen: HashSet<(String, String, bool)>,
}

/// Reads one arrow, or says why it is not a link.
pub(super) fn read(
    cell: &Cell<'_>,
    ends: &mut Ends<'_>,
    adjust: &mut Adjustments,
) -> Result<LinkDraft, String> {
    let from = end(cell.source, "start", ends)?;
    let to = end(cell.target, "end", ends)?;
    if from == to {
        return Err("an arrow from a shape to itself".to_owned());
    }
    if ends.nodes.get(to) == Some(&true) {
        return Err(format!(
            "ends at funding source {}; links end at teams",
            quoted_id(to)
        ));
    }
    let from_source = ends.nodes.get(from) == Some(&true);
    let marked = cell.style.get(marker::KIND);
    let funding = from_source || marked == Some(marker::FUNDING);
    if !ends.seen.insert((from.to_owned(), to.to_owned(), funding)) {
        return Err("a second arrow of this kind between the same two shapes".to_owned());
    }
    let text = text(cell, ends);
    let (kind, label) = if funding {
        funding_link(cell, marked.is_some(), text, adjust)
    } else {
        (LinkKind::Dependency, text)
    };
    let mut label = long_text(&label);
    if cut(&mut label, MAX_TEXT_CHARS) {
        adjust.note(
            format!("labels cut to {} characters", format_count(MAX_TEXT_CHARS)),
            cell.id,
        );
    }
    Ok(LinkDraft {
        cell: cell.id.to_owned(),
        wanted_id: marked.and_then(|_| wanted_id(cell.id, 'l')),
        from: from.to_owned(),
        to: to.to_owned(),
        kind,
        label,
    })
}

/// The imported box at one end, or why there is none.
fn end<'e>(id: Option<&'e str>, which: &str, ends: &Ends<'_>) -> Result<&'e str, String> {
    let Some(id) = id.filter(|id| !id.is_empty()) else {
        return Err(format!("an arrow not connected to a shape at its {which}"));
    };
    if ends.nodes.contains_key(id) {
        return Ok(id);
    }
    let Some(cell) = ends.cells.get(id) else {
        return Err(format!(
            "its {which} is cell {}, which the diagram does not have",
            quoted_id(id)
        ));
    };
    if super::groups::is_group(cell.style) {
        return Err(format!(
            "its {which} is cell {}, a container; links join teams and funding sources, not groups",
            quoted_id(id)
        ));
    }
    Err(format!(
        "its {which} is cell {}, which was not imported",
        quoted_id(id)
    ))
}

/// The arrow's text: its own label, else the labels draw.io keeps inside it, one per line.
fn text(cell: &Cell<'_>, ends: &Ends<'_>) -> String {
    let own = plain_text(cell.label, cell.style.is_on("html"));
    if !own.trim().is_empty() {
        return own;
    }
    ends.labels
        .get(cell.id)
        .map(|texts| {
            texts
                .iter()
                .map(|text| text.trim())
                .filter(|text| !text.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// A funding link's share and label. Our export writes the share exactly as a marker and
/// `"40 %"` or `"40 % · label"` as the caption; an arrow drawn in draw.io may say its share as
/// its whole label (`"40 %"`), else it takes 0 %.
fn funding_link(
    cell: &Cell<'_>,
    marked: bool,
    text: String,
    adjust: &mut Adjustments,
) -> (LinkKind, String) {
    let share = |percent: f64| LinkKind::Funding {
        allocation_percent: percent,
    };
    let in_range = |percent: &f64| percent.is_finite() && (0.0..=100.0).contains(percent);
    if marked && let Some(value) = cell.style.get(marker::PERCENT) {
        let Some(percent) = value.parse::<f64>().ok().filter(in_range) else {
            adjust.note("unreadable shares taken as 0 %", cell.id);
            return (share(0.0), text);
        };
        let caption = format_percent(percent);
        let label = if text == caption {
            String::new()
        } else if let Some(label) = text.strip_prefix(&format!("{caption} · ")) {
            label.to_owned()
        } else {
            // The caption was edited in draw.io: all of it is the label.
            text
        };
        return (share(percent), label);
    }
    if let Some(percent) = parse_percent(&text).ok().filter(in_range) {
        return (share(percent), String::new());
    }
    adjust.note("funding arrows without a share took 0 %", cell.id);
    (share(0.0), text)
}
