//! Where a map's boxes are: what layout tests compare before and after.

use std::collections::BTreeMap;

use teamscape::model::{Document, Id, Point};

/// The top-left corner of every team and funding source.
pub fn positions(doc: &Document) -> BTreeMap<Id, Point> {
    doc.teams
        .iter()
        .map(|(id, t)| (*id, t.position))
        .chain(doc.sources.iter().map(|(id, s)| (*id, s.position)))
        .collect()
}

/// How many pairs of boxes overlap.
pub fn overlaps(doc: &Document) -> usize {
    let rects: Vec<_> = doc
        .teams
        .keys()
        .chain(doc.sources.keys())
        .filter_map(|id| doc.node_rect(*id))
        .collect();
    let mut count = 0;
    for (i, a) in rects.iter().enumerate() {
        count += rects[i + 1..].iter().filter(|b| a.intersects(**b)).count();
    }
    count
}
