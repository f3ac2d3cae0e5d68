//! Boxes: which become teams or funding sources, with what name, notes, type, size and position,
//! and which are skipped and why.

use std::collections::HashSet;

use percent_encoding::percent_decode_str;

use super::Adjustments;
use super::cells::{Cell, Cells, coordinate, number};
use super::label::{cut, first_line_and_rest, long_text, one_line, plain_text};
use super::team_topologies::{self, TeamShape};
use crate::export::drawio::marker;
use crate::model::limits::{
    MAX_BUDGET, MAX_COORDINATE, MAX_CURRENCY_CHARS, MAX_HEADCOUNT, MAX_NAME_CHARS, MAX_TEAM_SIDE,
    MAX_TEXT_CHARS, MIN_TEAM_SIDE,
};
use crate::model::{Budget, Color, Horizon, Point, Size, Team};
use crate::text::format_count;

/// How a team's model type is decided.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum TypeChoice {
    /// Our export named it; the fill colour is for a type the palette does not have yet.
    Named {
        name: String,
        fill: Option<Color>,
    },
    TeamTopologies(&'static TeamShape),
    /// Nothing says: the default type.
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum NodeKind {
    Team {
        model_type: TypeChoice,
        headcount: u32,
        horizon: Option<Horizon>,
        notes: String,
        size: Size,
    },
    Source {
        budget: Option<Budget>,
    },
}

/// A box that becomes a team or funding source, before it has an id.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct NodeDraft {
    pub cell: String,
    /// The id it had in the map, when our export wrote it (`t12`, `s3`).
    pub wanted_id: Option<u64>,
    pub name: String,
    /// `None` without a geometry: the layout places it.
    pub position: Option<Point>,
    pub kind: NodeKind,
}

/// What became of one box.
pub(super) enum Vertex {
    Node(NodeDraft),
    /// The text of an arrow's label, which draw.io keeps as a box inside the arrow.
    EdgeLabel {
        edge: String,
        text: String,
    },
    Skipped(String),
}

/// Reads one box. `containers` are the boxes that hold other boxes.
pub(super) fn read(
    cells: &Cells<'_>,
    cell: &Cell<'_>,
    containers: &HashSet<&str>,
    adjust: &mut Adjustments,
) -> Vertex {
    let style = cell.style;
    let html = style.is_on("html");
    if let Some(edge) = cell.parent.filter(|parent| cells.is_edge(parent)) {
        return Vertex::EdgeLabel {
            edge: edge.to_owned(),
            text: plain_text(cell.label, html),
        };
    }
    if let Some(why) = not_a_node(cell, containers) {
        return Vertex::Skipped(why);
    }
    let marked = style.get(marker::KIND);
    let is_source = marked == Some(marker::SOURCE);
    let exact = is_source || marked == Some(marker::TEAM);
    let (first, rest) = first_line_and_rest(&plain_text(cell.label, html), exact);
    let mut name = one_line(&first);
    if name.trim().is_empty() && !exact {
        return Vertex::Skipped("a shape without text".to_owned());
    }
    if cut(&mut name, MAX_NAME_CHARS) {
        adjust.note(
            format!("names cut to {} characters", format_count(MAX_NAME_CHARS)),
            cell.id,
        );
    }
    let wanted_id = exact
        .then(|| wanted_id(cell.id, if is_source { 's' } else { 't' }))
        .flatten();
    let position = position(cells, cell, adjust);
    let kind = if is_source {
        NodeKind::Source {
            budget: budget(cell, adjust),
        }
    } else {
        team(cell, exact, &rest, adjust)
    };
    Vertex::Node(NodeDraft {
        cell: cell.id.to_owned(),
        wanted_id,
        name,
        position,
        kind,
    })
}

/// Why a box is not a team, when it is not: containers, text, arrows and interaction shapes.
fn not_a_node(cell: &Cell<'_>, containers: &HashSet<&str>) -> Option<String> {
    let style = cell.style;
    if style.has_name("edgeLabel") {
        return Some("an arrow's label without its arrow".to_owned());
    }
    // Swimlanes and containers are groups ([`super::groups`]); what is left holds shapes only
    // to keep them together (draw.io's Group command, a table), which says nothing about teams.
    if containers.contains(cell.id)
        || style.shape_is("swimlane")
        || style.has_name("group")
        || style.is_on("container")
    {
        return Some(
            "shapes grouped in draw.io, not a container; the shapes inside are read".to_owned(),
        );
    }
    if style.shape_is("text") {
        return Some("a text box, not a team".to_owned());
    }
    if let Some(interaction) = team_topologies::interaction(style) {
        return Some(format!(
            "a Team Topologies {interaction} shape; interactions are not imported"
        ));
    }
    if style
        .get("shape")
        .is_some_and(|shape| shape.to_ascii_lowercase().contains("arrow"))
    {
        return Some("an arrow shape, not a team (arrows between shapes become links)".to_owned());
    }
    None
}

/// The id in `t12`, `s3` or `l7` when the prefix is `prefix`.
pub(super) fn wanted_id(cell: &str, prefix: char) -> Option<u64> {
    let digits = cell.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn team(cell: &Cell<'_>, exact: bool, rest: &str, adjust: &mut Adjustments) -> NodeKind {
    let style = cell.style;
    // Our export's second line is the type and headcount, which the markers hold exactly; the
    // notes are the tooltip. A box drawn in draw.io keeps its other lines as notes.
    let mut notes = if exact || rest.is_empty() {
        cell.tooltip.to_owned()
    } else if cell.tooltip.trim().is_empty() {
        rest.to_owned()
    } else {
        format!("{rest}\n\n{}", cell.tooltip.trim())
    };
    notes = long_text(&notes.replace("\r\n", "\n"));
    if cut(&mut notes, MAX_TEXT_CHARS) {
        adjust.note(
            format!("notes cut to {} characters", format_count(MAX_TEXT_CHARS)),
            cell.id,
        );
    }
    let model_type = if exact {
        decoded(style.get(marker::MODEL_TYPE)).map_or(TypeChoice::Unknown, |name| {
            TypeChoice::Named {
                name,
                fill: style.get("fillColor").and_then(|fill| fill.parse().ok()),
            }
        })
    } else {
        team_topologies::team_shape(style).map_or(TypeChoice::Unknown, TypeChoice::TeamTopologies)
    };
    let headcount = match style.get(marker::HEADCOUNT).map(str::parse::<u32>) {
        None => 0,
        Some(Ok(count)) if count <= MAX_HEADCOUNT => count,
        Some(_) => {
            adjust.note("unreadable headcounts left out", cell.id);
            0
        }
    };
    let horizon = style.get(marker::HORIZON).and_then(|key| {
        let horizon = Horizon::ALL.into_iter().find(|h| h.key() == key);
        if horizon.is_none() {
            adjust.note("unreadable horizons left out", cell.id);
        }
        horizon
    });
    NodeKind::Team {
        model_type,
        headcount,
        horizon,
        notes,
        size: size(cell, adjust),
    }
}

/// A percent-encoded style value as text; `None` when missing or not UTF-8.
fn decoded(value: Option<&str>) -> Option<String> {
    let value = value?;
    percent_decode_str(value)
        .decode_utf8()
        .ok()
        .map(|text| one_line(&text))
}

fn budget(cell: &Cell<'_>, adjust: &mut Adjustments) -> Option<Budget> {
    let amount = cell.style.get(marker::BUDGET)?;
    let amount = amount
        .parse::<f64>()
        .ok()
        .filter(|amount| amount.is_finite() && (0.0..=MAX_BUDGET).contains(amount));
    let Some(amount) = amount else {
        adjust.note("unreadable budgets left out", cell.id);
        return None;
    };
    let mut currency = decoded(cell.style.get(marker::CURRENCY))
        .unwrap_or_default()
        .trim()
        .to_uppercase();
    if cut(&mut currency, MAX_CURRENCY_CHARS) {
        adjust.note(
            format!("currencies cut to {MAX_CURRENCY_CHARS} characters"),
            cell.id,
        );
    }
    Some(Budget { amount, currency })
}

/// The top-left corner on the canvas: the geometry plus the parents' positions, within
/// ±[`MAX_COORDINATE`].
fn position(cells: &Cells<'_>, cell: &Cell<'_>, adjust: &mut Adjustments) -> Option<Point> {
    let geometry = cell.geometry?;
    let (offset_x, offset_y) = cells.parent_offset(cell);
    let mut axis = |text: Option<&str>, offset: f64| {
        let own = if geometry.relative {
            0.0
        } else {
            match coordinate(text) {
                None => 0.0,
                Some(Ok(value)) if !value.is_nan() => value,
                Some(_) => {
                    adjust.note("unreadable coordinates taken as 0", cell.id);
                    0.0
                }
            }
        };
        let at = own + offset;
        let limit = f64::from(MAX_COORDINATE);
        if at.abs() > limit {
            adjust.note(
                format!(
                    "positions moved inside ±{}",
                    format_count(MAX_COORDINATE as usize)
                ),
                cell.id,
            );
        }
        // Within ±MAX_COORDINATE, which an f32 holds; a stored position comes back exact.
        at.clamp(-limit, limit) as f32
    };
    let x = axis(geometry.x, offset_x);
    let y = axis(geometry.y, offset_y);
    Some(Point::new(x, y))
}

/// The box's size within the sides a team may have; a missing side takes the default.
fn size(cell: &Cell<'_>, adjust: &mut Adjustments) -> Size {
    let Some(geometry) = cell.geometry else {
        return Team::DEFAULT_SIZE;
    };
    let mut side = |text: Option<&str>, default: f32| match number(text) {
        None => default,
        Some(Ok(value)) if (MIN_TEAM_SIDE..=MAX_TEAM_SIDE).contains(&value) => value,
        Some(Ok(value)) if !value.is_nan() => {
            adjust.note(
                format!("sizes fitted into {MIN_TEAM_SIDE}–{MAX_TEAM_SIDE}"),
                cell.id,
            );
            value.clamp(MIN_TEAM_SIDE, MAX_TEAM_SIDE)
        }
        Some(_) => {
            adjust.note("unreadable sizes taken as the default", cell.id);
            default
        }
    };
    Size::new(
        side(geometry.width, Team::DEFAULT_SIZE.width),
        side(geometry.height, Team::DEFAULT_SIZE.height),
    )
}
