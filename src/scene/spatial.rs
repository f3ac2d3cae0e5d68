//! A uniform grid over the scene, the nodes and the links, built once per document revision, so
//! painting, hit testing and accessibility only look at what is near the view or the pointer.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::model::{Document, Id, Point, Rect};
use crate::scene::grid::{Buckets, Grid, overlaps};
use crate::scene::groups::{self, Frame};
use crate::scene::{self, Primitive, Scene};

/// Aim for cells about this big.
const CELL: f32 = 400.0;

/// The cells of the grid and which scene items, nodes and links touch each of them.
#[derive(Clone, Debug, Default)]
pub struct SpatialIndex {
    grid: Grid,
    items: Buckets,
    /// Teams and funding sources in paint order (sources, then teams, each by id): later is on top.
    nodes: Vec<(Id, Rect)>,
    node_cells: Buckets,
    /// Each stretch of each link's line, as drawn, by link id: the link and where the stretch
    /// starts in `points` (it ends at the next point).
    links: Vec<(Id, u32)>,
    link_cells: Buckets,
    /// Each link's line as drawn: its points' range in `points`.
    paths: HashMap<Id, (u32, u32)>,
    /// Every link's line, one after another.
    points: Vec<Point>,
    /// The links at each node, for redrawing what a drag moves.
    links_at: HashMap<Id, Vec<Id>>,
    /// Group frames, outermost first (as painted).
    frames: Vec<(Id, Frame)>,
    /// Where each group's frame is in `frames`.
    frame_of: HashMap<Id, usize>,
    /// Collapsed groups, which stand among `nodes` as one box each.
    collapsed: HashSet<Id>,
}

impl SpatialIndex {
    /// Indexes `scene`, drawn from `doc`: as drawn, a collapsed group is one box, hit as its group.
    pub fn build(doc: &Document, scene: &Scene) -> Self {
        let collapsed = scene::collapse::outermost_collapsed(doc);
        Self::build_shown(&scene::collapse::shown(doc), collapsed, scene)
    }

    /// Like [`SpatialIndex::build`] on the map as drawn ([`scene::collapse::shown`]), already
    /// worked out by the caller, with the groups drawn collapsed in it.
    pub fn build_shown(doc: &Document, collapsed: Vec<Id>, scene: &Scene) -> Self {
        let collapsed: HashSet<Id> = collapsed.into_iter().collect();
        let nodes: Vec<(Id, Rect)> = doc
            .sources
            .keys()
            .chain(doc.teams.keys())
            .filter_map(|id| Some((*id, doc.node_rect(*id)?)))
            .collect();
        // By link id (a link drawn twice keeps its last line), copied into one vector: a
        // routed line has five points per rounded bend, and a large map tens of thousands
        // of lines.
        let mut lines: Vec<(Id, &[Point])> = scene::item_lines(&scene.items)
            .filter(|(id, _)| doc.links.contains_key(id))
            .collect();
        lines.sort_by_key(|(id, _)| *id);
        let mut paths = HashMap::with_capacity(lines.len());
        let mut points = Vec::with_capacity(lines.iter().map(|(_, p)| p.len()).sum());
        let mut links = Vec::with_capacity(points.capacity());
        for (i, (id, line)) in lines.iter().enumerate() {
            if lines.get(i + 1).is_some_and(|(next, _)| next == id) {
                continue;
            }
            let start = points.len() as u32;
            points.extend_from_slice(line);
            let end = points.len() as u32;
            paths.insert(*id, (start, end));
            links.extend((start..end.saturating_sub(1)).map(|k| (*id, k)));
        }
        let mut links_at: HashMap<Id, Vec<Id>> = HashMap::new();
        for (id, link) in &doc.links {
            links_at.entry(link.from).or_default().push(*id);
            if link.to != link.from {
                links_at.entry(link.to).or_default().push(*id);
            }
        }
        let mut frames: Vec<(Id, Frame)> = groups::frames(doc, &|id| doc.node_rect(id))
            .into_iter()
            .collect();
        frames.sort_by(|a, b| a.1.depth.cmp(&b.1.depth).then(a.0.cmp(&b.0)));
        let item_rects: Vec<Rect> = scene.items.iter().map(|(_, p)| extent(p)).collect();
        let grid = Grid::over(item_rects.iter().copied().reduce(Rect::union), CELL);
        Self {
            grid,
            items: grid.bucket(item_rects.iter().copied()),
            node_cells: grid.bucket(nodes.iter().map(|(_, r)| *r)),
            link_cells: grid.bucket(links.iter().map(|&(_, k)| {
                let k = k as usize;
                segment_box(points[k], points[k + 1])
            })),
            nodes,
            links,
            paths,
            points,
            links_at,
            frame_of: frames
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (*id, i))
                .collect(),
            frames,
            collapsed,
        }
    }

    /// Whether `id` is a collapsed group, drawn as a box of its own.
    pub fn is_collapsed_group(&self, id: Id) -> bool {
        self.collapsed.contains(&id)
    }

    /// Where the box of a team, funding source or collapsed group is drawn.
    pub fn node_rect(&self, id: Id) -> Option<Rect> {
        self.nodes.iter().find(|(n, _)| *n == id).map(|(_, r)| *r)
    }

    /// The innermost group whose name band holds `p`.
    pub fn group_band_at(&self, p: Point) -> Option<Id> {
        self.frames
            .iter()
            .rev()
            .find(|(_, frame)| contains(frame.label_band(), p))
            .map(|(id, _)| *id)
    }

    /// The groups whose frame holds `p`, innermost first.
    pub fn groups_at(&self, p: Point) -> impl Iterator<Item = Id> + '_ {
        self.frames
            .iter()
            .rev()
            .filter(move |(_, frame)| contains(frame.rect, p))
            .map(|(id, _)| *id)
    }

    /// Where `group`'s frame is drawn; `None` for a group with nothing on the map.
    pub fn group_frame(&self, group: Id) -> Option<Frame> {
        self.frame_of.get(&group).map(|&i| self.frames[i].1)
    }

    /// The group frames that reach into `area`, outermost first.
    pub fn frames_in(&self, area: Rect) -> impl Iterator<Item = (Id, Frame)> + '_ {
        self.frames
            .iter()
            .filter(move |(_, frame)| overlaps(frame.rect, area))
            .map(|(id, frame)| (*id, *frame))
    }

    /// Scene items that may reach into `area`, in paint order.
    pub fn items_in(&self, scene: &Scene, area: Rect, out: &mut Vec<u32>) {
        self.grid.query(&self.items, area, scene.items.len(), out);
    }

    /// Nodes that may reach into `area`, bottom to top.
    pub fn nodes_in(&self, area: Rect) -> impl Iterator<Item = (Id, Rect)> + '_ {
        let mut found = Vec::new();
        self.grid
            .query(&self.node_cells, area, self.nodes.len(), &mut found);
        found
            .into_iter()
            .map(|i| self.nodes[i as usize])
            .filter(move |(_, r)| overlaps(*r, area))
    }

    /// Links whose line may come into `area`, by id, each once, with its line as drawn.
    pub fn links_in(&self, area: Rect) -> impl Iterator<Item = (Id, &[Point])> + '_ {
        let mut found = Vec::new();
        self.grid
            .query(&self.link_cells, area, self.links.len(), &mut found);
        // Stretches are stored by link id, so one link's stretches come together.
        let mut ids: Vec<Id> = found
            .into_iter()
            .map(|i| self.links[i as usize])
            .filter(|&(_, k)| {
                let k = k as usize;
                overlaps(segment_box(self.points[k], self.points[k + 1]), area)
            })
            .map(|(id, _)| id)
            .collect();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| Some((id, self.link_path(id)?)))
    }

    /// The line `link` is drawn as, box edge to box edge.
    pub fn link_path(&self, link: Id) -> Option<&[Point]> {
        let &(start, end) = self.paths.get(&link)?;
        Some(&self.points[start as usize..end as usize])
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

/// The canvas area a primitive may paint into. Text is measured generously (its exact width
/// depends on the font), so it is never culled while part of it shows.
fn extent(primitive: &Primitive) -> Rect {
    match primitive {
        Primitive::Rect { rect, .. } => *rect,
        Primitive::Line { points, .. } => points
            .iter()
            .map(|p| Rect { min: *p, max: *p })
            .reduce(Rect::union)
            .unwrap_or(Rect {
                min: Point::new(0.0, 0.0),
                max: Point::new(0.0, 0.0),
            }),
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

pub fn contains(rect: Rect, p: Point) -> bool {
    (rect.min.x..=rect.max.x).contains(&p.x) && (rect.min.y..=rect.max.y).contains(&p.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateOptions, generate};
    use crate::scene::SceneOptions;

    #[test]
    fn each_links_line_is_the_scenes_and_an_area_finds_every_link_that_comes_into_it() {
        let doc = generate(GenerateOptions {
            teams: 120,
            links: 360,
            seed: 5,
        });
        let scene = scene::build(&doc, SceneOptions::default());
        let index = SpatialIndex::build(&doc, &scene);
        let lines: HashMap<Id, &[Point]> = scene::item_lines(&scene.items).collect();
        assert_eq!(lines.len(), doc.links.len());
        // Some lines bend round boxes: more than two points.
        assert!(lines.values().any(|line| line.len() > 2));
        for (id, line) in &lines {
            assert_eq!(index.link_path(*id), Some(*line), "link {id}");
        }
        let bounds = scene.bounds.expect("a map");
        for (i, size) in [(0, 150.0), (1, 400.0), (2, 1200.0), (3, 90.0)] {
            let at = Point::new(
                bounds.min.x + bounds.width() * (0.2 + 0.2 * i as f32),
                bounds.min.y + bounds.height() * (0.8 - 0.2 * i as f32),
            );
            let area = Rect {
                min: at,
                max: Point::new(at.x + size, at.y + size * 0.6),
            };
            let found: BTreeSet<Id> = index.links_in(area).map(|(id, _)| id).collect();
            let expected: BTreeSet<Id> = lines
                .iter()
                .filter(|(_, line)| {
                    line.windows(2)
                        .any(|w| overlaps(segment_box(w[0], w[1]), area))
                })
                .map(|(id, _)| *id)
                .collect();
            assert_eq!(found, expected, "{area:?}");
            assert!(
                !expected.is_empty() || size < 100.0,
                "{area:?} finds something"
            );
        }
    }
}
