//! The canvas editor, driven through the real app with egui_kittest: every interaction asserts on
//! the document it changed.

use eframe::egui::{self, Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use teamscape::model::{Document, FundingSource, Id, Link, LinkKind, ModelTypeId, Point, Team};
use teamscape::ui::camera::Camera;
use teamscape::ui::{Services, TeamscapeApp};

/// Three teams in a row, a funding source above the first, one dependency and one funding link.
fn small_map() -> Document {
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

fn open(doc: Document) -> Harness<'static, TeamscapeApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 760.0))
        // Short steps, so two clicks in consecutive frames count as a double-click.
        .with_step_dt(1.0 / 30.0)
        .build_eframe(move |creation| {
            TeamscapeApp::create_with(creation, doc, None, Services::none())
        });
    harness.run_steps(2);
    // A known view: canvas point (200, 0) at the centre of the canvas, at 100 %.
    harness.state_mut().canvas_mut().camera = Camera {
        center_in_canvas: Pos2::new(200.0, 0.0),
        zoom_factor: 1.0,
    };
    harness.run_steps(2);
    harness
}

/// Where a canvas point is on screen.
fn screen(harness: &Harness<'_, TeamscapeApp>, x: f32, y: f32) -> Pos2 {
    let canvas = harness.state().canvas();
    canvas
        .camera
        .screen_from_canvas(canvas.viewport, Pos2::new(x, y))
}

/// Drags between two canvas points.
fn drag(harness: &mut Harness<'_, TeamscapeApp>, from: (f32, f32), to: (f32, f32)) {
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

fn double_click(harness: &mut Harness<'_, TeamscapeApp>, at: (f32, f32)) {
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

fn click(harness: &mut Harness<'_, TeamscapeApp>, at: (f32, f32)) {
    click_with(harness, at, Modifiers::NONE);
}

fn click_with(harness: &mut Harness<'_, TeamscapeApp>, at: (f32, f32), modifiers: Modifiers) {
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

/// Types into whatever has keyboard focus.
fn type_text(harness: &mut Harness<'_, TeamscapeApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run_steps(1);
}

fn team_named<'a>(doc: &'a Document, name: &str) -> Option<(Id, &'a Team)> {
    doc.teams
        .iter()
        .find(|(_, t)| t.name == name)
        .map(|(id, t)| (*id, t))
}

fn press(harness: &mut Harness<'_, TeamscapeApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(2);
}

#[test]
fn double_click_on_empty_canvas_adds_a_named_team_and_escape_cancels() {
    let mut harness = open(small_map());
    double_click(&mut harness, (600.0, 300.0));
    type_text(&mut harness, "Fraud Detection");
    press(&mut harness, Modifiers::NONE, Key::Enter);

    let doc = harness.state().document();
    let (id, team) = team_named(doc, "Fraud Detection").expect("the new team is in the document");
    let center = Point::new(
        team.position.x + team.size.width / 2.0,
        team.position.y + team.size.height / 2.0,
    );
    assert!(
        (center.x - 600.0).abs() <= 20.0 && (center.y - 300.0).abs() <= 20.0,
        "{center:?}"
    );
    assert_eq!(
        harness
            .state()
            .selection()
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        vec![id]
    );
    assert_eq!(
        harness.state().session().history().undo_label(),
        Some("Add team")
    );

    // Escape while naming a new team adds nothing.
    double_click(&mut harness, (600.0, -200.0));
    type_text(&mut harness, "Abandoned");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(team_named(harness.state().document(), "Abandoned").is_none());
    assert_eq!(harness.state().document().teams.len(), 4);
}

#[test]
fn double_click_on_a_team_renames_it() {
    let mut harness = open(small_map());
    double_click(&mut harness, (390.0, 36.0));
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Payments Platform");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().document().teams[&Id(2)].name,
        "Payments Platform"
    );
}

#[test]
fn dragging_a_team_moves_it_in_one_undo_step() {
    let mut harness = open(small_map());
    let before = harness.state().document().clone();
    drag(&mut harness, (90.0, 36.0), (190.0, 96.0));
    let team = &harness.state().document().teams[&Id(1)];
    // Snapped to the 20-unit grid.
    assert_eq!(team.position, Point::new(100.0, 60.0));
    assert_eq!(
        harness.state().session().history().undo_label(),
        Some("Move team")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().document(), &before);
}

#[test]
fn dragging_a_selection_moves_every_selected_node() {
    let mut harness = open(small_map());
    click(&mut harness, (90.0, 36.0));
    click_with(&mut harness, (390.0, 36.0), Modifiers::SHIFT);
    assert_eq!(harness.state().selection().len(), 2);
    drag(&mut harness, (90.0, 36.0), (90.0, 136.0));
    let doc = harness.state().document();
    assert_eq!(doc.teams[&Id(1)].position, Point::new(0.0, 100.0));
    assert_eq!(doc.teams[&Id(2)].position, Point::new(300.0, 100.0));
    assert_eq!(
        harness.state().session().history().undo_label(),
        Some("Move 2 teams")
    );
}

#[test]
fn dragging_on_empty_canvas_selects_the_nodes_inside_the_rectangle() {
    let mut harness = open(small_map());
    drag(&mut harness, (-40.0, -40.0), (520.0, 120.0));
    let selected: Vec<Id> = harness.state().selection().iter().copied().collect();
    assert_eq!(selected, vec![Id(1), Id(2)]);
}

#[test]
fn dragging_from_a_team_edge_to_another_team_draws_a_dependency() {
    let mut harness = open(small_map());
    // From the right rim of Search (0,200)-(180,272) to the middle of Payments.
    drag(&mut harness, (177.0, 236.0), (390.0, 36.0));
    let doc = harness.state().document();
    let (id, link) = doc.links.iter().last().expect("a link");
    assert_eq!(
        (link.from, link.to, link.kind),
        (Id(3), Id(2), LinkKind::Dependency)
    );
    assert_eq!(
        harness
            .state()
            .selection()
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        vec![*id]
    );
}

#[test]
fn the_funding_tool_draws_a_funding_link_with_the_unallocated_share() {
    let mut harness = open(small_map());
    press(&mut harness, Modifiers::NONE, Key::F);
    drag(&mut harness, (100.0, -168.0), (90.0, 236.0));
    let doc = harness.state().document();
    let link = doc.links.values().last().expect("a link");
    assert_eq!((link.from, link.to), (Id(4), Id(3)));
    assert_eq!(
        link.kind,
        LinkKind::Funding {
            allocation_percent: 40.0
        }
    );
}

#[test]
fn the_inspector_sets_a_funding_allocation() {
    let mut harness = open(small_map());
    harness.state_mut().canvas_mut().selection = [Id(6)].into();
    harness.run_steps(2);
    let field = harness.get_by_label("Allocation");
    field.focus();
    harness.run_steps(1);
    let field = harness.get_by_label("Allocation");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text("35");
    harness.run_steps(1);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().document().links[&Id(6)].kind,
        LinkKind::Funding {
            allocation_percent: 35.0
        }
    );
}

#[test]
fn the_inspector_retypes_a_team() {
    let mut harness = open(small_map());
    click(&mut harness, (90.0, 236.0));
    harness.get_by_label("Model type").click();
    harness.run_steps(2);
    harness.get_by_label("Platform Team").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().document().teams[&Id(3)].model_type,
        ModelTypeId(6)
    );
    assert_eq!(
        harness.state().session().history().undo_label(),
        Some("Retype team")
    );
}

#[test]
fn delete_removes_a_team_with_its_links_and_undo_redo_bring_it_back() {
    let mut harness = open(small_map());
    let original = harness.state().document().clone();
    click(&mut harness, (90.0, 36.0));
    press(&mut harness, Modifiers::NONE, Key::Delete);
    let doc = harness.state().document();
    assert!(!doc.teams.contains_key(&Id(1)));
    assert!(
        doc.links.is_empty(),
        "the team's links stayed: {:?}",
        doc.links
    );
    let deleted = doc.clone();

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().document(), &original);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(harness.state().document(), &deleted);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(harness.state().document(), &deleted);
}

#[test]
fn copy_and_paste_go_through_the_clipboard_as_map_text() {
    let mut harness = open(small_map());
    drag(&mut harness, (-40.0, -40.0), (520.0, 120.0));
    harness.event(Event::Copy);
    harness.run_steps(1);
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("copy put text on the clipboard");
    assert!(copied.starts_with("(\n    version: 1,"), "{copied}");

    // Paste it (as the system clipboard would hand it over) into a second window's document.
    let mut other = open(Document::new("Other window"));
    other.hover_at(screen(&other, 100.0, 100.0));
    other.event(Event::Paste(copied));
    other.run_steps(2);
    let doc = other.state().document();
    assert_eq!(doc.teams.len(), 2);
    assert!(team_named(doc, "Checkout").is_some() && team_named(doc, "Payments").is_some());
    assert_eq!(
        doc.links.len(),
        1,
        "the link between the two pasted teams came along"
    );
    assert_eq!(other.state().selection().len(), 2);
}

#[test]
fn duplicate_and_arrow_nudge_are_single_undo_steps() {
    let mut harness = open(small_map());
    click(&mut harness, (90.0, 236.0));
    press(&mut harness, Modifiers::COMMAND, Key::D);
    let doc = harness.state().document();
    let copies: Vec<&Team> = doc.teams.values().filter(|t| t.name == "Search").collect();
    assert_eq!(copies.len(), 2);
    let new_id = *harness
        .state()
        .selection()
        .first()
        .expect("the copy is selected");
    let before = harness.state().document().teams[&new_id].position;
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(
        harness.state().document().teams[&new_id].position,
        before.offset(20.0, 0.0)
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().document().teams[&new_id].position, before);
}

#[test]
fn every_team_and_link_has_an_accessible_label() {
    let harness = open(small_map());
    harness.get_by_label("Checkout");
    harness.get_by_label("Growth fund");
    harness.get_by_label("Checkout depends on Payments");
    harness.get_by_label("Growth fund funds Checkout (60 %)");
}

#[test]
fn question_mark_opens_the_shortcut_overlay_from_the_command_table() {
    let mut harness = open(small_map());
    press(&mut harness, Modifiers::SHIFT, Key::Questionmark);
    harness.get_by_label("Move selection");
    harness.get_by_label("Nudge left (far)");
    harness.get_by_label("Zoom to fit");
}
