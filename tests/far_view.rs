//! Zoomed out, the canvas draws boxes and lines into one picture on the CPU. These tests render
//! real frames (wgpu on the CPU) and look at the pixels: every team is where the camera says, at
//! its colour, after zooming, and gone once deleted.

use eframe::egui::{self, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use teamscape::generate::{GenerateOptions, generate};
use teamscape::model::{Document, Id};
use teamscape::scene::{self, Owner, Primitive, SceneOptions};
use teamscape::ui::view::{CameraOnScreen as _, to_egui_rect};
use teamscape::ui::{Services, TeamscapeApp};

fn open(doc: Document) -> Harness<'static, TeamscapeApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 800.0))
        .with_theme(egui::Theme::Dark)
        .build_eframe(move |creation| {
            TeamscapeApp::create_with(creation, doc, None, Services::none())
        });
    harness.run_steps(5);
    harness
}

/// Each team's centre on screen (in pixels) and its fill, for the teams fully in view.
fn teams_on_screen(harness: &Harness<'_, TeamscapeApp>) -> Vec<(Id, (u32, u32), [u8; 3])> {
    let app = harness.state();
    let doc = app.document();
    let canvas = app.session();
    let built = scene::build(doc, SceneOptions::default());
    let mut found = Vec::new();
    for (owner, primitive) in &built.items {
        let (Owner::Item(id), Primitive::Rect { rect, fill, .. }) = (owner, primitive) else {
            continue;
        };
        if !doc.teams.contains_key(id) || found.iter().any(|(seen, _, _)| seen == id) {
            continue;
        }
        let centre = rect.center();
        let viewport = to_egui_rect(canvas.viewport);
        let at = canvas
            .camera
            .to_screen(viewport, egui::pos2(centre.x, centre.y));
        if viewport.shrink(60.0).contains(at) {
            found.push((*id, (at.x as u32, at.y as u32), [fill.r, fill.g, fill.b]));
        }
    }
    found
}

fn close(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(a, b)| a.abs_diff(b) <= 12)
}

/// The share of `teams` whose centre pixel shows their fill.
fn share_drawn(
    harness: &mut Harness<'_, TeamscapeApp>,
    teams: &[(Id, (u32, u32), [u8; 3])],
) -> f32 {
    let image = harness.render().expect("a frame renders");
    let drawn = teams
        .iter()
        .filter(|(_, (x, y), fill)| {
            let [r, g, b, _] = image.get_pixel(*x, *y).0;
            close([r, g, b], *fill)
        })
        .count();
    drawn as f32 / teams.len().max(1) as f32
}

/// One Ctrl+wheel step in, at the middle of the canvas.
fn zoom_in_with_the_wheel(harness: &mut Harness<'_, TeamscapeApp>) {
    let centre = to_egui_rect(harness.state().session().viewport).center();
    harness.hover_at(centre);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 1.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::CTRL,
    });
}

fn generated(teams: usize) -> Document {
    generate(GenerateOptions {
        teams,
        links: teams * 3,
        seed: 7,
    })
}

#[test]
fn zoomed_out_every_team_is_drawn_where_it_is() {
    let mut harness = open(generated(1_000));
    let zoom = harness.state().session().camera.zoom_factor;
    assert!(zoom < 0.35, "the fit-all view is zoomed out ({zoom})");
    let teams = teams_on_screen(&harness);
    assert!(teams.len() > 300, "{} teams in view", teams.len());
    let share = share_drawn(&mut harness, &teams);
    assert!(share > 0.9, "{share} of the teams show their colour");
}

#[test]
fn zooming_draws_the_picture_again_at_the_new_zoom() {
    let mut harness = open(generated(1_000));
    let before = harness.state().session().camera.zoom_factor;
    zoom_in_with_the_wheel(&mut harness);
    harness.run_steps(3);
    let after = harness.state().session().camera.zoom_factor;
    assert!(after > before * 1.05 && after < 0.35, "{before} → {after}");
    let teams = teams_on_screen(&harness);
    let share = share_drawn(&mut harness, &teams);
    assert!(share > 0.9, "{share} of the teams show their colour");
}

#[test]
fn a_deleted_team_leaves_the_zoomed_out_picture() {
    let mut harness = open(generated(1_000));
    let teams = teams_on_screen(&harness);
    let (id, at, fill) = teams[teams.len() / 2];
    assert!(share_drawn(&mut harness, &[(id, at, fill)]) == 1.0);
    harness.state_mut().session_mut().selection = [id].into();
    harness.key_press(Key::Delete);
    harness.run_steps(3);
    assert!(!harness.state().document().teams.contains_key(&id));
    assert_eq!(
        share_drawn(&mut harness, &[(id, at, fill)]),
        0.0,
        "the deleted team is still drawn"
    );
}

#[test]
fn drawn_in_the_background_the_new_picture_arrives_after_a_zoom() {
    let mut harness = open(generated(1_000));
    harness.state_mut().work_in_background();
    harness.run_steps(2);
    let before = harness.state().session().camera.zoom_factor;
    zoom_in_with_the_wheel(&mut harness);
    harness.step();
    assert!(harness.state().session().camera.zoom_factor > before);
    // The worker thread asks for a frame when its picture is ready; give it a few seconds. (egui
    // smooths the wheel over a few frames, so the zoom settles meanwhile.)
    let start = std::time::Instant::now();
    let mut share = 0.0;
    while start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
        let teams = teams_on_screen(&harness);
        share = share_drawn(&mut harness, &teams);
        if share > 0.9 {
            break;
        }
    }
    assert!(share > 0.9, "{share} of the teams show their colour");
}
