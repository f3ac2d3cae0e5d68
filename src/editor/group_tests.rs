//! The group actions, each one undo step.

use std::collections::BTreeSet;

use super::*;
use crate::edit::GroupField;
use crate::model::{FundingSource, Group, GroupKind, Team};

/// Teams 1–3 in a row, a funding source 4; group 10 "Retail" lists team 1.
fn editor() -> Editor {
    let mut doc = Document::new("t");
    for (id, name) in [(1, "Checkout"), (2, "Payments"), (3, "Search")] {
        doc.teams.insert(
            Id(id),
            Team::new(name, ModelTypeId(1), Point::new(id as f32 * 300.0, 0.0)),
        );
    }
    doc.sources
        .insert(Id(4), FundingSource::new("Fund", Point::new(0.0, -200.0)));
    let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
    retail.members = vec![Id(1)];
    doc.groups.insert(Id(10), retail);
    Editor::new(OpenMap::new(doc, None))
}

fn select(editor: &mut Editor, ids: &[u64]) {
    editor.apply(Action::Select(ids.iter().map(|&i| Id(i)).collect()));
}

/// Applies `action`, checks the result with `changed`, then checks one undo restores the map.
fn assert_one_undo_step(editor: &mut Editor, action: Action, changed: impl Fn(&Document)) {
    let before = editor.doc().clone();
    assert!(editor.can(&action), "{action:?} is not enabled");
    let notice = editor.apply(action);
    assert!(
        !matches!(notice, Some(Notice::Error(_))),
        "refused: {notice:?}"
    );
    assert_ne!(editor.doc(), &before, "nothing changed");
    assert_eq!(editor.doc().validate(), Ok(()));
    changed(editor.doc());
    editor.apply(Action::Undo);
    assert_eq!(editor.doc(), &before, "one undo did not restore the map");
}

#[test]
fn grouping_the_selection_makes_a_business_unit_and_selects_it() {
    let mut editor = editor();
    select(&mut editor, &[2, 3, 4]);
    let before = editor.doc().clone();
    editor.apply(Action::GroupSelection);
    let id = Id(11);
    assert_eq!(editor.session.selection, BTreeSet::from([id]));
    let group = &editor.doc().groups[&id];
    assert_eq!(group.name, NEW_GROUP_NAME);
    assert_eq!(group.kind, GroupKind::BusinessUnit);
    assert_eq!(group.parent, None);
    assert_eq!(group.members, vec![Id(2), Id(3), Id(4)]);
    assert_eq!(editor.map().history().undo_label(), Some("Group"));
    editor.apply(Action::Undo);
    assert_eq!(editor.doc(), &before);
}

#[test]
fn grouping_items_of_one_group_nests_the_new_group_inside_it() {
    let mut editor = editor();
    editor.apply(Action::Edit {
        edit: crate::edit::Edit::SetNodeGroup {
            node: Id(2),
            group: Some(Id(10)),
        },
        label: "setup".into(),
        select: None,
    });
    select(&mut editor, &[1, 2]);
    assert_one_undo_step(&mut editor, Action::GroupSelection, |doc| {
        let new = doc.group_of(Id(1)).expect("grouped");
        assert_ne!(new, Id(10));
        assert_eq!(doc.groups[&new].parent, Some(Id(10)));
        assert_eq!(doc.groups_containing(Id(2)), vec![new, Id(10)]);
        assert!(doc.groups[&Id(10)].members.is_empty());
    });
}

#[test]
fn grouping_a_group_with_a_team_nests_the_group_in_the_new_one() {
    let mut editor = editor();
    select(&mut editor, &[10, 2]);
    assert_one_undo_step(&mut editor, Action::GroupSelection, |doc| {
        let new = doc.group_of(Id(2)).expect("grouped");
        assert_eq!(doc.groups[&Id(10)].parent, Some(new));
        assert_eq!(doc.group_of(Id(1)), Some(Id(10)), "Retail keeps its team");
        assert_eq!(doc.groups[&new].name, "New group");
    });
}

#[test]
fn a_second_new_group_is_numbered() {
    let mut editor = editor();
    select(&mut editor, &[2]);
    editor.apply(Action::GroupSelection);
    select(&mut editor, &[3]);
    editor.apply(Action::GroupSelection);
    let names: Vec<&str> = editor
        .doc()
        .groups
        .values()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(names, ["Retail", "New group", "New group 2"]);
}

#[test]
fn ungroup_keeps_the_members_and_selects_them() {
    let mut editor = editor();
    select(&mut editor, &[10]);
    assert!(editor.can(&Action::Ungroup));
    assert_one_undo_step(&mut editor, Action::Ungroup, |doc| {
        assert!(doc.groups.is_empty());
        assert!(doc.teams.contains_key(&Id(1)));
    });
    select(&mut editor, &[10]);
    editor.apply(Action::Ungroup);
    assert_eq!(editor.session.selection, BTreeSet::from([Id(1)]));
}

#[test]
fn deleting_a_selected_group_ungroups_it() {
    let mut editor = editor();
    select(&mut editor, &[10]);
    assert_one_undo_step(&mut editor, Action::DeleteSelection, |doc| {
        assert!(doc.groups.is_empty());
        assert_eq!(doc.teams.len(), 3);
    });
}

#[test]
fn renaming_and_setting_group_fields_are_one_step_each() {
    let mut editor = editor();
    for field in [
        GroupField::Name("  Consumer  ".into()),
        GroupField::Kind(GroupKind::Other("Tribe".into())),
        GroupField::Color(Some(crate::model::Color::rgb(1, 2, 3))),
        GroupField::Notes("Owns the P&L".into()),
    ] {
        assert_one_undo_step(
            &mut editor,
            Action::SetGroupField {
                group: Id(10),
                field,
            },
            |_| {},
        );
    }
    editor.apply(Action::SetGroupField {
        group: Id(10),
        field: GroupField::Name("  Consumer  ".into()),
    });
    assert_eq!(editor.doc().groups[&Id(10)].name, "Consumer");
    let before = editor.doc().clone();
    editor.apply(Action::SetGroupField {
        group: Id(10),
        field: GroupField::Name("   ".into()),
    });
    assert_eq!(editor.doc(), &before, "an empty name is ignored");
}

#[test]
fn add_to_and_remove_from_a_group() {
    let mut editor = editor();
    select(&mut editor, &[2, 4]);
    assert_one_undo_step(&mut editor, Action::AddToGroup(Id(10)), |doc| {
        assert_eq!(doc.groups[&Id(10)].members, vec![Id(1), Id(2), Id(4)]);
    });
    select(&mut editor, &[1]);
    assert_one_undo_step(&mut editor, Action::RemoveFromGroup, |doc| {
        assert_eq!(doc.group_of(Id(1)), None);
    });
    select(&mut editor, &[3]);
    assert!(
        !editor.can(&Action::RemoveFromGroup),
        "Search is in no group"
    );
}

#[test]
fn removing_from_a_nested_group_moves_one_level_out() {
    let mut editor = editor();
    select(&mut editor, &[1]);
    editor.apply(Action::GroupSelection);
    let inner = editor.doc().group_of(Id(1)).expect("inner");
    select(&mut editor, &[1]);
    assert_one_undo_step(&mut editor, Action::RemoveFromGroup, |doc| {
        assert_eq!(doc.group_of(Id(1)), Some(Id(10)));
        assert!(doc.groups[&inner].members.is_empty());
    });
}

#[test]
fn adding_a_group_to_a_group_inside_it_is_refused_and_changes_nothing() {
    let mut editor = editor();
    select(&mut editor, &[1]);
    editor.apply(Action::GroupSelection);
    let inner = editor.doc().group_of(Id(1)).expect("inner");
    select(&mut editor, &[10]);
    let before = editor.doc().clone();
    let notice = editor.apply(Action::AddToGroup(inner));
    assert!(matches!(notice, Some(Notice::Error(_))), "{notice:?}");
    assert_eq!(editor.doc(), &before);
}

#[test]
fn moving_a_group_moves_every_member_nested_included_as_one_step() {
    let mut editor = editor();
    editor.session.view.snap = false;
    select(&mut editor, &[2]);
    editor.apply(Action::GroupSelection);
    let inner = editor.doc().group_of(Id(2)).expect("inner");
    editor.apply(Action::SetGroupField {
        group: inner,
        field: GroupField::Parent(Some(Id(10))),
    });
    assert_one_undo_step(
        &mut editor,
        Action::MoveGroup {
            group: Id(10),
            delta: (15.0, 25.0),
        },
        |doc| {
            assert_eq!(doc.teams[&Id(1)].position, Point::new(315.0, 25.0));
            assert_eq!(doc.teams[&Id(2)].position, Point::new(615.0, 25.0));
            assert_eq!(doc.teams[&Id(3)].position, Point::new(900.0, 0.0));
        },
    );
    assert_eq!(editor.map().history().redo_label(), Some("Move group"));
}

#[test]
fn dragging_a_selection_with_a_group_moves_its_members_once() {
    let mut editor = editor();
    editor.session.view.snap = false;
    assert_one_undo_step(
        &mut editor,
        Action::MoveNodes {
            ids: vec![Id(10), Id(1), Id(3)],
            delta: (10.0, 0.0),
            into: None,
        },
        |doc| {
            assert_eq!(doc.teams[&Id(1)].position, Point::new(310.0, 0.0));
            assert_eq!(doc.teams[&Id(3)].position, Point::new(910.0, 0.0));
        },
    );
}

#[test]
fn collapse_and_expand_are_undoable() {
    let mut editor = editor();
    select(&mut editor, &[10]);
    assert_one_undo_step(
        &mut editor,
        Action::SetCollapsed {
            group: None,
            collapsed: true,
        },
        |doc| assert!(doc.groups[&Id(10)].collapsed),
    );
    editor.apply(Action::SetCollapsed {
        group: Some(Id(10)),
        collapsed: true,
    });
    assert_eq!(editor.map().history().undo_label(), Some("Collapse group"));
    assert_one_undo_step(
        &mut editor,
        Action::SetCollapsed {
            group: Some(Id(10)),
            collapsed: false,
        },
        |doc| assert!(!doc.groups[&Id(10)].collapsed),
    );
}

#[test]
fn select_all_includes_groups_and_a_removed_group_leaves_the_selection() {
    let mut editor = editor();
    editor.apply(Action::SelectAll);
    assert!(editor.session.selection.contains(&Id(10)));
    select(&mut editor, &[10]);
    editor.apply(Action::Ungroup);
    assert!(!editor.session.selection.contains(&Id(10)));
}

#[test]
fn dropping_teams_into_a_group_moves_them_and_adds_them_in_one_undo_step() {
    let mut editor = editor();
    editor.session.view.snap = false;
    select(&mut editor, &[2, 3]);
    assert_one_undo_step(
        &mut editor,
        Action::MoveNodes {
            ids: vec![Id(2), Id(3)],
            delta: (0.0, 40.0),
            into: Some(Id(10)),
        },
        |doc| {
            assert_eq!(doc.teams[&Id(2)].position, Point::new(600.0, 40.0));
            assert_eq!(doc.groups[&Id(10)].members, vec![Id(1), Id(2), Id(3)]);
        },
    );
    editor.apply(Action::MoveNodes {
        ids: vec![Id(2)],
        delta: (0.0, 40.0),
        into: Some(Id(10)),
    });
    assert_eq!(
        editor.map().history().undo_label(),
        Some("Move into Retail")
    );
    // A team already in the group only moves.
    editor.apply(Action::MoveNodes {
        ids: vec![Id(2)],
        delta: (0.0, 40.0),
        into: Some(Id(10)),
    });
    assert_eq!(editor.doc().teams[&Id(2)].position, Point::new(600.0, 80.0));
    assert_ne!(
        editor.map().history().undo_label(),
        Some("Move into Retail")
    );
}
