//! Where each link runs. A link whose straight line is clear is drawn straight, as people draw
//! it; one with a team or funding source in the way goes around it, bending at the corners of
//! what blocks it (the shortest way with a cost per bend), with rounded bends. We chose this
//! over right-angled routes: most links stay the straight arrows people expect, a detour reads
//! as a detour, and a polyline needs no ports or channels, so it routes a 1,000-team map in a
//! few milliseconds. Links between the same two nodes are drawn apart.
//!
//! Routes are kept per document revision; [`Routes::updated`] routes again only the links
//! whose ends changed or whose search area a moved, added or removed box touches, which gives
//! exactly what routing the whole map would.

mod router;
mod search;

use std::collections::{BTreeMap, HashMap};

pub use router::Boxes;
use router::{Obstacles, contains, route_all};
pub use search::{clip, segment_enters};
use search::{distance, exit, segment_bounds};

use crate::model::{Document, Id, Link, Point, Rect};

/// How far a route keeps from the boxes it goes around, in canvas units.
pub const CLEARANCE: f32 = 12.0;
/// A straight line may pass this close to a box and still count as clear.
const STRAIGHT_CLEARANCE: f32 = 4.0;
/// Links between the same two nodes run this far apart.
const PARALLEL_GAP: f32 = 10.0;
/// How far a bend is rounded: the curve starts this far before the corner.
const ROUNDING: f32 = 14.0;
/// Grid cells for the obstacle lookup.
const CELL: f32 = 256.0;
/// How far around its ends a search looks for a way, tried in turn.
const SEARCH_MARGINS: [f32; 3] = [60.0, 200.0, 1200.0];
/// More changed boxes than this and the whole map is routed again (cheaper than checking).
const MAX_INCREMENTAL: usize = 64;

/// What a route was computed from: when any of it changes, the link is routed again.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Ends {
    from: Id,
    to: Id,
    /// Sideways shift of a link that shares its two nodes with others.
    shift: f32,
}

/// One link's route.
#[derive(Clone, Debug, PartialEq)]
struct Routed {
    ends: Ends,
    /// From the edge of one end's box to the edge of the other's, bends between.
    points: Vec<Point>,
    /// Everything the route depended on lies in here: a box changing elsewhere cannot change it.
    area: Rect,
    /// Drawn straight because nothing was in the way: then only a box coming near the line (or
    /// an end moving) can change it, whatever else changes in `area`.
    clear_line: bool,
}

impl Routed {
    /// Whether a box changing within `changed` (grown by more than the clearance) could change
    /// this route.
    fn touched_by(&self, changed: &Rect) -> bool {
        if self.clear_line {
            let (a, b) = (self.points[0], self.points[self.points.len() - 1]);
            contains(*changed, a) || contains(*changed, b) || segment_enters(a, b, *changed)
        } else {
            changed.intersects(self.area)
        }
    }
}

/// The route of every link of a document revision.
#[derive(Clone, Debug, Default)]
pub struct Routes {
    boxes: Boxes,
    links: HashMap<Id, Routed>,
}

impl Routes {
    /// Routes every link of `doc`.
    pub fn of(doc: &Document) -> Self {
        Self::default().updated(doc)
    }

    /// The routes of `doc`, reusing those of `self` that nothing in `doc` changed.
    pub fn updated(&self, doc: &Document) -> Self {
        // Routed as drawn: a collapsed group is one box.
        let shown = super::collapse::shown(doc);
        let doc = &*shown;
        let boxes = Boxes::of(doc);
        let changed = changed_areas(&self.boxes, &boxes);
        let shifts = shifts(doc);
        let no_moves = HashMap::new();
        let obstacles = Obstacles {
            boxes: &boxes,
            moved: &no_moves,
        };
        let mut links = HashMap::with_capacity(doc.links.len());
        let mut to_route = Vec::new();
        for (id, link) in &doc.links {
            let ends = Ends {
                from: link.from,
                to: link.to,
                shift: shifts.get(id).copied().unwrap_or(0.0),
            };
            let kept = changed.as_ref().and_then(|changed| {
                let old = self.links.get(id)?;
                let untouched = old.ends == ends && !changed.iter().any(|c| old.touched_by(c));
                untouched.then(|| old.clone())
            });
            match kept {
                Some(routed) => {
                    links.insert(*id, routed);
                }
                None => to_route.push((*id, ends)),
            }
        }
        links.extend(route_all(&obstacles, &to_route, false));
        Self { boxes, links }
    }

    /// Every link straight from box edge to box edge, as drawn before routing (for comparing).
    pub fn straight(doc: &Document) -> Self {
        let shown = super::collapse::shown(doc);
        let doc = &*shown;
        let shifts = shifts(doc);
        let boxes = Boxes::of(doc);
        let obstacles = Obstacles {
            boxes: &boxes,
            moved: &HashMap::new(),
        };
        let links = doc
            .links
            .iter()
            .filter_map(|(id, link)| {
                let ends = Ends {
                    from: link.from,
                    to: link.to,
                    shift: shifts.get(id).copied().unwrap_or(0.0),
                };
                let (start, goal, from_rect, to_rect) = obstacles.ends(ends)?;
                let points = vec![exit(from_rect, start, goal), exit(to_rect, goal, start)];
                let area = segment_bounds(points[0], points[1]);
                Some((
                    *id,
                    Routed {
                        ends,
                        points,
                        area,
                        clear_line: true,
                    },
                ))
            })
            .collect();
        Self { boxes, links }
    }

    /// The route of `link` as drawn: box edge to box edge, bends rounded.
    pub fn drawn(&self, link: Id) -> Option<Vec<Point>> {
        self.links.get(&link).map(|r| rounded(&r.points))
    }

    /// Routes for `links` (each with its two ends) with the nodes in `moves` at new places (a
    /// drag in progress). Other boxes stay where they are. Only the quick way round is tried, so
    /// the preview of a drag stays cheap; the full routing follows when the drag ends.
    pub fn with_moves(&self, moves: &HashMap<Id, Rect>, links: &[(Id, (Id, Id))]) -> Self {
        let obstacles = Obstacles {
            boxes: &self.boxes,
            moved: moves,
        };
        // The links are those the routes were made for (a drag changes no link), so each keeps
        // its sideways shift; working the shifts out again would cost a look at every link.
        let to_route: Vec<(Id, Ends)> = links
            .iter()
            .map(|&(id, (from, to))| {
                let shift = self.links.get(&id).map_or(0.0, |r| r.ends.shift);
                (id, Ends { from, to, shift })
            })
            .collect();
        let links = route_all(&obstacles, &to_route, true).collect();
        Self {
            boxes: Boxes::default(),
            links,
        }
    }

    /// The routes of `ids` carried along by nodes that moved since they were routed:
    /// `offset(node)` is how far a node moved, `None` when it did not. An end moves with its
    /// node; the bends between move too when both ends moved alike and stay otherwise. A drag
    /// shows the last routes bent this way until the new ones arrive.
    pub fn carried(&self, ids: &[Id], offset: impl Fn(Id) -> Option<(f32, f32)>) -> Self {
        let links = ids
            .iter()
            .filter_map(|id| {
                let routed = self.links.get(id)?;
                let from = offset(routed.ends.from);
                let to = offset(routed.ends.to);
                let bends = match (from, to) {
                    (Some(a), Some(b)) => ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
                    _ => (0.0, 0.0),
                };
                let last = routed.points.len() - 1;
                let points = routed
                    .points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let (dx, dy) = match i {
                            0 => from.unwrap_or_default(),
                            i if i == last => to.unwrap_or_default(),
                            _ => bends,
                        };
                        p.offset(dx, dy)
                    })
                    .collect::<Vec<_>>();
                let area = points
                    .windows(2)
                    .map(|w| segment_bounds(w[0], w[1]))
                    .reduce(Rect::union)?;
                let routed = Routed {
                    points,
                    area,
                    ..routed.clone()
                };
                Some((*id, routed))
            })
            .collect();
        Self {
            boxes: Boxes::default(),
            links,
        }
    }

    /// The two nodes `link` runs between, as routed.
    pub fn ends(&self, link: Id) -> Option<(Id, Id)> {
        self.links.get(&link).map(|r| (r.ends.from, r.ends.to))
    }

    /// Whether `link` has a route here.
    pub fn has(&self, link: Id) -> bool {
        self.links.contains_key(&link)
    }

    /// These routes, with those of `other` in place of any for the same link.
    pub fn overlaid(mut self, other: &Self) -> Self {
        self.links
            .extend(other.links.iter().map(|(id, r)| (*id, r.clone())));
        self
    }

    /// Which of `candidates` (links near `rects`, from the spatial index) now pass through one of
    /// `rects` (boxes being dragged there).
    pub fn blocked_by(&self, rects: &[Rect], candidates: impl Iterator<Item = Id>) -> Vec<Id> {
        let mut ids: Vec<Id> = candidates
            .filter(|id| {
                self.links.get(id).is_some_and(|r| {
                    rects.iter().any(|rect| {
                        let rect = rect.expand(STRAIGHT_CLEARANCE);
                        r.points
                            .windows(2)
                            .any(|w| segment_enters(w[0], w[1], rect))
                    })
                })
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

/// The areas (old and new, grown by the clearance) of boxes that moved, changed size, came or
/// went between two revisions; `None` when so much changed that routing everything is cheaper.
fn changed_areas(old: &Boxes, new: &Boxes) -> Option<Vec<Rect>> {
    let mut changed = Vec::new();
    for (id, rect) in &new.nodes {
        match old.rect(*id) {
            Some(before) if before == *rect => {}
            Some(before) => {
                changed.push(before.expand(CLEARANCE + 1.0));
                changed.push(rect.expand(CLEARANCE + 1.0));
            }
            None => changed.push(rect.expand(CLEARANCE + 1.0)),
        }
        if changed.len() > MAX_INCREMENTAL {
            return None;
        }
    }
    for (id, rect) in &old.nodes {
        if new.rect(*id).is_none() {
            changed.push(rect.expand(CLEARANCE + 1.0));
        }
        if changed.len() > MAX_INCREMENTAL {
            return None;
        }
    }
    Some(changed)
}

/// How far each link that shares its two nodes with other links is shifted sideways, so they
/// are drawn apart (links between the same nodes, either way round, spread evenly).
fn shifts(doc: &Document) -> HashMap<Id, f32> {
    let mut pairs: BTreeMap<(Id, Id), Vec<Id>> = BTreeMap::new();
    for (id, link) in &doc.links {
        pairs.entry(pair(link)).or_default().push(*id);
    }
    let mut shifts = HashMap::new();
    for ((low, _), ids) in pairs {
        if ids.len() < 2 {
            continue;
        }
        let middle = (ids.len() - 1) as f32 / 2.0;
        for (i, id) in ids.iter().enumerate() {
            // The same side for both directions: measured from the lower id's node.
            let link = &doc.links[id];
            let sign = if link.from == low { 1.0 } else { -1.0 };
            shifts.insert(*id, sign * (i as f32 - middle) * PARALLEL_GAP);
        }
    }
    shifts
}

fn pair(link: &Link) -> (Id, Id) {
    (link.from.min(link.to), link.from.max(link.to))
}

/// The point halfway along the line through `points` (at least one).
pub fn halfway(points: &[Point]) -> Point {
    let total: f32 = points.windows(2).map(|w| distance(w[0], w[1])).sum();
    let mut left = total / 2.0;
    for w in points.windows(2) {
        let step = distance(w[0], w[1]);
        if step >= left && step > 0.0 {
            let t = left / step;
            return Point::new(
                w[0].x + (w[1].x - w[0].x) * t,
                w[0].y + (w[1].y - w[0].y) * t,
            );
        }
        left -= step;
    }
    points[points.len() / 2]
}

/// `points` with each bend rounded: a short curve from a little before the corner to a little
/// after it, which stays inside the corner's clearance.
pub fn rounded(points: &[Point]) -> Vec<Point> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut out = Vec::with_capacity(points.len() * 5);
    out.push(points[0]);
    for w in points.windows(3) {
        let (before, corner, after) = (w[0], w[1], w[2]);
        let toward = |p: Point, d: f32| {
            let length = distance(corner, p).max(1e-3);
            Point::new(
                corner.x + (p.x - corner.x) / length * d,
                corner.y + (p.y - corner.y) / length * d,
            )
        };
        let d = ROUNDING
            .min(distance(before, corner) / 2.0)
            .min(distance(corner, after) / 2.0);
        let (p0, p2) = (toward(before, d), toward(after, d));
        out.push(p0);
        for t in [0.25_f32, 0.5, 0.75] {
            let u = 1.0 - t;
            out.push(Point::new(
                u * u * p0.x + 2.0 * u * t * corner.x + t * t * p2.x,
                u * u * p0.y + 2.0 * u * t * corner.y + t * t * p2.y,
            ));
        }
        out.push(p2);
    }
    out.push(points[points.len() - 1]);
    out
}

#[cfg(test)]
mod tests;
