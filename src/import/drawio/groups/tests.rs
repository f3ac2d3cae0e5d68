use super::super::tests::{awkward_map, box_cell, imported, page, skipped_why, team_named};
use crate::export::drawio::drawio;
use crate::model::limits::MAX_GROUP_DEPTH;
use crate::model::{Color, Document, Group, GroupKind, Id, ModelTypeId, Point, Team};

/// The awkward map with groups that test every field: Retail (20, collapsed) holds the lab (3)
/// and a collapsed value stream (21) of the user's own kind, which holds a team (5) and an empty
/// group (22) in its kind's colour, set by hand (so everything in 21 is hidden on the canvas); Sponsor (2) is in a group (23) with a colour of
/// its own and notes; an empty group (24) sits at the top level.
fn grouped_map() -> Document {
    let mut doc = awkward_map();
    let mut retail = Group::new("R&D <\"core\"> ; a=b %", GroupKind::BusinessUnit);
    retail.members = vec![Id(3)];
    retail.collapsed = true;
    let mut stream = Group::new(" spaced ", GroupKind::Other("Tribe; a=b 100%".to_owned()));
    stream.parent = Some(Id(20));
    stream.members = vec![Id(5)];
    stream.collapsed = true;
    let mut empty = Group::new("Empty", GroupKind::Platform);
    empty.parent = Some(Id(21));
    empty.color = Some(Color::rgb(0x64, 0x74, 0x8b));
    let mut sponsors = Group::new("Sponsors", GroupKind::ValueStream);
    sponsors.members = vec![Id(2)];
    sponsors.color = Some(Color::rgb(0xab, 0xcd, 0xef));
    sponsors.notes = "line one\n\tindented <b>&amp;</b>\n".to_owned();
    doc.groups.insert(Id(20), retail);
    doc.groups.insert(Id(21), stream);
    doc.groups.insert(Id(22), empty);
    doc.groups.insert(Id(23), sponsors);
    doc.groups
        .insert(Id(24), Group::new("Loose", GroupKind::Platform));
    doc
}

#[test]
fn groups_come_back_from_our_export_with_nesting_members_kinds_colours_and_notes() {
    let doc = grouped_map();
    assert_eq!(doc.validate(), Ok(()));
    let back = imported(&drawio(&doc));
    assert_eq!(back.doc, doc, "{}", back.report);
    assert!(back.report.skipped.is_empty(), "{}", back.report);
    assert_eq!(
        back.report.read,
        [
            "3 teams, 2 funding sources, 5 groups and 6 links from page \"Q1 <draft> & \\\"notes\\\"\""
        ]
    );
}

#[test]
fn groups_nested_as_deep_as_a_map_allows_come_back_with_exact_positions() {
    let mut doc = Document::new("deep");
    let mut parent = None;
    for level in 1..=MAX_GROUP_DEPTH as u64 {
        let team = Id(100 + level);
        // Fractions that no sum of corners in single precision would keep.
        let at = Point::new(-1000.1 + 0.3 * level as f32, 77_777.7 - 11.1 * level as f32);
        doc.teams
            .insert(team, Team::new(format!("Team {level}"), ModelTypeId(1), at));
        let mut group = Group::new(format!("Level {level}"), GroupKind::ValueStream);
        group.parent = parent;
        group.members = vec![team];
        doc.groups.insert(Id(level), group);
        parent = Some(Id(level));
    }
    assert_eq!(doc.validate(), Ok(()));
    let xml = drawio(&doc);
    assert!(xml.contains("parent=\"g7\""), "{xml}");
    assert_eq!(imported(&xml).doc, doc);
}

#[test]
fn the_example_map_comes_back_from_its_export_with_every_group() {
    let example = crate::examples::default_example();
    let doc = crate::file::parse(example.text, example.file_name).expect("the example loads");
    assert!(doc.groups.len() >= 6 && doc.groups.values().any(|g| g.parent.is_some()));
    let back = imported(&drawio(&doc));
    assert_eq!(back.doc.groups, doc.groups, "{}", back.report);
    assert_eq!(back.doc, doc, "{}", back.report);
}

/// A swimlane "Retail" holding a team, a container "Payments" that names its kind and holds a
/// team, shapes bound by draw.io's Group command and a swimlane without a name (whose team is in
/// Retail); a swimlane on its own, and a table, whose cells are not in a group.
fn drawn_with_swimlanes() -> String {
    let lane = |id: &str, value: &str, style: &str, parent: &str, x: f32, y: f32| {
        format!(
            "<mxCell id=\"{id}\" value=\"{value}\" style=\"{style}\" vertex=\"1\" parent=\"{parent}\">\
             <mxGeometry x=\"{x}\" y=\"{y}\" width=\"600\" height=\"400\" as=\"geometry\"/></mxCell>"
        )
    };
    let cells = [
        lane(
            "retail",
            "Retail",
            "swimlane;strokeColor=#6c8ebf;fillColor=#dae8fc;",
            "1",
            100.0,
            100.0,
        ),
        box_cell("checkout", "Checkout", "retail", 20.0, 40.0),
        lane(
            "pay",
            "&lt;b&gt;Payments&lt;/b&gt;&lt;br&gt;platform grouping",
            "rounded=1;container=1;html=1;fillColor=none;",
            "retail",
            200.0,
            50.0,
        ),
        box_cell("cards", "Cards", "pay", 10.0, 10.0),
        lane("bound", "", "group;", "retail", 0.0, 300.0),
        box_cell("fraud", "Fraud", "bound", 5.0, 5.0),
        lane("nameless", "", "swimlane;", "retail", 300.0, 300.0),
        box_cell("ledger", "Ledger", "nameless", 1.0, 1.0),
        lane("alone", "Ventures", "swimlane;", "1", 1000.0, 0.0),
        lane("table", "", "shape=table;container=1;", "1", 0.0, 1000.0),
        box_cell("row", "Row text", "table", 0.0, 0.0),
    ];
    page(&cells.concat())
}

#[test]
fn swimlanes_and_containers_drawn_in_drawio_become_groups_of_what_they_hold() {
    let back = imported(&drawn_with_swimlanes());
    let doc = &back.doc;
    let id_of = |name: &str| {
        let team = team_named(doc, name);
        doc.teams
            .iter()
            .find(|(_, t)| std::ptr::eq(*t, team))
            .map(|(id, _)| *id)
            .expect("team")
    };
    let group = |name: &str| {
        doc.groups
            .iter()
            .find(|(_, g)| g.name == name)
            .unwrap_or_else(|| panic!("no group {name}: {:?}", doc.groups))
    };
    let (retail_id, retail) = group("Retail");
    assert_eq!(retail.kind, GroupKind::BusinessUnit, "a guess");
    assert_eq!(
        retail.color,
        Some(Color::rgb(0x6c, 0x8e, 0xbf)),
        "its stroke"
    );
    assert_eq!(retail.parent, None);
    let mut members = vec![id_of("Checkout"), id_of("Fraud"), id_of("Ledger")];
    members.sort_unstable();
    assert_eq!(
        retail.members, members,
        "what is bound or unnamed inside is in Retail"
    );
    let (_, payments) = group("Payments");
    assert_eq!(
        payments.kind,
        GroupKind::Platform,
        "its label names its kind"
    );
    assert_eq!(payments.color, None);
    assert_eq!(payments.parent, Some(*retail_id));
    assert_eq!(payments.members, vec![id_of("Cards")]);
    assert!(group("Ventures").1.members.is_empty());
    assert_eq!(doc.groups.len(), 3, "{:?}", doc.groups);
    assert_eq!(doc.group_of(id_of("Row text")), None);
    // Positions add up the containers' corners, as before.
    assert_eq!(team_named(doc, "Cards").position, Point::new(310.0, 160.0));
    assert_eq!(
        skipped_why(&back.report, "nameless"),
        "a container without a name; the shapes inside are read without a group"
    );
    assert!(
        back.report
            .guessed
            .contains(&"2 containers drawn in draw.io became groups of kind Business unit (their labels name no kind)".to_owned()),
        "{}",
        back.report
    );
}

#[test]
fn containers_nested_deeper_than_groups_may_nest_leave_their_shapes_in_the_deepest_group() {
    let depth = MAX_GROUP_DEPTH + 1;
    let mut cells = String::new();
    let mut parent = "1".to_owned();
    for level in 1..=depth {
        let id = format!("lane{level}");
        cells.push_str(&format!(
            "<mxCell id=\"{id}\" value=\"Lane {level}\" style=\"swimlane;\" vertex=\"1\" parent=\"{parent}\"><mxGeometry x=\"10\" y=\"30\" width=\"900\" height=\"900\" as=\"geometry\"/></mxCell>"
        ));
        parent = id;
    }
    cells.push_str(&box_cell("deep", "Deep team", &parent, 5.0, 5.0));
    let back = imported(&page(&cells));
    assert_eq!(back.doc.validate(), Ok(()));
    assert_eq!(back.doc.groups.len(), MAX_GROUP_DEPTH);
    let deepest = back
        .doc
        .groups
        .values()
        .find(|g| g.name == format!("Lane {MAX_GROUP_DEPTH}"))
        .expect("the deepest kept");
    assert_eq!(deepest.members.len(), 1);
    assert!(
        skipped_why(&back.report, &format!("lane{depth}"))
            .starts_with("a container nested more than")
    );
    assert_eq!(
        team_named(&back.doc, "Deep team").position,
        Point::new(10.0 * depth as f32 + 5.0, 30.0 * depth as f32 + 5.0)
    );
}
