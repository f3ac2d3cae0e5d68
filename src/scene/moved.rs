//! What a drag in progress looks like: only the moved nodes and their links, drawn again where
//! they would land, so a frame of a drag costs the same on a 10-team map as on a 10,000-team one.

use std::collections::{HashMap, HashSet};

use super::spatial::SpatialIndex;
use crate::model::{Document, Id, Point, Rect, Size};
use crate::scene::{self, Owner, Primitive, Routes, SceneOptions};

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

impl MovedScene {
    /// Builds the moved nodes and their links through the real scene code, on a document that
    /// holds only them and the nodes at their links' other ends. Their links, and the links whose
    /// route a moved node now blocks, are routed as they will be when the drag ends.
    pub fn build(
        (doc, index, routes): (&Document, &SpatialIndex, &Routes),
        moves: Vec<(Id, Point)>,
        options: SceneOptions,
    ) -> Self {
        let mut part = Document {
            palette: doc.palette.clone(),
            ..Document::new("")
        };
        let mut hidden = HashSet::new();
        let copy_node = |part: &mut Document, id: Id| {
            if let Some(team) = doc.teams.get(&id) {
                part.teams.entry(id).or_insert_with(|| team.clone());
            } else if let Some(source) = doc.sources.get(&id) {
                part.sources.entry(id).or_insert_with(|| source.clone());
            }
        };
        let moved_rects: HashMap<Id, Rect> = moves
            .iter()
            .filter_map(|(id, to)| {
                let rect = doc.node_rect(*id)?;
                Some((
                    *id,
                    Rect::from_min_size(*to, Size::new(rect.width(), rect.height())),
                ))
            })
            .collect();
        let mut rects: Vec<Rect> = moved_rects.values().copied().collect();
        rects.sort_by(|a, b| {
            a.min
                .x
                .total_cmp(&b.min.x)
                .then(a.min.y.total_cmp(&b.min.y))
        });
        let near = rects
            .iter()
            .flat_map(|r| index.links_in(*r).map(|(id, _)| id))
            .collect::<Vec<_>>();
        let blocked = routes.blocked_by(&rects, near.into_iter());
        let mut links: Vec<Id> = Vec::new();
        for (id, _) in &moves {
            hidden.insert(*id);
            copy_node(&mut part, *id);
            links.extend_from_slice(index.links_at(*id));
        }
        links.extend(blocked);
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
        let rerouted = routes.with_moves(doc, &moved_rects, &links);
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
        let mut items = scene::build_routed(&part, &rerouted, options).items;
        // The nodes at the far end of a moved link are drawn by the cached scene, where they are.
        items.retain(|(owner, _)| matches!(owner, Owner::Item(id) if hidden.contains(id)));
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
        let routes = Routes::of(&doc);
        // Team 3 dragged onto the straight line between 1 and 2.
        let to = Point::new(300.0, 0.0);
        let moved = MovedScene::build(
            (&doc, &index, &routes),
            vec![(Id(3), to)],
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
}
