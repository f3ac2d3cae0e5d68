//! Placing items that have no position yet (an imported sheet has none): a layered layout along
//! the dependency flow, funding sources in a row above the teams they fund.

use std::collections::BTreeSet;

use crate::model::{Document, Id};

/// Gives every item in `ids` a position; everything else stays where it is. The placed items go
/// to the right of what is already on the map, so nothing overlaps.
pub fn place(doc: &mut Document, ids: &BTreeSet<Id>) {
    layered::place(doc, ids);
}

/// Lays out every item in `ids` afresh, as if nothing else were on the map yet: used for a
/// whole-map Arrange, where the placed block starts where the map's top-left corner was.
pub fn arrange(doc: &mut Document, ids: &BTreeSet<Id>) {
    let corner = ids
        .iter()
        .filter_map(|id| doc.node_rect(*id))
        .map(|r| r.min)
        .reduce(|a, b| crate::model::Point::new(a.x.min(b.x), a.y.min(b.y)));
    layered::place(doc, ids);
    let placed = ids
        .iter()
        .filter_map(|id| doc.node_rect(*id))
        .map(|r| r.min)
        .reduce(|a, b| crate::model::Point::new(a.x.min(b.x), a.y.min(b.y)));
    if let (Some(corner), Some(placed)) = (corner, placed) {
        let (dx, dy) = (corner.x - placed.x, corner.y - placed.y);
        for id in ids {
            if let Some(team) = doc.teams.get_mut(id) {
                team.position = team.position.offset(dx, dy);
            } else if let Some(source) = doc.sources.get_mut(id) {
                source.position = source.position.offset(dx, dy);
            }
        }
    }
}

pub mod quality;

mod layered;
