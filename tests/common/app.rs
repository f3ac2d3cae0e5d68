//! The real app in a harness: one sample map, one way to open it, and the gestures that drive it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui::{self, Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use teamscape::editor::Camera;
use teamscape::model::{Document, FundingSource, Id, Link, ModelTypeId, Point, Team};
use teamscape::ui::view::{CameraOnScreen as _, to_egui_rect, to_pos};
use teamscape::ui::{Services, TeamscapeApp};

pub type App = Harness<'static, TeamscapeApp>;

/// Three teams in a row, a funding source above the first, one dependency and one funding link.
pub fn sample_map() -> Document {
    let mut doc = Document::new("Small map");
    doc.teams.insert(
        Id(1),
        Team::new("Checkout", ModelTypeId(1), Point::new(0.0, 0.0)),
    );
    doc.teams.insert(
        Id(2),
        Team::new("Payments", ModelTypeId(6), Point::new(300.0, 0.0)),
    );
    doc.teams.insert(
        Id(3),
        Team::new("Search", ModelTypeId(3), Point::new(0.0, 200.0)),
    );
    doc.sources.insert(
        Id(4),
        FundingSource::new("Growth fund", Point::new(0.0, -200.0)),
    );
    doc.links.insert(Id(5), Link::dependency(Id(1), Id(2)));
    doc.links.insert(Id(6), Link::funding(Id(4), Id(1), 60.0));
    doc
}

/// What a harness opens with; `Default` is the sample map's test setup.
pub struct Setup {
    pub path: Option<PathBuf>,
    pub services: Services,
    pub size: Vec2,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            path: None,
            services: Services::none(),
            size: Vec2::new(1200.0, 760.0),
        }
    }
}

/// The real app on `doc`, with no dialogs and no data folder, after its first frames.
pub fn open_app(doc: Document) -> App {
    open_app_with(doc, Setup::default())
}

pub fn open_app_with(doc: Document, setup: Setup) -> App {
    let Setup {
        path,
        services,
        size,
    } = setup;
    let mut harness = Harness::builder()
        .with_size(size)
        // Short steps, so two clicks in consecutive frames count as a double-click.
        .with_step_dt(1.0 / 30.0)
        .build_eframe(move |creation| TeamscapeApp::create_with(creation, doc, path, services));
    harness.run_steps(3);
    harness
}

/// A known view: canvas point (200, 0) at the centre of the canvas, at 100 %.
pub fn set_known_view(harness: &mut App) {
    harness.state_mut().session_mut().camera = Camera {
        center_in_canvas: Point::new(200.0, 0.0),
        zoom_factor: 1.0,
    };
    harness.run_steps(2);
}

/// The canvas area on screen.
pub fn canvas_rect(harness: &App) -> egui::Rect {
    to_egui_rect(harness.state().session().viewport)
}

/// Where a canvas point is on screen.
pub fn screen(harness: &App, x: f32, y: f32) -> Pos2 {
    let session = harness.state().session();
    session
        .camera
        .to_screen(to_egui_rect(session.viewport), to_pos(Point::new(x, y)))
}

pub fn press(harness: &mut App, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(2);
}

/// A key event as a real keyboard sends it, with the modifiers held.
pub fn press_logical(harness: &mut App, modifiers: Modifiers, key: Key) {
    harness.event(Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        harness.event(Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        });
    }
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
}

/// Types into whatever has keyboard focus.
pub fn type_text(harness: &mut App, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run_steps(1);
}

pub fn click(harness: &mut App, at: (f32, f32)) {
    click_with(harness, at, Modifiers::NONE);
}

pub fn click_with(harness: &mut App, at: (f32, f32), modifiers: Modifiers) {
    let at = screen(harness, at.0, at.1);
    harness.hover_at(at);
    harness.event(Event::ModifiersChanged(modifiers));
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    harness.run_steps(1);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(1);
}

pub fn double_click(harness: &mut App, at: (f32, f32)) {
    let at = screen(harness, at.0, at.1);
    harness.hover_at(at);
    harness.run_steps(1);
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            harness.run_steps(1);
        }
    }
    harness.run_steps(2);
}

/// Drags between two canvas points.
pub fn drag(harness: &mut App, from: (f32, f32), to: (f32, f32)) {
    let (from, to) = (screen(harness, from.0, from.1), screen(harness, to.0, to.1));
    harness.hover_at(from);
    harness.run_steps(1);
    harness.drag_at(from);
    harness.run_steps(1);
    for step in 1..=6 {
        let t = step as f32 / 6.0;
        harness.hover_at(from + (to - from) * t);
        harness.run_steps(1);
    }
    harness.drop_at(to);
    harness.run_steps(2);
}

/// Steps the app until `done` holds (dialogs and recovery writes finish in real time).
pub fn step_until(harness: &mut App, what: &str, done: impl Fn(&TeamscapeApp) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(2);
}

pub fn team_named<'a>(doc: &'a Document, name: &str) -> Option<(Id, &'a Team)> {
    doc.teams
        .iter()
        .find(|(_, t)| t.name == name)
        .map(|(id, t)| (*id, t))
}

/// The renderer for image snapshots: the same CPU rasteriser on every machine, so a snapshot
/// made on one matches on another. Mesa's llvmpipe through OpenGL comes first: every machine
/// with Mesa has it, with or without a Vulkan driver. Elsewhere, whatever there is, CPU first.
pub fn snapshot_renderer() -> egui_kittest::wgpu::WgpuTestRenderer {
    use eframe::egui_wgpu::{WgpuSetup, wgpu};
    let mut setup = match egui_kittest::wgpu::default_wgpu_setup() {
        WgpuSetup::CreateNew(setup) => setup,
        existing @ WgpuSetup::Existing(_) => {
            return egui_kittest::wgpu::WgpuTestRenderer::from_setup(existing);
        }
    };
    setup.native_adapter_selector = Some(std::sync::Arc::new(|adapters, _surface| {
        let mut adapters: Vec<&wgpu::Adapter> = adapters.iter().collect();
        adapters.sort_by_key(|a| {
            let info = a.get_info();
            (
                info.backend != wgpu::Backend::Gl,
                info.device_type != wgpu::DeviceType::Cpu,
            )
        });
        adapters
            .first()
            .map(|a| (*a).clone())
            .ok_or_else(|| "No graphics adapter found (install Mesa)".to_owned())
    }));
    egui_kittest::wgpu::WgpuTestRenderer::from_setup(WgpuSetup::CreateNew(setup))
}
