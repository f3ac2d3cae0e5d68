//! Hit testing in canvas coordinates: which item is under a point, and which nodes a rectangle holds.

use std::collections::BTreeSet;

use super::spatial::{SpatialIndex, contains};
use crate::model::{Id, Point, Rect};

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// Inside a team or funding source.
    Node(Id),
    /// On the rim of a node: dragging from here draws a link.
    NodeEdge(Id),
    Link(Id),
    /// On the band at the top of a group's frame, which holds its name.
    Group(Id),
    Nothing,
}

impl Hit {
    pub fn id(self) -> Option<Id> {
        match self {
            Self::Node(id) | Self::NodeEdge(id) | Self::Link(id) | Self::Group(id) => Some(id),
            Self::Nothing => None,
        }
    }
}

/// Finds the topmost item at `p`: a node, then a group's name band, then a link. `edge_band` and `link_tolerance` are in canvas units
/// (a few screen pixels divided by the zoom). However far out the view is zoomed, the edge band
/// takes at most a quarter of a node's width or height from each side, so the middle of a node
/// always grabs the node (to move it) rather than its edge (to draw a link).
pub fn hit_test(index: &SpatialIndex, p: Point, edge_band: f32, link_tolerance: f32) -> Hit {
    let at = Rect { min: p, max: p };
    // Nodes come bottom to top (sources under teams, later ids above earlier ones): the last wins.
    let top = index
        .nodes_in(at)
        .filter(|(_, rect)| contains(*rect, p))
        .last();
    if let Some((id, rect)) = top {
        let rim = (p.x - rect.min.x)
            .min(rect.max.x - p.x)
            .min(p.y - rect.min.y)
            .min(rect.max.y - p.y);
        let edge_band = edge_band.min(0.25 * rect.width().min(rect.height()));
        // A collapsed group's box selects and moves the group; no link starts at a group.
        if index.is_collapsed_group(id) {
            return Hit::Group(id);
        }
        return if rim <= edge_band {
            Hit::NodeEdge(id)
        } else {
            Hit::Node(id)
        };
    }
    if let Some(group) = index.group_band_at(p) {
        return Hit::Group(group);
    }
    let near = Rect {
        min: p.offset(-link_tolerance, -link_tolerance),
        max: p.offset(link_tolerance, link_tolerance),
    };
    let mut best: Option<(f32, Id)> = None;
    for (id, path) in index.links_in(near) {
        let distance = path
            .windows(2)
            .map(|w| distance_to_segment(p, w[0], w[1]))
            .fold(f32::INFINITY, f32::min);
        if distance <= link_tolerance && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, id));
        }
    }
    best.map_or(Hit::Nothing, |(_, id)| Hit::Link(id))
}

/// Teams and funding sources lying entirely inside `area`.
pub fn nodes_inside(index: &SpatialIndex, area: Rect) -> BTreeSet<Id> {
    index.nodes_inside(area)
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
    use crate::model::{Document, Link, ModelTypeId, Team};
    use crate::scene::{SceneOptions, build};

    fn index() -> SpatialIndex {
        let doc = doc();
        SpatialIndex::build(&doc, &build(&doc, SceneOptions::default()))
    }

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
        let doc = index();
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
    fn zoomed_far_out_the_middle_of_a_node_still_moves_it() {
        let doc = index();
        // At 10 % zoom a 7 px band is 70 canvas units: more than half of A's 72-unit height.
        let band = 7.0 / 0.1;
        assert_eq!(
            hit_test(&doc, Point::new(50.0, 36.0), band, 6.0),
            Hit::Node(Id(1))
        );
        assert_eq!(
            hit_test(&doc, Point::new(50.0, 10.0), band, 6.0),
            Hit::NodeEdge(Id(1))
        );
    }

    #[test]
    fn links_are_hit_near_their_line_only() {
        let index = index();
        // The link is hit along the line it is drawn as.
        let path = index.link_path(Id(4)).expect("the link is drawn").to_vec();
        let [.., a, b] = path.as_slice() else {
            panic!("a line has two points at least: {path:?}")
        };
        let on_last_stretch = Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
        assert_eq!(
            hit_test(&index, on_last_stretch.offset(0.0, 4.0), 6.0, 6.0),
            Hit::Link(Id(4))
        );
        assert_eq!(
            hit_test(&index, on_last_stretch.offset(0.0, 20.0), 6.0, 6.0),
            Hit::Nothing
        );
    }

    #[test]
    fn rectangle_selects_only_whole_nodes() {
        let doc = index();
        let area = Rect {
            min: Point::new(-10.0, -10.0),
            max: Point::new(300.0, 100.0),
        };
        assert_eq!(nodes_inside(&doc, area), BTreeSet::from([Id(1), Id(3)]));
    }
}
