//! Hit testing in canvas coordinates: which item is under a point, and which nodes a rectangle holds.

use std::collections::BTreeSet;

use crate::model::{Document, Id, Point, Rect};
use crate::scene::{link_ends, node_rect};

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// Inside a team or funding source.
    Node(Id),
    /// On the rim of a node: dragging from here draws a link.
    NodeEdge(Id),
    Link(Id),
    Nothing,
}

impl Hit {
    pub fn id(self) -> Option<Id> {
        match self {
            Self::Node(id) | Self::NodeEdge(id) | Self::Link(id) => Some(id),
            Self::Nothing => None,
        }
    }
}

/// Finds the topmost item at `p`. `edge_band` and `link_tolerance` are in canvas units
/// (a few screen pixels divided by the zoom).
pub fn hit_test(doc: &Document, p: Point, edge_band: f32, link_tolerance: f32) -> Hit {
    // Teams are painted above sources, and later ids above earlier ones.
    let nodes = doc.teams.keys().rev().chain(doc.sources.keys().rev());
    for id in nodes {
        let Some(rect) = node_rect(doc, *id) else {
            continue;
        };
        if contains(rect, p) {
            let rim = (p.x - rect.min.x)
                .min(rect.max.x - p.x)
                .min(p.y - rect.min.y)
                .min(rect.max.y - p.y);
            return if rim <= edge_band {
                Hit::NodeEdge(*id)
            } else {
                Hit::Node(*id)
            };
        }
    }
    let mut best: Option<(f32, Id)> = None;
    for (id, link) in &doc.links {
        let Some((a, b)) = link_ends(doc, link) else {
            continue;
        };
        let distance = distance_to_segment(p, a, b);
        if distance <= link_tolerance && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, *id));
        }
    }
    best.map_or(Hit::Nothing, |(_, id)| Hit::Link(id))
}

/// Teams and funding sources lying entirely inside `area`.
pub fn nodes_inside(doc: &Document, area: Rect) -> BTreeSet<Id> {
    doc.teams
        .keys()
        .chain(doc.sources.keys())
        .filter(|id| {
            node_rect(doc, **id).is_some_and(|r| contains(area, r.min) && contains(area, r.max))
        })
        .copied()
        .collect()
}

pub fn contains(rect: Rect, p: Point) -> bool {
    (rect.min.x..=rect.max.x).contains(&p.x) && (rect.min.y..=rect.max.y).contains(&p.y)
}

pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (abx, aby) = (b.x - a.x, b.y - a.y);
    let length_sq = abx * abx + aby * aby;
    let t = if length_sq == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * abx + (p.y - a.y) * aby) / length_sq).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.x + t * abx, a.y + t * aby);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, ModelTypeId, Team};

    fn doc() -> Document {
        let mut doc = Document::new("t");
        doc.teams
            .insert(Id(1), Team::new("A", ModelTypeId(1), Point::new(0.0, 0.0)));
        doc.teams.insert(
            Id(2),
            Team::new("B", ModelTypeId(1), Point::new(400.0, 0.0)),
        );
        doc.teams.insert(
            Id(3),
            Team::new("On top", ModelTypeId(1), Point::new(100.0, 20.0)),
        );
        doc.links.insert(Id(4), Link::dependency(Id(1), Id(2)));
        doc
    }

    #[test]
    fn the_topmost_node_wins_and_its_rim_is_an_edge() {
        let doc = doc();
        assert_eq!(
            hit_test(&doc, Point::new(150.0, 50.0), 6.0, 6.0),
            Hit::Node(Id(3))
        );
        assert_eq!(
            hit_test(&doc, Point::new(50.0, 36.0), 6.0, 6.0),
            Hit::Node(Id(1))
        );
        assert_eq!(
            hit_test(&doc, Point::new(3.0, 36.0), 6.0, 6.0),
            Hit::NodeEdge(Id(1))
        );
    }

    #[test]
    fn links_are_hit_near_their_line_only() {
        let doc = doc();
        assert_eq!(
            hit_test(&doc, Point::new(300.0, 40.0), 6.0, 6.0),
            Hit::Link(Id(4))
        );
        assert_eq!(
            hit_test(&doc, Point::new(300.0, 60.0), 6.0, 6.0),
            Hit::Nothing
        );
    }

    #[test]
    fn rectangle_selects_only_whole_nodes() {
        let doc = doc();
        let area = Rect {
            min: Point::new(-10.0, -10.0),
            max: Point::new(300.0, 100.0),
        };
        assert_eq!(nodes_inside(&doc, area), BTreeSet::from([Id(1), Id(3)]));
    }
}
