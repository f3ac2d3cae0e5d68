//! One link's way around the boxes between its ends: the shortest path over a visibility graph
//! whose nodes are the corners of the boxes, grown by the clearance, with a cost per bend so a
//! route bends only where a box is in the way.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::model::{Point, Rect};

const LANES: usize = 8;
/// The quick way gives up after going round this many boxes.
const MAX_DETOUR_STEPS: usize = 24;

/// Added to a route's length for each bend: a slightly longer route with fewer bends wins.
const BEND_COST: f32 = 40.0;
/// A search with more boxes than this in its area tries only the quick way round: the full
/// search would cost more than a frame.
pub(super) const MAX_OBSTACLES: usize = 64;
/// With more boxes than this even the quick way is not tried (the link is drawn straight): a
/// route round that many boxes reads no better than the line.
pub(super) const MAX_QUICK_OBSTACLES: usize = 256;

/// Boxes a route must stay out of, grown by the clearance, for one search.
pub(super) struct Search<'a> {
    /// What a segment may not pass through.
    pub blocks: &'a [Rect],
    /// The same boxes' edges, each in its own array, eight at a time, so that finding the few
    /// whose bounds meet a segment's is a plain loop the compiler turns into vector instructions.
    edges: Vec<[[f32; LANES]; 4]>,
    /// Where a route may bend: the corners of the grown boxes that lie in no other box, each
    /// with the corners on either side of it on its box.
    corners: Vec<Corner>,
}

#[derive(Clone, Copy)]
struct Corner {
    at: Point,
    sides: [Point; 2],
}

impl<'a> Search<'a> {
    /// `blocks` are the boxes grown by the clearance less a little, `corners` the corners of
    /// the boxes grown by the full clearance.
    pub(super) fn new(blocks: &'a [Rect], grown: impl Iterator<Item = Rect>) -> Self {
        let mut edges = vec![[[f32::NAN; LANES]; 4]; blocks.len().div_ceil(LANES)];
        for (i, b) in blocks.iter().enumerate() {
            let chunk = &mut edges[i / LANES];
            let lane = i % LANES;
            chunk[0][lane] = b.min.x;
            chunk[1][lane] = b.min.y;
            chunk[2][lane] = b.max.x;
            chunk[3][lane] = b.max.y;
        }
        let mut search = Self {
            blocks,
            edges,
            corners: Vec::new(),
        };
        for rect in grown {
            let round = [
                rect.min,
                Point::new(rect.max.x, rect.min.y),
                rect.max,
                Point::new(rect.min.x, rect.max.y),
            ];
            for (i, corner) in round.iter().enumerate() {
                if !search.in_a_block(*corner) {
                    search.corners.push(Corner {
                        at: *corner,
                        sides: [round[(i + 3) % 4], round[(i + 1) % 4]],
                    });
                }
            }
        }
        search
    }

    /// Whether `p` lies strictly inside one of the boxes.
    fn in_a_block(&self, p: Point) -> bool {
        self.edges.iter().any(|chunk| {
            let mut inside = [false; LANES];
            for lane in 0..LANES {
                inside[lane] = (chunk[0][lane] < p.x)
                    & (p.x < chunk[2][lane])
                    & (chunk[1][lane] < p.y)
                    & (p.y < chunk[3][lane]);
            }
            inside.contains(&true)
        })
    }

    /// Whether the segment from `a` to `b` stays out of every box.
    pub(super) fn clear(&self, a: Point, b: Point) -> bool {
        let bounds = segment_bounds(a, b);
        for (c, chunk) in self.edges.iter().enumerate() {
            // NaN lanes (past the last box) compare false and never meet.
            let mut meets = [false; LANES];
            for lane in 0..LANES {
                meets[lane] = (chunk[0][lane] < bounds.max.x)
                    & (bounds.min.x < chunk[2][lane])
                    & (chunk[1][lane] < bounds.max.y)
                    & (bounds.min.y < chunk[3][lane]);
            }
            if !meets.contains(&true) {
                continue;
            }
            for (lane, meets) in meets.iter().enumerate() {
                if *meets && segment_enters(a, b, self.blocks[c * LANES + lane]) {
                    return false;
                }
            }
        }
        true
    }

    /// The bends of a route from `start` to `goal` (neither included): first the quick way,
    /// round each box in the way on the side the straight line is nearer to; if that gets
    /// stuck, the cheapest route over all corners. `None` when the boxes close every way.
    pub(super) fn route(&self, start: Point, goal: Point) -> Option<Vec<Point>> {
        self.detour(start, goal).or_else(|| self.path(start, goal))
    }

    /// Only the quick way: for a search among more boxes than the full search can afford.
    pub(super) fn quick_route(&self, start: Point, goal: Point) -> Option<Vec<Point>> {
        self.detour(start, goal)
    }

    /// Goes round the first box in the way, by the corner that just clears it, again and again,
    /// then drops every bend the route can do without. `None` if that gets stuck.
    fn detour(&self, start: Point, goal: Point) -> Option<Vec<Point>> {
        let mut path = vec![start, goal];
        let mut i = 0;
        let mut steps = 0;
        while i + 1 < path.len() {
            let (p, q) = (path[i], path[i + 1]);
            let Some(block) = self.first_block(p, q) else {
                i += 1;
                continue;
            };
            steps += 1;
            if steps > MAX_DETOUR_STEPS {
                return None;
            }
            let corner = self.passing_corner(block, p, q)?;
            if corner == p || corner == q || self.in_a_block(corner) {
                return None;
            }
            path.insert(i + 1, corner);
        }
        // Pull the string tight: from each bend, straight to the furthest point it can see.
        let mut tight = vec![start];
        let mut at = 0;
        while at + 1 < path.len() {
            let mut next = path.len() - 1;
            while next > at + 1 && !self.clear(path[at], path[next]) {
                next -= 1;
            }
            tight.push(path[next]);
            at = next;
        }
        Some(tight[1..tight.len() - 1].to_vec())
    }

    /// The box the segment from `p` to `q` enters first.
    fn first_block(&self, p: Point, q: Point) -> Option<usize> {
        let bounds = segment_bounds(p, q);
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, r)| bounds.intersects(**r) && segment_enters(p, q, **r))
            .filter_map(|(i, r)| Some((i, clip(p, q, *r)?.0)))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(i, _)| i)
    }

    /// The corner of box `block` (grown by the clearance) to go by on the way from `p` to `q`:
    /// on the side of the line away from the box's middle, the one that just clears the box.
    fn passing_corner(&self, block: usize, p: Point, q: Point) -> Option<Point> {
        let b = self.blocks[block];
        let grown = Rect {
            min: b.min.offset(-1.0, -1.0),
            max: b.max.offset(1.0, 1.0),
        };
        let corners = [
            grown.min,
            Point::new(grown.max.x, grown.min.y),
            grown.max,
            Point::new(grown.min.x, grown.max.y),
        ];
        let middle = cross(p, q, grown.center());
        // Pass on the side the middle is not on (either side when the line runs through it).
        let side = if middle > 0.0 { -1.0 } else { 1.0 };
        let length = distance(p, q).max(1e-3);
        let (ux, uy) = ((q.x - p.x) / length, (q.y - p.y) / length);
        corners
            .into_iter()
            .filter(|c| cross(p, q, *c) * side >= 0.0)
            // The corner furthest round from the line, seen from `p`: the tangent.
            .map(|c| {
                let (dx, dy) = (c.x - p.x, c.y - p.y);
                let along = dx * ux + dy * uy;
                let off = (dx * -uy + dy * ux).abs();
                (c, off.atan2(along))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c)
    }

    /// The bends of the cheapest route from `start` to `goal` (neither included), or `None`
    /// when the boxes close every way.
    pub(super) fn path(&self, start: Point, goal: Point) -> Option<Vec<Point>> {
        // Node 0 is the start, 1 the goal, then the corners.
        let count = self.corners.len() + 2;
        let at = |i: usize| match i {
            0 => start,
            1 => goal,
            _ => self.corners[i - 2].at,
        };
        let mut cost = vec![f32::INFINITY; count];
        let mut came_from = vec![usize::MAX; count];
        let mut done = vec![false; count];
        let mut open = BinaryHeap::new();
        cost[0] = 0.0;
        open.push((Reverse(Key(distance(start, goal))), 0_usize));
        while let Some((_, u)) = open.pop() {
            if done[u] {
                continue;
            }
            if u == 1 {
                let mut bends = Vec::new();
                let mut v = came_from[1];
                while v != 0 {
                    bends.push(at(v));
                    v = came_from[v];
                }
                bends.reverse();
                return Some(bends);
            }
            done[u] = true;
            let from = at(u);
            // A taut route leaves a corner along its box, turning round the box.
            let leaving = (u >= 2).then(|| {
                let [a, b] = self.corners[u - 2].sides;
                let came = at(came_from[u]);
                let inner = if cross(came, from, a) != 0.0 {
                    cross(came, from, a)
                } else {
                    cross(came, from, b)
                };
                (a, b, came, inner)
            });
            for v in 1..count {
                if done[v] {
                    continue;
                }
                let to = at(v);
                if let Some((a, b, came, inner)) = leaving
                    && (cross(from, to, a) * cross(from, to, b) < 0.0
                        || cross(came, from, to) * inner < 0.0)
                {
                    continue;
                }
                // A shortest route only bends at a corner it passes by, never one it would
                // turn into its box at: both sides of the corner lie on one side of the way in.
                if v >= 2 {
                    let [a, b] = self.corners[v - 2].sides;
                    if cross(from, to, a) * cross(from, to, b) < 0.0 {
                        continue;
                    }
                }
                let step = distance(from, to) + if v == 1 { 0.0 } else { BEND_COST };
                let through = cost[u] + step;
                // Nothing through `v` can beat a way to the goal already found.
                let bound = through + if v == 1 { 0.0 } else { distance(to, goal) };
                if through < cost[v] && bound < cost[1] && self.clear(from, to) {
                    cost[v] = through;
                    came_from[v] = u;
                    open.push((Reverse(Key(through + distance(to, goal))), v));
                }
            }
        }
        None
    }
}

/// An `f32` cost that orders totally, for the heap.
#[derive(Clone, Copy, PartialEq)]
struct Key(f32);

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Which side of the line from `o` through `a` the point `b` lies on (the sign), and how far.
fn cross(o: Point, a: Point, b: Point) -> f32 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

pub(super) fn distance(a: Point, b: Point) -> f32 {
    // Not `hypot`: it guards against overflow that canvas coordinates cannot reach, and costs
    // several times as much.
    ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).sqrt()
}

pub(super) fn segment_bounds(a: Point, b: Point) -> Rect {
    Rect {
        min: Point::new(a.x.min(b.x), a.y.min(b.y)),
        max: Point::new(a.x.max(b.x), a.y.max(b.y)),
    }
}

fn strictly_inside(p: Point, r: Rect) -> bool {
    r.min.x < p.x && p.x < r.max.x && r.min.y < p.y && p.y < r.max.y
}

/// Whether the segment from `a` to `b` passes through the inside of `rect` (running along an
/// edge or touching a corner does not count).
pub fn segment_enters(a: Point, b: Point, rect: Rect) -> bool {
    clip(a, b, rect).is_some_and(|(t0, t1)| {
        let length = distance(a, b);
        if length == 0.0 {
            return strictly_inside(a, rect);
        }
        // Inside for a stretch longer than a rounding error, and not only along an edge.
        if (t1 - t0) * length <= 1e-3 {
            return false;
        }
        let t = (t0 + t1) / 2.0;
        let mid = Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        strictly_inside(mid, rect)
    })
}

/// The part of the segment from `a` to `b` inside `rect`, as fractions of the way (Liang–Barsky).
pub fn clip(a: Point, b: Point, rect: Rect) -> Option<(f32, f32)> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0: f32 = 0.0;
    let mut t1: f32 = 1.0;
    for (denominator, numerator) in [
        (-dx, a.x - rect.min.x),
        (dx, rect.max.x - a.x),
        (-dy, a.y - rect.min.y),
        (dy, rect.max.y - a.y),
    ] {
        if denominator == 0.0 {
            if numerator < 0.0 {
                return None;
            }
        } else {
            let t = numerator / denominator;
            if denominator < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some((t0, t1))
}

/// Where the segment from `inside` (a point in `rect`) toward `toward` leaves `rect`.
pub(super) fn exit(rect: Rect, inside: Point, toward: Point) -> Point {
    match clip(inside, toward, rect) {
        Some((_, t1)) => Point::new(
            inside.x + (toward.x - inside.x) * t1,
            inside.y + (toward.y - inside.y) * t1,
        ),
        None => rect.boundary_toward(toward),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect {
            min: Point::new(x0, y0),
            max: Point::new(x1, y1),
        }
    }

    #[test]
    fn a_box_in_the_way_is_gone_around_by_its_corners() {
        let block = rect(90.0, -40.0, 110.0, 40.0);
        let blocks = [block];
        let search = Search::new(&blocks, std::iter::once(block.expand(1.0)));
        let (start, goal) = (Point::new(0.0, 0.0), Point::new(200.0, 0.0));
        assert!(!search.clear(start, goal));
        let bends = search.path(start, goal).expect("there is a way round");
        assert_eq!(bends.len(), 2, "{bends:?}");
        let mut at = start;
        for next in bends.iter().copied().chain([goal]) {
            assert!(search.clear(at, next));
            at = next;
        }
    }

    #[test]
    fn a_closed_ring_of_boxes_has_no_way_out() {
        let blocks = [
            rect(-100.0, -100.0, 100.0, -50.0),
            rect(-100.0, 50.0, 100.0, 100.0),
            rect(-100.0, -100.0, -50.0, 100.0),
            rect(50.0, -100.0, 100.0, 100.0),
        ];
        let search = Search::new(&blocks, blocks.iter().map(|b| b.expand(1.0)));
        assert!(
            search
                .path(Point::new(0.0, 0.0), Point::new(300.0, 0.0))
                .is_none()
        );
    }

    #[test]
    fn running_along_an_edge_or_touching_a_corner_does_not_enter() {
        let r = rect(0.0, 0.0, 10.0, 10.0);
        assert!(!segment_enters(
            Point::new(-5.0, 0.0),
            Point::new(15.0, 0.0),
            r
        ));
        assert!(!segment_enters(
            Point::new(-5.0, -5.0),
            Point::new(0.0, 0.0),
            r
        ));
        assert!(segment_enters(
            Point::new(-5.0, 5.0),
            Point::new(15.0, 5.0),
            r
        ));
        assert_eq!(
            exit(r, Point::new(5.0, 5.0), Point::new(25.0, 5.0)),
            Point::new(10.0, 5.0)
        );
    }
}
