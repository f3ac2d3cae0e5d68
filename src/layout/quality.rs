//! How readable a map's links are, in two numbers: links that pass through a team or funding source
//! that is not one of their ends (they read as if they joined it), and pairs of links that cross.
//! Links are measured as the canvas, SVG and PNG draw them: routed (`scene::route`), each stretch
//! of a route on its own.

use crate::model::{Document, Id, Point, Rect};
use crate::scene::Routes;

/// The two counts, for `teamscape arrange --check` and BENCHMARKS.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quality {
    pub links: usize,
    /// Links whose line passes through a box other than its ends'.
    pub through_boxes: usize,
    /// Pairs of links whose lines cross (pairs sharing an end are not counted; two links that
    /// cross more than once count once).
    pub crossings: usize,
}

/// Measures `doc` with its links routed as they are drawn.
pub fn measure(doc: &Document) -> Quality {
    measure_routed(doc, &Routes::of(doc))
}

/// Measures `doc` with its links drawn along `routes`. Boxes and stretches are bucketed in a
/// coarse grid, so a large map is measured in about linear time.
pub fn measure_routed(doc: &Document, routes: &Routes) -> Quality {
    // Every stretch of every link, with the link it belongs to.
    let mut links: Vec<(Id, Id, Point, Point)> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    let mut count = 0;
    for (id, link) in &doc.links {
        let Some(path) = routes.drawn(*id) else {
            continue;
        };
        for w in path.windows(2) {
            links.push((link.from, link.to, w[0], w[1]));
            owner.push(count);
        }
        count += 1;
    }
    let boxes: Vec<(Id, Rect)> = doc.node_rects().collect();
    let grid = Grid::new(&boxes, &links);
    let mut through: Vec<usize> = Vec::new();
    for (i, (from, to, p, q)) in links.iter().enumerate() {
        let hit = grid.boxes_near(i).any(|b| {
            let (id, rect) = boxes[b];
            id != *from && id != *to && segment_hits_rect(*p, *q, rect.expand(-2.0))
        });
        if hit {
            through.push(owner[i]);
        }
    }
    through.dedup();
    let mut crossing: Vec<(usize, usize)> = Vec::new();
    for (i, (a_from, a_to, p, q)) in links.iter().enumerate() {
        for j in grid.links_near(i) {
            if owner[j] <= owner[i] {
                continue;
            }
            let (b_from, b_to, r, s) = links[j];
            let shares_end = [*a_from, *a_to].iter().any(|e| *e == b_from || *e == b_to);
            if !shares_end && segments_cross(*p, *q, r, s) {
                crossing.push((owner[i], owner[j]));
            }
        }
    }
    crossing.sort_unstable();
    crossing.dedup();
    Quality {
        links: count,
        through_boxes: through.len(),
        crossings: crossing.len(),
    }
}

/// Which boxes and segments touch which cells of a coarse grid.
struct Grid {
    cell: f32,
    origin: Point,
    columns: usize,
    rows: usize,
    boxes: Vec<Vec<usize>>,
    links: Vec<Vec<usize>>,
    link_cells: Vec<Vec<usize>>,
}

impl Grid {
    fn new(boxes: &[(Id, Rect)], links: &[(Id, Id, Point, Point)]) -> Self {
        let mut min = Point::new(f32::MAX, f32::MAX);
        let mut max = Point::new(f32::MIN, f32::MIN);
        for (_, rect) in boxes {
            min = Point::new(min.x.min(rect.min.x), min.y.min(rect.min.y));
            max = Point::new(max.x.max(rect.max.x), max.y.max(rect.max.y));
        }
        if boxes.is_empty() {
            min = Point::new(0.0, 0.0);
            max = Point::new(1.0, 1.0);
        }
        let area = ((max.x - min.x) * (max.y - min.y)).max(1.0);
        // About one box per cell, never finer than a box.
        let cell = (area / boxes.len().max(1) as f32).sqrt().max(200.0);
        let columns = (((max.x - min.x) / cell) as usize + 1).min(4096);
        let rows = (((max.y - min.y) / cell) as usize + 1).min(4096);
        let cell = cell
            .max((max.x - min.x) / columns as f32)
            .max((max.y - min.y) / rows as f32);
        let mut grid = Self {
            cell,
            origin: min,
            columns,
            rows,
            boxes: vec![Vec::new(); columns * rows],
            links: vec![Vec::new(); columns * rows],
            link_cells: Vec::with_capacity(links.len()),
        };
        for (index, (_, rect)) in boxes.iter().enumerate() {
            for c in grid.cells_of(rect.min, rect.max) {
                grid.boxes[c].push(index);
            }
        }
        for (index, (_, _, p, q)) in links.iter().enumerate() {
            let cells: Vec<usize> = grid
                .cells_of(
                    Point::new(p.x.min(q.x), p.y.min(q.y)),
                    Point::new(p.x.max(q.x), p.y.max(q.y)),
                )
                .filter(|&c| {
                    let (x, y) = (c % grid.columns, c / grid.columns);
                    let min = Point::new(
                        grid.origin.x + x as f32 * grid.cell,
                        grid.origin.y + y as f32 * grid.cell,
                    );
                    let rect = Rect {
                        min,
                        max: Point::new(min.x + grid.cell, min.y + grid.cell),
                    };
                    segment_hits_rect(*p, *q, rect.expand(1.0))
                })
                .collect();
            for &c in &cells {
                grid.links[c].push(index);
            }
            grid.link_cells.push(cells);
        }
        grid
    }

    fn cells_of(&self, min: Point, max: Point) -> impl Iterator<Item = usize> + use<> {
        let at =
            |v: f32, o: f32, n: usize| (((v - o) / self.cell).floor().max(0.0) as usize).min(n - 1);
        let (x0, x1) = (
            at(min.x, self.origin.x, self.columns),
            at(max.x, self.origin.x, self.columns),
        );
        let (y0, y1) = (
            at(min.y, self.origin.y, self.rows),
            at(max.y, self.origin.y, self.rows),
        );
        let columns = self.columns;
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| y * columns + x))
    }

    fn boxes_near(&self, link: usize) -> impl Iterator<Item = usize> + '_ {
        let mut seen: Vec<usize> = self.link_cells[link]
            .iter()
            .flat_map(|&c| self.boxes[c].iter().copied())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.into_iter()
    }

    fn links_near(&self, link: usize) -> Vec<usize> {
        let mut near: Vec<usize> = self.link_cells[link]
            .iter()
            .flat_map(|&c| self.links[c].iter().copied())
            .collect();
        near.sort_unstable();
        near.dedup();
        near
    }
}

fn cross(o: Point, a: Point, b: Point) -> f32 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Whether segments pq and rs cross at a point inside both (touching ends do not count).
fn segments_cross(p: Point, q: Point, r: Point, s: Point) -> bool {
    let d1 = cross(r, s, p);
    let d2 = cross(r, s, q);
    let d3 = cross(p, q, r);
    let d4 = cross(p, q, s);
    ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
}

/// Whether segment pq passes through `rect`, or touches it.
fn segment_hits_rect(p: Point, q: Point, rect: Rect) -> bool {
    crate::scene::route::clip(p, q, rect).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, ModelTypeId, Team};

    fn team(doc: &mut Document, id: u64, x: f32, y: f32) {
        doc.teams.insert(
            Id(id),
            Team::new(format!("T{id}"), ModelTypeId(1), Point::new(x, y)),
        );
    }

    #[test]
    fn a_link_under_a_third_box_and_two_crossing_links_are_counted() {
        let mut doc = Document::new("q");
        team(&mut doc, 1, 0.0, 0.0);
        team(&mut doc, 2, 300.0, 0.0);
        team(&mut doc, 3, 600.0, 0.0);
        doc.links.insert(Id(10), Link::dependency(Id(1), Id(3)));
        let straight = |doc: &Document| measure_routed(doc, &Routes::straight(doc));
        assert_eq!(
            straight(&doc),
            Quality {
                links: 1,
                through_boxes: 1,
                crossings: 0
            }
        );
        // Routed, the link goes around team 2.
        assert_eq!(measure(&doc).through_boxes, 0);
        team(&mut doc, 4, 300.0, -300.0);
        team(&mut doc, 5, 300.0, 300.0);
        doc.links.remove(&Id(10));
        doc.links.insert(Id(11), Link::dependency(Id(1), Id(2)));
        doc.links.insert(Id(12), Link::dependency(Id(4), Id(5)));
        // 4 → 5 runs straight down through team 2 and crosses nothing: 1 → 2 ends at 2's left
        // edge.
        assert_eq!(straight(&doc).through_boxes, 1);
        doc.links.insert(Id(13), Link::dependency(Id(1), Id(3)));
        let quality = straight(&doc);
        assert_eq!(quality.crossings, 1, "{quality:?}");
        // Routed, nothing goes through team 2; 4 → 5 goes round it and so crosses both 1 → 2 and
        // 1 → 3 (each pair counted once, however many of their stretches cross).
        assert_eq!(
            measure(&doc),
            Quality {
                links: 3,
                through_boxes: 0,
                crossings: 2
            }
        );
    }
}
