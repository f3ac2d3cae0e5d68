//! Group edits: each round-trips exactly, and none breaks the membership rules.

use super::*;
use crate::model::limits::MAX_GROUP_DEPTH;
use crate::model::{GroupKind, ModelTypeId};

/// Three teams and a source; Retail (10) lists Checkout (1) and holds the value stream
/// Search (11), which lists Search (3).
fn sample() -> Document {
    let mut doc = Document::new("Groups");
    for (id, name) in [(1, "Checkout"), (2, "Payments"), (3, "Search")] {
        doc.teams.insert(
            Id(id),
            Team::new(name, ModelTypeId(1), Point::new(id as f32 * 300.0, 0.0)),
        );
    }
    doc.sources
        .insert(Id(4), FundingSource::new("Fund", Point::new(0.0, -200.0)));
    doc.links.insert(Id(5), Link::dependency(Id(1), Id(2)));
    let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
    retail.members = vec![Id(1)];
    let mut search = Group::new("Search", GroupKind::ValueStream);
    search.parent = Some(Id(10));
    search.members = vec![Id(3)];
    doc.groups.insert(Id(10), retail);
    doc.groups.insert(Id(11), search);
    assert_eq!(doc.validate(), Ok(()));
    doc
}

fn assert_round_trip(edit: Edit, changed: impl Fn(&Document)) {
    let original = sample();
    let mut doc = original.clone();
    let inverse = edit.apply(&mut doc).expect("edit applies");
    assert_ne!(doc, original, "the edit changed nothing");
    assert_eq!(doc.validate(), Ok(()));
    changed(&doc);
    let edited = doc.clone();
    let redo = inverse.apply(&mut doc).expect("inverse applies");
    assert_eq!(doc, original, "the inverse did not restore the document");
    redo.apply(&mut doc).expect("redo applies");
    assert_eq!(doc, edited, "redo did not give the edited document back");
}

fn assert_refused(edit: Edit) -> String {
    let original = sample();
    let mut doc = original.clone();
    let error = edit.apply(&mut doc).expect_err("edit was accepted");
    assert_eq!(doc, original, "a refused edit changed the document");
    error.to_string()
}

#[test]
fn inserting_a_group_with_members_round_trips() {
    let mut group = Group::new("Platforms", GroupKind::Platform);
    group.members = vec![Id(4), Id(2)];
    assert_round_trip(Edit::InsertGroup { id: Id(12), group }, |doc| {
        assert_eq!(doc.groups[&Id(12)].members, vec![Id(2), Id(4)]);
        assert_eq!(doc.group_of(Id(4)), Some(Id(12)));
    });
}

#[test]
fn inserting_a_nested_group_with_members_and_undoing_leaves_them_ungrouped() {
    let mut group = Group::new("Payments", GroupKind::ValueStream);
    group.parent = Some(Id(10));
    group.members = vec![Id(2)];
    assert_round_trip(Edit::InsertGroup { id: Id(12), group }, |doc| {
        assert_eq!(doc.groups_containing(Id(2)), vec![Id(12), Id(10)]);
    });
}

#[test]
fn ungrouping_moves_members_and_nested_groups_to_the_parent_and_undo_restores_them() {
    assert_round_trip(Edit::RemoveGroup { id: Id(11) }, |doc| {
        assert!(!doc.groups.contains_key(&Id(11)));
        assert_eq!(doc.groups[&Id(10)].members, vec![Id(1), Id(3)]);
    });
    assert_round_trip(Edit::RemoveGroup { id: Id(10) }, |doc| {
        assert_eq!(doc.groups[&Id(11)].parent, None);
        assert_eq!(doc.group_of(Id(1)), None);
        assert_eq!(doc.group_of(Id(3)), Some(Id(11)));
    });
}

#[test]
fn every_group_field_round_trips() {
    for field in [
        GroupField::Name("Consumer".into()),
        GroupField::Kind(GroupKind::Other("Tribe".into())),
        GroupField::Color(Some(Color::rgb(9, 8, 7))),
        GroupField::Notes("Owns the P&L".into()),
        GroupField::Collapsed(true),
        GroupField::Parent(None),
        GroupField::Members(vec![Id(2), Id(4)]),
    ] {
        let expected = field.clone();
        assert_round_trip(Edit::SetGroup { id: Id(11), field }, |doc| {
            let fields = crate::edit::field::fields_of(doc, crate::model::ItemRef::Group(Id(11)))
                .expect("group");
            assert!(
                fields.contains(&Field::Group(expected.clone())),
                "{fields:?}"
            );
        });
    }
}

#[test]
fn setting_members_takes_them_from_their_group_and_undo_gives_them_back() {
    assert_round_trip(
        Edit::SetGroup {
            id: Id(11),
            field: GroupField::Members(vec![Id(1), Id(3)]),
        },
        |doc| {
            assert!(doc.groups[&Id(10)].members.is_empty());
            assert_eq!(doc.group_of(Id(1)), Some(Id(11)));
        },
    );
}

#[test]
fn moving_a_node_between_groups_round_trips() {
    assert_round_trip(
        Edit::SetNodeGroup {
            node: Id(1),
            group: Some(Id(11)),
        },
        |doc| assert_eq!(doc.groups_containing(Id(1)), vec![Id(11), Id(10)]),
    );
    assert_round_trip(
        Edit::SetNodeGroup {
            node: Id(3),
            group: None,
        },
        |doc| assert_eq!(doc.group_of(Id(3)), None),
    );
    assert_round_trip(
        Edit::SetNodeGroup {
            node: Id(4),
            group: Some(Id(10)),
        },
        |doc| assert!(doc.groups[&Id(10)].lists(Id(4))),
    );
}

#[test]
fn removing_a_grouped_team_or_source_takes_it_out_and_undo_puts_it_back() {
    assert_round_trip(Edit::RemoveTeam { id: Id(3) }, |doc| {
        assert!(doc.groups[&Id(11)].members.is_empty());
    });
    let mut doc = sample();
    Edit::SetNodeGroup {
        node: Id(4),
        group: Some(Id(10)),
    }
    .apply(&mut doc)
    .expect("grouped");
    let before = doc.clone();
    let inverse = Edit::RemoveSource { id: Id(4) }
        .apply(&mut doc)
        .expect("removed");
    assert_eq!(doc.group_of(Id(4)), None);
    inverse.apply(&mut doc).expect("undo");
    assert_eq!(doc, before);
}

#[test]
fn nesting_a_group_inside_itself_is_refused() {
    let message = assert_refused(Edit::SetGroup {
        id: Id(10),
        field: GroupField::Parent(Some(Id(11))),
    });
    assert!(message.contains("inside it"), "{message}");
    let message = assert_refused(Edit::SetGroup {
        id: Id(10),
        field: GroupField::Parent(Some(Id(10))),
    });
    assert!(message.contains("inside it"), "{message}");
}

#[test]
fn nesting_deeper_than_the_limit_is_refused() {
    let mut doc = sample();
    let mut parent = Id(11);
    for level in 3..=MAX_GROUP_DEPTH as u64 {
        let id = Id(100 + level);
        let mut g = Group::new(format!("Level {level}"), GroupKind::ValueStream);
        g.parent = Some(parent);
        Edit::InsertGroup { id, group: g }
            .apply(&mut doc)
            .expect("within the limit");
        parent = id;
    }
    let mut too_deep = Group::new("Too deep", GroupKind::Platform);
    too_deep.parent = Some(parent);
    let before = doc.clone();
    let error = Edit::InsertGroup {
        id: Id(200),
        group: too_deep,
    }
    .apply(&mut doc)
    .expect_err("too deep");
    assert!(error.to_string().contains("limit"), "{error}");
    // Nesting Retail (two levels) under the deepest group is refused too.
    let error = Edit::SetGroup {
        id: Id(10),
        field: GroupField::Parent(Some(parent)),
    }
    .apply(&mut doc)
    .expect_err("too deep");
    assert!(error.to_string().contains("inside it") || error.to_string().contains("limit"));
    assert_eq!(doc, before);
}

#[test]
fn a_node_is_never_listed_in_two_groups() {
    let mut group = Group::new("Again", GroupKind::Platform);
    group.members = vec![Id(1)];
    let message = assert_refused(Edit::InsertGroup { id: Id(12), group });
    assert!(message.contains("already lists"), "{message}");
}

#[test]
fn links_groups_and_missing_ids_are_not_members() {
    assert_refused(Edit::SetNodeGroup {
        node: Id(5),
        group: Some(Id(10)),
    });
    assert_refused(Edit::SetNodeGroup {
        node: Id(11),
        group: Some(Id(10)),
    });
    assert_refused(Edit::SetNodeGroup {
        node: Id(1),
        group: Some(Id(99)),
    });
    assert_refused(Edit::SetGroup {
        id: Id(10),
        field: GroupField::Members(vec![Id(1), Id(1)]),
    });
    assert_refused(Edit::SetGroup {
        id: Id(10),
        field: GroupField::Name("   ".into()),
    });
    assert_refused(Edit::InsertGroup {
        id: Id(1),
        group: Group::new("Taken id", GroupKind::Platform),
    });
}

#[test]
fn group_ids_share_the_id_space() {
    let doc = sample();
    assert_eq!(doc.next_id(), Id(12));
    let mut doc = doc;
    let error = Edit::InsertTeam {
        id: Id(10),
        team: Team::new("Clash", ModelTypeId(1), Point::default()),
    }
    .apply(&mut doc)
    .expect_err("id used by a group");
    assert_eq!(error, EditError::IdTaken(Id(10)));
}

#[test]
fn group_edits_describe_themselves() {
    let edit = Edit::SetGroup {
        id: Id(10),
        field: GroupField::Collapsed(true),
    };
    assert_eq!(edit.describe(), "Collapse group");
    assert_eq!(Edit::RemoveGroup { id: Id(10) }.describe(), "Ungroup group");
    let batch = Edit::Batch(vec![
        Edit::SetNodeGroup {
            node: Id(1),
            group: Some(Id(11)),
        },
        Edit::SetNodeGroup {
            node: Id(2),
            group: Some(Id(11)),
        },
    ]);
    assert_eq!(batch.describe(), "Group 2 items");
}

#[test]
fn group_fields_read_back_from_their_text() {
    for field in [
        GroupField::Kind(GroupKind::Other("platform".into())),
        GroupField::Kind(GroupKind::Platform),
        GroupField::Color(None),
        GroupField::Parent(Some(Id(7))),
        GroupField::Members(vec![Id(1), Id(20)]),
        GroupField::Members(Vec::new()),
        GroupField::Collapsed(false),
    ] {
        let text = field.to_text();
        let name = Field::Group(field.clone()).name();
        assert_eq!(GroupField::parse(name, &text), Ok(field), "{text:?}");
    }
}
