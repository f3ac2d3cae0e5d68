use std::collections::BTreeSet;

use crate::model::{Document, Id, Point};

pub(super) fn place(doc: &mut Document, ids: &BTreeSet<Id>) {
    // First version: a grid; replaced by the layered layout.
    for (i, id) in ids.iter().enumerate() {
        let at = Point::new((i % 8) as f32 * 220.0, (i / 8) as f32 * 120.0);
        if let Some(team) = doc.teams.get_mut(id) {
            team.position = at;
        } else if let Some(source) = doc.sources.get_mut(id) {
            source.position = at;
        }
    }
}
