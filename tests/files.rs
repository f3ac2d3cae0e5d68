//! Files like a desktop app, driven through the real app with an injected file picker: cancel, no
//! dialog backend, a bad file, the unsaved-changes prompt on every path that can lose work, changes
//! on disk, and crash recovery after a real SIGKILL.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use eframe::egui::{self, Event, Key, Modifiers, Vec2, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
mod common;

use common::{Setup, open_app_with, press, step_until};
use teamscape::file;
use teamscape::model::{Document, Id, ModelTypeId, Point, Team};
use teamscape::ui::picker::FilePicker;
use teamscape::ui::{Services, TeamscapeApp};

/// Answers dialogs from a script: each answer comes after a delay, like a person or a missing
/// backend would give it.
#[derive(Default)]
struct ScriptedPicker {
    answers: Mutex<VecDeque<(Duration, Option<PathBuf>)>>,
    calls: AtomicUsize,
}

impl ScriptedPicker {
    fn answering(answers: &[(u64, Option<&Path>)]) -> Arc<Self> {
        Arc::new(Self {
            answers: Mutex::new(
                answers
                    .iter()
                    .map(|(ms, path)| (Duration::from_millis(*ms), path.map(Path::to_path_buf)))
                    .collect(),
            ),
            calls: AtomicUsize::new(0),
        })
    }

    fn answer(&self) -> Option<PathBuf> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let next = self.answers.lock().expect("lock").pop_front();
        let (delay, answer) = next.unwrap_or((Duration::ZERO, None));
        std::thread::sleep(delay);
        answer
    }
}

impl FilePicker for ScriptedPicker {
    fn pick_open(&self) -> Option<PathBuf> {
        self.answer()
    }

    fn pick_save(&self, _suggested: &Path) -> Option<PathBuf> {
        self.answer()
    }
}

/// One data folder for this test binary (recent list, recovery files), never the user's own.
fn data_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("data dir"))
        .path()
}

fn map_with(title: &str, team: &str) -> Document {
    let mut doc = Document::new(title);
    doc.teams
        .insert(Id(1), Team::new(team, ModelTypeId(1), Point::new(0.0, 0.0)));
    doc
}

fn open(
    doc: Document,
    path: Option<PathBuf>,
    picker: Arc<ScriptedPicker>,
) -> Harness<'static, TeamscapeApp> {
    open_in(doc, path, picker, data_dir().to_owned())
}

fn open_in(
    doc: Document,
    path: Option<PathBuf>,
    picker: Arc<ScriptedPicker>,
    data_dir: PathBuf,
) -> Harness<'static, TeamscapeApp> {
    let services = Services {
        picker,
        data_dir: Some(data_dir),
        preferences: Default::default(),
    };
    open_app_with(
        doc,
        Setup {
            path,
            services,
            size: Vec2::new(1100.0, 700.0),
        },
    )
}

fn make_unsaved_change(harness: &mut Harness<'static, TeamscapeApp>) {
    harness.state_mut().session_mut().selection = [Id(1)].into();
    harness.run_steps(1);
    press(harness, Modifiers::NONE, Key::ArrowRight);
    assert!(harness.state().map().is_dirty());
}

fn click_button(harness: &mut Harness<'static, TeamscapeApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(3);
}

fn saved_file(dir: &Path, name: &str, doc: &Document) -> PathBuf {
    let path = dir.join(name);
    file::save(doc, &path).expect("saves");
    path
}

#[test]
fn cancelling_the_open_dialog_changes_nothing() {
    let picker = ScriptedPicker::answering(&[(700, None)]);
    let mut harness = open(map_with("Mine", "Checkout"), None, Arc::clone(&picker));
    let before = harness.state().document().clone();
    press(&mut harness, Modifiers::COMMAND, Key::O);
    step_until(&mut harness, "the dialog to close", |_| {
        picker.answers.lock().expect("lock").is_empty()
    });
    std::thread::sleep(Duration::from_millis(50));
    harness.run_steps(3);
    assert_eq!(harness.state().document(), &before);
    assert!(
        !harness.state().is_typing_a_path(),
        "a cancel is not a missing backend"
    );
}

#[test]
fn a_second_open_while_a_dialog_is_up_does_nothing() {
    let picker = ScriptedPicker::answering(&[(800, None), (0, None)]);
    let mut harness = open(map_with("Mine", "Checkout"), None, Arc::clone(&picker));
    press(&mut harness, Modifiers::COMMAND, Key::O);
    press(&mut harness, Modifiers::COMMAND, Key::O);
    std::thread::sleep(Duration::from_millis(900));
    harness.run_steps(3);
    assert_eq!(picker.calls.load(Ordering::SeqCst), 1);
}

#[test]
fn without_a_dialog_backend_the_path_can_be_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let theirs = saved_file(dir.path(), "theirs.ron", &map_with("Theirs", "Payments"));
    let picker = ScriptedPicker::answering(&[(0, None)]);
    let mut harness = open(map_with("Mine", "Checkout"), None, picker);
    press(&mut harness, Modifiers::COMMAND, Key::O);
    step_until(
        &mut harness,
        "the path field",
        TeamscapeApp::is_typing_a_path,
    );
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness.event(Event::Text(theirs.display().to_string()));
    harness.run_steps(1);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().document().title, "Theirs");
    assert_eq!(harness.state().map().path(), Some(theirs.as_path()));
}

#[test]
fn save_as_without_a_dialog_backend_writes_the_typed_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("typed.ron");
    let picker = ScriptedPicker::answering(&[(0, None)]);
    let mut harness = open(map_with("Mine", "Checkout"), None, picker);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    step_until(
        &mut harness,
        "the path field",
        TeamscapeApp::is_typing_a_path,
    );
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness.event(Event::Text(target.display().to_string()));
    harness.run_steps(1);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(file::load(&target).expect("saved").title, "Mine");
    assert!(!harness.state().map().is_dirty());
}

#[test]
fn a_bad_file_is_reported_in_the_loader_s_words_and_the_open_map_is_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(version: 1, model_types: [").expect("write");
    let picker = ScriptedPicker::answering(&[(0, Some(&bad))]);
    let mut harness = open(map_with("Mine", "Checkout"), None, picker);
    make_unsaved_change(&mut harness);
    let before = harness.state().document().clone();
    // Open asks about the unsaved change first; "Don't save" goes on to the dialog.
    press(&mut harness, Modifiers::COMMAND, Key::O);
    click_button(&mut harness, "Don't save");
    step_until(&mut harness, "the error", |app| app.load_error().is_some());
    let message = harness.state().load_error().expect("shown").to_owned();
    assert!(
        message.contains("line 1") && message.contains("bad.ron"),
        "{message}"
    );
    assert_eq!(harness.state().document(), &before);
    click_button(&mut harness, "OK");
    assert!(harness.state().load_error().is_none());
}

#[test]
fn new_with_unsaved_changes_asks_and_cancel_keeps_everything() {
    let mut harness = open(
        map_with("Mine", "Checkout"),
        None,
        ScriptedPicker::answering(&[]),
    );
    make_unsaved_change(&mut harness);
    let before = harness.state().document().clone();
    press(&mut harness, Modifiers::COMMAND, Key::N);
    assert!(harness.state().is_asking_to_save());
    click_button(&mut harness, "Cancel");
    assert!(!harness.state().is_asking_to_save());
    assert_eq!(harness.state().document(), &before);
    assert!(harness.state().map().is_dirty());

    press(&mut harness, Modifiers::COMMAND, Key::N);
    click_button(&mut harness, "Don't save");
    assert!(
        harness.state().document().teams.is_empty(),
        "a new, empty map"
    );
}

#[test]
fn quit_and_closing_the_window_with_unsaved_changes_ask_first() {
    let mut harness = open(
        map_with("Mine", "Checkout"),
        None,
        ScriptedPicker::answering(&[]),
    );
    make_unsaved_change(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::Q);
    assert!(harness.state().is_asking_to_save());
    click_button(&mut harness, "Cancel");

    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.run_steps(1);
    assert!(
        harness.state().is_asking_to_save(),
        "closing the window asks first"
    );
    click_button(&mut harness, "Cancel");
    assert!(harness.state().map().is_dirty());
}

#[test]
fn save_from_the_prompt_saves_then_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_file(dir.path(), "mine.ron", &map_with("Mine", "Checkout"));
    let mut harness = open(
        file::load(&path).expect("loads"),
        Some(path.clone()),
        ScriptedPicker::answering(&[]),
    );
    make_unsaved_change(&mut harness);
    let edited = harness.state().document().clone();
    press(&mut harness, Modifiers::COMMAND, Key::N);
    click_button(&mut harness, "Save");
    assert_eq!(
        file::load(&path).expect("loads"),
        edited,
        "saved before going on"
    );
    assert!(
        harness.state().document().teams.is_empty(),
        "then started a new map"
    );
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_file_opens_it_after_asking_about_unsaved_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let theirs = saved_file(dir.path(), "dropped.ron", &map_with("Dropped", "Payments"));
    let mut harness = open(
        map_with("Mine", "Checkout"),
        None,
        ScriptedPicker::answering(&[]),
    );
    make_unsaved_change(&mut harness);
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(theirs.clone())));
    harness.run_steps(2);
    assert!(harness.state().is_asking_to_save());
    click_button(&mut harness, "Cancel");
    assert_eq!(harness.state().document().title, "Mine");

    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(theirs.clone())));
    harness.run_steps(2);
    click_button(&mut harness, "Don't save");
    assert_eq!(harness.state().document().title, "Dropped");
}

#[test]
fn saving_over_a_file_changed_on_disk_warns_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_file(dir.path(), "shared.ron", &map_with("Mine", "Checkout"));
    let mut harness = open(
        file::load(&path).expect("loads"),
        Some(path.clone()),
        ScriptedPicker::answering(&[]),
    );
    make_unsaved_change(&mut harness);
    // Someone else (a git pull) writes the file meanwhile.
    file::save(&map_with("Theirs, pulled from git", "Payments"), &path).expect("saves");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("Overwrite");
    assert_eq!(
        file::load(&path).expect("loads").title,
        "Theirs, pulled from git"
    );
    click_button(&mut harness, "Cancel");
    assert_eq!(
        file::load(&path).expect("loads").title,
        "Theirs, pulled from git"
    );
    press(&mut harness, Modifiers::COMMAND, Key::S);
    click_button(&mut harness, "Overwrite");
    assert_eq!(file::load(&path).expect("loads").title, "Mine");
}

#[test]
fn opened_files_are_remembered_as_recent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_file(dir.path(), "recent-one.ron", &map_with("Recent", "Search"));
    let picker = ScriptedPicker::answering(&[(0, Some(&path))]);
    let mut harness = open(Document::new("Empty"), None, picker);
    press(&mut harness, Modifiers::COMMAND, Key::O);
    step_until(&mut harness, "the map to open", |app| {
        app.document().title == "Recent"
    });
    let recent = teamscape::file::recent::RecentFiles::load(data_dir());
    let canonical = std::fs::canonicalize(&path).expect("canonical");
    assert!(recent.paths.contains(&canonical), "{recent:?}");
}

/// Runs in a child process: opens the app on a map, moves a team (an unsaved edit), then keeps
/// running until the parent kills it.
#[test]
#[ignore = "run by unsaved_work_survives_a_sigkill in a child process"]
fn child_app_that_gets_killed() {
    let (Some(marker), Some(data)) = (
        std::env::var_os("TEAMSCAPE_CHILD_MARKER"),
        std::env::var_os("TEAMSCAPE_CHILD_DATA"),
    ) else {
        return;
    };
    let picker = ScriptedPicker::answering(&[]);
    let mut harness = open_in(
        map_with("Workshop", "Checkout"),
        None,
        picker,
        PathBuf::from(data),
    );
    make_unsaved_change(&mut harness);
    make_unsaved_change(&mut harness);
    std::fs::write(&marker, "edited").expect("marker");
    loop {
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn unsaved_work_survives_a_sigkill() {
    let data = tempfile::tempdir().expect("temp dir");
    let marker = data.path().join("edited");
    let mut child = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child_app_that_gets_killed",
            "--ignored",
            "--nocapture",
        ])
        .env("TEAMSCAPE_CHILD_DATA", data.path())
        .env("TEAMSCAPE_CHILD_MARKER", &marker)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("child starts");
    let recovery_dir = data.path().join("recovery");
    // Wait until the recovery file holds both moves (Checkout at x = 40): under load the first
    // write may land between the two edits, and the next one comes a second later. Only the
    // finished file counts: a write's temporary file may be cut short by the kill.
    let holds_both_moves = || {
        std::fs::read_dir(&recovery_dir).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|entry| {
                let path = entry.path();
                path.extension().is_some_and(|e| e == "ron")
                    && std::fs::read_to_string(path).is_ok_and(|text| text.contains("x: 40.0"))
            })
        })
    };
    let start = Instant::now();
    let written = loop {
        if marker.exists() && holds_both_moves() {
            break true;
        }
        if start.elapsed() > Duration::from_secs(90) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // SIGKILL: no destructors, no clean shutdown.
    child.kill().expect("kill");
    child.wait().expect("reaped");
    assert!(
        written,
        "no recovery file was written within the time limit"
    );
    // Let a write that was under way land (it is atomic either way).
    std::thread::sleep(Duration::from_millis(300));

    // Start again with the same data folder: the recovery is offered.
    let store = teamscape::file::recovery::RecoveryStore::new(data.path());
    let offered = store.orphans();
    let listing: Vec<_> = std::fs::read_dir(&recovery_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        offered.len(),
        1,
        "offered {offered:?}; the folder holds {listing:?}; the killed child was {}",
        child.id()
    );
    let mut harness = open_in(
        Document::new("Fresh start"),
        None,
        ScriptedPicker::answering(&[]),
        data.path().to_owned(),
    );
    harness.run_steps(3);
    assert!(
        harness.state().recovery_offer().is_some(),
        "the recovery is offered"
    );
    click_button(&mut harness, "Restore");
    let doc = harness.state().document();
    assert_eq!(doc.title, "Workshop");
    assert_eq!(
        doc.teams[&Id(1)].position,
        Point::new(40.0, 0.0),
        "both moves came back"
    );
    assert!(
        harness.state().map().is_dirty(),
        "restored work is unsaved until saved"
    );
}
