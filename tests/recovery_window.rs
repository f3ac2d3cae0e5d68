//! The recovery window: unsaved work reaches the recovery folder about a second after the last
//! edit, so a crash loses at most that second.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use teamscape::model::{Document, Id, ModelTypeId, Point, Team};
use teamscape::ui::picker::FilePicker;
use teamscape::ui::{Services, TeamscapeApp};

/// The recovery window the app promises (RELIABILITY.md), with room for a slow frame.
const WINDOW: Duration = Duration::from_millis(1_500);

/// No dialogs are needed here.
struct NoDialogs;

impl FilePicker for NoDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save(&self, _suggested: &Path) -> Option<PathBuf> {
        None
    }
}

#[test]
fn an_edit_reaches_the_recovery_folder_within_about_a_second() {
    let data = tempfile::tempdir().expect("data dir");
    let mut doc = Document::new("Window");
    doc.teams.insert(
        Id(1),
        Team::new("Checkout", ModelTypeId(1), Point::default()),
    );
    let services = Services {
        picker: Arc::new(NoDialogs),
        data_dir: Some(data.path().to_owned()),
        preferences: Default::default(),
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(900.0, 600.0))
        .with_step_dt(1.0 / 30.0)
        .build_eframe(move |creation| TeamscapeApp::create_with(creation, doc, None, services));
    harness.run_steps(3);
    // Let the throttle's first second pass, so the window is measured from the edit alone.
    std::thread::sleep(Duration::from_millis(1_100));
    harness.run_steps(2);

    harness.state_mut().session_mut().selection = [Id(1)].into();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::NONE, Key::ArrowRight);
    harness.run_steps(1);
    let edited = Instant::now();
    let expected = harness.state().document().clone();
    assert_ne!(expected.teams[&Id(1)].position, Point::default(), "moved");

    // This process's own recovery file: what a fresh start would offer after a crash.
    let own_dir = data.path().join("recovery");
    let recovered = loop {
        let found = std::fs::read_dir(&own_dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "ron"));
        if let Some(file) = found {
            let text = std::fs::read_to_string(&file).expect("readable");
            if let Ok((_, doc)) = teamscape::file::recovery::parse_recovery(&text, "recovery") {
                break doc;
            }
        }
        assert!(
            edited.elapsed() < WINDOW,
            "no recovery file {} ms after the edit",
            edited.elapsed().as_millis()
        );
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(recovered, expected, "the recovery file holds the edit");
}
