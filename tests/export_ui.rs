//! Exporting from the app: the export window, a picture of the selection, the view screenshot and
//! the map copied as an image — with the file picker injected and real files checked.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eframe::egui::{Key, Modifiers, OutputCommand, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use teamscape::examples::default_example;
use teamscape::file;
use teamscape::model::Id;
use teamscape::ui::picker::FilePicker;
use teamscape::ui::{Services, TeamscapeApp};

/// Answers every save or export dialog with the same path.
struct AlwaysHere(PathBuf, Mutex<Vec<PathBuf>>);

impl FilePicker for AlwaysHere {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save(&self, suggested: &Path) -> Option<PathBuf> {
        self.1.lock().expect("lock").push(suggested.to_owned());
        Some(self.0.clone())
    }
}

fn open(answer: &Path) -> (Harness<'static, TeamscapeApp>, Arc<AlwaysHere>) {
    let example = default_example();
    let doc = file::parse(example.text, example.file_name).expect("example loads");
    let picker = Arc::new(AlwaysHere(answer.to_owned(), Mutex::new(Vec::new())));
    let services = Services {
        picker: Arc::clone(&picker) as Arc<dyn FilePicker>,
        data_dir: None,
        preferences: Default::default(),
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 760.0))
        .build_eframe(move |creation| TeamscapeApp::create_with(creation, doc, None, services));
    harness.run_steps(3);
    (harness, picker)
}

fn wait_for(
    harness: &mut Harness<'_, TeamscapeApp>,
    what: &str,
    done: impl Fn(&Harness<'_, TeamscapeApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Opens the export window, picks `format`, exports the selection and waits until `target` is
/// written.
fn export_selection(harness: &mut Harness<'static, TeamscapeApp>, format: &str, target: &Path) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(2);
    harness.get_by_label(format).click();
    // A text format drops the picture's rows: the window settles at its new size.
    harness.run_steps(4);
    harness.get_by_label("Selection").click();
    harness.run_steps(2);
    harness.get_by_label("Export…").click();
    harness.run_steps(1);
    wait_for(harness, "the file", |_| target.exists());
    wait_for(harness, "the export to finish", |h| {
        !h.state().is_exporting()
    });
}

#[test]
fn the_export_window_writes_a_mermaid_flowchart_of_the_selection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("checkout.mmd");
    let (mut harness, picker) = open(&target);
    harness.state_mut().session_mut().selection = [Id(12), Id(27)].into();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(2);
    harness.get_by_label("Mermaid").click();
    // The window loses the picture's rows and settles at its new size.
    harness.run_steps(4);
    // A text format leaves the look to the tool that draws it.
    assert!(harness.query_by_label("Transparent").is_none());
    harness.get_by_label("Selection").click();
    harness.run_steps(2);
    harness.get_by_label("Export…").click();
    harness.run_steps(1);
    wait_for(&mut harness, "the flowchart", |_| target.exists());
    wait_for(&mut harness, "the export to finish", |h| {
        !h.state().is_exporting()
    });
    let text = std::fs::read_to_string(&target).expect("written");
    assert!(text.contains("flowchart TB"), "{text}");
    assert!(text.contains("t12[\"Checkout"), "{text}");
    assert!(text.contains("t27[\"Payments Platform"), "{text}");
    assert!(!text.contains("Search"), "only the selection: {text}");
    let suggested = picker.1.lock().expect("lock").clone();
    assert!(
        suggested
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "mmd")),
        "{suggested:?}"
    );
}

#[test]
fn the_export_window_writes_an_svg_of_the_selection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("checkout.svg");
    let (mut harness, picker) = open(&target);
    // Checkout and Payments Platform.
    harness.state_mut().session_mut().selection = [Id(12), Id(27)].into();
    export_selection(&mut harness, "SVG", &target);
    let svg = std::fs::read_to_string(&target).expect("written");
    assert!(svg.contains("<svg"), "{}", &svg[..svg.len().min(200)]);
    assert!(svg.contains("Checkout") && svg.contains("Payments Platform"));
    assert!(
        !svg.contains("Search &amp; Discovery"),
        "only the selection is drawn"
    );
    // Framed by their groups as on the canvas: Checkout's value stream inside Retail, and the
    // platform grouping; no other group.
    for group in ["Shopping journey", "Retail", "Platforms"] {
        assert!(svg.contains(&format!(">{group}<")), "{group}");
    }
    for group in ["After purchase", "Marketplace", "Ventures"] {
        assert!(!svg.contains(&format!(">{group}<")), "{group}");
    }
    let suggested = picker.1.lock().expect("lock").clone();
    assert!(
        suggested[0].extension().is_some_and(|e| e == "svg"),
        "{suggested:?}"
    );
}

#[test]
fn a_selected_group_exports_as_everything_in_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("after-purchase.mmd");
    let (mut harness, _picker) = open(&target);
    // The After purchase value stream's frame, nothing else.
    harness.state_mut().session_mut().selection = [Id(95)].into();
    export_selection(&mut harness, "Mermaid", &target);
    let text = std::fs::read_to_string(&target).expect("written");
    for inside in [
        "After purchase",
        "Loyalty Program",
        "Delivery Tracking",
        "Customer Support Tools",
    ] {
        assert!(text.contains(inside), "{inside}: {text}");
    }
    assert!(!text.contains("Checkout"), "only the group: {text}");
}

#[test]
fn the_export_window_writes_a_png_at_the_chosen_scale() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("map.png");
    let (mut harness, _) = open(&target);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(2);
    harness.get_by_label("Export…").click();
    harness.run_steps(1);
    wait_for(&mut harness, "the export to finish", |h| {
        target.exists() && !h.state().is_exporting()
    });
    let bytes = std::fs::read(&target).expect("written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(
        harness.state().message().map(|m| m.starts_with("Exported")),
        Some(true)
    );
}

#[test]
fn save_view_as_png_writes_what_the_canvas_shows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("view.png");
    let (mut harness, _) = open(&target);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run_steps(3);
    wait_for(&mut harness, "the screenshot file", |h| {
        target.exists() && !h.state().is_exporting()
    });
    let bytes = std::fs::read(&target).expect("written");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    let (width, height) = (reader.info().width, reader.info().height);
    let viewport = teamscape::ui::view::to_egui_rect(harness.state().session().viewport);
    // The canvas only: narrower than the window (the side panel is left out).
    assert_eq!(
        (width as f32, height as f32),
        (viewport.width().round(), viewport.height().round())
    );
    assert!(width < 1200);
}

#[test]
fn copy_map_as_image_puts_a_picture_on_the_clipboard() {
    let (mut harness, _) = open(Path::new("/unused"));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    harness.run_steps(1);
    let start = Instant::now();
    let image = loop {
        harness.run_steps(1);
        let copied = harness
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                OutputCommand::CopyImage(image) => Some(image.size),
                _ => None,
            });
        if let Some(size) = copied {
            break size;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "nothing was copied: {:?}",
            harness.state().message()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(image[0] > 1000 && image[1] > 500, "{image:?}");
}

#[test]
fn a_long_export_shows_progress_and_can_be_cancelled() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("big.png");
    let doc = teamscape::generate::generate(teamscape::generate::GenerateOptions {
        teams: 1_000,
        links: 3_000,
        seed: 7,
    });
    let picker = Arc::new(AlwaysHere(target.clone(), Mutex::new(Vec::new())));
    let services = Services {
        picker: picker as Arc<dyn FilePicker>,
        data_dir: None,
        preferences: Default::default(),
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 760.0))
        .build_eframe(move |creation| TeamscapeApp::create_with(creation, doc, None, services));
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(2);
    // 2.5x of a 1,000-team map (290 megapixels) takes seconds: long enough to cancel it.
    harness
        .get_by_role_and_label(eframe::egui::Role::Slider, "Scale")
        .set_value_accesskit(2.5);
    harness.run_steps(1);
    harness.get_by_label("Export…").click();
    harness.run_steps(1);
    wait_for(&mut harness, "the progress window", |h| {
        assert!(
            h.state().message().is_none(),
            "the export ended early: {:?}",
            h.state().message()
        );
        h.query_by_label("Cancel").is_some()
    });
    harness.get_by_label("Cancel").click();
    harness.run_steps(1);
    wait_for(&mut harness, "the export to stop", |h| {
        !h.state().is_exporting()
    });
    assert_eq!(
        harness.state().message(),
        Some("Export cancelled; nothing was written")
    );
    assert!(!target.exists(), "a cancelled export leaves no file");
}

#[test]
fn the_export_window_writes_a_workbook_that_import_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("map.xlsx");
    let (mut harness, _picker) = open(&target);
    let doc = harness.state().document().clone();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(2);
    harness.get_by_label("XLSX").click();
    harness.run_steps(4);
    assert!(harness.query_by_label("Transparent").is_none());
    harness.get_by_label("Export…").click();
    harness.run_steps(1);
    wait_for(&mut harness, "the workbook", |_| target.exists());
    wait_for(&mut harness, "the export to finish", |h| {
        !h.state().is_exporting()
    });
    let back = teamscape::import::import(&target).expect("imported");
    assert_eq!(back.doc, doc, "the workbook holds the whole map");
}
