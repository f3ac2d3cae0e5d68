//! A few small image snapshots that guard the look, rendered by wgpu on the CPU: Mesa's llvmpipe
//! through OpenGL, which every machine with Mesa has (no Vulkan driver needed).
//! Regenerate after an intended change with `UPDATE_SNAPSHOTS=1 cargo test --test look`.

mod common;

use eframe::egui::{self, Vec2};
use egui_kittest::Harness;
use teamscape::examples::default_example;
use teamscape::file;
use teamscape::model::Id;
use teamscape::ui::{Services, TeamscapeApp};

fn example_app(theme: egui::Theme) -> Harness<'static, TeamscapeApp> {
    let example = default_example();
    let doc = file::parse(example.text, example.file_name).expect("example loads");
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1100.0, 680.0))
        .with_theme(theme)
        .renderer(common::snapshot_renderer())
        .build_eframe(move |creation| {
            TeamscapeApp::create_with(creation, doc, None, Services::none())
        });
    harness.run_steps(4);
    harness
}

#[test]
fn example_map_light() {
    let mut harness = example_app(egui::Theme::Light);
    harness.snapshot("example_map_light");
}

#[test]
fn example_map_dark() {
    let mut harness = example_app(egui::Theme::Dark);
    harness.snapshot("example_map_dark");
}

#[test]
fn selected_team_with_inspector() {
    let mut harness = example_app(egui::Theme::Light);
    // Checkout, with its funding and dependencies.
    harness.state_mut().session_mut().selection = [Id(12)].into();
    harness.run_steps(3);
    harness.snapshot("selected_team_with_inspector");
}
