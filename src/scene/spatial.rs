//! A uniform grid over the scene, the nodes and the links, built once per document revision, so
//! painting, hit testing and accessibility only look at what is near the view or the pointer.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Document, Id, Point, Rect};
use crate::scene::{self, Primitive, Scene};

/// Aim for cells about this big; a big map gets bigger cells so the grid stays small.
const CELL: f32 = 400.0;
const MAX_CELLS: usize = 1 << 16;

/// Lists of indices per cell, stored flat: cell `c` holds `entries[starts[c]..starts[c + 1]]`.
#[derive(Clone, Debug, Default)]
struct Buckets {
    starts: Vec<u32>,
    entries: Vec<u32>,
}

/// The cells of the grid and which scene items, nodes and links touch each of them.
#[derive(Clone, Debug, Default)]
pub struct SpatialIndex {
    origin: Point,
    cell: f32,
    columns: usize,
    rows: usize,
    items: Buckets,
    /// Teams and funding sources in paint order (sources, then teams, each by id): later is on top.
    nodes: Vec<(Id, Rect)>,
    node_cells: Buckets,
    links: Vec<(Id, Point, Point)>,
    link_cells: Buckets,
    /// The links at each node, for redrawing what a drag moves.
    links_at: HashMap<Id, Vec<Id>>,
}

/// Grid cells `(columns, rows)` covered by a rectangle, clamped to the grid.
type CellRange = (
    std::ops::RangeInclusive<usize>,
    std::ops::RangeInclusive<usize>,
);

impl SpatialIndex {
    pub fn build(doc: &Document, scene: &Scene) -> Self {
        let nodes: Vec<(Id, Rect)> = doc
            .sources
            .keys()
            .chain(doc.teams.keys())
            .filter_map(|id| Some((*id, doc.node_rect(*id)?)))
            .collect();
        let links: Vec<(Id, Point, Point)> = doc
            .links
            .iter()
            .filter_map(|(id, link)| {
                let (a, b) = scene::link_ends(doc, link)?;
                Some((*id, a, b))
            })
            .collect();
        let mut links_at: HashMap<Id, Vec<Id>> = HashMap::new();
        for (id, link) in &doc.links {
            links_at.entry(link.from).or_default().push(*id);
            if link.to != link.from {
                links_at.entry(link.to).or_default().push(*id);
            }
        }
        let item_rects: Vec<Rect> = scene.items.iter().map(|(_, p)| extent(p)).collect();
        let bounds = item_rects.iter().copied().reduce(Rect::union);
        let Some(bounds) = bounds else {
            return Self {
                links_at,
                ..Self::default()
            };
        };
        let mut cell = CELL;
        let (mut columns, mut rows) = grid_size(bounds, cell);
        while columns * rows > MAX_CELLS {
            cell *= 2.0;
            (columns, rows) = grid_size(bounds, cell);
        }
        let mut index = Self {
            origin: bounds.min,
            cell,
            columns,
            rows,
            nodes,
            links,
            links_at,
            ..Self::default()
        };
        index.items = index.bucket(item_rects.iter().copied());
        index.node_cells = index.bucket(index.nodes.iter().map(|(_, r)| *r));
        index.link_cells = index.bucket(index.links.iter().map(|(_, a, b)| segment_box(*a, *b)));
        index
    }

    fn cells(&self, rect: Rect) -> Option<CellRange> {
        if self.columns == 0 {
            return None;
        }
        let to_cell = |v: f32, origin: f32, count: usize| {
            // Saturating float-to-int casts clamp what lies outside the grid to its edge.
            (((v - origin) / self.cell).floor().max(0.0) as usize).min(count - 1)
        };
        let far_x = self.origin.x + self.cell * self.columns as f32;
        let far_y = self.origin.y + self.cell * self.rows as f32;
        if rect.max.x < self.origin.x
            || rect.max.y < self.origin.y
            || rect.min.x > far_x
            || rect.min.y > far_y
        {
            return None;
        }
        Some((
            to_cell(rect.min.x, self.origin.x, self.columns)
                ..=to_cell(rect.max.x, self.origin.x, self.columns),
            to_cell(rect.min.y, self.origin.y, self.rows)
                ..=to_cell(rect.max.y, self.origin.y, self.rows),
        ))
    }

    fn bucket(&self, rects: impl Iterator<Item = Rect> + Clone) -> Buckets {
        let cell_count = self.columns * self.rows;
        let mut counts = vec![0_u32; cell_count + 1];
        for rect in rects.clone() {
            if let Some((xs, ys)) = self.cells(rect) {
                for y in ys {
                    for x in xs.clone() {
                        counts[y * self.columns + x + 1] += 1;
                    }
                }
            }
        }
        for c in 1..counts.len() {
            counts[c] += counts[c - 1];
        }
        let mut fill = counts.clone();
        let mut entries = vec![0_u32; counts[cell_count] as usize];
        for (i, rect) in rects.enumerate() {
            if let Some((xs, ys)) = self.cells(rect) {
                for y in ys {
                    for x in xs.clone() {
                        let slot = &mut fill[y * self.columns + x];
                        entries[*slot as usize] = i as u32;
                        *slot += 1;
                    }
                }
            }
        }
        Buckets {
            starts: counts,
            entries,
        }
    }

    /// Indices in `buckets` touching cells that `area` touches, sorted and without repeats,
    /// written into `out` (cleared first) so a frame reuses one buffer.
    fn query(&self, buckets: &Buckets, area: Rect, total: usize, out: &mut Vec<u32>) {
        out.clear();
        let Some((xs, ys)) = self.cells(area) else {
            return;
        };
        let covered = xs.clone().count() * ys.clone().count();
        if covered * 2 >= self.columns * self.rows {
            // Most of the grid is in view: counting up is cheaper than merging cells.
            out.extend(0..total as u32);
            return;
        }
        for y in ys {
            let row = y * self.columns;
            let (from, to) = (
                buckets.starts[row + xs.start()] as usize,
                buckets.starts[row + xs.end() + 1] as usize,
            );
            out.extend_from_slice(&buckets.entries[from..to]);
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Scene items that may reach into `area`, in paint order.
    pub fn items_in(&self, scene: &Scene, area: Rect, out: &mut Vec<u32>) {
        self.query(&self.items, area, scene.items.len(), out);
    }

    /// Nodes that may reach into `area`, bottom to top.
    pub fn nodes_in(&self, area: Rect) -> impl Iterator<Item = (Id, Rect)> + '_ {
        let mut found = Vec::new();
        self.query(&self.node_cells, area, self.nodes.len(), &mut found);
        found
            .into_iter()
            .map(|i| self.nodes[i as usize])
            .filter(move |(_, r)| overlaps(*r, area))
    }

    /// Links whose line may come into `area`, by id, with their visible ends.
    pub fn links_in(&self, area: Rect) -> impl Iterator<Item = (Id, Point, Point)> + '_ {
        let mut found = Vec::new();
        self.query(&self.link_cells, area, self.links.len(), &mut found);
        found
            .into_iter()
            .map(|i| self.links[i as usize])
            .filter(move |(_, a, b)| overlaps(segment_box(*a, *b), area))
    }

    /// Links that start or end at `node`.
    pub fn links_at(&self, node: Id) -> &[Id] {
        self.links_at.get(&node).map_or(&[], Vec::as_slice)
    }

    /// Nodes lying entirely inside `area`.
    pub fn nodes_inside(&self, area: Rect) -> BTreeSet<Id> {
        self.nodes_in(area)
            .filter(|(_, r)| contains(area, r.min) && contains(area, r.max))
            .map(|(id, _)| id)
            .collect()
    }
}

fn grid_size(bounds: Rect, cell: f32) -> (usize, usize) {
    (
        ((bounds.width() / cell).floor() as usize + 1).max(1),
        ((bounds.height() / cell).floor() as usize + 1).max(1),
    )
}

/// The canvas area a primitive may paint into. Text is measured generously (its exact width
/// depends on the font), so it is never culled while part of it shows.
fn extent(primitive: &Primitive) -> Rect {
    match primitive {
        Primitive::Rect { rect, .. } => *rect,
        Primitive::Line { from, to, .. } => segment_box(*from, *to),
        Primitive::Text {
            pos, text, size, ..
        } => {
            let half_width = size * text.chars().count() as f32 * 0.35 + size;
            Rect {
                min: pos.offset(-2.0 * half_width, -size),
                max: pos.offset(2.0 * half_width, *size),
            }
        }
    }
}

fn segment_box(a: Point, b: Point) -> Rect {
    Rect {
        min: Point::new(a.x.min(b.x), a.y.min(b.y)),
        max: Point::new(a.x.max(b.x), a.y.max(b.y)),
    }
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y && b.min.y <= a.max.y
}

pub fn contains(rect: Rect, p: Point) -> bool {
    (rect.min.x..=rect.max.x).contains(&p.x) && (rect.min.y..=rect.max.y).contains(&p.y)
}
