use super::*;
use crate::model::{FundingSource, Link, Rect, Team};

/// Two teams, a funding source and a dependency, in a 800 × 600 view at 100 %.
fn editor() -> Editor {
    let mut doc = Document::new("t");
    doc.teams.insert(
        Id(1),
        Team::new("Checkout", ModelTypeId(1), Point::new(0.0, 0.0)),
    );
    doc.teams.insert(
        Id(2),
        Team::new("Payments", ModelTypeId(2), Point::new(300.0, 0.0)),
    );
    doc.sources
        .insert(Id(3), FundingSource::new("Fund", Point::new(0.0, -200.0)));
    doc.links.insert(Id(4), Link::dependency(Id(1), Id(2)));
    Editor::new(OpenMap::new(doc, None))
}

fn name_and_commit(editor: &mut Editor, text: &str) -> Option<Notice> {
    editor
        .session
        .name_edit
        .as_mut()
        .expect("name field open")
        .text = text.to_owned();
    editor.apply(Action::CommitName)
}

#[test]
fn a_new_team_exists_only_once_its_name_is_committed_as_one_undo_step() {
    let mut editor = editor();
    let before = editor.doc().clone();
    editor.apply(Action::StartNewNode {
        kind: NodeKind::Team,
        center: Some(Point::new(500.0, 500.0)),
    });
    assert_eq!(editor.doc(), &before, "nothing is inserted while typing");
    assert_eq!(name_and_commit(&mut editor, "  Search  "), None);
    let (id, team) = editor.doc().teams.iter().last().expect("team");
    assert_eq!(team.name, "Search");
    assert_eq!(editor.session.selection, BTreeSet::from([*id]));
    assert_eq!(editor.map().history().undo_label(), Some("Add team"));
    editor.apply(Action::Undo);
    assert_eq!(editor.doc(), &before);
}

#[test]
fn a_new_funding_source_goes_through_the_same_name_field() {
    let mut editor = editor();
    editor.apply(Action::StartNewNode {
        kind: NodeKind::FundingSource,
        center: None,
    });
    assert!(editor.session.name_edit.is_some());
    assert_eq!(
        editor.session.name_edit.as_ref().map(|e| e.text.as_str()),
        Some(""),
        "the field starts empty, so typing never lands inside a placeholder"
    );
    name_and_commit(&mut editor, "Retail P&L");
    let names: Vec<&str> = editor
        .doc()
        .sources
        .values()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Fund", "Retail P&L"]);
}

#[test]
fn cancelling_a_new_node_leaves_nothing_behind() {
    let mut editor = editor();
    let before = editor.doc().clone();
    editor.apply(Action::StartNewNode {
        kind: NodeKind::FundingSource,
        center: None,
    });
    editor.apply(Action::CancelName);
    assert_eq!(editor.doc(), &before);
    assert!(!editor.map().history().can_undo());
}

#[test]
fn each_name_field_is_a_fresh_one() {
    let mut editor = editor();
    editor.apply(Action::StartRename(Id(1)));
    let first = editor.session.name_edit.clone().expect("open");
    assert_eq!(first.text, "Checkout");
    editor.apply(Action::CancelName);
    editor.apply(Action::StartRename(Id(2)));
    let second = editor.session.name_edit.clone().expect("open");
    assert_eq!(second.text, "Payments");
    assert_ne!(first.serial, second.serial);
    name_and_commit(&mut editor, "Payments Platform");
    assert_eq!(editor.doc().teams[&Id(2)].name, "Payments Platform");
    assert_eq!(
        editor.map().history().undo_label(),
        Some("Rename team"),
        "{:?}",
        editor.map().history().undo_label()
    );
}

#[test]
fn undo_and_redo_wait_until_a_drag_ends() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::Nudge { steps: (1.0, 0.0) });
    editor.session.drag = Drag::Move {
        ids: vec![Id(1)],
        grab_in_canvas: Point::new(0.0, 0.0),
        pointer_in_canvas: Point::new(50.0, 0.0),
    };
    assert!(!editor.can(&Action::Undo));
    editor.apply(Action::Undo);
    assert_eq!(editor.doc().teams[&Id(1)].position, Point::new(20.0, 0.0));
    editor.session.drag = Drag::Idle;
    editor.apply(Action::Undo);
    assert_eq!(editor.doc().teams[&Id(1)].position, Point::new(0.0, 0.0));
}

#[test]
fn a_replaced_map_starts_with_a_clean_session_and_a_new_key() {
    let mut editor = editor();
    let key = editor.map().key();
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::StartRename(Id(1)));
    editor.replace_map(OpenMap::new(Document::new("other"), None));
    assert!(editor.session.selection.is_empty());
    assert!(editor.session.name_edit.is_none());
    assert!(editor.session.fit_pending);
    assert_ne!(editor.map().key(), key);
}

#[test]
fn pasting_one_team_is_labelled_in_the_singular() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    let text = editor.copy_text().expect("a team is selected");
    editor.apply(Action::Paste {
        text: text.clone(),
        target: Some(Point::new(1000.0, 1000.0)),
    });
    assert_eq!(editor.map().history().undo_label(), Some("Paste 1 item"));
    editor.apply(Action::SelectAll);
    let text = editor.copy_text().expect("selection");
    editor.apply(Action::Paste { text, target: None });
    assert_eq!(editor.map().history().undo_label(), Some("Paste 4 items"));
}

#[test]
fn deleting_a_team_takes_its_links_and_clears_the_selection() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::DeleteSelection);
    assert!(!editor.doc().teams.contains_key(&Id(1)));
    assert!(editor.doc().links.is_empty());
    assert!(editor.session.selection.is_empty());
    editor.apply(Action::Undo);
    assert!(editor.doc().links.contains_key(&Id(4)));
}

#[test]
fn a_link_that_may_not_be_drawn_says_why_and_changes_nothing() {
    let mut editor = editor();
    let before = editor.doc().clone();
    let notice = editor.apply(Action::DrawLink {
        from: Id(1),
        to: Id(2),
        kind: LinkKindChoice::Dependency,
    });
    assert_eq!(
        notice,
        Some(Notice::Info(
            "Those two are already linked that way.".to_owned()
        ))
    );
    assert_eq!(editor.doc(), &before);
}

#[test]
fn focus_selects_and_frames_the_items() {
    let mut editor = editor();
    editor.session.camera.center_in_canvas = Point::new(5000.0, 5000.0);
    editor.apply(Action::Focus(BTreeSet::from([Id(2)])));
    assert_eq!(editor.session.selection, BTreeSet::from([Id(2)]));
    let view = editor.session.view_in_canvas();
    let team = editor.doc().node_rect(Id(2)).expect("rect");
    let inside = |r: Rect| {
        view.min.x <= r.min.x
            && view.min.y <= r.min.y
            && r.max.x <= view.max.x
            && r.max.y <= view.max.y
    };
    assert!(inside(team), "{view:?} does not show {team:?}");
}

#[test]
fn escape_leaves_a_link_tool_before_it_clears_the_selection() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::SetTool(Tool::Dependency));
    editor.apply(Action::ClearSelection);
    assert_eq!(editor.session.tool, Tool::Select);
    assert_eq!(editor.session.selection.len(), 1);
    editor.apply(Action::ClearSelection);
    assert!(editor.session.selection.is_empty());
}

#[test]
fn escape_leaves_a_link_tool_then_the_compare_view_then_the_selection_and_a_new_map_ends_comparing()
{
    let mut editor = editor();
    let old = editor.doc().clone();
    editor.apply(Action::StartComparing(Comparison::new("q3.ron", old)));
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::SetTool(Tool::Funding));
    editor.apply(Action::ClearSelection);
    assert_eq!(editor.session.tool, Tool::Select);
    assert!(editor.session.compare.is_some());
    editor.apply(Action::ClearSelection);
    assert!(editor.session.compare.is_none());
    assert_eq!(editor.session.selection, BTreeSet::from([Id(1)]));
    editor.apply(Action::ClearSelection);
    assert!(editor.session.selection.is_empty());

    let old = editor.doc().clone();
    editor.apply(Action::StartComparing(Comparison::new("q3.ron", old)));
    editor.replace_map(OpenMap::new(Document::new("other"), None));
    assert!(
        editor.session.compare.is_none(),
        "another map is not compared with this one's old version"
    );
}

#[test]
fn focusing_an_area_frames_it_and_selects_nothing() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    let area = Rect {
        min: Point::new(5000.0, 5000.0),
        max: Point::new(5200.0, 5100.0),
    };
    editor.apply(Action::FocusArea(area));
    assert!(editor.session.selection.is_empty());
    let view = editor.session.view_in_canvas();
    assert!(
        view.min.x <= area.min.x && view.max.x >= area.max.x,
        "{view:?}"
    );
    assert!(
        view.min.y <= area.min.y && view.max.y >= area.max.y,
        "{view:?}"
    );
}

#[test]
fn a_layout_lands_as_one_undo_step_and_tidy_moves_only_the_selection_off_the_rest() {
    let mut editor = editor();
    let before = editor.doc().clone();
    editor.apply(Action::PlaceNodes {
        moves: vec![
            (Id(1), Point::new(0.0, 200.0)),
            (Id(2), Point::new(0.0, 400.0)),
        ],
        label: "Arrange".to_owned(),
    });
    assert_eq!(editor.doc().teams[&Id(2)].position, Point::new(0.0, 400.0));
    assert_eq!(editor.map().history().undo_label(), Some("Arrange"));
    editor.apply(Action::Undo);
    assert_eq!(editor.doc(), &before, "one undo step");

    // Payments on top of Checkout; with Checkout selected, only Checkout moves.
    editor.apply(Action::PlaceNodes {
        moves: vec![(Id(2), Point::new(20.0, 10.0))],
        label: "Arrange".to_owned(),
    });
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::Tidy);
    let doc = editor.doc();
    assert_eq!(doc.teams[&Id(2)].position, Point::new(20.0, 10.0));
    let (a, b) = (doc.node_rect(Id(1)), doc.node_rect(Id(2)));
    assert!(!a.expect("rect").intersects(b.expect("rect")));
    assert_eq!(editor.map().history().undo_label(), Some("Tidy"));
    assert_eq!(
        editor.apply(Action::Tidy),
        Some(Notice::Info("Tidy: no overlaps, nothing moved".to_owned()))
    );
}
