//! How one link finds its way: the obstacle boxes of a revision (with a drag's moves laid over
//! them), the straight line when it is clear, else a search in widening bands round the line, and
//! the work shared out over the cores.

use std::collections::HashMap;

use super::search::{
    MAX_OBSTACLES, MAX_QUICK_OBSTACLES, Search, distance, exit, segment_bounds, segment_enters,
};
use super::{CELL, CLEARANCE, Ends, Routed, SEARCH_MARGINS, STRAIGHT_CLEARANCE};
use crate::model::{Document, Id, Point, Rect};
use crate::scene::grid::{Buckets, Grid};

/// Team and funding-source boxes, bucketed in a grid, as the obstacles of routes.
#[derive(Clone, Debug, Default)]
pub struct Boxes {
    grid: Grid,
    buckets: Buckets,
    pub(super) nodes: Vec<(Id, Rect)>,
    at: HashMap<Id, usize>,
}

impl Boxes {
    pub fn of(doc: &Document) -> Self {
        let nodes: Vec<(Id, Rect)> = doc.node_rects().collect();
        let bounds = nodes.iter().map(|(_, r)| *r).reduce(Rect::union);
        let grid = Grid::over(bounds.map(|b| b.expand(CLEARANCE)), CELL);
        let buckets = grid.bucket(nodes.iter().map(|(_, r)| r.expand(CLEARANCE)));
        let at = nodes
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        Self {
            grid,
            buckets,
            nodes,
            at,
        }
    }

    pub(super) fn rect(&self, id: Id) -> Option<Rect> {
        self.at.get(&id).map(|&i| self.nodes[i].1)
    }
}

/// The boxes a route avoids: those of a revision, with some of them moved (a drag in progress).
pub(super) struct Obstacles<'a> {
    pub(super) boxes: &'a Boxes,
    pub(super) moved: &'a HashMap<Id, Rect>,
}

impl Obstacles<'_> {
    fn rect(&self, id: Id) -> Option<Rect> {
        self.moved.get(&id).copied().or_else(|| self.boxes.rect(id))
    }

    /// Where a link starts and ends inside its boxes (their centres, shifted sideways for a link
    /// that shares its nodes with others), and the boxes.
    pub(super) fn ends(&self, ends: Ends) -> Option<(Point, Point, Rect, Rect)> {
        let from_rect = self.rect(ends.from)?;
        let to_rect = self.rect(ends.to)?;
        let (a, b) = (from_rect.center(), to_rect.center());
        // Shifted sideways, left of the direction from `from` to `to`.
        let length = distance(a, b).max(1e-3);
        let normal = Point::new(-(b.y - a.y) / length, (b.x - a.x) / length);
        let inside = |r: Rect, p: Point| {
            Point::new(
                p.x.clamp(r.min.x + 1.0, (r.max.x - 1.0).max(r.min.x + 1.0)),
                p.y.clamp(r.min.y + 1.0, (r.max.y - 1.0).max(r.min.y + 1.0)),
            )
        };
        let (dx, dy) = (normal.x * ends.shift, normal.y * ends.shift);
        Some((
            inside(from_rect, a.offset(dx, dy)),
            inside(to_rect, b.offset(dx, dy)),
            from_rect,
            to_rect,
        ))
    }

    /// Boxes within `reach` of the segment from `a` to `b`, other than `ends`, in a fixed
    /// order. A long segment is looked up piece by piece, so a link across a 10,000-team map
    /// looks at the cells along it rather than every cell of its bounding box.
    fn near(
        &self,
        (a, b, reach): (Point, Point, f32),
        ends: [Id; 2],
        found: &mut Vec<u32>,
        out: &mut Vec<Rect>,
    ) {
        out.clear();
        found.clear();
        let close = |r: &Rect| {
            let grown = r.expand(reach);
            contains(grown, a) || segment_enters(a, b, grown)
        };
        let boxes = self.boxes;
        let pieces = (distance(a, b) / CELL).ceil().max(1.0) as usize;
        let at = |t: f32| Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        let mut piece = Vec::new();
        for k in 0..pieces {
            let (from, to) = (
                at(k as f32 / pieces as f32),
                at((k + 1) as f32 / pieces as f32),
            );
            let area = segment_bounds(from, to).expand(reach);
            boxes
                .grid
                .query(&boxes.buckets, area, boxes.nodes.len(), &mut piece);
            found.extend_from_slice(&piece);
        }
        if pieces > 1 {
            found.sort_unstable();
            found.dedup();
        }
        for &i in found.iter() {
            let (id, rect) = boxes.nodes[i as usize];
            if !ends.contains(&id) && !self.moved.contains_key(&id) && close(&rect) {
                out.push(rect);
            }
        }
        let mut moved: Vec<(Id, Rect)> = self
            .moved
            .iter()
            .filter(|(id, r)| !ends.contains(id) && close(r))
            .map(|(id, r)| (*id, *r))
            .collect();
        moved.sort_by_key(|(id, _)| *id);
        out.extend(moved.into_iter().map(|(_, r)| r));
    }
}

/// Links routed at once on one thread; more are shared out among the cores.
const PER_THREAD: usize = 256;
/// The same for the quick routes of a drag in progress, which has a frame to finish in.
const QUICK_PER_THREAD: usize = 32;

/// Routes `links`, on several threads when there are many. Each route depends only on the
/// boxes, so the result is the same however the work is shared.
pub(super) fn route_all(
    obstacles: &Obstacles<'_>,
    links: &[(Id, Ends)],
    quick: bool,
) -> impl Iterator<Item = (Id, Routed)> + use<> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(
            links
                .len()
                .div_ceil(if quick { QUICK_PER_THREAD } else { PER_THREAD }),
        )
        .max(1);
    let route_part = |part: &[(Id, Ends)]| -> Vec<(Id, Routed)> {
        let mut router = Router {
            quick,
            ..Router::default()
        };
        part.iter()
            .filter_map(|(id, ends)| Some((*id, router.route(obstacles, *ends)?)))
            .collect()
    };
    let routed: Vec<Vec<(Id, Routed)>> = if threads == 1 {
        vec![route_part(links)]
    } else {
        let size = links.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = links
                .chunks(size)
                .map(|part| scope.spawn(move || route_part(part)))
                .collect();
            parts
                .into_iter()
                .map(|part| {
                    part.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    };
    routed.into_iter().flatten()
}

/// Scratch space reused between searches.
#[derive(Default)]
struct Router {
    /// Only the quick way round (for a drag in progress).
    quick: bool,
    found: Vec<u32>,
    near: Vec<Rect>,
    blocks: Vec<Rect>,
}

impl Router {
    fn route(&mut self, obstacles: &Obstacles<'_>, ends: Ends) -> Option<Routed> {
        let (start, goal, from_rect, to_rect) = obstacles.ends(ends)?;
        let straight = vec![exit(from_rect, start, goal), exit(to_rect, goal, start)];
        let line_area = segment_bounds(straight[0], straight[1]).expand(STRAIGHT_CLEARANCE);
        let ends_ids = [ends.from, ends.to];
        let line = (straight[0], straight[1], STRAIGHT_CLEARANCE);
        obstacles.near(line, ends_ids, &mut self.found, &mut self.near);
        let blocked = self
            .near
            .iter()
            .any(|r| segment_enters(straight[0], straight[1], r.expand(STRAIGHT_CLEARANCE)));
        // Overlapping ends have no outside between them to route through.
        if !blocked || from_rect.intersects(to_rect) {
            return Some(Routed {
                ends,
                points: straight,
                area: line_area,
                clear_line: true,
            });
        }
        let mut area = line_area;
        // A drag in progress looks only close to the line.
        let margins = if self.quick {
            &SEARCH_MARGINS[..1]
        } else {
            &SEARCH_MARGINS[..]
        };
        for &margin in margins {
            // Only boxes near the straight line take part: a route goes round what is in its way,
            // and a wide band of boxes beside a long diagonal link would only slow the search.
            area = segment_bounds(start, goal).expand(margin);
            obstacles.near(
                (start, goal, margin),
                ends_ids,
                &mut self.found,
                &mut self.near,
            );
            // Among many boxes only the quick way is tried: the full search would cost more than
            // a frame.
            // A drag in progress gives up sooner: a frame has no time for a long way round.
            let limit = if self.quick {
                MAX_OBSTACLES
            } else {
                MAX_QUICK_OBSTACLES
            };
            if self.near.len() > limit {
                break;
            }
            let crowded = self.quick || self.near.len() > MAX_OBSTACLES;
            // A box closer to an end than the clearance keeps only its own outline, or the end
            // could not get out.
            self.blocks.clear();
            self.blocks.extend(self.near.iter().map(|r| {
                let grown = r.expand(CLEARANCE - 1.0);
                if contains(grown, start) || contains(grown, goal) {
                    *r
                } else {
                    grown
                }
            }));
            let search = Search::new(&self.blocks, self.near.iter().map(|r| r.expand(CLEARANCE)));
            let bends = if crowded {
                search.quick_route(start, goal)
            } else {
                search.route(start, goal)
            };
            // No bends: only a box too close to an end to go round grazes the line.
            if bends.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
            if let Some(mut bends) = bends {
                // Where the end boxes overlap others, a bend may lie in an end's own box.
                let leading = bends
                    .iter()
                    .take_while(|p| contains(from_rect, **p))
                    .count();
                bends.drain(..leading);
                while bends.last().is_some_and(|p| contains(to_rect, *p)) {
                    bends.pop();
                }
                if bends.is_empty() {
                    break;
                }
                let mut points = Vec::with_capacity(bends.len() + 2);
                points.push(exit(from_rect, start, bends[0]));
                points.extend_from_slice(&bends);
                points.push(exit(to_rect, goal, bends[bends.len() - 1]));
                // The search saw only the boxes near the straight line: a wide detour may meet
                // one it did not see, and then a wider search is needed.
                if self.clear_of_all(obstacles, &points, ends_ids) {
                    // The check looked at the boxes along the route too.
                    let reach = points
                        .windows(2)
                        .map(|w| segment_bounds(w[0], w[1]))
                        .fold(area, Rect::union);
                    return Some(Routed {
                        ends,
                        points,
                        area: reach,
                        clear_line: false,
                    });
                }
            }
            if crowded {
                break;
            }
        }
        // No way round within reach: straight, as before routing.
        Some(Routed {
            ends,
            points: straight,
            area,
            clear_line: false,
        })
    }
}

impl Router {
    /// Whether no stretch of `points` enters a box other than `ends`.
    fn clear_of_all(&mut self, obstacles: &Obstacles<'_>, points: &[Point], ends: [Id; 2]) -> bool {
        let mut seen = Vec::new();
        points.windows(2).all(|w| {
            obstacles.near((w[0], w[1], 0.0), ends, &mut self.found, &mut seen);
            !seen.iter().any(|r| segment_enters(w[0], w[1], *r))
        })
    }
}

pub(super) fn contains(r: Rect, p: Point) -> bool {
    r.min.x <= p.x && p.x <= r.max.x && r.min.y <= p.y && p.y <= r.max.y
}
