//! File ▸ Import… in the real app, with an injected file picker: the report shows before anything
//! changes; "Add to this map" adds the import beside the map as one undo step; "Open as a new map"
//! opens it unsaved; a file that cannot be read says why and changes nothing.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use eframe::egui::{Key, Modifiers, Vec2};
use egui_kittest::kittest::Queryable as _;

use common::{App, Setup, open_app_with, press, sample_map, step_until};
use teamscape::ui::picker::FilePicker;
use teamscape::ui::{Services, TeamscapeApp};

/// Answers the import dialog with one path.
struct Answer(Mutex<Option<PathBuf>>);

impl FilePicker for Answer {
    fn pick_open(&self) -> Option<PathBuf> {
        // As slow as a person, so it is not taken for a missing dialog backend.
        std::thread::sleep(std::time::Duration::from_millis(450));
        self.0.lock().expect("lock").take()
    }

    fn pick_save(&self, _suggested: &Path) -> Option<PathBuf> {
        None
    }
}

fn open_with_picker(path: &Path, data: &Path) -> (App, Arc<Answer>) {
    let picker = Arc::new(Answer(Mutex::new(Some(path.to_owned()))));
    let services = Services {
        picker: Arc::clone(&picker) as Arc<dyn FilePicker>,
        data_dir: Some(data.to_owned()),
        preferences: Default::default(),
    };
    let harness = open_app_with(
        sample_map(),
        Setup {
            path: None,
            services,
            size: Vec2::new(1200.0, 760.0),
        },
    );
    (harness, picker)
}

fn org_sheet(dir: &Path) -> PathBuf {
    let path = dir.join("org.csv");
    std::fs::write(
        &path,
        "Team,FTE,Funded by,Depends on\n\
         Mobile,6,Growth fund 30%,Checkout\n\
         Identity,4,,\n\
         ,2,,\n",
    )
    .expect("write");
    path
}

fn import(harness: &mut App) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    step_until(harness, "the import report", |app| {
        matches!(
            app.modal(),
            Some(teamscape::ui::modal::Modal::ImportReport(_))
        )
    });
    harness.run_steps(2);
}

fn click(harness: &mut App, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(3);
}

#[test]
fn an_import_added_to_the_map_is_one_undo_step_and_the_report_shows_first() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut harness, _picker) = open_with_picker(&org_sheet(dir.path()), dir.path());
    let before = harness.state().document().clone();
    import(&mut harness);
    // The report is on screen and nothing has changed yet.
    harness.get_by_label_contains("3 teams, 1 funding source and 2 links are ready");
    harness.get_by_label_contains("took column \"FTE\" as the headcount");
    harness.get_by_label_contains("org.csv, row 4: not imported: it has no team name");
    assert_eq!(harness.state().document(), &before);

    click(&mut harness, "Add to this map");
    let doc = harness.state().document().clone();
    // "Checkout" and "Growth fund" are already on the map: the import's links attach to them.
    assert_eq!(doc.teams.len(), before.teams.len() + 2);
    assert_eq!(doc.sources.len(), before.sources.len());
    assert_eq!(doc.links.len(), before.links.len() + 2);
    let checkout = teamscape::model::Id(1);
    let mobile = common::team_named(&doc, "Mobile").expect("added").0;
    assert!(
        doc.links
            .values()
            .any(|l| l.from == mobile && l.to == checkout)
    );
    let added: Vec<_> = harness.state().selection().iter().copied().collect();
    assert_eq!(added.len(), 2, "the added teams are selected");
    for id in &added {
        let rect = doc.node_rect(*id).expect("placed");
        for other in before.teams.keys() {
            let old = before.node_rect(*other).expect("rect");
            assert!(
                rect.max.x <= old.min.x
                    || rect.min.x >= old.max.x
                    || rect.max.y <= old.min.y
                    || rect.min.y >= old.max.y,
                "the import lands beside the map, not on it"
            );
        }
    }
    assert!(harness.state().map().is_dirty());

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().document(),
        &before,
        "one undo removes the whole import"
    );
}

#[test]
fn an_import_opened_as_a_new_map_is_unsaved_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = org_sheet(dir.path());
    let (mut harness, picker) = open_with_picker(&sheet, dir.path());
    let before = harness.state().document().clone();
    import(&mut harness);
    click(&mut harness, "Cancel");
    assert!(harness.state().modal().is_none());
    assert_eq!(harness.state().document(), &before);

    *picker.0.lock().expect("lock") = Some(sheet);
    import(&mut harness);
    click(&mut harness, "Open as a new map");
    let doc = harness.state().document();
    assert_eq!(doc.title, "org");
    assert_eq!(
        doc.teams.len(),
        3,
        "Mobile, Identity and the Checkout it depends on"
    );
    assert!(harness.state().map().path().is_none());
    assert!(
        harness.state().map().is_dirty(),
        "an import is unsaved until saved"
    );
}

#[test]
fn a_file_that_cannot_be_imported_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("broken.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not really").expect("write");
    let (mut harness, _picker) = open_with_picker(&bad, dir.path());
    let before = harness.state().document().clone();
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    step_until(&mut harness, "the message", |app: &TeamscapeApp| {
        app.modal().is_some()
    });
    harness.run_steps(2);
    harness.get_by_label("Cannot import");
    harness.get_by_label_contains("broken.xlsx");
    click(&mut harness, "OK");
    assert_eq!(harness.state().document(), &before);
}

#[test]
fn the_map_summary_groups_thousands() {
    let dir = tempfile::tempdir().expect("dir");
    let mut rows = String::from("Team,FTE\n");
    for n in 0..1_200 {
        rows.push_str(&format!("Team {n},2\n"));
    }
    let sheet = dir.path().join("big.csv");
    std::fs::write(&sheet, rows).expect("write");
    let (mut harness, _picker) = open_with_picker(&sheet, dir.path());
    import(&mut harness);
    click(&mut harness, "Open as a new map");
    harness.state_mut().session_mut().selection.clear();
    harness.run_steps(2);
    harness.get_by_label("1,200 teams (2,400 people), 0 funding sources, 0 links");
}
