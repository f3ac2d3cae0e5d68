//! The last step of a block's layout: links are drawn as straight lines, which cross where the
//! layered order (counted on lanes) did not expect. Two boxes of a row trade places whenever
//! that lowers the crossings and links through boxes of the straight lines, as
//! [`super::quality`] counts them; passes repeat while anything improves.

use crate::model::{Point, Rect, Size};

/// Blocks larger than this keep their layered order (the passes grow with the square of a row).
const MAX_BOXES: usize = 150;
const PASSES: usize = 6;
/// A crossing confuses a reader more than a link behind a box (which the router takes around).
const CROSSING: usize = 4;
const THROUGH: usize = 1;
/// Room a sideways shift leaves between boxes.
const MIN_GAP: f32 = 40.0;

/// Improves `positions` (top-left corners) in place; boxes only trade places within a row.
pub(super) fn polish(sizes: &[Size], positions: &mut [Point], edges: &[(usize, usize)]) {
    let n = sizes.len();
    if !(3..=MAX_BOXES).contains(&n) {
        return;
    }
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, &(a, b)) in edges.iter().enumerate() {
        incident[a].push(e);
        incident[b].push(e);
    }
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut by_y: Vec<usize> = (0..n).collect();
    by_y.sort_by(|&a, &b| {
        positions[a]
            .y
            .total_cmp(&positions[b].y)
            .then(positions[a].x.total_cmp(&positions[b].x))
    });
    for node in by_y {
        match rows.last_mut() {
            Some(row) if positions[row[0]].y == positions[node].y => row.push(node),
            _ => rows.push(vec![node]),
        }
    }
    let layout = Layout {
        sizes,
        edges,
        incident: &incident,
    };
    for _ in 0..PASSES {
        let mut improved = false;
        for row in &rows {
            for i in 0..row.len() {
                for j in i + 1..row.len() {
                    let (u, v) = (row[i], row[j]);
                    if sizes[u] != sizes[v] {
                        continue;
                    }
                    let before = layout.cost(positions, u, v);
                    positions.swap(u, v);
                    if layout.cost(positions, u, v) < before {
                        improved = true;
                    } else {
                        positions.swap(u, v);
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Moves boxes within their rows (any box to any place in its row, the others shifting) while
/// that lowers [`cost`]; `place` turns row orders into the boxes' top-left corners. Returns
/// those corners for the final order. For small blocks: each move re-places the whole block.
pub(super) fn polish_orders(
    rows: &mut [Vec<usize>],
    sizes: &[Size],
    edges: &[(usize, usize)],
    place: &dyn Fn(&[Vec<usize>]) -> Vec<Point>,
) -> Vec<Point> {
    let mut positions = place(rows);
    let mut best = cost(sizes, &positions, edges);
    for _ in 0..PASSES {
        let mut improved = false;
        for r in 0..rows.len() {
            let len = rows[r].len();
            for i in 0..len {
                if rows[r][i] >= sizes.len() {
                    continue;
                }
                for j in 0..len {
                    if i == j {
                        continue;
                    }
                    let original = rows[r].clone();
                    let node = rows[r].remove(i);
                    rows[r].insert(j, node);
                    let moved = place(rows);
                    let moved_cost = cost(sizes, &moved, edges);
                    if moved_cost < best {
                        best = moved_cost;
                        positions = moved;
                        improved = true;
                        break;
                    }
                    rows[r] = original;
                }
            }
        }
        if !improved || best == 0 {
            break;
        }
    }
    positions
}

/// Slides single boxes sideways by a few grid steps, where they overlap nothing and keep
/// [`MIN_GAP`] from their row, while that lowers [`cost`]: a small shift often takes a line off
/// a box or out of a crossing.
pub(super) fn polish_shifts(sizes: &[Size], positions: &mut [Point], edges: &[(usize, usize)]) {
    let mut best = cost(sizes, positions, edges);
    for _ in 0..PASSES {
        let mut improved = false;
        for node in 0..sizes.len() {
            for step in [-1.0f32, 1.0, -2.0, 2.0, -3.0, 3.0, -5.0, 5.0, -8.0, 8.0] {
                let old = positions[node];
                let moved = old.offset(step * super::GRID, 0.0);
                let rect = Rect::from_min_size(moved, sizes[node]).expand(MIN_GAP - 0.5);
                let clear = (0..sizes.len()).all(|other| {
                    other == node
                        || !rect.intersects(Rect::from_min_size(positions[other], sizes[other]))
                });
                if !clear {
                    continue;
                }
                positions[node] = moved;
                let moved_cost = cost(sizes, positions, edges);
                if moved_cost < best {
                    best = moved_cost;
                    improved = true;
                    break;
                }
                positions[node] = old;
            }
        }
        if !improved || best == 0 {
            break;
        }
    }
}

/// Crossing pairs plus links through boxes of the straight lines, as [`super::quality`] counts
/// them, for one block.
pub(super) fn cost(sizes: &[Size], positions: &[Point], edges: &[(usize, usize)]) -> usize {
    weighted_cost(sizes, positions, edges, THROUGH)
}

/// [`cost`] with `through` for each link through a box, kept up to date move by move: after a
/// move, only what involves a moved box or one of its links is counted again.
pub(super) struct Straight<'a> {
    sizes: &'a [Size],
    edges: &'a [(usize, usize)],
    incident: Vec<Vec<usize>>,
    through: usize,
}

impl<'a> Straight<'a> {
    pub fn new(sizes: &'a [Size], edges: &'a [(usize, usize)], through: usize) -> Self {
        let mut incident = vec![Vec::new(); sizes.len()];
        for (e, &(a, b)) in edges.iter().enumerate() {
            incident[a].push(e);
            incident[b].push(e);
        }
        Self {
            sizes,
            edges,
            incident,
            through,
        }
    }

    /// The whole count.
    pub fn cost(&self, positions: &[Point]) -> usize {
        weighted_cost(self.sizes, positions, self.edges, self.through)
    }

    /// The count at `after`, given that it was `cost` at `before`.
    pub fn moved(&self, cost: usize, before: &[Point], after: &[Point]) -> usize {
        let moved: Vec<usize> = (0..self.sizes.len())
            .filter(|&i| before[i] != after[i])
            .collect();
        if moved.len() * 2 > self.sizes.len() {
            return self.cost(after);
        }
        // Added first: what was counted before is part of `cost`.
        cost + self.part(after, &moved) - self.part(before, &moved)
    }

    /// What [`Self::cost`] counts that involves a box of `moved` or one of their links: each
    /// such term once.
    fn part(&self, positions: &[Point], moved: &[usize]) -> usize {
        let layout = Layout {
            sizes: self.sizes,
            edges: self.edges,
            incident: &[],
        };
        let mut affected = vec![false; self.edges.len()];
        for &m in moved {
            for &e in &self.incident[m] {
                affected[e] = true;
            }
        }
        let rect = |node: usize| layout.rect(positions, node).expand(-2.0);
        let segments: Vec<(Point, Point)> = (0..self.edges.len())
            .map(|e| layout.segment(positions, e))
            .collect();
        let mut cost = 0;
        for (e, &(a, b)) in self.edges.iter().enumerate() {
            let (p, q) = segments[e];
            if affected[e] {
                // Its crossings with unaffected links and with affected links after it, and
                // the boxes it passes through.
                for (f, &(c, d)) in self.edges.iter().enumerate() {
                    if (affected[f] && f <= e) || a == c || a == d || b == c || b == d {
                        continue;
                    }
                    let (r, s) = segments[f];
                    if cross(p, q, r, s) {
                        cost += CROSSING;
                    }
                }
                for node in 0..self.sizes.len() {
                    if node != a && node != b && hits(p, q, rect(node)) {
                        cost += self.through;
                    }
                }
            } else {
                for &node in moved {
                    if node != a && node != b && hits(p, q, rect(node)) {
                        cost += self.through;
                    }
                }
            }
        }
        cost
    }
}

/// [`cost`] with `through` for each link through a box.
pub(super) fn weighted_cost(
    sizes: &[Size],
    positions: &[Point],
    edges: &[(usize, usize)],
    through: usize,
) -> usize {
    let layout = Layout {
        sizes,
        edges,
        incident: &[],
    };
    let segments: Vec<(Point, Point)> = (0..edges.len())
        .map(|e| layout.segment(positions, e))
        .collect();
    let mut cost = 0;
    for (e, &(a, b)) in edges.iter().enumerate() {
        let (p, q) = segments[e];
        for node in 0..sizes.len() {
            if node != a && node != b && hits(p, q, layout.rect(positions, node).expand(-2.0)) {
                cost += through;
            }
        }
        for (m, &(c, d)) in edges.iter().enumerate().skip(e + 1) {
            if a != c && a != d && b != c && b != d && cross(p, q, segments[m].0, segments[m].1) {
                cost += CROSSING;
            }
        }
    }
    cost
}

struct Layout<'a> {
    sizes: &'a [Size],
    edges: &'a [(usize, usize)],
    incident: &'a [Vec<usize>],
}

impl Layout<'_> {
    fn rect(&self, positions: &[Point], node: usize) -> Rect {
        Rect::from_min_size(positions[node], self.sizes[node])
    }

    /// The straight line of link `e`, between its boxes' borders.
    fn segment(&self, positions: &[Point], e: usize) -> (Point, Point) {
        let (a, b) = self.edges[e];
        let (ra, rb) = (self.rect(positions, a), self.rect(positions, b));
        (
            ra.boundary_toward(rb.center()),
            rb.boundary_toward(ra.center()),
        )
    }

    /// Crossings and links through boxes that involve boxes `u` or `v` or their links (some
    /// counted twice, the same before and after a swap, which is all a comparison needs).
    fn cost(&self, positions: &[Point], u: usize, v: usize) -> usize {
        let mut cost = 0;
        let mine: Vec<usize> = self.incident[u]
            .iter()
            .chain(&self.incident[v])
            .copied()
            .collect();
        let boxes = [self.rect(positions, u), self.rect(positions, v)];
        for e in 0..self.edges.len() {
            let (a, b) = self.edges[e];
            let (p, q) = self.segment(positions, e);
            for (node, rect) in [u, v].iter().zip(boxes) {
                if a != *node && b != *node && hits(p, q, rect.expand(-2.0)) {
                    cost += THROUGH;
                }
            }
            for &m in &mine {
                let (c, d) = self.edges[m];
                if m == e || a == c || a == d || b == c || b == d {
                    continue;
                }
                let (r, s) = self.segment(positions, m);
                if cross(p, q, r, s) {
                    cost += CROSSING;
                }
            }
        }
        for &m in &mine {
            let (c, d) = self.edges[m];
            let (r, s) = self.segment(positions, m);
            for node in 0..self.sizes.len() {
                if node != c && node != d && hits(r, s, self.rect(positions, node).expand(-2.0)) {
                    cost += THROUGH;
                }
            }
        }
        cost
    }
}

fn side(o: Point, a: Point, b: Point) -> f32 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Whether segments pq and rs cross at a point inside both.
fn cross(p: Point, q: Point, r: Point, s: Point) -> bool {
    let (d1, d2) = (side(r, s, p), side(r, s, q));
    let (d3, d4) = (side(p, q, r), side(p, q, s));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Whether segment pq passes through `rect` (clipping the segment to each slab).
fn hits(p: Point, q: Point, rect: Rect) -> bool {
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (start, delta, low, high) in [
        (p.x, q.x - p.x, rect.min.x, rect.max.x),
        (p.y, q.y - p.y, rect.min.y, rect.max.y),
    ] {
        if delta == 0.0 {
            if start < low || start > high {
                return false;
            }
            continue;
        }
        let (a, b) = ((low - start) / delta, (high - start) / delta);
        t0 = t0.max(a.min(b));
        t1 = t1.min(a.max(b));
        if t0 > t1 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// The count kept up to date move by move is the count made afresh, whatever moved.
        #[test]
        fn the_count_after_a_move_is_the_count_made_afresh(
            boxes in proptest::collection::vec((0u8..8, 0u8..4), 3..14),
            links in proptest::collection::vec((0usize..14, 0usize..14), 0..30),
            moves in proptest::collection::vec((0usize..14, -6i8..7, 0usize..14), 1..12),
        ) {
            let n = boxes.len();
            let sizes = vec![Size::new(196.0, 72.0); n];
            let mut positions: Vec<Point> = boxes
                .iter()
                .map(|&(x, y)| Point::new(f32::from(x) * 120.0, f32::from(y) * 160.0))
                .collect();
            let edges: Vec<(usize, usize)> = links
                .iter()
                .map(|&(a, b)| (a % n, b % n))
                .filter(|(a, b)| a != b)
                .collect();
            let straight = Straight::new(&sizes, &edges, 2);
            let mut cost = straight.cost(&positions);
            for (node, dx, other) in moves {
                let before = positions.clone();
                // A slide, or a slide and a swap (two boxes moved).
                positions[node % n].x += f32::from(dx) * 40.0;
                if other % 3 == 0 {
                    positions.swap(node % n, other % n);
                }
                cost = straight.moved(cost, &before, &positions);
                proptest::prop_assert_eq!(cost, straight.cost(&positions));
            }
        }
    }
}
