//! Frame, load and save benchmarks on generated maps: `cargo bench --bench frame`.
//!
//! A frame is what the window does for one repaint, minus the GPU: the real app's egui pass
//! (panels, canvas, overlays, insights) plus tessellating its shapes into meshes. The app is
//! driven headless through an `egui::Context`, in a 1400 × 900 window like the Xvfb screen.
//! divan reports no percentiles, so every measured frame is also recorded here and a table of
//! medians and p95 is printed at the end.

mod common;

use common::doc;

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use divan::Bencher;
use eframe::egui::{self, Event, Modifiers, PointerButton, Pos2, Rect, Vec2, pos2, vec2};
use teamscape::editor::{Camera, Drag};
use teamscape::model::{Document, Id};
use teamscape::ui::picker::FilePicker;
use teamscape::ui::view::{CameraOnScreen as _, to_egui_rect, to_model_rect, to_point};
use teamscape::ui::{Services, TeamscapeApp};

fn main() {
    divan::main();
    print_percentiles();
}

const WINDOW: Vec2 = vec2(1400.0, 900.0);
/// Frames per case: enough for a p95 that is not just the slowest frame.
const FRAMES: u32 = 100;
/// A typical working view shows about this many teams.
const TYPICAL_TEAMS: usize = 50;

fn team_rect(team: &teamscape::model::Team) -> teamscape::model::Rect {
    teamscape::model::Rect::from_min_size(team.position, team.size)
}

/// Every measured duration, by case name, for the percentile table.
static TIMES: LazyLock<Mutex<BTreeMap<String, Vec<Duration>>>> =
    LazyLock::new(|| Mutex::new(BTreeMap::new()));

fn record(case: &str, elapsed: Duration) {
    let mut times = TIMES.lock().expect("no panics while holding the lock");
    times.entry(case.to_owned()).or_default().push(elapsed);
}

fn print_percentiles() {
    let times = TIMES.lock().expect("no panics while holding the lock");
    if times.is_empty() {
        return;
    }
    println!("\n| case | median | p95 | samples |\n|---|---|---|---|");
    for (case, samples) in times.iter() {
        let mut sorted = samples.clone();
        sorted.sort();
        let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
        println!(
            "| {case} | {:.2} ms | {:.2} ms | {} |",
            at(0.5).as_secs_f64() * 1e3,
            at(0.95).as_secs_f64() * 1e3,
            sorted.len()
        );
    }
}

/// Never shows a dialog: benchmarks do not open or save through the app.
struct NoDialogs;

impl FilePicker for NoDialogs {
    fn pick_open(&self) -> Option<std::path::PathBuf> {
        None
    }

    fn pick_save(&self, _suggested: &std::path::Path) -> Option<std::path::PathBuf> {
        None
    }
}

/// The real app in a headless egui context.
struct Window {
    ctx: egui::Context,
    app: TeamscapeApp,
    frame: eframe::Frame,
    time: f64,
}

impl Window {
    fn open(doc: &Document) -> Self {
        let ctx = egui::Context::default();
        let creation = eframe::CreationContext::_new_kittest(ctx.clone());
        let services = Services {
            picker: Arc::new(NoDialogs),
            data_dir: None,
            preferences: Default::default(),
        };
        let app = TeamscapeApp::create_with(&creation, doc.clone(), None, services);
        let mut window = Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
        };
        // Settle: fonts, panel sizes, the legend's height and the fit to content.
        for _ in 0..5 {
            window.frame(Vec::new());
        }
        window
    }

    /// One frame: the egui pass and tessellation. Returns the number of vertices.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let Self { app, frame, .. } = self;
        let output = self.ctx.run_ui(input, |ui| {
            eframe::App::ui(app, ui, frame);
        });
        self.ctx
            .tessellate(output.shapes, output.pixels_per_point)
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }

    /// Measures `FRAMES` frames, `events(i)` giving frame i's input.
    fn bench(
        mut self,
        bencher: Bencher,
        case: &str,
        mut events: impl FnMut(&mut Self, u32) -> Vec<Event>,
    ) {
        let mut i = 0;
        bencher.bench_local(|| {
            let events = events(&mut self, i);
            i += 1;
            let start = Instant::now();
            let meshes = self.frame(events);
            record(case, start.elapsed());
            meshes
        });
    }

    fn canvas_rect(&self) -> Rect {
        to_egui_rect(self.app.session().viewport)
    }

    /// Centres the view on the middle of the map, zoomed so about [`TYPICAL_TEAMS`] teams show.
    fn typical_zoom(&mut self, doc: &Document) -> usize {
        let viewport = self.canvas_rect();
        let bounds = doc.nodes_bounds().expect("the map has teams");
        let middle = bounds.center();
        let center = doc
            .teams
            .values()
            .map(|t| team_rect(t).center())
            .min_by(|a, b| {
                let d = |p: teamscape::model::Point| (p.x - middle.x).hypot(p.y - middle.y);
                d(*a).total_cmp(&d(*b))
            })
            .expect("the map has teams");
        let visible_at = |zoom: f32| {
            let camera = Camera {
                center_in_canvas: center,
                zoom_factor: zoom,
            };
            let view = Rect::from_min_max(
                camera.to_canvas(viewport, viewport.min),
                camera.to_canvas(viewport, viewport.max),
            );
            doc.teams
                .values()
                .filter(|t| {
                    let r = team_rect(t);
                    view.intersects(Rect::from_min_max(
                        pos2(r.min.x, r.min.y),
                        pos2(r.max.x, r.max.y),
                    ))
                })
                .count()
        };
        // More teams show as the zoom falls: halve the interval until about the target shows.
        let (mut low, mut high) = (0.05_f32, 4.0_f32);
        for _ in 0..30 {
            let mid = f32::midpoint(low, high);
            if visible_at(mid) > TYPICAL_TEAMS {
                low = mid;
            } else {
                high = mid;
            }
        }
        self.app.session_mut().camera = Camera {
            center_in_canvas: center,
            zoom_factor: high,
        };
        self.frame(Vec::new());
        visible_at(high)
    }
}

/// The pointer wandering over the canvas: each frame has something to answer (hover).
fn hover(window: &Window, i: u32) -> Vec<Event> {
    let rect = window.canvas_rect();
    let t = (i % 40) as f32 / 40.0;
    vec![Event::PointerMoved(
        rect.lerp_inside(vec2(0.2 + 0.6 * t, 0.3 + 0.4 * t)),
    )]
}

#[divan::bench(args = [1_000, 10_000], sample_count = FRAMES, sample_size = 1)]
fn fit_all(bencher: Bencher, teams: usize) {
    let mut window = Window::open(doc(teams));
    let zoom = window.app.session().camera.zoom_factor;
    let vertices = window.frame(Vec::new());
    eprintln!("fit-all at {teams} teams: zoom {zoom:.3}, {vertices} vertices");
    window.bench(bencher, &format!("fit-all, {teams} teams"), |w, i| {
        hover(w, i)
    });
}

#[divan::bench(args = [1_000, 10_000], sample_count = FRAMES, sample_size = 1)]
fn typical_zoom(bencher: Bencher, teams: usize) {
    let mut window = Window::open(doc(teams));
    let visible = window.typical_zoom(doc(teams));
    let vertices = window.frame(Vec::new());
    eprintln!("typical zoom at {teams} teams: {visible} teams in view, {vertices} vertices");
    window.bench(bencher, &format!("typical zoom, {teams} teams"), |w, i| {
        hover(w, i)
    });
}

#[divan::bench(args = [1_000, 10_000], sample_count = FRAMES, sample_size = 1)]
fn panning(bencher: Bencher, teams: usize) {
    let mut window = Window::open(doc(teams));
    window.typical_zoom(doc(teams));
    window.bench(bencher, &format!("panning, {teams} teams"), |w, i| {
        // Back and forth, 12 screen pixels a frame, as a scroll or drag would.
        let step = if (i / 50) % 2 == 0 { 12.0 } else { -12.0 };
        let camera = &mut w.app.session_mut().camera;
        camera.pan_by_screen(step, step / 2.0);
        Vec::new()
    });
}

/// Panning with the whole map in view: every frame draws all of it again at a new place.
#[divan::bench(args = [1_000, 10_000], sample_count = FRAMES, sample_size = 1)]
fn panning_fit_all(bencher: Bencher, teams: usize) {
    let window = Window::open(doc(teams));
    window.bench(
        bencher,
        &format!("panning at fit-all, {teams} teams"),
        |w, i| {
            let step = if (i / 50) % 2 == 0 { 12.0 } else { -12.0 };
            w.app.session_mut().camera.pan_by_screen(step, step / 2.0);
            Vec::new()
        },
    );
}

/// Zooming in and out by a wheel step around the fit-all view: every frame is at a new zoom, so
/// the zoomed-out picture is drawn again every frame (the worst case for it).
#[divan::bench(args = [1_000, 10_000], sample_count = FRAMES, sample_size = 1)]
fn zooming_fit_all(bencher: Bencher, teams: usize) {
    let window = Window::open(doc(teams));
    window.bench(
        bencher,
        &format!("zooming at fit-all, {teams} teams"),
        |w, i| {
            let viewport = w.canvas_rect();
            let factor = if i % 2 == 0 { 1.1 } else { 1.0 / 1.1 };
            w.app.session_mut().camera.zoom_around(
                to_model_rect(viewport),
                to_point(viewport.center()),
                factor,
            );
            Vec::new()
        },
    );
}

/// A window at a typical zoom with the 20 teams nearest its centre selected, working in the
/// background as the app does; returns it and the screen point that grabs them.
fn with_20_selected(doc: &Document) -> (Window, Pos2) {
    let mut window = Window::open(doc);
    // As in the window: the drag's links are routed on a worker thread.
    window.app.work_in_background();
    window.typical_zoom(doc);
    let camera = window.app.session().camera;
    let viewport = window.canvas_rect();
    let center = camera.center_in_canvas;
    let mut nearest: Vec<(f32, Id)> = doc
        .teams
        .iter()
        .map(|(id, t)| {
            let c = team_rect(t).center();
            ((c.x - center.x).hypot(c.y - center.y), *id)
        })
        .collect();
    nearest.sort_by(|a, b| a.0.total_cmp(&b.0));
    let selection: Vec<Id> = nearest.iter().take(20).map(|(_, id)| *id).collect();
    window.app.session_mut().selection = selection.iter().copied().collect();
    let grab_in_canvas = team_rect(&doc.teams[&selection[0]]).center();
    let grab = camera.to_screen(viewport, pos2(grab_in_canvas.x, grab_in_canvas.y));
    (window, grab)
}

fn press(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

#[divan::bench(args = [1_000, 10_000], sample_count = FRAMES, sample_size = 1)]
fn dragging_20_teams(bencher: Bencher, teams: usize) {
    let doc = doc(teams);
    let (mut window, grab) = with_20_selected(doc);
    window.frame(vec![Event::PointerMoved(grab)]);
    window.frame(vec![press(grab, true)]);
    window.frame(vec![Event::PointerMoved(grab + vec2(20.0, 10.0))]);
    let moving = matches!(&window.app.session().drag, Drag::Move { ids, .. } if ids.len() == 20);
    assert!(
        moving,
        "the drag moves the 20 teams: {:?}",
        window.app.session().drag
    );
    let vertices = window.frame(vec![Event::PointerMoved(grab + vec2(25.0, 12.0))]);
    eprintln!("dragging at {teams} teams: {vertices} vertices");
    window.bench(
        bencher,
        &format!("dragging 20 teams, {teams} teams"),
        |_, i| {
            // A slow sweep and back: 5 pixels a frame, so the snapped position changes often.
            let t = (i % 60) as f32;
            let x = if t < 30.0 { t } else { 60.0 - t };
            vec![Event::PointerMoved(
                grab + vec2(20.0 + 5.0 * x, 10.0 + 2.0 * x),
            )]
        },
    );
}

/// Letting go of 20 dragged teams: the frame that lets go and the one after it, in which the
/// map has changed and the scene, its routes and the spatial index follow. Each sample drags
/// them 60 points right (or back), unmeasured, first.
#[divan::bench(args = [1_000, 10_000], sample_count = 30, sample_size = 1)]
fn dropping_20_teams(bencher: Bencher, teams: usize) {
    let doc = doc(teams);
    let (mut window, grab) = with_20_selected(doc);
    let case = format!("dropping 20 teams (two frames), {teams} teams");
    let mut at = grab;
    let mut step = vec2(60.0, 0.0);
    bencher.bench_local(|| {
        window.frame(vec![Event::PointerMoved(at)]);
        window.frame(vec![press(at, true)]);
        for k in 1..=3 {
            let towards = at + step * (k as f32 / 3.0);
            window.frame(vec![Event::PointerMoved(towards)]);
        }
        at += step;
        step = -step;
        let start = Instant::now();
        let vertices = window.frame(vec![press(at, false)]) + window.frame(Vec::new());
        record(&case, start.elapsed());
        let dropped = matches!(window.app.session().drag, Drag::Idle);
        assert!(dropped, "the teams were let go of");
        vertices
    });
}

#[divan::bench(args = [1_000, 10_000], sample_count = 30, sample_size = 1)]
fn load(bencher: Bencher, teams: usize) {
    let text = teamscape::file::to_string(doc(teams));
    let case = format!("load, {teams} teams");
    bencher.bench_local(|| {
        let start = Instant::now();
        let loaded = teamscape::file::parse(&text, "bench.ron").expect("parses");
        record(&case, start.elapsed());
        loaded
    });
}

#[divan::bench(args = [1_000, 10_000], sample_count = 30, sample_size = 1)]
fn save(bencher: Bencher, teams: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.ron");
    let doc = doc(teams);
    let case = format!("save, {teams} teams");
    bencher.bench_local(|| {
        let start = Instant::now();
        teamscape::file::save(doc, &path).expect("saves");
        record(&case, start.elapsed());
    });
}

#[divan::bench(args = [1_000, 10_000], sample_count = 30, sample_size = 1)]
fn to_text(bencher: Bencher, teams: usize) {
    let doc = doc(teams);
    let case = format!("to_string, {teams} teams");
    bencher.bench_local(|| {
        let start = Instant::now();
        let text = teamscape::file::to_string(doc);
        record(&case, start.elapsed());
        text.len()
    });
}
