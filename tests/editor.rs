//! The canvas editor, driven through the real app with egui_kittest: every interaction asserts on
//! the document it changed.

mod common;

use common::{
    App, click, click_with, double_click, drag, open_app, press, sample_map, screen,
    set_known_view, team_named, type_text,
};
use eframe::egui::{self, Event, Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use teamscape::model::{Document, Id, LinkKind, ModelTypeId, Point, Team};

/// The sample map in a known view.
fn open(doc: Document) -> App {
    let mut harness = open_app(doc);
    set_known_view(&mut harness);
    harness
}

#[test]
fn double_click_on_empty_canvas_adds_a_named_team_and_escape_cancels() {
    let mut harness = open(sample_map());
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
        harness.state().map().history().undo_label(),
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
    let mut harness = open(sample_map());
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
    let mut harness = open(sample_map());
    let before = harness.state().document().clone();
    drag(&mut harness, (90.0, 36.0), (190.0, 96.0));
    let team = &harness.state().document().teams[&Id(1)];
    // Snapped to the 20-unit grid.
    assert_eq!(team.position, Point::new(100.0, 60.0));
    assert_eq!(
        harness.state().map().history().undo_label(),
        Some("Move team")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().document(), &before);
}

#[test]
fn dragging_a_selection_moves_every_selected_node() {
    let mut harness = open(sample_map());
    click(&mut harness, (90.0, 36.0));
    click_with(&mut harness, (390.0, 36.0), Modifiers::SHIFT);
    assert_eq!(harness.state().selection().len(), 2);
    drag(&mut harness, (90.0, 36.0), (90.0, 136.0));
    let doc = harness.state().document();
    assert_eq!(doc.teams[&Id(1)].position, Point::new(0.0, 100.0));
    assert_eq!(doc.teams[&Id(2)].position, Point::new(300.0, 100.0));
    assert_eq!(
        harness.state().map().history().undo_label(),
        Some("Move 2 teams")
    );
}

#[test]
fn dragging_on_empty_canvas_selects_the_nodes_inside_the_rectangle() {
    let mut harness = open(sample_map());
    drag(&mut harness, (-40.0, -40.0), (520.0, 120.0));
    let selected: Vec<Id> = harness.state().selection().iter().copied().collect();
    assert_eq!(selected, vec![Id(1), Id(2)]);
}

#[test]
fn dragging_from_a_team_edge_to_another_team_draws_a_dependency() {
    let mut harness = open(sample_map());
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
    let mut harness = open(sample_map());
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
    let mut harness = open(sample_map());
    harness.state_mut().session_mut().selection = [Id(6)].into();
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
fn the_inspector_reads_a_budget_as_people_write_it_and_splits_funding_evenly() {
    let mut doc = sample_map();
    doc.sources.get_mut(&Id(4)).expect("fund").budget = Some(teamscape::model::Budget {
        amount: 18_000_000.0,
        currency: "EUR".to_owned(),
    });
    doc.links
        .insert(Id(7), teamscape::model::Link::funding(Id(4), Id(2), 10.0));
    let mut harness = open(doc);
    harness.state_mut().session_mut().selection = [Id(4)].into();
    harness.run_steps(2);
    // Shown in full, never as a raw float.
    assert_eq!(
        harness
            .get_by_label("Amount")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("18,000,000 EUR")
    );
    let field = harness.get_by_label("Amount");
    field.focus();
    harness.run_steps(1);
    let field = harness.get_by_label("Amount");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text("1.5M usd");
    harness.run_steps(1);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let budget = harness.state().document().sources[&Id(4)]
        .budget
        .clone()
        .expect("budget");
    assert_eq!((budget.amount, budget.currency.as_str()), (1.5e6, "USD"));

    harness.get_by_label("Split evenly").click();
    harness.run_steps(2);
    for id in [Id(6), Id(7)] {
        assert_eq!(
            harness.state().document().links[&id].kind,
            LinkKind::Funding {
                allocation_percent: 50.0
            }
        );
    }
    assert_eq!(
        harness.state().map().history().undo_label(),
        Some("Split evenly")
    );
}

#[test]
fn the_inspector_retypes_a_team() {
    let mut harness = open(sample_map());
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
        harness.state().map().history().undo_label(),
        Some("Retype team")
    );
}

#[test]
fn delete_removes_a_team_with_its_links_and_undo_redo_bring_it_back() {
    let mut harness = open(sample_map());
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
    let mut harness = open(sample_map());
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
    assert!(copied.starts_with("(\n    version: 2,"), "{copied}");

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
    let mut harness = open(sample_map());
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
    let harness = open(sample_map());
    harness.get_by_label("Checkout");
    harness.get_by_label("Growth fund");
    harness.get_by_label("Checkout depends on Payments");
    harness.get_by_label("Growth fund funds Checkout (60 %)");
}

#[test]
fn question_mark_opens_the_shortcut_overlay_from_the_command_table() {
    let mut harness = open(sample_map());
    press(&mut harness, Modifiers::SHIFT, Key::Questionmark);
    harness.get_by_label("Move selection");
    harness.get_by_label("Nudge left (far)");
    harness.get_by_label("Zoom to fit");
}
