use std::collections::BTreeSet;

use super::super::{Action, Editor, LinkKindChoice, NameTarget, Notice, OpenMap, Tool};
use crate::model::{
    Document, FundingSource, Horizon, Id, LinkKind, ModelTypeId, NodeKind, Point, Team,
};

/// Checkout, Payments and Identity in a row, and a funding source above; nothing linked.
fn editor() -> Editor {
    let mut doc = Document::new("t");
    for (id, name, x) in [
        (1, "Checkout", 0.0),
        (2, "Payments", 240.0),
        (3, "Identity", 480.0),
    ] {
        doc.teams
            .insert(Id(id), Team::new(name, ModelTypeId(1), Point::new(x, 0.0)));
    }
    doc.sources.insert(
        Id(4),
        FundingSource::new("Retail P&L", Point::new(0.0, -200.0)),
    );
    Editor::new(OpenMap::new(doc, None))
}

fn type_and_commit(editor: &mut Editor, text: &str) -> Option<Notice> {
    editor
        .session
        .name_edit
        .as_mut()
        .expect("a field is open")
        .text = text.to_owned();
    editor.apply(Action::CommitName)
}

fn links(editor: &Editor) -> Vec<(Id, Id, LinkKind)> {
    editor
        .doc()
        .links
        .values()
        .map(|l| (l.from, l.to, l.kind))
        .collect()
}

#[test]
fn d_with_a_team_selected_draws_every_dependency_typed_in_one_undo_step() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Dependency));
    assert!(matches!(
        editor.session.name_edit.as_ref().map(|e| e.target),
        Some(NameTarget::Links { from: Id(1), .. })
    ));
    assert_eq!(type_and_commit(&mut editor, "pay, IDENT"), None);
    assert_eq!(
        links(&editor),
        [
            (Id(1), Id(2), LinkKind::Dependency),
            (Id(1), Id(3), LinkKind::Dependency)
        ]
    );
    editor.apply(Action::Undo);
    assert!(links(&editor).is_empty(), "one undo step");
}

#[test]
fn a_name_that_matches_nothing_is_said_and_stays_in_the_field() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Dependency));
    let notice = type_and_commit(&mut editor, "payments, warehouse");
    assert!(
        matches!(&notice, Some(Notice::Error(m)) if m.contains("warehouse")),
        "{notice:?}"
    );
    assert_eq!(links(&editor).len(), 1, "the name that matched is drawn");
    assert_eq!(
        editor.session.name_edit.as_ref().map(|e| e.text.as_str()),
        Some("warehouse"),
        "what matched nothing is still there to correct"
    );
}

#[test]
fn f_on_a_source_funds_the_teams_typed_and_one_link_opens_its_share() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(4)])));
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Funding));
    type_and_commit(&mut editor, "checkout 40, payments");
    let shares: Vec<f64> = editor
        .doc()
        .links
        .values()
        .map(|l| match l.kind {
            LinkKind::Funding { allocation_percent } => allocation_percent,
            LinkKind::Dependency => -1.0,
        })
        .collect();
    assert_eq!(
        shares,
        [40.0, 60.0],
        "the one without a share takes what is left"
    );

    editor.apply(Action::Select(BTreeSet::from([Id(4)])));
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Funding));
    type_and_commit(&mut editor, "identity");
    let share_field = editor
        .session
        .name_edit
        .clone()
        .expect("the share field opens");
    assert!(matches!(share_field.target, NameTarget::Allocation(_)));
    assert_eq!(
        share_field.text, "33.33",
        "nothing is left: an even split of the whole among its three links, never 0 %"
    );
    assert_eq!(type_and_commit(&mut editor, "12.5 %"), None);
    let NameTarget::Allocation(link) = share_field.target else {
        unreachable!()
    };
    assert_eq!(
        editor.doc().links[&link].kind,
        LinkKind::Funding {
            allocation_percent: 12.5
        }
    );
}

#[test]
fn d_and_f_without_one_node_selected_pick_the_link_tools() {
    let mut editor = editor();
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Funding));
    assert_eq!(editor.session.tool, Tool::Funding);
    assert!(editor.session.name_edit.is_none());
}

#[test]
fn numbers_set_the_type_of_the_selection_and_of_new_teams_and_h_steps_the_horizon() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1), Id(2)])));
    editor.apply(Action::SetTypeOfSelection(5));
    let doc = editor.doc();
    assert_eq!(doc.teams[&Id(1)].model_type, doc.palette[5].id);
    assert_eq!(doc.teams[&Id(2)].model_type, doc.palette[5].id);
    assert_eq!(editor.session.new_team_type, Some(doc.palette[5].id));
    editor.apply(Action::CycleHorizon);
    editor.apply(Action::CycleHorizon);
    assert_eq!(editor.doc().teams[&Id(1)].horizon, Some(Horizon::ALL[1]));
    let notice = editor.apply(Action::SetTypeOfSelection(8));
    assert!(
        matches!(notice, Some(Notice::Info(_))),
        "no ninth type: {notice:?}"
    );
}

#[test]
fn t_puts_the_new_team_beside_the_selection_and_a_name_may_carry_its_dependencies() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(3)])));
    editor.apply(Action::StartNewNode {
        kind: NodeKind::Team,
        center: None,
    });
    assert_eq!(
        type_and_commit(&mut editor, "Search > checkout, identity"),
        None
    );
    let doc = editor.doc();
    let (id, search) = doc
        .teams
        .iter()
        .find(|(_, t)| t.name == "Search")
        .expect("search");
    assert_eq!(search.position.y, 0.0, "in the selection's row");
    assert!(search.position.x > 480.0 + 180.0, "right of Identity");
    assert_eq!(links(&editor).len(), 2);
    assert!(links(&editor).iter().all(|(from, _, _)| from == id));
    editor.apply(Action::Undo);
    assert_eq!(
        editor.doc().teams.len(),
        3,
        "team and links are one undo step"
    );
}

#[test]
fn a_budget_that_does_not_read_keeps_the_field_and_what_was_typed() {
    let mut editor = editor();
    editor.apply(Action::StartNewNode {
        kind: NodeKind::FundingSource,
        center: None,
    });
    let notice = type_and_commit(&mut editor, "Tech: 1,5M");
    assert!(matches!(notice, Some(Notice::Error(_))), "{notice:?}");
    assert_eq!(editor.doc().sources.len(), 1, "nothing inserted");
    assert_eq!(
        editor.session.name_edit.as_ref().map(|e| e.text.as_str()),
        Some("Tech: 1,5M")
    );
    assert_eq!(type_and_commit(&mut editor, "Tech: 1.5M usd"), None);
    let tech = editor
        .doc()
        .sources
        .values()
        .find(|s| s.name == "Tech")
        .expect("tech");
    let budget = tech.budget.as_ref().expect("budget");
    assert_eq!((budget.amount, budget.currency.as_str()), (1.5e6, "USD"));
    assert!(tech.position.y < -100.0, "in the funding row");
}

#[test]
fn tab_walks_the_map_in_reading_order() {
    let mut editor = editor();
    let mut seen = Vec::new();
    for _ in 0..5 {
        editor.apply(Action::SelectNext { backwards: false });
        seen.extend(editor.session.selection.iter().copied());
    }
    assert_eq!(seen, [Id(4), Id(1), Id(2), Id(3), Id(4)]);
    editor.apply(Action::SelectNext { backwards: true });
    assert_eq!(editor.session.selection, BTreeSet::from([Id(3)]));
}

#[test]
fn duplicate_and_paste_land_on_a_free_spot_not_on_the_originals() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(1), Id(2)])));
    editor.apply(Action::Duplicate);
    let text = editor.copy_text().expect("copies selected");
    editor.apply(Action::Paste {
        text,
        target: Some(Point::new(100.0, 30.0)),
    });
    let doc = editor.doc();
    assert_eq!(doc.teams.len(), 7);
    let rects: Vec<_> = doc
        .teams
        .keys()
        .chain(doc.sources.keys())
        .filter_map(|id| doc.node_rect(*id))
        .collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn the_field_for_a_new_team_is_brought_into_view() {
    let mut editor = editor();
    editor.session.camera.center_in_canvas = Point::new(9000.0, 9000.0);
    editor.apply(Action::Select(BTreeSet::from([Id(3)])));
    editor.apply(Action::StartNewNode {
        kind: NodeKind::Team,
        center: None,
    });
    let Some(NameTarget::New { position, .. }) =
        editor.session.name_edit.as_ref().map(|e| e.target)
    else {
        panic!("a name field")
    };
    let view = editor.session.view_in_canvas();
    assert!(
        view.min.x <= position.x
            && position.x <= view.max.x
            && view.min.y <= position.y
            && position.y <= view.max.y,
        "{position:?} is outside {view:?}"
    );
}

#[test]
fn a_number_ends_a_dependency_s_name_not_a_share() {
    let mut editor = editor();
    for (id, name, y) in [(10, "Squad 12", 300.0), (11, "Squad 3", 400.0)] {
        let team = Team::new(name, ModelTypeId(1), Point::new(0.0, y));
        editor.apply(Action::Edit {
            edit: crate::edit::Edit::InsertTeam { id: Id(id), team },
            label: "Add team".to_owned(),
            select: None,
        });
    }
    editor.apply(Action::Select(BTreeSet::from([Id(1)])));
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Dependency));
    assert_eq!(type_and_commit(&mut editor, "squad 1"), None);
    assert_eq!(links(&editor), [(Id(1), Id(10), LinkKind::Dependency)]);
}

#[test]
fn a_share_outside_0_to_100_is_said_and_stays_in_the_field() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(4)])));
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Funding));
    let notice = type_and_commit(&mut editor, "checkout 150, payments 20");
    assert!(
        matches!(&notice, Some(Notice::Error(m)) if m.contains("0–100")),
        "{notice:?}"
    );
    assert_eq!(
        links(&editor),
        [(
            Id(4),
            Id(2),
            LinkKind::Funding {
                allocation_percent: 20.0
            }
        )]
    );
    assert_eq!(
        editor.session.name_edit.as_ref().map(|e| e.text.as_str()),
        Some("checkout 150")
    );
}

#[test]
fn a_link_already_there_takes_no_share_from_the_new_ones() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(4)])));
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Funding));
    type_and_commit(&mut editor, "checkout 50");
    editor.apply(Action::Select(BTreeSet::from([Id(4)])));
    editor.apply(Action::LinkFromSelection(LinkKindChoice::Funding));
    let notice = type_and_commit(&mut editor, "checkout, payments");
    assert!(
        matches!(&notice, Some(Notice::Info(m)) if m.contains("Already linked")),
        "{notice:?}"
    );
    let payments = editor
        .doc()
        .links
        .values()
        .find(|l| l.to == Id(2))
        .map(|l| l.kind);
    assert_eq!(
        payments,
        Some(LinkKind::Funding {
            allocation_percent: 50.0
        })
    );
}

#[test]
fn a_refused_name_keeps_its_field_and_text() {
    let mut editor = editor();
    editor.apply(Action::StartNewNode {
        kind: NodeKind::Team,
        center: None,
    });
    let long = "x".repeat(600);
    let notice = type_and_commit(&mut editor, &long);
    assert!(matches!(notice, Some(Notice::Error(_))), "{notice:?}");
    assert_eq!(editor.doc().teams.len(), 3);
    assert_eq!(
        editor.session.name_edit.as_ref().map(|e| e.text.len()),
        Some(600),
        "nothing typed is lost"
    );
}

#[test]
fn a_new_team_goes_under_a_selected_funding_source_not_in_its_row() {
    let mut editor = editor();
    editor.apply(Action::Select(BTreeSet::from([Id(4)])));
    editor.apply(Action::StartNewNode {
        kind: NodeKind::Team,
        center: None,
    });
    let Some(NameTarget::New { position, .. }) =
        editor.session.name_edit.as_ref().map(|e| e.target)
    else {
        panic!("a name field")
    };
    let source = editor.doc().node_rect(Id(4)).expect("source");
    assert!(position.y > source.max.y, "{position:?} under {source:?}");
}
