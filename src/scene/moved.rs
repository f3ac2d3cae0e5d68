//! What a drag in progress looks like: only the moved nodes and their links, drawn again where
//! they would land, so a frame of a drag costs the same on a 10-team map as on a 10,000-team one.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::spatial::SpatialIndex;
use crate::model::{Document, Id, Point, Rect, Size};
use crate::scene::{self, Owner, Primitive, Routes, SceneOptions, groups};

/// The moved part of the picture; the rest of the scene is painted without these items.
#[derive(Clone, Debug, Default)]
pub struct MovedScene {
    /// Where each moved node would be, as the drag preview gave it.
    pub moves: Vec<(Id, Point)>,
    /// The moved nodes and every link at them: the cached scene skips their primitives.
    pub hidden: HashSet<Id>,
    /// The same for every build with the same `hidden`: what the cached scene left out.
    pub hidden_key: u64,
    pub items: Vec<(Owner, Primitive)>,
}

/// What routing one step of a drag needs, owned so that it can go to another thread.
pub struct DragJob {
    moves: Vec<(Id, Point)>,
    /// Where the moved boxes would be.
    rects: HashMap<Id, Rect>,
    /// Every link at a moved node, with its two ends.
    links: Vec<(Id, (Id, Id))>,
    /// The map as it is, without the drag: where its links run and where their stretches are.
    routes: Arc<Routes>,
    index: Arc<SpatialIndex>,
}

/// One step of a drag, routed: the links at the moved nodes, and the links they now block,
/// sent round the boxes where they would be.
#[derive(Clone, Debug, Default)]
pub struct DragRoutes {
    /// The positions these routes were made for.
    pub moves: Vec<(Id, Point)>,
    routes: Routes,
    /// The links, not at a moved node, whose route a moved box now blocks.
    blocked: Vec<Id>,
}

impl DragJob {
    /// The job for the nodes at `moves`; only what the frame knows at once is gathered here,
    /// the search for the links they block is left to [`DragJob::route`].
    pub fn new(
        (doc, index, routes): (&Document, &Arc<SpatialIndex>, &Arc<Routes>),
        moves: &[(Id, Point)],
    ) -> Self {
        let rects: HashMap<Id, Rect> = moves
            .iter()
            .filter_map(|(id, to)| {
                let rect = doc.node_rect(*id)?;
                Some((
                    *id,
                    Rect::from_min_size(*to, Size::new(rect.width(), rect.height())),
                ))
            })
            .collect();
        let mut links: Vec<(Id, (Id, Id))> = moves
            .iter()
            .flat_map(|(id, _)| index.links_at(*id))
            .filter_map(|id| doc.links.get(id).map(|l| (*id, (l.from, l.to))))
            .collect();
        links.sort();
        links.dedup();
        Self {
            moves: moves.to_vec(),
            rects,
            links,
            routes: Arc::clone(routes),
            index: Arc::clone(index),
        }
    }

    /// Routes the step: the quick way round only, as a drag step must be cheap.
    pub fn route(self) -> DragRoutes {
        let mut rects: Vec<Rect> = self.rects.values().copied().collect();
        rects.sort_by(|a, b| {
            a.min
                .x
                .total_cmp(&b.min.x)
                .then(a.min.y.total_cmp(&b.min.y))
        });
        let at_moved: HashSet<Id> = self.links.iter().map(|(id, _)| *id).collect();
        let near = rects
            .iter()
            .flat_map(|r| self.index.links_in(*r).map(|(id, _)| id))
            .filter(|id| !at_moved.contains(id));
        let blocked: Vec<Id> = self.routes.blocked_by(&rects, near);
        let mut links = self.links;
        links.extend(
            blocked
                .iter()
                .filter_map(|id| Some((*id, self.routes.ends(*id)?))),
        );
        DragRoutes {
            routes: self.routes.with_moves(&self.rects, &links),
            moves: self.moves,
            blocked,
        }
    }
}

impl DragRoutes {
    /// Whether these routes were made for a drag of the same nodes as `moves`.
    pub fn moves_same_nodes(&self, moves: &[(Id, Point)]) -> bool {
        self.moves.len() == moves.len()
            && self.moves.iter().zip(moves).all(|((a, _), (b, _))| a == b)
    }
}

impl MovedScene {
    /// Builds the moved nodes and their links through the real scene code, on a document that
    /// holds only them and the nodes at their links' other ends. The links take their routes
    /// from `routed` (a step of the same drag, perhaps an earlier one), carried along to
    /// `moves`; a link `routed` lacks takes its route in `routes` (the map without the drag),
    /// carried along the same way. With `routed` made for `moves`, this is what the map draws
    /// once the drag ends, but for the full search that follows then.
    pub fn build(
        (doc, index, routes): (&Document, &SpatialIndex, &Routes),
        moves: Vec<(Id, Point)>,
        routed: &DragRoutes,
        options: SceneOptions,
    ) -> Self {
        let mut part = Document {
            palette: doc.palette.clone(),
            ..Document::new("")
        };
        let copy_node = |part: &mut Document, id: Id| {
            if let Some(team) = doc.teams.get(&id) {
                part.teams.entry(id).or_insert_with(|| team.clone());
            } else if let Some(source) = doc.sources.get(&id) {
                part.sources.entry(id).or_insert_with(|| source.clone());
            }
        };
        let mut hidden = HashSet::new();
        let mut links: Vec<Id> = Vec::new();
        for (id, _) in &moves {
            hidden.insert(*id);
            copy_node(&mut part, *id);
            links.extend_from_slice(index.links_at(*id));
        }
        let same_nodes = routed.moves_same_nodes(&moves);
        if same_nodes {
            links.extend(&routed.blocked);
        }
        links.sort();
        links.dedup();
        for link_id in &links {
            let Some(link) = doc.links.get(link_id) else {
                continue;
            };
            hidden.insert(*link_id);
            part.links.insert(*link_id, link.clone());
            copy_node(&mut part, link.from);
            copy_node(&mut part, link.to);
        }
        let drawn = carried_routes(doc, (routes, routed, same_nodes), &moves, &links);
        for (id, to) in &moves {
            if let Some(team) = part.teams.get_mut(id) {
                team.position = *to;
            } else if let Some(source) = part.sources.get_mut(id) {
                source.position = *to;
            }
        }
        let options = SceneOptions {
            title: false,
            legend: false,
            ..options
        };
        // The nodes at the far end of a moved link are drawn by the cached scene, where they are.
        let mut items = scene::build_part(&part, &drawn, options, &|id| hidden.contains(&id)).items;
        items.retain(|(owner, _)| matches!(owner, Owner::Item(id) if hidden.contains(id)));
        items.extend(moved_frames(doc, &moves, &mut hidden, options));
        let mut sorted: Vec<u64> = hidden.iter().map(|id| id.0).collect();
        sorted.sort_unstable();
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&sorted, &mut hasher);
        Self {
            moves,
            hidden,
            hidden_key: std::hash::Hasher::finish(&hasher),
            items,
        }
    }
}

/// The frames of the groups the moved nodes are in, drawn round where the nodes would be: as an
/// outline with the name (over the boxes, which a tint would cover); the cached scene leaves the
/// frames out meanwhile (they join `hidden`).
fn moved_frames(
    doc: &Document,
    moves: &[(Id, Point)],
    hidden: &mut HashSet<Id>,
    options: SceneOptions,
) -> Vec<(Owner, Primitive)> {
    if doc.groups.is_empty() {
        return Vec::new();
    }
    let affected: HashSet<Id> = moves
        .iter()
        .flat_map(|(id, _)| doc.groups_containing(*id))
        .collect();
    if affected.is_empty() {
        return Vec::new();
    }
    let to: HashMap<Id, Point> = moves.iter().copied().collect();
    let rect_now = |id: Id| {
        let rect = doc.node_rect(id)?;
        Some(to.get(&id).map_or(rect, |p| {
            Rect::from_min_size(*p, Size::new(rect.width(), rect.height()))
        }))
    };
    let mut frames = groups::frames_of(doc, affected.iter().copied(), &rect_now);
    frames.retain(|id, _| affected.contains(id));
    hidden.extend(affected);
    let mut items = Vec::new();
    let colors = options.theme.colors();
    groups::push_frames(&mut items, doc, &frames, &colors, options.text_scale);
    for (_, primitive) in &mut items {
        if let Primitive::Rect { fill, .. } = primitive {
            *fill = fill.with_alpha(0);
        }
    }
    items
}

/// The routes of `links` for the nodes at `moves`: those in `routed` carried from where it
/// routed them, the rest from the map's routes carried from where the nodes are in `doc`.
fn carried_routes(
    doc: &Document,
    (routes, routed, same_nodes): (&Routes, &DragRoutes, bool),
    moves: &[(Id, Point)],
    links: &[Id],
) -> Routes {
    let to: HashMap<Id, Point> = moves.iter().copied().collect();
    let offset_from = |at: Point, node: Id| {
        let to = to.get(&node)?;
        Some((to.x - at.x, to.y - at.y))
    };
    let (from_drag, from_map): (Vec<Id>, Vec<Id>) = links
        .iter()
        .partition(|id| same_nodes && routed.routes.has(**id));
    let routed_at: HashMap<Id, Point> = routed.moves.iter().copied().collect();
    let from_map = routes.carried(&from_map, |node| {
        offset_from(doc.node_rect(node)?.min, node)
    });
    let from_drag = routed
        .routes
        .carried(&from_drag, |node| offset_from(*routed_at.get(&node)?, node));
    from_map.overlaid(&from_drag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, ModelTypeId, Team};
    use crate::scene::route::segment_enters;

    #[test]
    fn a_team_dragged_into_a_links_way_sends_that_link_round_it_in_the_preview() {
        let mut doc = Document::new("drag");
        for (id, x, y) in [(1, 0.0, 0.0), (2, 600.0, 0.0), (3, 300.0, 400.0)] {
            doc.teams.insert(
                Id(id),
                Team::new(format!("T{id}"), ModelTypeId(1), Point::new(x, y)),
            );
        }
        doc.links.insert(Id(10), Link::dependency(Id(1), Id(2)));
        let scene = scene::build(&doc, SceneOptions::default());
        let index = SpatialIndex::build(&doc, &scene);
        let routes = Arc::new(Routes::of(&doc));
        let index = Arc::new(index);
        // Team 3 dragged onto the straight line between 1 and 2.
        let to = Point::new(300.0, 0.0);
        let moves = vec![(Id(3), to)];
        let routed = DragJob::new((&doc, &index, &routes), &moves).route();
        let moved = MovedScene::build(
            (&doc, &index, &routes),
            moves,
            &routed,
            SceneOptions::default(),
        );
        assert!(
            moved.hidden.contains(&Id(10)),
            "the blocked link is drawn again"
        );
        let line = scene::item_lines(&moved.items)
            .find_map(|(id, points)| (id == Id(10)).then(|| points.to_vec()))
            .expect("the link's new line");
        let dropped = Rect::from_min_size(to, Team::DEFAULT_SIZE);
        assert!(
            !line.windows(2).any(|w| segment_enters(w[0], w[1], dropped)),
            "{line:?}"
        );
        // What the drag shows is what the map draws once the drag ends.
        let mut after = doc.clone();
        after.teams.get_mut(&Id(3)).expect("team").position = to;
        assert_eq!(Routes::of(&after).drawn(Id(10)), Some(line));
    }

    #[test]
    fn a_dragged_member_takes_its_groups_frame_along_in_the_preview() {
        use crate::model::{Group, GroupKind};
        let mut doc = Document::new("drag");
        for (id, x) in [(1, 0.0), (2, 400.0)] {
            doc.teams.insert(
                Id(id),
                Team::new(format!("T{id}"), ModelTypeId(1), Point::new(x, 0.0)),
            );
        }
        let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
        retail.members = vec![Id(1), Id(2)];
        doc.groups.insert(Id(9), retail);
        let scene = scene::build(&doc, SceneOptions::default());
        let index = Arc::new(SpatialIndex::build(&doc, &scene));
        let routes = Arc::new(Routes::of(&doc));
        let moves = vec![(Id(2), Point::new(400.0, 300.0))];
        let routed = DragJob::new((&doc, &index, &routes), &moves).route();
        let moved = MovedScene::build(
            (&doc, &index, &routes),
            moves,
            &routed,
            SceneOptions::default(),
        );
        assert!(moved.hidden.contains(&Id(9)), "the old frame is left out");
        let frame = moved
            .items
            .iter()
            .find_map(|(owner, p)| match (owner, p) {
                (Owner::Item(Id(9)), Primitive::Rect { rect, .. }) => Some(*rect),
                _ => None,
            })
            .expect("the frame where the team would be");
        assert!(frame.max.y > 300.0 + Team::DEFAULT_SIZE.height, "{frame:?}");
    }
}
