//! The last step on a small map: each block was ordered on its own links, blind to where its
//! links to other blocks go. Here, with every block in place, two boxes of a row of a block
//! trade places, and a block (or a group of blocks) is mirrored left to right, whenever that
//! lowers the crossings and links through boxes as drawn (routed). Neither move changes the
//! box a block takes up, so every group frame stays where it was and holds what it held.
//!
//! Climbing move by move stops at the first layout no single move improves. So the few
//! placements that go on to be refined as drawn are first shaken: a few random moves, a climb
//! on the straight links again, many times over, keeping what ends no worse ([`shake`]).

use std::collections::BTreeMap;

use super::{BLOCK_GAP, Items, unreadability, with_positions};
use crate::layout::{GRID, polish, snap};
use crate::model::{Document, Point, Rect};

/// Passes over every move at most.
const PASSES: usize = 6;
/// Most measurements one refinement may take (each routes the whole small map).
const MAX_MEASURES: usize = 1_500;

/// Which block each item was laid out in (`part`: the innermost block, which a nested group's
/// frame follows) and which top-level block holds it (`unit`); `usize::MAX` for neither.
pub(super) struct Parts {
    pub part: Vec<usize>,
    pub unit: Vec<usize>,
}

enum Move {
    /// Two boxes of one size in a row of one block trade places.
    Swap(usize, usize),
    /// The boxes of a block, or of all blocks of a group, mirrored left to right.
    Mirror(Vec<usize>),
    /// A box slid sideways within its block, keeping clear of the other boxes.
    Slide(usize, f32),
    /// A top-level block slid sideways, keeping clear of the other blocks.
    Shift(usize, f32),
}

/// Sideways steps tried, in grid steps.
const STEPS: [f32; 14] = [
    -1.0, 1.0, -2.0, 2.0, -4.0, 4.0, -8.0, 8.0, -16.0, 16.0, -32.0, 32.0, -64.0, 64.0,
];
/// Room a slid box leaves to the boxes of its row.
const MIN_GAP: f32 = 40.0;

/// How a refinement judges a layout.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Judge {
    /// Links drawn straight ([`polish::Straight`], a link through a box weighing
    /// [`THROUGH_AS_DRAWN`]): thousands of tries cost less than one routing.
    Straight,
    /// Links routed as drawn ([`unreadability`]).
    Routed,
}

/// Improves `positions` (every item's top-left corner) in place; returns what `judge` makes of
/// the result.
pub(super) fn refine(
    doc: &Document,
    items: &Items,
    parts: &Parts,
    positions: &mut [Point],
    judge: Judge,
) -> usize {
    Refiner::new(doc, items, parts, positions, judge).climb(positions)
}

/// Refines `positions` on their straight links, then shakes the result out of where the climb
/// stopped: a few random moves, and a climb again, [`SHAKE_ROUNDS`] times; a round is kept when its
/// climb ends no worse on the straight links. Of the layouts kept, the one whose links read best
/// as drawn (routed) is left in `positions`: the straight count only approximates it.
pub(super) fn shake(doc: &Document, items: &Items, parts: &Parts, positions: &mut [Point]) {
    let refiner = Refiner::new(doc, items, parts, positions, Judge::Straight);
    let as_drawn = |positions: &[Point]| unreadability(&with_positions(doc, &items.ids, positions));
    let mut current = refiner.climb(positions);
    let mut best = (as_drawn(positions), positions.to_vec());
    // Seeded: the same map arranges the same way every time.
    let mut rng = fastrand::Rng::with_seed(SHAKE_SEED);
    let mut trial = positions.to_vec();
    for _ in 0..SHAKE_ROUNDS {
        if refiner.moves.is_empty() || best.0 == 0 {
            break;
        }
        trial.copy_from_slice(positions);
        refiner.kick(&mut rng, &mut trial);
        let cost = refiner.climb(&mut trial);
        if cost > current {
            continue;
        }
        current = cost;
        if trial.as_slice() != &*positions {
            positions.copy_from_slice(&trial);
            let drawn = as_drawn(positions);
            if drawn < best.0 {
                best = (drawn, positions.to_vec());
            }
        }
    }
    positions.copy_from_slice(&best.1);
}

/// Kicks and climbs per placement shaken: on the bundled example, 10 left the best placement at
/// 56 routed crossing pairs, 20 to 100 all reach 41; a climb with [`polish::Straight`] takes
/// one to two milliseconds there.
const SHAKE_ROUNDS: usize = 40;
/// Random moves in a kick.
const KICK: std::ops::Range<usize> = 2..5;
const SHAKE_SEED: u64 = 7;
/// A straight link through a box counts for half a crossing when a placement is refined on its
/// straight links (a crossing counts 4): drawn, it detours round the box and crosses what that
/// box's neighbours send past it.
const THROUGH_AS_DRAWN: usize = 2;

/// One placement's refinement: the moves to try, and how a layout is judged.
struct Refiner<'a> {
    doc: &'a Document,
    items: &'a Items,
    parts: &'a Parts,
    judge: Judge,
    moves: Vec<Move>,
    edges: Vec<(usize, usize)>,
    /// On a map of groups, what a top-level block stays within.
    extent: Option<Rect>,
}

impl<'a> Refiner<'a> {
    fn new(
        doc: &'a Document,
        items: &'a Items,
        parts: &'a Parts,
        positions: &[Point],
        judge: Judge,
    ) -> Self {
        // On a map of groups, a block slides within the map's width as placed: sliding a frame
        // far out can lower the count, with links that then run half a screen long (a business
        // unit beside the platforms went 3,000 points away). Without groups the blocks slide
        // freely, as the layout of the map without groups was tuned with.
        let grouped = items.group.iter().any(Option::is_some);
        let extent = (0..items.ids.len())
            .filter(|_| grouped)
            .map(|m| Rect::from_min_size(positions[m], items.sizes[m]))
            .reduce(Rect::union);
        Self {
            doc,
            items,
            parts,
            judge,
            moves: moves(items, parts, positions),
            edges: items.links.iter().map(|&(a, b, _)| (a, b)).collect(),
            extent,
        }
    }

    fn measure(&self, positions: &[Point]) -> usize {
        match self.judge {
            Judge::Straight => self.straight().cost(positions),
            Judge::Routed => unreadability(&with_positions(self.doc, &self.items.ids, positions)),
        }
    }

    fn straight(&self) -> polish::Straight<'_> {
        polish::Straight::new(&self.items.sizes, &self.edges, THROUGH_AS_DRAWN)
    }

    fn apply(&self, step: &Move, positions: &mut [Point]) -> bool {
        apply(step, self.items, self.parts, self.extent, positions)
    }

    /// Makes each move that lowers the measure, pass after pass, until none does; returns the
    /// measure of the result.
    fn climb(&self, positions: &mut [Point]) -> usize {
        let straight = self.straight();
        let mut best = self.measure(positions);
        let mut measures = 0;
        let mut before = positions.to_vec();
        'passes: for _ in 0..PASSES {
            let mut improved = false;
            for step in &self.moves {
                if best == 0 || measures >= MAX_MEASURES {
                    break 'passes;
                }
                before.copy_from_slice(positions);
                if !self.apply(step, positions) {
                    positions.copy_from_slice(&before);
                    continue;
                }
                measures += 1;
                let cost = match self.judge {
                    Judge::Straight => straight.moved(best, &before, positions),
                    Judge::Routed => self.measure(positions),
                };
                if cost < best {
                    best = cost;
                    improved = true;
                } else {
                    positions.copy_from_slice(&before);
                }
            }
            if !improved {
                break;
            }
        }
        best
    }

    /// A few random moves, each kept only where it leaves boxes and blocks clear.
    fn kick(&self, rng: &mut fastrand::Rng, positions: &mut [Point]) {
        let mut before = positions.to_vec();
        for _ in 0..rng.usize(KICK) {
            before.copy_from_slice(positions);
            if !self.apply(&self.moves[rng.usize(..self.moves.len())], positions) {
                positions.copy_from_slice(&before);
            }
        }
    }
}

/// Every move worth trying, in a fixed order.
fn moves(items: &Items, parts: &Parts, positions: &[Point]) -> Vec<Move> {
    // The rows of each block: items of one part at one height.
    let mut rows: BTreeMap<(usize, i64), Vec<usize>> = BTreeMap::new();
    let mut by_part: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut by_unit: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, at) in positions.iter().enumerate() {
        let (part, unit) = (parts.part[i], parts.unit[i]);
        if part == usize::MAX {
            continue;
        }
        rows.entry((part, at.y.round() as i64)).or_default().push(i);
        by_part.entry(part).or_default().push(i);
        if unit != usize::MAX {
            by_unit.entry(unit).or_default().push(i);
        }
    }
    let mut moves = Vec::new();
    for row in rows.values() {
        for (k, &a) in row.iter().enumerate() {
            for &b in &row[k + 1..] {
                if items.sizes[a] == items.sizes[b] {
                    moves.push(Move::Swap(a, b));
                }
            }
        }
    }
    for members in by_part.values().filter(|m| m.len() > 1) {
        moves.push(Move::Mirror(members.clone()));
    }
    for i in 0..items.ids.len() {
        if parts.part[i] != usize::MAX {
            moves.extend(STEPS.iter().map(|&s| Move::Slide(i, s * GRID)));
        }
    }
    if by_unit.len() > 1 {
        for &unit in by_unit.keys() {
            moves.extend(STEPS.iter().map(|&s| Move::Shift(unit, s * GRID)));
        }
    }
    for members in by_unit.values() {
        let mut own_parts: Vec<usize> = members.iter().map(|&m| parts.part[m]).collect();
        own_parts.sort_unstable();
        own_parts.dedup();
        if own_parts.len() > 1 {
            moves.push(Move::Mirror(members.clone()));
        }
    }
    moves
}

/// Makes the move; false when it would bring boxes or blocks too close (nothing then changed
/// that the caller does not put back).
fn apply(
    step: &Move,
    items: &Items,
    parts: &Parts,
    extent: Option<Rect>,
    positions: &mut [Point],
) -> bool {
    let rect = |positions: &[Point], m: usize| Rect::from_min_size(positions[m], items.sizes[m]);
    let n = items.ids.len();
    match step {
        Move::Swap(a, b) => positions.swap(*a, *b),
        Move::Slide(node, dx) => {
            let node = *node;
            let part = parts.part[node];
            // The block's frame may shrink but never grow.
            let Some(bounds) = (0..n)
                .filter(|&m| parts.part[m] == part)
                .map(|m| rect(positions, m))
                .reduce(Rect::union)
            else {
                return false;
            };
            positions[node].x += dx;
            let moved = rect(positions, node);
            let clear = (0..n).all(|other| {
                other == node
                    || !moved
                        .expand(MIN_GAP - 0.5)
                        .intersects(rect(positions, other))
            });
            return clear && moved.min.x >= bounds.min.x && moved.max.x <= bounds.max.x;
        }
        Move::Shift(unit, dx) => {
            let bounds = |positions: &[Point], inside: bool| {
                (0..n)
                    .filter(|&m| parts.unit[m] != usize::MAX)
                    .filter(|&m| (parts.unit[m] == *unit) == inside)
                    .map(|m| (parts.unit[m], rect(positions, m)))
                    .collect::<Vec<_>>()
            };
            for (at, _) in positions
                .iter_mut()
                .zip(&parts.unit)
                .filter(|(_, u)| **u == *unit)
            {
                at.x += dx;
            }
            let Some(mine) = bounds(positions, true)
                .into_iter()
                .map(|(_, r)| r)
                .reduce(Rect::union)
            else {
                return false;
            };
            let mut others: BTreeMap<usize, Rect> = BTreeMap::new();
            for (u, r) in bounds(positions, false) {
                others.entry(u).and_modify(|b| *b = b.union(r)).or_insert(r);
            }
            // As far from the other blocks as packing leaves them, so no frames meet.
            let near = mine.expand(BLOCK_GAP - 0.5);
            let inside = extent.is_none_or(|e| mine.min.x >= e.min.x && mine.max.x <= e.max.x);
            return inside && others.values().all(|r| !near.intersects(*r));
        }
        Move::Mirror(members) => {
            let (left, right) = members.iter().fold((f32::MAX, f32::MIN), |(l, r), &m| {
                (
                    l.min(positions[m].x),
                    r.max(positions[m].x + items.sizes[m].width),
                )
            });
            for &m in members {
                let x = left + right - positions[m].x - items.sizes[m].width;
                // On the grid, as the map will be; measured as it will be drawn.
                positions[m].x = left + snap(x - left);
            }
        }
    }
    true
}
