//! Laying a map out: placing items that have no position yet (an imported sheet has none),
//! arranging the whole map or a selection (layered blocks along the dependency flow, funding
//! sources above the teams they fund), removing overlaps with the smallest moves (tidy); and
//! [`quality`], how readable the links of a map are.
//!
//! The layout computes new positions and leaves applying them to the caller: the editor turns
//! them into one undo step, the command line writes them.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::model::limits::MAX_COORDINATE;
use crate::model::{Document, FundingSource, Id, Point, Team};

pub mod quality;

mod blocks;
mod layered;
mod order;
mod polish;
mod tidy;

/// The grid positions land on.
const GRID: f32 = 20.0;

/// How far a layout has got, and whether whoever waits for it has given up. Shared between the
/// worker thread that lays out and the window that shows the progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    done_permille: AtomicU32,
    cancelled: AtomicBool,
}

/// The layout stopped because [`Progress::cancel`] was called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl Progress {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the layout to stop at its next check.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// The share done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.done_permille.load(Ordering::Relaxed) as f32 / 1000.0
    }

    /// Records the share done (it never goes back) and stops the work if it was cancelled.
    fn report(&self, fraction: f32) -> Result<(), Cancelled> {
        let permille = (fraction.clamp(0.0, 1.0) * 1000.0) as u32;
        self.done_permille.fetch_max(permille, Ordering::Relaxed);
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Gives every item in `ids` a position; everything else stays where it is. The placed items go
/// to the right of what is already on the map, so nothing overlaps.
pub fn place(doc: &mut Document, ids: &BTreeSet<Id>) {
    let order: Vec<Id> = ids.iter().copied().collect();
    let Ok(laid) = blocks::lay_out(doc, &order, &Progress::new()) else {
        return;
    };
    let origin = origin(doc, ids);
    let moves: Vec<(Id, Point)> = laid
        .into_iter()
        .map(|(id, p)| (id, on_canvas(p.offset(origin.x, origin.y))))
        .collect();
    apply(doc, &moves);
}

/// Lays the items of `ids` out again (all of them: `teamscape arrange`), keeping the top-left
/// corner of their boxes where it was, and applies the new positions.
pub fn arrange(doc: &mut Document, ids: &BTreeSet<Id>) {
    if let Ok(moves) = arrange_positions(doc, ids, &Progress::new()) {
        apply(doc, &moves);
    }
}

/// New positions for the items of `ids`, laid out again: in layered blocks whose top-left corner
/// is where the top-left corner of their boxes was, then moved off any box not in `ids` with the
/// smallest moves. Everything not in `ids` stays exactly where it is. The same map and ids give
/// the same positions.
pub fn arrange_positions(
    doc: &Document,
    ids: &BTreeSet<Id>,
    progress: &Progress,
) -> Result<Vec<(Id, Point)>, Cancelled> {
    let order: Vec<Id> = ids
        .iter()
        .copied()
        .filter(|id| doc.node_kind(*id).is_some())
        .collect();
    let Some(corner) = corner(doc, ids) else {
        return Ok(Vec::new());
    };
    let laid = blocks::lay_out(doc, &order, progress)?;
    let corner = Point::new(snap(corner.x), snap(corner.y));
    let moves: Vec<(Id, Point)> = laid
        .into_iter()
        .map(|(id, p)| (id, on_canvas(p.offset(corner.x, corner.y))))
        .collect();
    // Off the boxes that stay: tidy the moved items against them.
    let mut after = doc.clone();
    apply(&mut after, &moves);
    let mut moves: std::collections::BTreeMap<Id, Point> = moves.into_iter().collect();
    for (id, at) in tidy::tidy_positions(&after, ids) {
        moves.insert(id, at);
    }
    progress.report(1.0)?;
    Ok(moves.into_iter().collect())
}

/// New positions for the boxes of `ids` that overlap another box, each moved the least it takes
/// to overlap nothing; boxes not in `ids` stay put. Nothing moves on a map without overlaps.
pub fn tidy_positions(doc: &Document, ids: &BTreeSet<Id>) -> Vec<(Id, Point)> {
    tidy::tidy_positions(doc, ids)
}

/// Removes the overlaps of the boxes of `ids` (see [`tidy_positions`]) and applies the moves.
pub fn tidy(doc: &mut Document, ids: &BTreeSet<Id>) {
    let moves = tidy_positions(doc, ids);
    apply(doc, &moves);
}

/// Puts each item where `moves` says.
fn apply(doc: &mut Document, moves: &[(Id, Point)]) {
    for &(id, at) in moves {
        if let Some(team) = doc.teams.get_mut(&id) {
            team.position = at;
        } else if let Some(source) = doc.sources.get_mut(&id) {
            source.position = at;
        }
    }
}

/// The top-left corner of the boxes of `ids`.
fn corner(doc: &Document, ids: &BTreeSet<Id>) -> Option<Point> {
    ids.iter()
        .filter_map(|id| doc.node_rect(*id))
        .map(|r| r.min)
        .reduce(|a, b| Point::new(a.x.min(b.x), a.y.min(b.y)))
}

/// Where placed items start: at the origin on an empty map, else to the right of what is
/// already there, level with its top.
fn origin(doc: &Document, ids: &BTreeSet<Id>) -> Point {
    let rest = doc
        .teams
        .keys()
        .chain(doc.sources.keys())
        .filter(|id| !ids.contains(id))
        .filter_map(|id| doc.node_rect(*id))
        .reduce(crate::model::Rect::union);
    rest.map_or(Point::new(0.0, 0.0), |r| {
        Point::new(snap(r.max.x + 2.0 * layered::GAP_X), snap(r.min.y))
    })
}

/// A position on the grid and on the canvas (only a map already at its far edge needs the
/// clamp).
fn on_canvas(point: Point) -> Point {
    let limit = MAX_COORDINATE - Team::DEFAULT_SIZE.width.max(FundingSource::SIZE.width);
    Point::new(
        snap(point.x).clamp(-limit, limit),
        snap(point.y).clamp(-limit, limit),
    )
}

fn snap(value: f32) -> f32 {
    (value / GRID).round() * GRID
}

fn snap_up(value: f32) -> f32 {
    (value / GRID).ceil() * GRID
}

#[cfg(test)]
mod tests;
