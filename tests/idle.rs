//! An app that nobody touches draws no frames: after the last input settles, egui is asked for no
//! repaint at all, not even a delayed one.

use std::time::Duration;

use eframe::egui::{self, Vec2, ViewportId};
use egui_kittest::Harness;
use teamscape::generate::{GenerateOptions, generate};
use teamscape::ui::{Services, TeamscapeApp};

fn open_generated(teams: usize) -> Harness<'static, TeamscapeApp> {
    let doc = generate(GenerateOptions {
        teams,
        links: teams * 3,
        seed: 1,
    });
    Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .build_eframe(move |creation| {
            TeamscapeApp::create_with(creation, doc, None, Services::none())
        })
}

/// The last frame asked for no further frame, not even a delayed one.
fn assert_no_frames_asked(harness: &Harness<'_, TeamscapeApp>) {
    let delay = harness.output().viewport_output[&ViewportId::ROOT].repaint_delay;
    assert_eq!(
        delay,
        Duration::MAX,
        "repaint causes: {:?}",
        harness.ctx.repaint_causes()
    );
}

#[test]
fn a_quiet_app_asks_for_no_frames() {
    let mut harness = open_generated(1_000);
    harness.run();
    harness.step();
    assert_no_frames_asked(&harness);
}

#[test]
fn hovering_then_stopping_settles_to_no_frames() {
    let mut harness = open_generated(1_000);
    harness.run();
    let center = teamscape::ui::view::to_egui_rect(harness.state().session().viewport).center();
    for step in 0..5 {
        harness.hover_at(center + egui::vec2(step as f32 * 15.0, 0.0));
        harness.step();
    }
    // A zoom with the wheel, then the pointer rests.
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 1.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::CTRL,
    });
    harness.run();
    harness.step();
    assert_no_frames_asked(&harness);
}
