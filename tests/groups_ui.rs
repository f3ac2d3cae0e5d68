//! Groups in the real app: Ctrl+G groups the selection, the group's frame is drawn round its
//! members, pressing the frame's name band selects the group and dragging it moves everything in
//! it as one undo step, the inspector edits the group and shows what it holds, and Ctrl+Shift+G
//! ungroups. Every step is checked against Ctrl+Z.

mod common;

use std::collections::BTreeSet;

use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use common::boxes::positions;
use common::{click, drag, open_app, press, sample_map, set_known_view, type_text};
use teamscape::model::{GroupKind, Id, Point};
use teamscape::scene::groups::{LABEL_BAND, frames};

/// Checkout (1) and Payments (2) selected, then Ctrl+G: the id of the new group.
fn group_checkout_and_payments(harness: &mut common::App) -> Id {
    harness.state_mut().session_mut().selection = BTreeSet::from([Id(1), Id(2)]);
    harness.run_steps(2);
    press(harness, Modifiers::COMMAND, Key::G);
    let doc = harness.state().document();
    let (&id, group) = doc.groups.iter().next().expect("Ctrl+G makes a group");
    assert_eq!(group.members, vec![Id(1), Id(2)]);
    assert_eq!(group.kind, GroupKind::BusinessUnit);
    assert_eq!(
        harness.state().selection(),
        &BTreeSet::from([id]),
        "the new group is selected"
    );
    id
}

/// The widget labelled `label` other than the group's frame on the canvas, which a screen reader
/// also hears by the group's name.
fn not_the_frame<'h>(harness: &'h common::App, label: &'h str) -> egui_kittest::Node<'h> {
    let mut found = harness
        .query_all_by_label(label)
        .filter(|node| node.accesskit_node().role() != eframe::egui::accesskit::Role::Group);
    let node = found.next().expect("a widget with the label");
    assert!(found.next().is_none(), "one widget labelled {label}");
    node
}

#[test]
fn ctrl_g_groups_the_selection_and_ctrl_z_takes_the_group_away() {
    let mut harness = open_app(sample_map());
    let group = group_checkout_and_payments(&mut harness);
    // The inspector shows the group and its roll-up: what it holds, what it receives (Checkout
    // gets 60 % of the Growth fund, which has no budget), its border.
    harness.get_by_label("Group");
    harness.get_by_label_contains("2 teams, ");
    harness.get_by_label_contains("Receives ");
    harness.get_by_label(
        "Across its border: depends on 0 teams outside, 0 teams outside depend on it",
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().document().groups.is_empty());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(harness.state().document().groups.contains_key(&group));
    // Ctrl+Shift+G ungroups the selected group; the teams stay where they were.
    harness.state_mut().session_mut().selection = BTreeSet::from([group]);
    harness.run_steps(2);
    let before = positions(harness.state().document());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    assert!(harness.state().document().groups.is_empty());
    assert_eq!(positions(harness.state().document()), before);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().document().groups.contains_key(&group));
}

#[test]
fn dragging_a_groups_name_band_moves_all_it_holds_as_one_undo_step() {
    let mut harness = open_app(sample_map());
    set_known_view(&mut harness);
    let group = group_checkout_and_payments(&mut harness);
    harness.state_mut().session_mut().selection.clear();
    harness.run_steps(2);
    let doc = harness.state().document().clone();
    let frame = frames(&doc, &|id| doc.node_rect(id))[&group];
    let band = frame.label_band();
    let grab = (band.min.x + 120.0, band.min.y + LABEL_BAND / 2.0);
    // A click on the band selects the group.
    click(&mut harness, grab);
    assert_eq!(harness.state().selection(), &BTreeSet::from([group]));
    let before = positions(harness.state().document());
    drag(&mut harness, grab, (grab.0 + 100.0, grab.1 + 60.0));
    let after = positions(harness.state().document());
    for id in [Id(1), Id(2)] {
        assert_eq!(after[&id], before[&id].offset(100.0, 60.0), "{id} moved");
    }
    assert_eq!(after[&Id(3)], before[&Id(3)], "Search is in no group");
    assert_eq!(after[&Id(4)], before[&Id(4)]);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        positions(harness.state().document()),
        before,
        "one undo step"
    );
}

#[test]
fn the_inspector_renames_a_group_and_moves_a_team_into_it() {
    let mut harness = open_app(sample_map());
    let group = group_checkout_and_payments(&mut harness);
    let name = harness.get_by_label("Name").rect().center();
    harness.hover_at(name);
    harness.run_steps(1);
    // Select the old name and type the new one over it.
    harness.get_by_label("Name").click();
    harness.run_steps(1);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Retail");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().document().groups[&group].name, "Retail");
    // Search (3) joins the group from its own inspector.
    harness.state_mut().session_mut().selection = BTreeSet::from([Id(3)]);
    harness.run_steps(2);
    harness.get_by_label("Group").click();
    harness.run_steps(2);
    not_the_frame(&harness, "Retail").click();
    harness.run_steps(2);
    assert_eq!(harness.state().document().group_of(Id(3)), Some(group));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().document().group_of(Id(3)), None);
    // Nothing moved while the membership changed: membership is data, not geometry.
    assert_eq!(
        harness.state().document().teams[&Id(3)].position,
        Point::new(0.0, 200.0)
    );
}

#[test]
fn the_insights_table_lists_each_group_and_a_click_selects_it() {
    let mut harness = open_app(sample_map());
    let group = group_checkout_and_payments(&mut harness);
    harness.state_mut().session_mut().selection.clear();
    harness.run_steps(2);
    // The tab counts the map's problems: Payments and Search are unfunded.
    harness.get_by_label_contains("Insights").click();
    harness.run_steps(3);
    harness.get_by_label("Groups");
    not_the_frame(&harness, "New group").click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection(), &BTreeSet::from([group]));
}

#[test]
fn dropping_a_team_into_a_frame_adds_it_in_one_undo_step_and_dragging_one_out_changes_nothing() {
    let mut harness = open_app(sample_map());
    set_known_view(&mut harness);
    let group = group_checkout_and_payments(&mut harness);
    harness.state_mut().session_mut().selection.clear();
    harness.run_steps(2);
    // Checkout (1) dragged far out of its group's frame stays in the group.
    drag(&mut harness, (90.0, 36.0), (90.0, 436.0));
    let doc = harness.state().document();
    assert_eq!(doc.teams[&Id(1)].position, Point::new(0.0, 400.0));
    assert_eq!(doc.group_of(Id(1)), Some(group), "membership is data");
    // Search (3, at 0, 200) dropped inside the frame, between Checkout and Payments: it joins.
    let frame = {
        let doc = harness.state().document();
        frames(doc, &|id| doc.node_rect(id))[&group].rect
    };
    let inside = (frame.center().x, frame.min.y + LABEL_BAND + 10.0);
    drag(&mut harness, (90.0, 236.0), inside);
    assert_eq!(harness.state().document().group_of(Id(3)), Some(group));
    assert_ne!(
        harness.state().document().teams[&Id(3)].position,
        Point::new(0.0, 200.0)
    );
    // One undo takes back the whole drop: the join and the move.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let doc = harness.state().document();
    assert_eq!(doc.group_of(Id(3)), None, "undo the join");
    assert_eq!(
        doc.teams[&Id(3)].position,
        Point::new(0.0, 200.0),
        "and the move"
    );
}

#[test]
fn a_collapsed_group_is_one_box_that_selects_and_moves_the_group_and_expands_again() {
    let mut harness = open_app(sample_map());
    set_known_view(&mut harness);
    let group = group_checkout_and_payments(&mut harness);
    harness.get_by_label("Collapse to one box").click();
    harness.run_steps(3);
    assert!(harness.state().document().groups[&group].collapsed);
    harness.state_mut().session_mut().selection.clear();
    harness.run_steps(2);
    // Payments (at 300, 0) is inside the collapsed group: not drawn, so not hit.
    click(&mut harness, (390.0, 36.0));
    assert!(harness.state().selection().is_empty(), "nothing is there");
    // The group's box stands where its items began (0, 0): a click selects the group.
    click(&mut harness, (100.0, 40.0));
    assert_eq!(harness.state().selection(), &BTreeSet::from([group]));
    // Dragging the box moves what the group holds, as one undo step.
    let before = positions(harness.state().document());
    drag(&mut harness, (100.0, 40.0), (100.0, 340.0));
    let after = positions(harness.state().document());
    for id in [Id(1), Id(2)] {
        assert_eq!(after[&id], before[&id].offset(0.0, 300.0), "{id} moved");
    }
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(positions(harness.state().document()), before);
    // Expand: Payments is drawn, and hit, again; Ctrl+Z collapses it back.
    harness.get_by_label("Expand").click();
    harness.run_steps(3);
    assert!(!harness.state().document().groups[&group].collapsed);
    click(&mut harness, (390.0, 36.0));
    assert_eq!(harness.state().selection(), &BTreeSet::from([Id(2)]));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().document().groups[&group].collapsed);
}

#[test]
fn a_collapsed_groups_box_starts_no_link_from_its_edge() {
    let mut harness = open_app(sample_map());
    set_known_view(&mut harness);
    let group = group_checkout_and_payments(&mut harness);
    harness.get_by_label("Collapse to one box").click();
    harness.run_steps(3);
    let links = harness.state().document().links.len();
    // From the box's right edge, where a team's edge starts a link, to Search.
    let right_edge = teamscape::scene::collapse::COLLAPSED_SIZE.width - 2.0;
    drag(&mut harness, (right_edge, 40.0), (90.0, 236.0));
    assert_eq!(harness.state().document().links.len(), links, "no link");
    let doc = harness.state().document();
    assert!(doc.groups[&group].collapsed);
    assert_ne!(
        doc.teams[&Id(1)].position,
        Point::new(0.0, 0.0),
        "the group moved instead"
    );
}

#[test]
fn the_inspector_gives_a_recoloured_group_back_its_kinds_colour() {
    use teamscape::model::{Color, Group};
    let red = Color {
        r: 0xdc,
        g: 0x26,
        b: 0x26,
    };
    let mut doc = sample_map();
    let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
    retail.members = vec![Id(1), Id(2)];
    retail.color = Some(red);
    doc.groups.insert(Id(50), retail);
    let mut harness = open_app(doc);
    harness.state_mut().session_mut().selection = BTreeSet::from([Id(50)]);
    harness.run_steps(2);
    harness.get_by_label("Colour").click();
    harness.run_steps(2);
    harness.get_by_label("The kind's colour").click();
    harness.run_steps(3);
    assert_eq!(harness.state().document().groups[&Id(50)].color, None);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().document().groups[&Id(50)].color, Some(red));
}

#[test]
fn f2_or_a_double_click_on_the_name_band_renames_a_group_on_the_canvas() {
    let mut harness = open_app(sample_map());
    set_known_view(&mut harness);
    let group = group_checkout_and_payments(&mut harness);
    press(&mut harness, Modifiers::NONE, Key::F2);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Retail");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().document().groups[&group].name, "Retail");
    // A double-click on the band opens the same field.
    let doc = harness.state().document().clone();
    let band = frames(&doc, &|id| doc.node_rect(id))[&group].label_band();
    common::double_click(
        &mut harness,
        (band.min.x + 150.0, band.min.y + LABEL_BAND / 2.0),
    );
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Consumer");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().document().groups[&group].name, "Consumer");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().document().groups[&group].name, "Retail");
}

#[test]
fn a_screen_reader_hears_a_groups_frame_and_its_collapsed_box_with_the_roll_up() {
    let mut harness = open_app(sample_map());
    set_known_view(&mut harness);
    let group = group_checkout_and_payments(&mut harness);
    let name = harness.state().document().groups[&group].name.clone();
    let spoken = |harness: &common::App, role| {
        harness
            .get_by_role_and_label(role, &name)
            .accesskit_node()
            .description()
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let frame = spoken(&harness, eframe::egui::Role::Group);
    assert!(
        frame.starts_with("Business unit · 2 teams") && frame.contains("people"),
        "{frame}"
    );
    harness.get_by_label("Collapse to one box").click();
    harness.run_steps(3);
    let collapsed = spoken(&harness, eframe::egui::Role::Button);
    assert!(
        collapsed.starts_with("Business unit · collapsed · 2 teams"),
        "{collapsed}"
    );
}
