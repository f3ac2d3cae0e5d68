//! The editor core earns a facilitator's trust: each test pins one way the app used to break it
//! (stale insights, discarded work coming back, keys acting behind a prompt, a name field typing
//! in the wrong place, a silent Enter, missing keys, a panel that broke on long text, an overlay
//! cut off, preferences forgotten, and small slips in the words).

mod common;

use std::path::Path;
use std::time::Duration;

use common::{
    App, Setup, canvas_rect, open_app, open_app_with, press, press_logical, sample_map,
    set_known_view, step_until, type_text,
};
use eframe::egui::{Key, Modifiers, Vec2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use teamscape::editor::Camera;
use teamscape::model::{Document, FundingSource, Id, Link, ModelTypeId, Point, Team};
use teamscape::ui::modal::Modal;
use teamscape::ui::prefs::{MemoryStorage, Preferences, Theme};
use teamscape::ui::{Intent, Services, SideTab};

fn recovery_files(data_dir: &Path) -> Vec<String> {
    std::fs::read_dir(data_dir.join("recovery"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default()
}

fn with_data_dir(dir: &Path) -> Setup {
    Setup {
        services: Services {
            data_dir: Some(dir.to_owned()),
            ..Services::none()
        },
        ..Setup::default()
    }
}

fn make_unsaved_change(harness: &mut App) {
    harness.state_mut().session_mut().selection = [Id(1)].into();
    harness.run_steps(1);
    press(harness, Modifiers::NONE, Key::ArrowRight);
    assert!(harness.state().map().is_dirty());
}

#[test]
fn a_new_map_never_shows_the_old_map_s_insights() {
    let mut harness = open_app(sample_map());
    let problems = harness.state_mut().analysis().problems.len();
    assert!(problems > 1);
    let status = format!("{problems} problems");
    harness.get_by_label(&status);
    press(&mut harness, Modifiers::COMMAND, Key::N);
    assert!(harness.state().document().teams.is_empty());
    assert!(
        harness.state_mut().analysis().problems.is_empty(),
        "the analysis still describes the map that was closed"
    );
    harness.get_by_label("No problems");
    assert!(harness.query_by_label(&status).is_none());
}

#[test]
fn don_t_save_leaves_no_recovery_file_behind() {
    let data = tempfile::tempdir().expect("data dir");
    let mut harness = open_app_with(sample_map(), with_data_dir(data.path()));
    make_unsaved_change(&mut harness);
    std::thread::sleep(Duration::from_millis(1100));
    step_until(&mut harness, "the recovery file", |_| {
        !recovery_files(data.path()).is_empty()
    });
    press(&mut harness, Modifiers::COMMAND, Key::Q);
    assert!(harness.state().is_asking_to_save());
    harness.get_by_label("Don't save").click();
    harness.run_steps(3);
    // Long enough for any later write to land.
    std::thread::sleep(Duration::from_millis(1500));
    harness.run_steps(5);
    assert_eq!(recovery_files(data.path()), Vec::<String>::new());
}

#[test]
fn keys_reach_only_the_open_prompt_and_escape_closes_it() {
    let mut harness = open_app(sample_map());
    make_unsaved_change(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::N);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::UnsavedChanges { then: Intent::New })
    ));
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().document().teams.contains_key(&Id(1)));
    press(&mut harness, Modifiers::COMMAND, Key::O);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::UnsavedChanges { then: Intent::New })
    ));
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().modal().is_none());
    assert!(
        harness.state().selection().contains(&Id(1)),
        "Escape closed the prompt only"
    );
    assert!(harness.state().map().is_dirty());
}

#[test]
fn a_name_field_starts_with_its_whole_text_selected_every_time() {
    let mut harness = open_app(sample_map());
    set_known_view(&mut harness);
    press(&mut harness, Modifiers::NONE, Key::B);
    type_text(&mut harness, "Retail P&L");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let names: Vec<String> = harness
        .state()
        .document()
        .sources
        .values()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["Growth fund", "Retail P&L"]);

    for (id, name) in [(Id(1), "Basket"), (Id(2), "Q")] {
        harness.state_mut().session_mut().selection = [id].into();
        harness.run_steps(1);
        press(&mut harness, Modifiers::NONE, Key::F2);
        // Move the cursor in the first field, to prove the second one does not inherit it.
        press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
        press(&mut harness, Modifiers::COMMAND, Key::A);
        type_text(&mut harness, name);
        press(&mut harness, Modifiers::NONE, Key::Enter);
    }
    let doc = harness.state().document();
    assert_eq!(doc.teams[&Id(1)].name, "Basket");
    assert_eq!(doc.teams[&Id(2)].name, "Q");

    harness.state_mut().session_mut().selection = [Id(3)].into();
    harness.run_steps(1);
    press(&mut harness, Modifiers::NONE, Key::F2);
    type_text(&mut harness, "Discovery");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().document().teams[&Id(3)].name,
        "Discovery",
        "typing replaces the selected old name"
    );
}

#[test]
fn enter_in_the_typed_path_field_does_what_open_does_errors_included() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(version: 1, title: ").expect("write");
    let mut harness = open_app(sample_map());
    press(&mut harness, Modifiers::COMMAND, Key::O);
    step_until(&mut harness, "the path field", |app| app.is_typing_a_path());
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, &broken.display().to_string());
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let message = harness
        .state()
        .load_error()
        .expect("the error is shown")
        .to_owned();
    assert!(message.contains("broken.ron"), "{message}");
    assert_eq!(harness.state().document().title, "Small map");
}

#[test]
fn shift_1_fits_the_map_and_ctrl_equals_zooms_in() {
    let mut harness = open_app(sample_map());
    harness.state_mut().session_mut().camera = Camera {
        center_in_canvas: Point::new(9000.0, 9000.0),
        zoom_factor: 3.0,
    };
    harness.run_steps(2);
    // What X11 with a US layout sends for Shift+1.
    press_logical(&mut harness, Modifiers::SHIFT, Key::Exclamationmark);
    let camera = harness.state().session().camera;
    let middle = sample_map().nodes_bounds().expect("bounds").center();
    assert!(camera.zoom_factor <= 1.0, "{camera:?}");
    assert!(
        (camera.center_in_canvas.x - middle.x).abs() < 1.0
            && (camera.center_in_canvas.y - middle.y).abs() < 60.0,
        "{camera:?} is not centred on {middle:?}"
    );

    let before = harness.state().session().camera.zoom_factor;
    press_logical(&mut harness, Modifiers::COMMAND, Key::Equals);
    assert!(harness.state().session().camera.zoom_factor > before);
}

/// Teams in one long dependency cycle, with long names, all funded; and `unfunded` more teams
/// without funding.
fn troubled_map(cycle: usize, unfunded: usize) -> Document {
    let mut doc = Document::new("Troubled");
    doc.sources.insert(
        Id(9000),
        FundingSource::new("Fund", Point::new(0.0, -300.0)),
    );
    for i in 0..cycle {
        let id = Id(i as u64 + 1);
        let name = format!("Customer Identity and Access Management Platform {i}");
        doc.teams.insert(
            id,
            Team::new(name, ModelTypeId(6), Point::new(i as f32 * 220.0, 0.0)),
        );
        doc.links
            .insert(Id(2000 + i as u64), Link::funding(Id(9000), id, 1.0));
    }
    for i in 0..cycle {
        let from = Id(i as u64 + 1);
        let to = Id(((i + 1) % cycle) as u64 + 1);
        doc.links
            .insert(Id(1000 + i as u64), Link::dependency(from, to));
    }
    for i in 0..unfunded {
        doc.teams.insert(
            Id(5000 + i as u64),
            Team::new(
                format!("Team {i}"),
                ModelTypeId(1),
                Point::new(i as f32 * 220.0, 400.0),
            ),
        );
    }
    doc
}

#[test]
fn the_insights_panel_wraps_a_long_cycle_and_keeps_its_width() {
    let mut harness = open_app(troubled_map(12, 0));
    let canvas_with_inspector = canvas_rect(&harness);
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.run_steps(3);
    assert_eq!(
        canvas_rect(&harness),
        canvas_with_inspector,
        "long type names and problems widen the panel"
    );
    let cycle = harness.get_by_label_contains("Dependency cycle:").rect();
    assert!(
        cycle.max.x <= 1200.0,
        "the cycle's text runs off the window: {cycle:?}"
    );
    let canvas_before = canvas_rect(&harness);
    harness.run_steps(5);
    assert_eq!(
        canvas_rect(&harness),
        canvas_before,
        "the panel keeps its width"
    );
    assert!(canvas_before.width() > 600.0, "{canvas_before:?}");
}

#[test]
fn the_inspector_keeps_the_panel_width_for_long_type_and_team_names() {
    let mut doc = sample_map();
    doc.palette[0].name = "Independent Team with Clear Impact and a very long name".to_owned();
    doc.teams.get_mut(&Id(2)).expect("Payments").name =
        "Payments, Fraud Prevention and Chargeback Handling".to_owned();
    doc.links.insert(Id(9), Link::dependency(Id(2), Id(1)));
    let mut harness = open_app(doc);
    let canvas = canvas_rect(&harness);
    for selected in [Id(1), Id(9)] {
        harness.state_mut().session_mut().selection = std::collections::BTreeSet::from([selected]);
        harness.run_steps(4);
        assert_eq!(
            canvas_rect(&harness),
            canvas,
            "selecting {selected} widened the side panel"
        );
    }
}

#[test]
fn hundreds_of_problems_scroll_and_leave_the_rest_of_the_panel_in_view() {
    let mut harness = open_app(troubled_map(3, 300));
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.run_steps(3);
    assert!(harness.get_all_by_label("301 problems").count() >= 1);
    let mix = harness.get_by_label("Model mix").rect();
    assert!(mix.max.y < 760.0, "the model mix is pushed out: {mix:?}");
    // Only the rows in view are laid out.
    assert!(harness.query_by_label("Team 299 has no funding").is_none());
    assert!(harness.query_by_label("Team 0 has no funding").is_some());
}

#[test]
fn the_shortcut_overlay_fits_a_small_window_and_escape_closes_it_and_menus() {
    let setup = Setup {
        size: Vec2::new(1280.0, 720.0),
        ..Setup::default()
    };
    let mut harness = open_app_with(sample_map(), setup);
    press_logical(&mut harness, Modifiers::SHIFT, Key::Questionmark);
    assert!(harness.state().is_showing_shortcuts());
    for title in harness.get_all_by_label("Keyboard shortcuts") {
        let title = title.rect();
        assert!(
            title.min.y >= 0.0 && title.max.y <= 720.0,
            "the title is cut off: {title:?}"
        );
    }
    // The close button is on screen too.
    let close = harness.get_by_label("Escape or ? closes this.").rect();
    assert!(close.min.y >= 0.0, "{close:?}");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().is_showing_shortcuts());

    let file = harness.get_by_label("File").rect().center();
    harness.hover_at(file);
    harness.run_steps(1);
    harness.drag_at(file);
    harness.drop_at(file);
    harness.run_steps(3);
    harness.get_by_label_contains("Save as…");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label_contains("Save as…").is_none());
}

#[test]
fn preferences_and_recent_files_outlast_the_window() {
    let data = tempfile::tempdir().expect("data dir");
    let map_file = data.path().join("org.ron");
    teamscape::file::save(&sample_map(), &map_file).expect("saves");
    let setup = Setup {
        path: Some(map_file.clone()),
        ..with_data_dir(data.path())
    };
    let mut harness = open_app_with(teamscape::file::load(&map_file).expect("loads"), setup);
    assert_eq!(
        harness
            .state()
            .recent_files()
            .first()
            .map(|p| p.file_name()),
        Some(map_file.file_name()),
        "a file opened from the command line is a recent file"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Quote);
    press(&mut harness, Modifiers::NONE, Key::L);
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Theme: dark").click();
    harness.run_steps(2);
    let prefs = harness.state().preferences();
    assert_eq!(
        (prefs.grid, prefs.legend, prefs.theme, prefs.side_tab),
        (false, false, Theme::Dark, SideTab::Insights)
    );

    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let kept = Preferences::load(Some(&storage));
    assert_eq!(kept, prefs);
    let again = open_app_with(
        sample_map(),
        Setup {
            services: Services {
                preferences: kept,
                ..Services::none()
            },
            ..Setup::default()
        },
    );
    let view = again.state().session().view;
    assert!(!view.grid && !view.legend && view.snap);
    assert_eq!(again.state().side_tab(), SideTab::Insights);
    assert_eq!(again.ctx.theme(), eframe::egui::Theme::Dark);
    // The View menu marks the current theme.
    let mut again = again;
    again.get_by_label("View").click();
    again.run_steps(2);
    let dark = again.get_by_label("Theme: dark");
    let node = dark.accesskit_node();
    assert!(
        node.is_selected() == Some(true)
            || node.toggled().is_some_and(|t| format!("{t:?}") == "True"),
        "{dark:?}"
    );
}

#[test]
fn the_words_are_right_for_one_for_none_and_for_thirds() {
    let mut doc = sample_map();
    // Payments depends on Search: one team depends on Search.
    doc.links.insert(Id(7), Link::dependency(Id(2), Id(3)));
    doc.sources.insert(
        Id(8),
        FundingSource::new("Empty fund", Point::new(400.0, -200.0)),
    );
    doc.links
        .insert(Id(9), Link::funding(Id(4), Id(2), 100.0 / 3.0));
    let mut harness = open_app(doc);
    press(&mut harness, Modifiers::COMMAND, Key::I);
    assert!(harness.get_all_by_label("1 team depends on it").count() >= 1);
    let third = teamscape::text::format_percent(100.0 / 3.0);
    harness.get_by_label_contains(&format!(
        "allocates {}",
        teamscape::text::format_percent(60.0 + 100.0 / 3.0)
    ));

    // The inspector says the same share the same way.
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.state_mut().session_mut().selection = [Id(9)].into();
    harness.run_steps(2);
    let label = format!("Growth fund funds Payments ({third})");
    assert!(harness.get_all_by_label(&label).count() >= 1);
    let field = harness
        .get_by_label("Allocation")
        .value()
        .unwrap_or_default();
    assert_eq!(
        format!("{} %", field.trim_end_matches(" %")),
        third,
        "the allocation field"
    );

    harness.state_mut().session_mut().selection = [Id(8)].into();
    harness.run_steps(2);
    assert!(
        harness.query_by_label_contains("-0").is_none(),
        "an empty source reads 0 %, never -0 %"
    );
    harness.get_by_label_contains("Allocates 0 %");
}

#[test]
fn names_in_any_script_have_glyphs_in_the_window() {
    let mut doc = sample_map();
    let names = [
        "مدفوعات",
        "תשלומים",
        "支付平台",
        "決済チーム",
        "결제 팀",
        "Payments 💳",
    ];
    for (i, name) in names.iter().enumerate() {
        doc.teams.insert(
            Id(100 + i as u64),
            Team::new(*name, ModelTypeId(1), Point::new(i as f32 * 220.0, 600.0)),
        );
    }
    let harness = open_app(doc);
    for name in names {
        let font = eframe::egui::FontId::proportional(14.0);
        let shown = harness
            .ctx
            .fonts_mut(|fonts| fonts.has_glyphs(&font, &name.replace(' ', "")));
        assert!(shown, "{name} would show empty boxes");
    }
}

/// The sample map merged from two sides that set Growth fund → Checkout to 70 % and 80 %.
fn merged_with_a_conflict() -> Document {
    let base = sample_map();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.links.insert(Id(6), Link::funding(Id(4), Id(1), 70.0));
    theirs
        .links
        .insert(Id(6), Link::funding(Id(4), Id(1), 80.0));
    let merged = teamscape::analysis::merge::merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(merged.conflicts.len(), 1);
    merged
}

#[test]
fn a_merge_conflict_is_listed_and_each_side_is_one_undo_step() {
    let mut harness = open_app(merged_with_a_conflict());
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.get_by_label("1 merge conflict");
    harness.get_by_label("Keep theirs").click();
    harness.run_steps(3);
    let doc = harness.state().document();
    assert!(doc.conflicts.is_empty());
    assert_eq!(doc.links[&Id(6)], Link::funding(Id(4), Id(1), 80.0));
    assert_eq!(
        harness.state().map().history().undo_label(),
        Some("Keep theirs")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().document().conflicts.len(), 1);
    assert_eq!(
        harness.state().document().links[&Id(6)],
        Link::funding(Id(4), Id(1), 70.0)
    );
    harness.get_by_label("Keep ours").click();
    harness.run_steps(3);
    assert!(harness.state().document().conflicts.is_empty());
    assert_eq!(
        harness.state().document().links[&Id(6)],
        Link::funding(Id(4), Id(1), 70.0)
    );
}
