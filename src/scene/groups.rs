//! Groups drawn as containers: a tinted, labelled frame behind a group's members, nested groups
//! inset in their parent's. Membership is data ([`crate::model::Group`]), so a frame follows its
//! members wherever they are moved: it is worked out from their boxes each time the scene is built.

use std::collections::{BTreeSet, HashMap};

use super::font::{fit_width, text_width};
use super::{Align, Colors, Owner, Primitive, Rgba};
use crate::model::{Color, Document, GroupKind, Id, Point, Rect};

/// Room between a frame and the boxes (or nested frames) inside it.
pub const FRAME_PADDING: f32 = 20.0;
/// The band along a frame's top that holds its name; pressing there selects and moves the group.
pub const LABEL_BAND: f32 = 34.0;
const NAME_SIZE: f32 = 15.0;
const KIND_SIZE: f32 = 12.0;
const CORNER_RADIUS: f32 = 16.0;

/// A group's frame on the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub rect: Rect,
    /// 1 for a group at the top level, 2 for one nested in it, and so on.
    pub depth: usize,
}

impl Frame {
    /// The band along the top that holds the name.
    pub fn label_band(&self) -> Rect {
        Rect {
            min: self.rect.min,
            max: Point::new(self.rect.max.x, self.rect.min.y + LABEL_BAND),
        }
    }
}

/// The frame of every group with at least one member on the map, given where each node's box is
/// (`rect_of`: the document's boxes, or those of a drag in progress). A group holding only
/// nested groups frames them.
pub fn frames(doc: &Document, rect_of: &dyn Fn(Id) -> Option<Rect>) -> HashMap<Id, Frame> {
    frames_of(doc, doc.groups.keys().copied(), rect_of)
}

/// The frames of `groups` alone (and of the groups nested in them, which they hold): what a
/// drag redraws, without working out every group's frame each step.
pub fn frames_of(
    doc: &Document,
    groups: impl IntoIterator<Item = Id>,
    rect_of: &dyn Fn(Id) -> Option<Rect>,
) -> HashMap<Id, Frame> {
    let mut children: HashMap<Id, Vec<Id>> = HashMap::new();
    for (id, group) in &doc.groups {
        if let Some(parent) = group.parent {
            children.entry(parent).or_default().push(*id);
        }
    }
    let mut wanted: BTreeSet<Id> = BTreeSet::new();
    let mut stack: Vec<Id> = groups.into_iter().collect();
    while let Some(id) = stack.pop() {
        if doc.groups.contains_key(&id) && wanted.insert(id) {
            stack.extend(children.get(&id).into_iter().flatten());
        }
    }
    let mut by_depth: Vec<(usize, Id)> = wanted
        .iter()
        .map(|id| (doc.group_depth(*id), *id))
        .collect();
    // The deepest first, so a parent's frame can take in its nested groups' frames.
    by_depth.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut frames: HashMap<Id, Frame> = HashMap::new();
    for (depth, id) in by_depth {
        let group = &doc.groups[&id];
        let members = group.members.iter().filter_map(|m| rect_of(*m));
        let nested = children
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|child| frames.get(child).map(|f| f.rect));
        let Some(inside) = members.chain(nested).reduce(Rect::union) else {
            continue;
        };
        let mut rect = inside.expand(FRAME_PADDING);
        rect.min.y -= LABEL_BAND - FRAME_PADDING / 2.0;
        frames.insert(id, Frame { rect, depth });
    }
    frames
}

/// The colour a group is drawn in: its own, or one for its kind.
pub fn group_color(color: Option<Color>, kind: &GroupKind) -> Rgba {
    if let Some(color) = color {
        return color.into();
    }
    match kind {
        GroupKind::BusinessUnit => Rgba::rgb(0x63, 0x66, 0xf1),
        GroupKind::ValueStream => Rgba::rgb(0x0d, 0x94, 0x88),
        GroupKind::Platform => Rgba::rgb(0x64, 0x74, 0x8b),
        GroupKind::Other(_) => Rgba::rgb(0xd9, 0x77, 0x06),
    }
}

/// Pushes every group's frame, outermost first, so nested frames paint over their parents and
/// everything else paints over the frames. Returns the area the frames cover.
pub(super) fn push_frames(
    items: &mut Vec<(Owner, Primitive)>,
    doc: &Document,
    frames: &HashMap<Id, Frame>,
    colors: &Colors,
    scale: f32,
) -> Option<Rect> {
    let mut order: Vec<(&Id, &Frame)> = frames.iter().collect();
    order.sort_by(|a, b| a.1.depth.cmp(&b.1.depth).then(a.0.cmp(b.0)));
    let mut covered: Option<Rect> = None;
    for (id, frame) in order {
        let Some(group) = doc.groups.get(id) else {
            continue;
        };
        let owner = Owner::Item(*id);
        let tint = group_color(group.color, &group.kind);
        let dark = colors.background.r < 0x80;
        items.push((
            owner,
            Primitive::Rect {
                rect: frame.rect,
                corner_radius: CORNER_RADIUS,
                fill: tint.with_alpha(if dark { 40 } else { 26 }),
                stroke: Some((1.5, tint.with_alpha(170))),
            },
        ));
        let band = frame.label_band();
        let left = band.min.x + 14.0;
        let middle = band.center().y;
        let room = band.width() - 28.0;
        let name_size = NAME_SIZE * scale;
        let name = fit_width(&group.name, name_size, true, room);
        let name_width = text_width(&name, name_size, true);
        items.push((
            owner,
            Primitive::Text {
                pos: Point::new(left, middle),
                text: name,
                size: name_size,
                color: colors.ink,
                align: Align::Left,
                bold: true,
            },
        ));
        let kind_size = KIND_SIZE * scale;
        let kind_room = room - name_width - 10.0;
        if kind_room > 40.0 {
            items.push((
                owner,
                Primitive::Text {
                    pos: Point::new(left + name_width + 10.0, middle),
                    text: fit_width(group.kind.label(), kind_size, false, kind_room),
                    size: kind_size,
                    color: colors.ink_soft,
                    align: Align::Left,
                    bold: false,
                },
            ));
        }
        covered = Some(covered.map_or(frame.rect, |c| c.union(frame.rect)));
    }
    covered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, ModelTypeId, Team};

    /// Retail (1) holds team 10 and the Search value stream (2), which holds team 11; team 12 is
    /// in no group; group 3 has no members.
    fn doc() -> Document {
        let mut doc = Document::new("groups");
        for (id, x) in [(10, 0.0), (11, 400.0), (12, 800.0)] {
            let team = Team::new(format!("T{id}"), ModelTypeId(1), Point::new(x, 0.0));
            doc.teams.insert(Id(id), team);
        }
        let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
        retail.members = vec![Id(10)];
        let mut search = Group::new("Search", GroupKind::ValueStream);
        search.parent = Some(Id(1));
        search.members = vec![Id(11)];
        doc.groups.insert(Id(1), retail);
        doc.groups.insert(Id(2), search);
        doc.groups
            .insert(Id(3), Group::new("Empty", GroupKind::Platform));
        doc
    }

    fn inside(outer: Rect, inner: Rect) -> bool {
        outer.min.x < inner.min.x
            && outer.min.y < inner.min.y
            && inner.max.x < outer.max.x
            && inner.max.y < outer.max.y
    }

    #[test]
    fn a_frame_holds_its_members_and_its_nested_groups_frames_inset() {
        let doc = doc();
        let frames = frames(&doc, &|id| doc.node_rect(id));
        let retail = frames[&Id(1)];
        let search = frames[&Id(2)];
        assert_eq!((retail.depth, search.depth), (1, 2));
        let team = |id| doc.node_rect(Id(id)).expect("team");
        assert!(inside(search.rect, team(11)));
        assert!(inside(retail.rect, team(10)));
        assert!(inside(retail.rect, search.rect), "nested frames are inset");
        assert!(!retail.rect.intersects(team(12)), "a team in no group");
        assert!(!frames.contains_key(&Id(3)), "a group with nothing in it");
        // The name sits in the band above the boxes, clear of them.
        assert!(!retail.label_band().intersects(team(10)));
    }

    #[test]
    fn frames_follow_the_boxes_they_are_given() {
        let doc = doc();
        let moved = |id: Id| {
            let rect = doc.node_rect(id)?;
            Some(if id == Id(11) {
                Rect {
                    min: rect.min.offset(0.0, 500.0),
                    max: rect.max.offset(0.0, 500.0),
                }
            } else {
                rect
            })
        };
        let before = frames(&doc, &|id| doc.node_rect(id));
        let after = frames(&doc, &moved);
        assert_eq!(after[&Id(2)].rect.min.y, before[&Id(2)].rect.min.y + 500.0);
        assert!(after[&Id(1)].rect.max.y > before[&Id(1)].rect.max.y + 400.0);
    }

    #[test]
    fn every_frame_paints_behind_with_its_name_outermost_first() {
        let doc = doc();
        let frames = frames(&doc, &|id| doc.node_rect(id));
        let mut items = Vec::new();
        let colors = crate::scene::Theme::Light.colors();
        let covered = push_frames(&mut items, &doc, &frames, &colors, 1.0).expect("frames");
        let owners: Vec<Id> = items
            .iter()
            .filter_map(|(owner, p)| match (owner, p) {
                (Owner::Item(id), Primitive::Rect { .. }) => Some(*id),
                _ => None,
            })
            .collect();
        assert_eq!(owners, vec![Id(1), Id(2)]);
        let names: Vec<&str> = items
            .iter()
            .filter_map(|(_, p)| match p {
                Primitive::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            names.contains(&"Retail") && names.contains(&"Search"),
            "{names:?}"
        );
        assert!(names.contains(&"Value stream"), "{names:?}");
        assert_eq!(covered, frames[&Id(1)].rect);
    }
}
