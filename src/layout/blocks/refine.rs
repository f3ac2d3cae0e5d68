//! The last step on a small map: each block was ordered on its own links, blind to where its
//! links to other blocks go. Here, with every block in place, two boxes of a row of a block
//! trade places, and a block (or a group of blocks) is mirrored left to right, whenever that
//! lowers the crossings and links through boxes as drawn (routed). Neither move changes the
//! box a block takes up, so every group frame stays where it was and holds what it held.

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
    /// Links drawn straight ([`polish::cost`]): thousands of tries cost less than one routing.
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
    let moves = moves(items, parts, positions);
    let edges: Vec<(usize, usize)> = items.links.iter().map(|&(a, b, _)| (a, b)).collect();
    let measure = |positions: &[Point]| match judge {
        Judge::Straight => polish::cost(&items.sizes, positions, &edges),
        Judge::Routed => unreadability(&with_positions(doc, &items.ids, positions)),
    };
    // On a map of groups, a block slides within the map's width as placed: sliding a frame far
    // out can lower the count, with links that then run half a screen long (a business unit
    // beside the platforms went 3,000 points away). Without groups the blocks slide freely, as
    // the layout of the map without groups was tuned with.
    let grouped = items.group.iter().any(Option::is_some);
    let extent = (0..items.ids.len())
        .filter(|_| grouped)
        .map(|m| Rect::from_min_size(positions[m], items.sizes[m]))
        .reduce(Rect::union);
    let mut best = measure(positions);
    let mut measures = 0;
    let mut before = positions.to_vec();
    'passes: for _ in 0..PASSES {
        let mut improved = false;
        for step in &moves {
            if best == 0 || measures >= MAX_MEASURES {
                break 'passes;
            }
            before.copy_from_slice(positions);
            if !apply(step, items, parts, extent, positions) {
                positions.copy_from_slice(&before);
                continue;
            }
            measures += 1;
            let cost = measure(positions);
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
