//! Placing items that have no position yet (an imported sheet has none) and laying a map out again:
//! a layered layout along the dependency flow, funding sources in a row above the teams they fund;
//! and [`quality`], how readable the links of a map are.

use std::collections::BTreeSet;

use crate::model::{Document, Id, Point};

/// Gives every item in `ids` a position; everything else stays where it is. The placed items go
/// to the right of what is already on the map, so nothing overlaps.
pub fn place(doc: &mut Document, ids: &BTreeSet<Id>) {
    layered::place(doc, ids);
}

/// Lays the whole map out again (`teamscape arrange`), keeping its top-left corner where it was.
pub fn arrange(doc: &mut Document, ids: &BTreeSet<Id>) {
    let before = corner(doc, ids);
    layered::place(doc, ids);
    if let (Some(before), Some(after)) = (before, corner(doc, ids)) {
        let (dx, dy) = (before.x - after.x, before.y - after.y);
        for id in ids {
            if let Some(team) = doc.teams.get_mut(id) {
                team.position = team.position.offset(dx, dy);
            } else if let Some(source) = doc.sources.get_mut(id) {
                source.position = source.position.offset(dx, dy);
            }
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

pub mod quality;

mod layered;
