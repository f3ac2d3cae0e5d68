//! Capture at the speed of talk: where a new node goes (the next free slot, never on another
//! item), finding a node by a few typed letters, and the short texts a facilitator types:
//! `Checkout > Payments, Identity` (a team and what it depends on), `Retail P&L: 18M EUR` (a
//! funding source and its budget), `checkout 12, search 10 %` (the teams a source funds, with
//! their shares).

use crate::model::limits::{MAX_BUDGET, MAX_CURRENCY_CHARS};
use crate::model::{Document, Id, LinkKind, NodeKind, Point, Rect, Size};
pub use crate::text::{ListItem, fold, parse_list};
use crate::text::{ParsedAmount, parse_amount};

use super::rules::snap_point;

/// Space between two slots side by side, and between two rows, in canvas units.
pub const SLOT_GAP: f32 = 40.0;
pub const ROW_GAP: f32 = 80.0;
/// Slots in a row before the next row starts: twenty teams make four rows, which fit a 16:9 view.
pub const ROW_SLOTS: usize = 5;
/// Rows looked at before giving up and going below everything.
const MAX_ROWS: usize = 400;

/// Where a new node goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    /// Beside these items (the selection): the first slot to their right, then the rows below
    /// (above, for funding sources).
    Beside(Rect),
    /// In the funding row above these teams.
    Above(Rect),
    /// In the rows under these funding sources.
    Below(Rect),
    /// Centred here (the view's centre) when that is free, else the next slot.
    At(Point),
}

/// The top-left corner of a free spot for a box of `size`: clear of every team and funding source
/// by at least half a gap. Teams fill rows to the right and then downwards; funding sources fill
/// their row above the teams and then upwards.
pub fn free_slot(doc: &Document, anchor: Anchor, size: Size, kind: NodeKind, snap: bool) -> Point {
    let step_x = size.width + SLOT_GAP;
    let mut first_slot = 0;
    let (origin, left) = match anchor {
        Anchor::Beside(rect) => {
            // The row the selection is in: its boxes side by side, a gap apart, up to ROW_SLOTS.
            let left = row_start(doc, rect, step_x);
            first_slot = ((rect.min.x - left) / step_x).round() as usize + 1;
            (Point::new(left, rect.min.y), left)
        }
        Anchor::Above(rect) => {
            let origin = Point::new(rect.min.x, funding_row(doc, rect.min.y, size));
            (origin, rect.min.x)
        }
        Anchor::Below(rect) => (Point::new(rect.min.x, rect.max.y + ROW_GAP), rect.min.x),
        Anchor::At(center) => {
            let x = center.x - size.width / 2.0;
            let y = match kind {
                NodeKind::FundingSource if !doc.teams.is_empty() || !doc.sources.is_empty() => {
                    funding_row(doc, center.y, size)
                }
                _ => center.y - size.height / 2.0,
            };
            (Point::new(x, y), x)
        }
    };
    let row_step = match kind {
        NodeKind::Team => size.height + ROW_GAP,
        NodeKind::FundingSource => -(size.height + ROW_GAP),
    };
    let taken: Vec<Rect> = node_rects(doc)
        .map(|r| r.expand(SLOT_GAP / 2.0 - 1.0))
        .collect();
    for row in 0..MAX_ROWS {
        let y = origin.y + row as f32 * row_step;
        let (start_x, from) = if row == 0 {
            (origin.x, first_slot)
        } else {
            (left, 0)
        };
        for slot in from..ROW_SLOTS {
            let corner = Point::new(start_x + slot as f32 * step_x, y);
            let corner = if snap { snap_point(corner) } else { corner };
            let rect = Rect::from_min_size(corner, size);
            if !taken.iter().any(|t| t.intersects(rect)) {
                return corner;
            }
        }
    }
    // Every nearby row is full: below (or above) everything.
    let bounds = doc
        .nodes_bounds()
        .unwrap_or(Rect::from_min_size(origin, size));
    let y = match kind {
        NodeKind::Team => bounds.max.y + ROW_GAP,
        NodeKind::FundingSource => bounds.min.y - ROW_GAP - size.height,
    };
    let corner = Point::new(origin.x, y);
    if snap { snap_point(corner) } else { corner }
}

/// The left edge of the row `rect` ends: boxes with the same top, each at most a slot to the
/// left of the next.
fn row_start(doc: &Document, rect: Rect, step_x: f32) -> f32 {
    let in_row: Vec<Rect> = node_rects(doc)
        .filter(|r| (r.min.y - rect.min.y).abs() < 1.0)
        .collect();
    let mut left = rect.min.x;
    while let Some(before) = in_row
        .iter()
        .filter(|r| r.min.x < left && left - r.min.x <= step_x + 1.0)
        .map(|r| r.min.x)
        .min_by(f32::total_cmp)
    {
        left = before;
    }
    left
}

/// The row funding sources sit in: the row of the sources there are, else a row above the teams
/// near `y`.
fn funding_row(doc: &Document, y: f32, size: Size) -> f32 {
    let sources_top = doc
        .sources
        .values()
        .map(|s| s.position.y)
        .min_by(f32::total_cmp);
    let teams_top = doc
        .teams
        .values()
        .map(|t| t.position.y)
        .min_by(f32::total_cmp);
    match (sources_top, teams_top) {
        (Some(top), _) => top,
        (None, Some(top)) => top.min(y) - ROW_GAP - size.height,
        (None, None) => y,
    }
}

fn node_rects(doc: &Document) -> impl Iterator<Item = Rect> + '_ {
    doc.teams
        .keys()
        .chain(doc.sources.keys())
        .filter_map(|id| doc.node_rect(*id))
}

/// Teams and funding sources in reading order: rows from the top (a node whose middle is below the
/// first middle of the row by more than half a team starts the next row), each row left to right.
pub fn reading_order(doc: &Document) -> Vec<Id> {
    let mut nodes: Vec<(Id, Rect)> = doc
        .teams
        .keys()
        .chain(doc.sources.keys())
        .filter_map(|id| Some((*id, doc.node_rect(*id)?)))
        .collect();
    nodes.sort_by(|a, b| a.1.center().y.total_cmp(&b.1.center().y));
    let mut rows: Vec<Vec<(Id, Rect)>> = Vec::new();
    for node in nodes {
        match rows.last_mut() {
            Some(row) if node.1.center().y - row[0].1.center().y <= 36.0 => row.push(node),
            _ => rows.push(vec![node]),
        }
    }
    rows.into_iter()
        .flat_map(|mut row| {
            row.sort_by(|a, b| a.1.min.x.total_cmp(&b.1.min.x).then(a.0.cmp(&b.0)));
            row.into_iter().map(|(id, _)| id)
        })
        .collect()
}

/// How well `query` (folded) matches `name`: the whole name, its start, a word's start, or
/// anywhere inside it. Lower is better; `None` when it does not match.
fn match_rank(query: &str, name: &str) -> Option<u8> {
    if query.is_empty() {
        return None;
    }
    let name = fold(name);
    if name == query {
        Some(0)
    } else if name.starts_with(query) {
        Some(1)
    } else if name
        .match_indices(query)
        .any(|(i, _)| !name[..i].ends_with(|c: char| c.is_alphanumeric()))
    {
        Some(2)
    } else if name.contains(query) {
        Some(3)
    } else {
        None
    }
}

/// The nodes `query` matches among `candidates`, best first (then shorter names, then by id): what
/// a type-ahead list shows.
pub fn suggestions<'a>(
    query: &str,
    candidates: impl Iterator<Item = (Id, &'a str)>,
) -> Vec<(Id, &'a str)> {
    let query = fold(query);
    let mut found: Vec<(u8, usize, Id, &str)> = candidates
        .filter_map(|(id, name)| {
            match_rank(&query, name).map(|rank| (rank, name.chars().count(), id, name))
        })
        .collect();
    found.sort_by_key(|&(rank, len, id, _)| (rank, len, id));
    found
        .into_iter()
        .map(|(_, _, id, name)| (id, name))
        .collect()
}

/// Which other ends a link field lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkDirection {
    /// From a team: the teams it depends on.
    DependsOn,
    /// From a team or a funding source: the teams it funds.
    Funds,
    /// From a team: the funding sources and teams that fund it.
    FundedBy,
}

impl LinkDirection {
    /// The field's hint: what to type.
    pub fn hint(self) -> &'static str {
        match self {
            Self::DependsOn => "Depends on… (team names, commas between)",
            Self::Funds => "Funds… (team and share: checkout 40, search 10)",
            Self::FundedBy => "Funded by… (source and share: retail 40)",
        }
    }

    /// The nodes that may be at the other end of a link drawn from `from`.
    pub fn candidates(self, doc: &Document, from: Id) -> Vec<(Id, &str)> {
        let teams = doc.teams.iter().map(|(id, t)| (*id, t.name.as_str()));
        let sources = doc.sources.iter().map(|(id, s)| (*id, s.name.as_str()));
        let all: Vec<(Id, &str)> = match self {
            Self::DependsOn | Self::Funds => teams.collect(),
            Self::FundedBy => sources.chain(teams).collect(),
        };
        all.into_iter().filter(|(id, _)| *id != from).collect()
    }
}

impl LinkDirection {
    /// Whether the names typed in this field may carry a share: funding links have one,
    /// dependencies do not (there a trailing number is part of the name).
    pub fn has_shares(self) -> bool {
        !matches!(self, Self::DependsOn)
    }
}

/// A new team's field: `Checkout > Payments, Identity` is the team "Checkout" depending on two
/// teams; without `>` the whole text is the name.
pub fn parse_team_entry(text: &str) -> (String, Vec<ListItem>) {
    match text.split_once('>') {
        Some((name, rest)) => (name.trim().to_owned(), parse_list(rest, false)),
        None => (text.trim().to_owned(), Vec::new()),
    }
}

/// A new funding source's field: `Retail P&L: 18M EUR` is a source with a budget. Text after the
/// last colon is a budget when it holds a digit (and must then read as one); otherwise the colon
/// is part of the name.
pub fn parse_source_entry(text: &str) -> Result<(String, Option<ParsedAmount>), String> {
    let Some((name, budget)) = text.rsplit_once(':') else {
        return Ok((text.trim().to_owned(), None));
    };
    if !budget.chars().any(|c| c.is_ascii_digit()) {
        return Ok((text.trim().to_owned(), None));
    }
    let amount = parse_amount(budget).map_err(|e| format!("Budget not read: {e}"))?;
    if amount.amount > MAX_BUDGET {
        return Err(format!(
            "Budget not read: \"{}\" is above the limit of {}",
            budget.trim(),
            crate::text::format_number(MAX_BUDGET)
        ));
    }
    if let Some(currency) = &amount.currency
        && currency.chars().count() > MAX_CURRENCY_CHARS
    {
        return Err(format!(
            "Budget not read: a currency is at most {MAX_CURRENCY_CHARS} letters, not \"{currency}\""
        ));
    }
    Ok((name.trim().to_owned(), Some(amount)))
}

/// The shares of new funding links from `from`: a typed share stays as typed (the caller refuses
/// one outside 0–100 %); the others split
/// evenly what `from` has not allocated yet (after the typed ones). When nothing is left, they
/// split 100 % with every link `from` has, so no new link is ever 0 %.
pub fn suggested_shares(doc: &Document, from: Id, typed: &[Option<f64>]) -> Vec<f64> {
    let links_from: Vec<f64> = doc
        .links
        .values()
        .filter(|l| l.from == from)
        .filter_map(|l| match l.kind {
            LinkKind::Funding { allocation_percent } => Some(allocation_percent),
            LinkKind::Dependency => None,
        })
        .collect();
    let allocated: f64 = links_from.iter().sum::<f64>() + typed.iter().flatten().sum::<f64>();
    let open = typed.iter().filter(|t| t.is_none()).count();
    let left = 100.0 - allocated;
    let share = if open == 0 {
        0.0
    } else if left >= 0.5 {
        left / open as f64
    } else {
        100.0 / (links_from.len() + typed.len()) as f64
    };
    typed
        .iter()
        .map(|t| t.unwrap_or_else(|| round_share(share).clamp(0.0, 100.0)))
        .collect()
}

/// Shares are kept to two decimals, as the inspector shows them.
fn round_share(share: f64) -> f64 {
    (share * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
