//! Where each group's frame sits in the exports that keep the canvas's geometry (draw.io, JSON
//! Canvas): the frames the canvas draws, and a small stand-in frame for a group with nothing in
//! it, which the canvas leaves out but an export must not.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Document, Id, Point, Rect, Size};
use crate::scene::groups::{self, FRAME_PADDING, LABEL_BAND};

/// The room an empty group's stand-in takes inside its frame: with the padding and the name's
/// band around it, the frame is about as wide as a team's box.
const STAND_IN: Size = Size::new(160.0, 16.0);

/// What a frame adds around what it holds: the padding at each side, the name's band above.
const FRAME_SIDE: f32 = FRAME_PADDING;
const FRAME_TOP: f32 = FRAME_PADDING + LABEL_BAND - FRAME_PADDING / 2.0;

/// Every group's frame, outermost first (each level in id order), so a container comes before
/// what it holds. Groups with members are framed as on the canvas (collapsed groups drawn open,
/// since these exports show every team); a group with nothing in it gets a frame round a stand-in
/// placed under the nearest framed group it is nested in, or under everything else.
pub(super) fn group_frames(doc: &Document) -> Vec<(Id, Rect)> {
    let drawn = groups::frames(doc, &|id| doc.node_rect(id));
    let (nested, loose): (Vec<Id>, Vec<Id>) = empty_leaves(doc, &drawn)
        .into_iter()
        .partition(|id| anchor(doc, *id, &drawn).is_some());
    if nested.is_empty() && loose.is_empty() {
        return outermost_first(drawn);
    }
    let mut stand_ins = BTreeMap::new();
    place_under(&mut stand_ins, doc, &nested, &drawn, None);
    // The loose ones go under everything, frames grown round the stand-ins above included.
    let grown = with_stand_ins(doc, &stand_ins);
    let everything = grown
        .values()
        .map(|frame| frame.rect)
        .chain(doc.nodes_bounds())
        .reduce(Rect::union)
        .unwrap_or_else(|| Rect::from_min_size(Point::default(), Size::new(0.0, 0.0)));
    place_under(&mut stand_ins, doc, &loose, &grown, Some(everything));
    outermost_first(with_stand_ins(doc, &stand_ins))
}

fn outermost_first(frames: HashMap<Id, groups::Frame>) -> Vec<(Id, Rect)> {
    let mut ordered: Vec<(usize, Id, Rect)> = frames
        .into_iter()
        .map(|(id, frame)| (frame.depth, id, frame.rect))
        .collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    ordered
        .into_iter()
        .map(|(_, id, rect)| (id, rect))
        .collect()
}

/// The groups the canvas draws no frame for and that have no nested groups (the others get
/// their frames from the stand-ins inside them).
fn empty_leaves(doc: &Document, drawn: &HashMap<Id, groups::Frame>) -> Vec<Id> {
    doc.groups
        .keys()
        .copied()
        .filter(|id| !drawn.contains_key(id) && doc.group_children(Some(*id)).next().is_none())
        .collect()
}

/// The nearest group `group` is nested in that has a frame.
fn anchor(doc: &Document, group: Id, framed: &HashMap<Id, groups::Frame>) -> Option<Id> {
    doc.group_ancestors(group)
        .into_iter()
        .find(|a| framed.contains_key(a))
}

/// A stand-in box for each of `leaves`, in a row under its anchor's frame (or under `below_all`
/// when it has none), far enough apart and down for the frames that will be drawn round them.
fn place_under(
    stand_ins: &mut BTreeMap<Id, Rect>,
    doc: &Document,
    leaves: &[Id],
    framed: &HashMap<Id, groups::Frame>,
    below_all: Option<Rect>,
) {
    // Where the next stand-in under each anchor (or under everything, `None`) starts.
    let mut next_x: HashMap<Option<Id>, f32> = HashMap::new();
    for &id in leaves {
        let ancestors = doc.group_ancestors(id);
        let anchor = anchor(doc, id, framed);
        let Some(below) = anchor.map(|a| framed[&a].rect).or(below_all) else {
            continue;
        };
        // The empty groups between the stand-in and the anchor, itself included, each add a frame.
        let frames_round = anchor.map_or(ancestors.len() + 1, |a| {
            ancestors.iter().position(|g| *g == a).unwrap_or(0) + 1
        }) as f32;
        let x = next_x.entry(anchor).or_insert(below.min.x + FRAME_PADDING);
        let min = Point::new(
            *x + frames_round * FRAME_SIDE,
            below.max.y + FRAME_PADDING + frames_round * FRAME_TOP,
        );
        *x += STAND_IN.width + 2.0 * frames_round * FRAME_SIDE + FRAME_PADDING;
        stand_ins.insert(id, Rect::from_min_size(min, STAND_IN));
    }
}

/// The frames with each stand-in as the only member of its empty group, so the groups an empty
/// one is nested in grow round it as they grow round a team.
fn with_stand_ins(doc: &Document, stand_ins: &BTreeMap<Id, Rect>) -> HashMap<Id, groups::Frame> {
    let mut framing = Document {
        groups: doc.groups.clone(),
        ..Document::default()
    };
    for id in stand_ins.keys() {
        if let Some(group) = framing.groups.get_mut(id) {
            group.members = vec![*id];
        }
    }
    let rect_of = |id: Id| stand_ins.get(&id).copied().or_else(|| doc.node_rect(id));
    groups::frames(&framing, &rect_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, GroupKind, ModelTypeId, Team};

    fn inside(outer: Rect, inner: Rect) -> bool {
        outer.min.x < inner.min.x
            && outer.min.y < inner.min.y
            && inner.max.x < outer.max.x
            && inner.max.y < outer.max.y
    }

    /// Retail (1) holds a team and an empty Search (2), which holds an empty Ranking (3); Loose (4)
    /// is empty at the top level.
    fn with_empty_groups() -> Document {
        let mut doc = Document::new("empty groups");
        doc.teams.insert(
            Id(10),
            Team::new("Checkout", ModelTypeId(1), Point::new(0.0, 0.0)),
        );
        let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
        retail.members = vec![Id(10)];
        let mut search = Group::new("Search", GroupKind::ValueStream);
        search.parent = Some(Id(1));
        let mut ranking = Group::new("Ranking", GroupKind::Platform);
        ranking.parent = Some(Id(2));
        doc.groups.insert(Id(1), retail);
        doc.groups.insert(Id(2), search);
        doc.groups.insert(Id(3), ranking);
        doc.groups
            .insert(Id(4), Group::new("Loose", GroupKind::Platform));
        doc
    }

    #[test]
    fn every_group_has_a_frame_outermost_first_and_frames_nest() {
        let doc = with_empty_groups();
        let frames = group_frames(&doc);
        let ids: Vec<Id> = frames.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, vec![Id(1), Id(4), Id(2), Id(3)]);
        let rect = |id: u64| frames.iter().find(|(g, _)| *g == Id(id)).expect("frame").1;
        let team = doc.node_rect(Id(10)).expect("team");
        assert!(inside(rect(1), team));
        assert!(
            inside(rect(1), rect(2)),
            "the empty group inside its parent"
        );
        assert!(inside(rect(2), rect(3)), "and the empty one inside that");
        assert!(!rect(2).intersects(team), "below the team, not over it");
        assert!(
            !rect(4).intersects(rect(1)),
            "the loose one outside the others"
        );
    }

    #[test]
    fn a_map_whose_groups_all_have_members_is_framed_as_on_the_canvas() {
        let mut doc = with_empty_groups();
        doc.groups.retain(|id, _| *id == Id(1));
        let canvas = groups::frames(&doc, &|id| doc.node_rect(id));
        assert_eq!(group_frames(&doc), vec![(Id(1), canvas[&Id(1)].rect)]);
    }
}
