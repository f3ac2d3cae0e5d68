//! The Insights panel in the real app: problems in words, and a click selects and frames them.

mod common;

use common::{open_app as open, sample_map};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use teamscape::model::{Document, Id, Link, ModelTypeId, Point, Team};
use teamscape::ui::view::{CameraOnScreen as _, to_egui_rect};

/// The sample map, but "Innovation fund" gives 130 % and "Far away" (far off to the right) has
/// no funding.
fn map() -> Document {
    let mut doc = sample_map();
    doc.teams.insert(
        Id(3),
        Team::new("Far away", ModelTypeId(4), Point::new(6000.0, 3000.0)),
    );
    if let Some(source) = doc.sources.get_mut(&Id(4)) {
        source.name = "Innovation fund".to_owned();
    }
    doc.links.clear();
    doc.links.insert(Id(5), Link::funding(Id(4), Id(1), 70.0));
    doc.links.insert(Id(6), Link::funding(Id(4), Id(2), 60.0));
    doc
}

#[test]
fn clicking_a_problem_selects_and_frames_its_items() {
    let mut harness = open(map());
    harness.get_by_label("Insights (2)").click();
    harness.run_steps(2);

    harness
        .get_by_label("Innovation fund allocates 130 % of its budget")
        .click();
    harness.run_steps(2);
    let selection: Vec<Id> = harness.state().selection().iter().copied().collect();
    assert!(selection.contains(&Id(4)), "{selection:?}");

    harness.get_by_label("Far away has no funding").click();
    harness.run_steps(2);
    let selection: Vec<Id> = harness.state().selection().iter().copied().collect();
    assert_eq!(selection, vec![Id(3)]);
    // Framed: the team's centre is now inside the canvas on screen.
    let canvas = harness.state().session();
    let viewport = to_egui_rect(canvas.viewport);
    let center = canvas
        .camera
        .to_screen(viewport, eframe::egui::pos2(6090.0, 3036.0));
    assert!(
        viewport.contains(center),
        "{center:?} is outside {viewport:?}"
    );
}

#[test]
fn the_figures_follow_every_edit() {
    let mut harness = open(map());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run_steps(2);
    harness.get_by_label("Insights (2)");
    // Delete the over-allocating funding link to Payments: Payments becomes unfunded instead.
    harness.state_mut().session_mut().selection = [Id(6)].into();
    harness.run_steps(1);
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    harness.get_by_label("Payments has no funding");
    assert!(
        harness
            .query_by_label("Innovation fund allocates 130 % of its budget")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    harness.get_by_label("Innovation fund allocates 130 % of its budget");
}
