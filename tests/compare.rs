//! The compare view in the real app: File ▸ Compare with… (a file, or the last saved version)
//! marks what differs, the change list selects and frames each change, Escape leaves.

mod common;

use common::{
    App, Setup, canvas_rect, open_app_with, press, sample_map, screen, step_until, type_text,
};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use teamscape::editor::Mark;
use teamscape::file;
use teamscape::model::{Document, Id, ModelTypeId, Point, Team};

/// Last quarter's version of the sample map: no "Search" yet, a "Legacy" team since removed,
/// Payments with a headcount of 4 (now 0), the funding source a little to the right.
fn last_quarter() -> Document {
    let mut doc = sample_map();
    doc.teams.remove(&Id(3));
    doc.teams.get_mut(&Id(2)).expect("Payments").headcount = 4;
    doc.sources.get_mut(&Id(4)).expect("fund").position = Point::new(40.0, -200.0);
    doc.teams.insert(
        Id(7),
        Team::new("Legacy", ModelTypeId(5), Point::new(700.0, 400.0)),
    );
    doc
}

/// The sample map open from `map.ron`, which holds last quarter's version.
fn open_over_last_quarter(dir: &tempfile::TempDir) -> App {
    let path = dir.path().join("map.ron");
    file::save(&last_quarter(), &path).expect("save");
    open_app_with(
        sample_map(),
        Setup {
            path: Some(path),
            ..Setup::default()
        },
    )
}

fn menu(harness: &mut App, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run_steps(2);
    harness.get_by_label(item).click();
    harness.run_steps(3);
}

/// Clicks the change list's row that says `text`; the selection after it.
fn click_row(harness: &mut App, text: &str) -> Vec<Id> {
    harness.get_by_label_contains(text).click();
    harness.run_steps(3);
    harness.state().selection().iter().copied().collect()
}

/// File ▸ Compare with…, with the path typed in the window's field (no dialog backend here).
fn compare_with_typed_path(harness: &mut App, path: &std::path::Path) {
    menu(harness, "File", "Compare with…");
    step_until(harness, "the path field", |app| app.is_typing_a_path());
    press(harness, Modifiers::COMMAND, Key::A);
    type_text(harness, &path.display().to_string());
    press(harness, Modifiers::NONE, Key::Enter);
}

/// Whether canvas point `p` is on screen inside the canvas.
fn in_view(harness: &App, p: Point) -> bool {
    canvas_rect(harness).contains(screen(harness, p.x, p.y))
}

#[test]
fn compare_with_the_last_saved_version_marks_each_item_and_the_list_frames_it() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = open_over_last_quarter(&dir);
    menu(&mut harness, "File", "Compare with last saved version");

    let compared = harness.state_mut().compared().expect("comparing");
    assert_eq!(compared.marks.get(&Id(3)), Some(&Mark::Added));
    assert_eq!(compared.marks.get(&Id(2)), Some(&Mark::Changed));
    assert_eq!(compared.marks.get(&Id(4)), Some(&Mark::Moved));
    assert_eq!(compared.marks.get(&Id(1)), None, "Checkout did not change");
    let removed: Vec<&str> = compared
        .removed_nodes
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(removed, ["Legacy"]);
    harness.get_by_label_contains("Compared with the last saved version");
    harness.get_by_label_contains("1 added");

    // Far from everything, then a click on a row brings its item into view, selected.
    harness.state_mut().session_mut().camera.center_in_canvas = Point::new(5000.0, 5000.0);
    harness.run_steps(2);
    assert_eq!(click_row(&mut harness, "Added team \"Search\""), [Id(3)]);
    assert!(
        in_view(&harness, Point::new(90.0, 236.0)),
        "Search is framed"
    );

    assert!(click_row(&mut harness, "Removed team \"Legacy\"").is_empty());
    assert!(
        in_view(&harness, Point::new(790.0, 436.0)),
        "where Legacy was is framed"
    );
    assert_eq!(
        click_row(&mut harness, "Team \"Payments\": headcount 4 → 0"),
        [Id(2)]
    );

    // Escape leaves the compare view; the map is untouched.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().session().compare.is_none());
    assert!(harness.state_mut().compared().is_none());
    assert_eq!(harness.state().document(), &sample_map());
    assert!(!harness.state().map().is_dirty());
}

#[test]
fn compare_with_a_file_typed_in_the_path_field_and_a_broken_file_says_why() {
    let dir = tempfile::tempdir().expect("dir");
    let mut harness = open_over_last_quarter(&dir);
    let q3 = dir.path().join("q3.ron");
    let mut q3_map = sample_map();
    q3_map.teams.get_mut(&Id(1)).expect("Checkout").name = "Basket".to_owned();
    file::save(&q3_map, &q3).expect("save");

    compare_with_typed_path(&mut harness, &q3);

    let session = harness.state().session();
    let comparison = session.compare.as_ref().expect("comparing");
    assert_eq!(comparison.against, "q3.ron");
    let compared = harness.state_mut().compared().expect("comparing");
    assert_eq!(compared.marks.get(&Id(1)), Some(&Mark::Changed));
    assert_eq!(compared.marks.len(), 1);
    harness.get_by_label_contains("Team \"Checkout\": renamed from \"Basket\"");
    harness.get_by_label("Leave").click();
    harness.run_steps(2);
    assert!(harness.state().session().compare.is_none());

    // A file that does not load: the comparison does not start and the prompt says why.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(not a map").expect("write");
    compare_with_typed_path(&mut harness, &broken);
    assert!(harness.state().session().compare.is_none());
    let error = harness.state().load_error().expect("a load error");
    assert!(error.contains("broken.ron"), "{error}");
}
