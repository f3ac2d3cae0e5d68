//! Removing overlaps with the smallest moves: each movable box that overlaps another goes to the
//! nearest spot where it overlaps nothing, a small gap from the boxes it was pushed off. Boxes
//! that overlap nothing stay exactly where they are, and so do the boxes that may not move.

use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};

use crate::model::{Document, Id, Point, Rect};

/// Room left between a moved box and the box it moved off.
const GAP: f32 = 20.0;
/// Spots tried for one box before it goes to the right of everything.
const MAX_TRIES: usize = 600;

/// Boxes bucketed in a coarse grid, to find what a rectangle overlaps quickly.
struct Placed {
    cell: f32,
    rects: Vec<Rect>,
    cells: HashMap<(i64, i64), Vec<usize>>,
    right: f32,
}

impl Placed {
    fn new(cell: f32) -> Self {
        Self {
            cell,
            rects: Vec::new(),
            cells: HashMap::new(),
            right: f32::MIN,
        }
    }

    fn cell_range(&self, rect: Rect) -> impl Iterator<Item = (i64, i64)> + use<> {
        let at = |v: f32| (v / self.cell).floor() as i64;
        let (x0, x1, y0, y1) = (
            at(rect.min.x),
            at(rect.max.x),
            at(rect.min.y),
            at(rect.max.y),
        );
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| (x, y)))
    }

    fn insert(&mut self, rect: Rect) {
        let index = self.rects.len();
        self.rects.push(rect);
        self.right = self.right.max(rect.max.x);
        for key in self.cell_range(rect) {
            self.cells.entry(key).or_default().push(index);
        }
    }

    /// The placed boxes that `rect` overlaps, each once, in the order they were placed.
    fn overlapping(&self, rect: Rect) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .cell_range(rect)
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .copied()
            .filter(|&i| self.rects[i].intersects(rect))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// A spot to try, nearest first (then top-left first, so the result does not depend on the
/// heap).
#[derive(PartialEq)]
struct Spot {
    distance: f32,
    at: Point,
}

impl Eq for Spot {}

impl Ord for Spot {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .distance
            .total_cmp(&self.distance)
            .then(other.at.y.total_cmp(&self.at.y))
            .then(other.at.x.total_cmp(&self.at.x))
    }
}

impl PartialOrd for Spot {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// New top-left corners for the boxes of `ids` that must move so that no two boxes overlap;
/// boxes not in `ids` stay put. Boxes are settled top to bottom, left to right.
pub(super) fn tidy_positions(doc: &Document, ids: &BTreeSet<Id>) -> Vec<(Id, Point)> {
    let boxes: Vec<(Id, Rect)> = doc.node_rects().collect();
    let tallest = boxes.iter().map(|(_, r)| r.height()).fold(0.0, f32::max);
    let widest = boxes.iter().map(|(_, r)| r.width()).fold(0.0, f32::max);
    let mut placed = Placed::new((2.0 * tallest.max(widest)).max(100.0));
    let mut movable: Vec<(Id, Rect)> = Vec::new();
    for (id, rect) in boxes {
        if ids.contains(&id) {
            movable.push((id, rect));
        } else {
            placed.insert(rect);
        }
    }
    movable.sort_by(|(a, ra), (b, rb)| {
        ra.min
            .y
            .total_cmp(&rb.min.y)
            .then(ra.min.x.total_cmp(&rb.min.x))
            .then(a.cmp(b))
    });
    let mut moves = Vec::new();
    for (id, rect) in movable {
        let blockers = placed.overlapping(rect);
        if blockers.is_empty() {
            placed.insert(rect);
            continue;
        }
        let at = nearest_free(&placed, rect, &blockers);
        let moved = Rect::from_min_size(at, crate::model::Size::new(rect.width(), rect.height()));
        placed.insert(moved);
        moves.push((id, at));
    }
    moves
}

/// The nearest top-left corner for `rect` where it keeps [`GAP`] from every placed box: spots
/// beside the boxes in the way, tried nearest first, then beside the boxes in their way.
fn nearest_free(placed: &Placed, rect: Rect, blockers: &[usize]) -> Point {
    let (width, height) = (rect.width(), rect.height());
    let mut heap = BinaryHeap::new();
    let mut seen: HashSet<(i64, i64)> = HashSet::new();
    let mut push_beside = |heap: &mut BinaryHeap<Spot>, from: Point, blocker: Rect| {
        for at in [
            Point::new(blocker.min.x - GAP - width, from.y),
            Point::new(blocker.max.x + GAP, from.y),
            Point::new(from.x, blocker.min.y - GAP - height),
            Point::new(from.x, blocker.max.y + GAP),
        ] {
            if seen.insert(((at.x * 4.0) as i64, (at.y * 4.0) as i64)) {
                let distance = (at.x - rect.min.x).hypot(at.y - rect.min.y);
                heap.push(Spot { distance, at });
            }
        }
    };
    for &b in blockers {
        push_beside(&mut heap, rect.min, placed.rects[b]);
    }
    let mut tries = 0;
    while let Some(Spot { at, .. }) = heap.pop() {
        tries += 1;
        if tries > MAX_TRIES {
            break;
        }
        let candidate = Rect::from_min_size(at, crate::model::Size::new(width, height));
        // Strictly less than the gap: a spot exactly GAP away from a box is free.
        let in_the_way = placed.overlapping(candidate.expand(GAP - 0.5));
        if in_the_way.is_empty() {
            return at;
        }
        for b in in_the_way {
            push_beside(&mut heap, at, placed.rects[b]);
        }
    }
    Point::new(placed.right + GAP, rect.min.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ModelTypeId, Team};

    fn doc_with(positions: &[(f32, f32)]) -> Document {
        let mut doc = Document::new("t");
        for (i, &(x, y)) in positions.iter().enumerate() {
            doc.teams.insert(
                Id(i as u64 + 1),
                Team::new(format!("T{i}"), ModelTypeId(1), Point::new(x, y)),
            );
        }
        doc
    }

    fn all(doc: &Document) -> BTreeSet<Id> {
        doc.teams.keys().copied().collect()
    }

    #[test]
    fn an_overlapping_box_moves_just_clear_of_the_other() {
        let doc = doc_with(&[(0.0, 0.0), (100.0, 10.0)]);
        let moves = tidy_positions(&doc, &all(&doc));
        // Down and clear by the gap is the shortest way out: 82 (right would be 116).
        assert_eq!(moves.len(), 1, "{moves:?}");
        let (id, at) = moves[0];
        assert_eq!(id, Id(2));
        assert_eq!(at, Point::new(100.0, 92.0));
    }

    #[test]
    fn a_tidy_map_does_not_move_and_a_box_held_in_place_stays() {
        let doc = doc_with(&[(0.0, 0.0), (300.0, 0.0), (0.0, 200.0)]);
        assert!(tidy_positions(&doc, &all(&doc)).is_empty());
        let doc = doc_with(&[(0.0, 0.0), (10.0, 10.0)]);
        let moves = tidy_positions(&doc, &BTreeSet::from([Id(1)]));
        assert_eq!(moves.len(), 1);
        assert_eq!(moves[0].0, Id(1), "only the box that may move moves");
    }
}
