//! Groups in the draw.io diagram: each group a container cell round the frame the canvas draws,
//! tinted in the group's colour, with its name and kind at the top; nested groups are containers
//! inside their parent's, and teams and funding sources sit in their innermost group's container.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Place, Vertex, marker, style_value};
use crate::export::graph_text::{group_key, hex};
use crate::export::group_frames::group_frames;
use crate::model::{Document, Group, GroupKind, Id, Point, Size};
use crate::scene::groups::group_color;

/// Where each group's container is, for placing what it holds.
pub(super) struct Containers {
    corners: HashMap<Id, Point>,
    /// Each grouped team and funding source with the group that lists it.
    innermost: HashMap<Id, Id>,
}

impl Containers {
    /// Where a team's or funding source's box goes: in its innermost group's container, or on
    /// the page.
    pub fn place_of(&self, node: Id) -> Place {
        self.innermost
            .get(&node)
            .map_or_else(Place::page, |group| self.place_in(*group))
    }

    fn place_in(&self, group: Id) -> Place {
        match self.corners.get(&group) {
            Some(corner) => Place {
                parent: group_key(group),
                corner: Some(*corner),
            },
            None => Place::page(),
        }
    }
}

/// Writes a container for every group, outermost first (draw.io reads a parent before what it
/// holds), and says where each container is.
pub(super) fn write_containers(out: &mut String, doc: &Document) -> Containers {
    let frames = group_frames(doc);
    let containers = Containers {
        corners: frames.iter().map(|(id, rect)| (*id, rect.min)).collect(),
        innermost: doc.group_index(),
    };
    for (id, rect) in &frames {
        let Some(group) = doc.groups.get(id) else {
            continue;
        };
        let place = group
            .parent
            .map_or_else(Place::page, |parent| containers.place_in(parent));
        let cell = Vertex {
            id: &group_key(*id),
            // The name on the first line, as a team's: the import reads it from there.
            label: &format!("{}\n{}", group.name, group.kind.label()),
            tooltip: &group.notes,
            style: &container_style(group),
        };
        let size = Size::new(rect.width(), rect.height());
        cell.write(out, &place, rect.min, size);
    }
    containers
}

/// A rounded container, tinted as the canvas tints the frame, with the name at the top left.
/// `collapsible=0`: folding in draw.io would hide the boxes without moving the arrows' ends;
/// `recursiveResize=0`: resizing the container leaves the boxes inside as they are.
fn container_style(group: &Group) -> String {
    let color = hex(group_color(group.color, &group.kind));
    let mut style = format!(
        "rounded=1;absoluteArcSize=1;arcSize=32;container=1;collapsible=0;recursiveResize=0;whiteSpace=wrap;html=0;verticalAlign=top;align=left;spacingLeft=14;spacingTop=2;fontStyle=1;fillColor={color};fillOpacity=10;strokeColor={color};fontColor=#1f2937;{}={};{}={};",
        marker::KIND,
        marker::GROUP,
        marker::GROUP_KIND,
        group.kind.key()
    );
    if let GroupKind::Other(label) = &group.kind {
        let _ = write!(
            style,
            "{}={};",
            marker::GROUP_KIND_LABEL,
            style_value(label)
        );
    }
    if group.color.is_some() {
        let _ = write!(style, "{}=1;", marker::OWN_COLOR);
    }
    if group.collapsed {
        let _ = write!(style, "{}=1;", marker::COLLAPSED);
    }
    style
}

#[cfg(test)]
mod tests {
    use super::super::drawio;
    use super::*;
    use crate::model::{ModelTypeId, Team};

    /// Retail (1) holds Checkout (10) and Search (2), which holds Ranking (11); Loose (3) is empty.
    fn nested() -> Document {
        let mut doc = Document::new("groups");
        doc.teams.insert(
            Id(10),
            Team::new("Checkout", ModelTypeId(1), Point::new(0.0, 0.0)),
        );
        doc.teams.insert(
            Id(11),
            Team::new("Ranking", ModelTypeId(1), Point::new(400.5, 10.25)),
        );
        let mut retail = Group::new("R&D <\"core\">", GroupKind::BusinessUnit);
        retail.members = vec![Id(10)];
        retail.notes = "line one\nline two".to_owned();
        let mut search = Group::new("Search", GroupKind::Other("Tribe; a=b".to_owned()));
        search.parent = Some(Id(1));
        search.members = vec![Id(11)];
        doc.groups.insert(Id(1), retail);
        doc.groups.insert(Id(2), search);
        doc.groups
            .insert(Id(3), Group::new("Loose", GroupKind::Platform));
        doc
    }

    /// The `<mxCell …>` (or `<UserObject …>` and its cell) written for `id`.
    fn cell<'a>(xml: &'a str, id: &str) -> &'a str {
        let start = xml
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no cell {id} in {xml}"));
        let end = start + xml[start..].find("</mxCell>").expect("closed");
        &xml[start..end]
    }

    #[test]
    fn every_group_is_a_container_before_what_it_holds_with_geometry_relative_to_it() {
        let doc = nested();
        let xml = drawio(&doc);
        let at = |id: &str| xml.find(&format!("id=\"{id}\"")).expect(id);
        assert!(at("g1") < at("g2") && at("g2") < at("t11") && at("g1") < at("t10"));
        let retail = cell(&xml, "g1");
        assert!(
            retail.contains("label=\"R&amp;D &lt;&quot;core&quot;&gt;&#xa;Business unit\""),
            "{retail}"
        );
        assert!(
            retail.contains("tooltip=\"line one&#xa;line two\""),
            "{retail}"
        );
        assert!(retail.contains("container=1;"), "{retail}");
        assert!(retail.contains("teamscape=group;groupKind=business_unit;"));
        assert!(retail.contains("strokeColor=#6366f1;"), "{retail}");
        assert!(retail.contains("parent=\"1\""), "{retail}");
        let search = cell(&xml, "g2");
        assert!(search.contains("groupKind=other;groupKindLabel=Tribe%3B a%3Db;"));
        assert!(search.contains("parent=\"g1\""), "{search}");
        assert!(cell(&xml, "t11").contains("parent=\"g2\""));
        assert!(cell(&xml, "t10").contains("parent=\"g1\""));
        // Checkout's box is the padding in from Retail's frame, and its frame the name's band
        // and the padding above: the same frame the canvas draws.
        let frames = crate::scene::groups::frames(&doc, &|id| doc.node_rect(id));
        let frame = frames[&Id(1)].rect;
        assert!(retail.contains(&format!(
            "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            frame.min.x,
            frame.min.y,
            frame.width(),
            frame.height()
        )));
        assert!(
            cell(&xml, "t10").contains(&format!("x=\"{}\" y=\"{}\"", -frame.min.x, -frame.min.y)),
            "{xml}"
        );
        let empty = cell(&xml, "g3");
        assert!(empty.contains("Loose&#xa;Platform grouping"), "{empty}");
    }

    #[test]
    fn a_groups_own_colour_and_collapse_are_marked() {
        let mut doc = nested();
        let retail = doc.groups.get_mut(&Id(1)).expect("group");
        retail.color = Some(crate::model::Color::rgb(0x12, 0xab, 0xef));
        retail.collapsed = true;
        let xml = drawio(&doc);
        let retail = cell(&xml, "g1");
        assert!(retail.contains("strokeColor=#12abef;"), "{retail}");
        assert!(retail.contains("ownColor=1;groupCollapsed=1;"), "{retail}");
        // Collapsed or not, the diagram holds every team, in its container.
        assert!(cell(&xml, "t11").contains("parent=\"g2\""));
        assert!(!cell(&xml, "g2").contains("ownColor"));
    }
}
