//! Edit > Arrange, Arrange selection and Tidy in the real app: the layout runs off the UI
//! thread, its positions land as one undo step, and Ctrl+Z puts every box back exactly.

mod common;

use std::collections::BTreeSet;

use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use common::boxes::{overlaps, positions};
use common::{App, open_app, press, sample_map, step_until};
use teamscape::model::{Document, Id, Point};
use teamscape::ui::commands::{Command, shortcut_label};

fn menu(harness: &mut App, command: Command) {
    // A press and release on the menu's title opens it, as a mouse does.
    let edit = harness.get_by_label("Edit").rect().center();
    harness.hover_at(edit);
    harness.run_steps(1);
    harness.drag_at(edit);
    harness.drop_at(edit);
    harness.run_steps(3);
    // A menu item's label ends with its shortcut: "Arrange Ctrl+Shift+L".
    let info = command.info();
    let key = shortcut_label(&harness.ctx, &info.shortcuts[0]);
    harness
        .get_by_label(&format!("{} {key}", info.name))
        .click();
    harness.run_steps(3);
}

#[test]
fn arrange_moves_the_map_as_one_undo_step() {
    let mut harness = open_app(sample_map());
    let before = positions(harness.state().document());
    // Zoomed in on one corner, as a facilitator working on a detail would be.
    harness.state_mut().session_mut().camera.zoom_factor = 3.0;
    harness.run_steps(2);
    menu(&mut harness, Command::Arrange);
    step_until(&mut harness, "the arranged map", |app| {
        !app.is_arranging() && positions(app.document()) != before
    });
    let doc = harness.state().document().clone();
    assert_eq!(overlaps(&doc), 0);
    // The view fits the arranged map, however much wider it became.
    harness.run_steps(3);
    let view = harness.state().session().view_in_canvas();
    for (id, rect) in doc.node_rects() {
        assert!(
            view.min.x <= rect.min.x
                && view.min.y <= rect.min.y
                && rect.max.x <= view.max.x
                && rect.max.y <= view.max.y,
            "{id:?} at {rect:?} is outside the view {view:?}"
        );
    }
    // Checkout depends on Payments: it sits above it now.
    let (checkout, payments) = (Id(1), Id(2));
    assert!(
        doc.node_rect(checkout).expect("rect").max.y
            <= doc.node_rect(payments).expect("rect").min.y
    );

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        positions(harness.state().document()),
        before,
        "one undo step"
    );
    assert!(!harness.state().map().history().can_undo());
}

#[test]
fn arrange_selection_moves_only_the_selected_boxes_as_one_undo_step() {
    let mut harness = open_app(sample_map());
    let before = positions(harness.state().document());
    let selected = BTreeSet::from([Id(1), Id(2)]);
    harness.state_mut().session_mut().selection = selected.clone();
    harness.run_steps(2);
    menu(&mut harness, Command::ArrangeSelection);
    step_until(&mut harness, "the arranged selection", |app| {
        !app.is_arranging() && positions(app.document()) != before
    });
    let after = positions(harness.state().document());
    for (id, at) in &before {
        if !selected.contains(id) {
            assert_eq!(after[id], *at, "{id:?} was not selected and moved");
        }
    }
    assert_eq!(overlaps(harness.state().document()), 0);

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        positions(harness.state().document()),
        before,
        "one undo step"
    );
}

#[test]
fn tidy_pulls_overlapping_boxes_apart_as_one_undo_step() {
    let mut doc = sample_map();
    // Search lands half on Checkout.
    doc.teams.get_mut(&Id(3)).expect("search").position = Point::new(40.0, 20.0);
    let mut harness = open_app(doc);
    let before = positions(harness.state().document());
    assert!(overlaps(harness.state().document()) > 0);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    assert_eq!(overlaps(harness.state().document()), 0);
    let after = positions(harness.state().document());
    let moved: Vec<_> = before.keys().filter(|id| before[id] != after[id]).collect();
    assert_eq!(moved, vec![&Id(3)], "only the box on top moves");

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(positions(harness.state().document()), before);
}

/// A map large enough that arranging it takes longer than the progress bar's moment.
fn large_map() -> Document {
    teamscape::generate::generate(teamscape::generate::GenerateOptions {
        teams: 10_000,
        links: 30_000,
        seed: 1,
    })
}

#[test]
fn cancel_stops_a_long_arrange_and_leaves_the_map_untouched() {
    let mut harness = open_app(large_map());
    let before = harness.state().document().clone();
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    assert!(harness.state().is_arranging());
    let start = std::time::Instant::now();
    while harness.query_by_label("Cancel").is_none() {
        assert!(
            harness.state().is_arranging(),
            "the arrange ended before its progress bar showed"
        );
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(!harness.state().is_arranging());
    assert_eq!(harness.state().document(), &before);
    assert_eq!(
        harness.state().message(),
        Some("Arrange cancelled: nothing moved")
    );
}

#[test]
fn an_arrange_that_finishes_after_an_edit_is_not_applied() {
    let mut harness = open_app(large_map());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    assert!(harness.state().is_arranging());
    // An edit while the layout runs: the positions it computed are for the map before it.
    harness.state_mut().session_mut().selection = BTreeSet::from([Id(2)]);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    let nudged = harness.state().document().clone();
    assert!(harness.state().map().history().can_undo());
    step_until(&mut harness, "the arrange to end", |app| {
        !app.is_arranging()
    });
    assert_eq!(harness.state().document(), &nudged);
    assert_eq!(
        harness.state().message(),
        Some("Arrange not applied: the map changed while it ran")
    );
}
