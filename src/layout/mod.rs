//! Placing items that have no position yet (an imported sheet has none): a layered layout along
//! the dependency flow, funding sources in a row above the teams they fund.

use std::collections::BTreeSet;

use crate::model::{Document, Id};

/// Gives every item in `ids` a position; everything else stays where it is. The placed items go
/// to the right of what is already on the map, so nothing overlaps.
pub fn place(doc: &mut Document, ids: &BTreeSet<Id>) {
    layered::place(doc, ids);
}

mod layered;
