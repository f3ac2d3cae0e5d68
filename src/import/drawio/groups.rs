//! Containers as groups: the group containers of our export come back exactly (name, kind,
//! colour, notes, collapse, nesting, members), and a swimlane or container drawn in draw.io
//! becomes a group of the shapes drawn inside it. Nesting and membership come from the cells'
//! parents: a box belongs to the nearest container above it.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;

use super::cells::{Cell, Cells, MAX_DEPTH, Style};
use super::label::{cut, first_line_and_rest, long_text, one_line, plain_text};
use super::nodes::wanted_id;
use super::{Adjustments, cell_place};
use crate::export::drawio::marker;
use crate::import::Report;
use crate::model::limits::{MAX_GROUP_DEPTH, MAX_GROUPS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{Color, Document, Group, GroupKind, Id};
use crate::scene::groups::group_color;
use crate::text::{format_count, plural};

/// A container that becomes a group, before it has an id, a parent and members.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct GroupDraft {
    pub cell: String,
    /// The id it had in the map, when our export wrote it (`g12`).
    pub wanted_id: Option<u64>,
    pub group: Group,
    /// Drawn in draw.io and its label names no kind: it took the first built-in kind.
    pub guessed_kind: bool,
}

/// Whether the box is a container that holds a group: ours, or a swimlane or container drawn in
/// draw.io. A table is a container too, but its rows and cells are not teams in a group.
pub(super) fn is_group(style: Style<'_>) -> bool {
    if style.get(marker::KIND) == Some(marker::GROUP) {
        return true;
    }
    let table = style.shape_is("table") || style.shape_is("tableRow");
    !table && (style.shape_is("swimlane") || style.is_on("container"))
}

/// The group a container holds; `Err` says why it holds none (the shapes inside are still read).
pub(super) fn read(cell: &Cell<'_>, adjust: &mut Adjustments) -> Result<GroupDraft, String> {
    let style = cell.style;
    let exact = style.get(marker::KIND) == Some(marker::GROUP);
    let (first, rest) = first_line_and_rest(&plain_text(cell.label, style.is_on("html")), exact);
    let mut name = one_line(&first);
    if name.trim().is_empty() {
        return Err(
            "a container without a name; the shapes inside are read without a group".to_owned(),
        );
    }
    if cut(&mut name, MAX_NAME_CHARS) {
        adjust.note(
            format!("names cut to {} characters", format_count(MAX_NAME_CHARS)),
            cell.id,
        );
    }
    let (kind, guessed_kind) = if exact {
        (marked_kind(style), false)
    } else {
        // A label like ours, "Retail" then "Value stream", names the kind on its second line.
        let named = rest.lines().next().and_then(built_in_kind);
        (
            named.clone().unwrap_or(GroupKind::BusinessUnit),
            named.is_none(),
        )
    };
    let mut group = Group::new(name, kind);
    group.color = color(style, &group.kind, exact);
    group.collapsed = exact && style.is_on(marker::COLLAPSED);
    group.notes = long_text(&cell.tooltip.replace("\r\n", "\n"));
    if cut(&mut group.notes, MAX_TEXT_CHARS) {
        adjust.note(
            format!("notes cut to {} characters", format_count(MAX_TEXT_CHARS)),
            cell.id,
        );
    }
    Ok(GroupDraft {
        cell: cell.id.to_owned(),
        wanted_id: exact.then(|| wanted_id(cell.id, 'g')).flatten(),
        group,
        guessed_kind,
    })
}

fn built_in_kind(label: &str) -> Option<GroupKind> {
    GroupKind::BUILT_IN
        .into_iter()
        .find(|kind| kind.label().eq_ignore_ascii_case(label.trim()))
}

/// The kind our export marked; a user's own kind without a usable label is taken as "Group".
fn marked_kind(style: Style<'_>) -> GroupKind {
    let key = style.get(marker::GROUP_KIND).unwrap_or_default();
    if let Some(kind) = GroupKind::BUILT_IN.into_iter().find(|k| k.key() == key) {
        return kind;
    }
    let mut label = style
        .get(marker::GROUP_KIND_LABEL)
        .and_then(|value| percent_decode_str(value).decode_utf8().ok())
        .map(|label| one_line(&label))
        .unwrap_or_default();
    cut(&mut label, MAX_NAME_CHARS);
    if label.trim().is_empty() {
        label = "Group".to_owned();
    }
    GroupKind::Other(label)
}

/// The group's own colour: the stroke, or the fill when the stroke is not a colour. In our
/// export a stroke in the kind's colour means the group has none of its own, unless marked.
fn color(style: Style<'_>, kind: &GroupKind, exact: bool) -> Option<Color> {
    let parse = |key: &str| style.get(key).and_then(|value| value.parse::<Color>().ok());
    let color = parse("strokeColor").or_else(|| parse("fillColor"))?;
    let tint = group_color(None, kind);
    let kinds = Color::rgb(tint.r, tint.g, tint.b);
    if exact && color == kinds && !style.is_on(marker::OWN_COLOR) {
        return None;
    }
    Some(color)
}

/// Puts the groups into `doc` under `ids`, nested as their containers are, each listing the
/// teams and funding sources (`nodes`: cell and id) whose nearest container it is. A container
/// nested deeper than a map allows, or past the most groups a map may hold, is left out and
/// reported; what it holds goes to the group around it.
pub(super) fn insert(
    doc: &mut Document,
    cells: &Cells<'_>,
    drafts: &[GroupDraft],
    ids: &[Id],
    nodes: &[(&str, Id)],
    report: &mut Report,
) {
    let by_cell: HashMap<&str, usize> = drafts
        .iter()
        .enumerate()
        .map(|(at, draft)| (draft.cell.as_str(), at))
        .collect();
    // Each container's group containers from the nearest outwards, and whether it is kept.
    let mut kept = vec![false; drafts.len()];
    for (at, draft) in drafts.iter().enumerate() {
        let depth = containers_above(cells, &draft.cell, &by_cell).count() + 1;
        let place = cell_place(&report.origin, &draft.cell);
        if depth > MAX_GROUP_DEPTH {
            report.skip(
                place,
                format!(
                    "a container nested more than {MAX_GROUP_DEPTH} deep, deeper than groups may nest; what it holds is in the group around it"
                ),
            );
        } else if at >= MAX_GROUPS {
            report.skip(
                place,
                format!(
                    "a container past the {} groups a map may hold; what it holds is in the group around it",
                    format_count(MAX_GROUPS)
                ),
            );
        } else {
            kept[at] = true;
        }
    }
    let nearest_kept = |cell: &str| {
        containers_above(cells, cell, &by_cell)
            .find(|&at| kept[at])
            .map(|at| ids[at])
    };
    let mut guessed = 0;
    for (at, draft) in drafts.iter().enumerate().filter(|(at, _)| kept[*at]) {
        let mut group = draft.group.clone();
        group.parent = nearest_kept(&draft.cell);
        guessed += usize::from(draft.guessed_kind);
        doc.groups.insert(ids[at], group);
    }
    for &(cell, node) in nodes {
        if let Some(group) = nearest_kept(cell).and_then(|id| doc.groups.get_mut(&id)) {
            group.add_member(node);
        }
    }
    if guessed > 0 {
        report.guess(format!(
            "{} drawn in draw.io became groups of kind {} (their labels name no kind)",
            plural(guessed, "container", "containers"),
            GroupKind::BusinessUnit.label()
        ));
    }
}

/// The group containers above `cell`, nearest first, as indexes into the drafts. The parents were
/// checked for circles ([`Cells::check_parents`]); the walk stops at [`MAX_DEPTH`] all the same.
fn containers_above<'c>(
    cells: &'c Cells<'_>,
    cell: &str,
    by_cell: &'c HashMap<&str, usize>,
) -> impl Iterator<Item = usize> + 'c {
    let mut next = cells.get(cell).and_then(|cell| cell.parent);
    std::iter::from_fn(move || {
        let parent = cells.get(next?)?;
        next = parent.parent;
        Some(parent.id)
    })
    .take(MAX_DEPTH)
    .filter_map(|id| by_cell.get(id).copied())
}

#[cfg(test)]
mod tests;
