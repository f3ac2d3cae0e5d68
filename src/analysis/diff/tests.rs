use super::*;
use crate::edit::TeamField;
use crate::model::{FundingSource, Id, Link, ModelTypeId, Point, Team};

fn base() -> Document {
    let mut doc = Document::new("Q1");
    let mut fund = FundingSource::new("Retail P&L", Point::default());
    fund.budget = Some(crate::model::Budget {
        amount: 1_000_000.0,
        currency: "EUR".into(),
    });
    doc.sources.insert(Id(1), fund);
    let mut checkout = Team::new("Checkout", ModelTypeId(1), Point::new(0.0, 200.0));
    checkout.headcount = 6;
    doc.teams.insert(Id(2), checkout);
    doc.teams.insert(
        Id(3),
        Team::new("Payments", ModelTypeId(6), Point::new(300.0, 200.0)),
    );
    doc.links.insert(Id(4), Link::funding(Id(1), Id(2), 60.0));
    doc
}

fn changed(edits: Vec<Edit>) -> Document {
    let mut doc = base();
    Edit::Batch(edits).apply(&mut doc).expect("edits apply");
    doc
}

fn set_team(id: u64, field: TeamField) -> Edit {
    Edit::SetTeam { id: Id(id), field }
}

#[test]
fn a_renamed_team_is_one_change_named_a_rename() {
    let new = changed(vec![set_team(2, TeamField::Name("Checkout & Cart".into()))]);
    let diff = Diff::of(&base(), &new);
    let [change] = diff.changes.as_slice() else {
        panic!("one change expected: {:?}", diff.changes);
    };
    assert_eq!(change.item, ItemRef::Team(Id(2)));
    assert_eq!(change.kind, ChangeKind::Changed);
    assert_eq!(
        change.description,
        "Team \"Checkout & Cart\": renamed from \"Checkout\""
    );
}

#[test]
fn an_allocation_change_is_told_in_percentage_points_with_the_funding_it_moves() {
    let new = changed(vec![Edit::SetLink {
        id: Id(4),
        field: LinkField::Kind(LinkKind::Funding {
            allocation_percent: 70.0,
        }),
    }]);
    let diff = Diff::of(&base(), &new);
    assert_eq!(
        diff.changes[0].description,
        "Funding link Retail P&L → Checkout: allocation 60 % → 70 % (+10 pp)"
    );
    let allocation = &diff.figures.allocations[0];
    assert_eq!(allocation.change_points, 10.0);
    let source = &diff.figures.sources[0];
    assert_eq!(
        (
            source.allocated_before_percent,
            source.allocated_after_percent
        ),
        (Some(60.0), Some(70.0))
    );
    let team = &diff.figures.team_funding[0];
    assert_eq!(team.name, "Checkout");
    assert_eq!(
        (team.before[0].amount, team.after[0].amount),
        (600_000.0, 700_000.0)
    );
}

#[test]
fn moves_are_one_line_unless_layout_is_asked_for() {
    let new = changed(vec![
        set_team(2, TeamField::Position(Point::new(50.0, 50.0))),
        set_team(3, TeamField::Position(Point::new(80.0, 50.0))),
    ]);
    let diff = Diff::of(&base(), &new);
    assert_eq!(diff.layout_only_count(), 2);
    assert_eq!(diff.meaningful().count(), 0);
    let text = render(&diff, DiffFormat::Text, false);
    assert!(text.contains("2 items only moved or resized"), "{text}");
    assert!(!text.contains("Checkout"), "{text}");
    let text = render(&diff, DiffFormat::Text, true);
    assert!(
        text.contains("Team \"Checkout\": moved (position (0, 200) → (50, 50))"),
        "{text}"
    );
}

#[test]
fn problems_headcount_and_model_mix_are_compared_before_and_after() {
    let new = changed(vec![
        Edit::InsertLink {
            id: Id(5),
            link: Link::funding(Id(1), Id(3), 20.0),
        },
        set_team(2, TeamField::Headcount(9)),
        set_team(3, TeamField::ModelType(ModelTypeId(5))),
    ]);
    let diff = Diff::of(&base(), &new);
    let figures = &diff.figures;
    assert_eq!(figures.problems_disappeared, ["Payments has no funding"]);
    assert!(figures.problems_appeared.is_empty());
    assert_eq!((figures.headcount_before, figures.headcount_after), (6, 9));
    let platform = figures
        .model_mix
        .iter()
        .find(|m| m.model_type == "Platform Team")
        .expect("a row per model type");
    assert_eq!((platform.teams_before, platform.teams_after), (1, 0));
    let markdown = render(&diff, DiffFormat::Markdown, false);
    assert!(
        markdown.contains("### Problems disappeared\n\n- Payments has no funding"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- Added funding link Retail P&L → Payments (20 %)"),
        "{markdown}"
    );
}

#[test]
fn added_and_removed_items_come_in_kind_then_id_order() {
    let new = changed(vec![
        Edit::RemoveTeam { id: Id(3) },
        Edit::InsertSource {
            id: Id(9),
            source: FundingSource::new("Venture fund", Point::default()),
        },
    ]);
    let diff = Diff::of(&base(), &new);
    let lines: Vec<(&str, ChangeKind)> = diff
        .changes
        .iter()
        .map(|c| (c.description.as_str(), c.kind))
        .collect();
    assert_eq!(
        lines,
        [
            ("Added funding source \"Venture fund\"", ChangeKind::Added),
            (
                "Removed team \"Payments\" (Platform Team, 0 people)",
                ChangeKind::Removed
            ),
        ]
    );
}

#[test]
fn the_outline_names_every_item_without_positions() {
    let text = outline(&base());
    assert!(
        text.contains(
            "link 4: kind funding 60 %; from \"Retail P&L\"; to \"Checkout\"; label \"\""
        ),
        "{text}"
    );
    assert!(!text.contains("position"), "{text}");
}

mod groups {
    use super::*;
    use crate::edit::GroupField;
    use crate::model::{Group, GroupKind};

    fn with_group() -> Document {
        let mut doc = base();
        let mut group = Group::new("Retail", GroupKind::BusinessUnit);
        group.members = vec![Id(2)];
        doc.groups.insert(Id(9), group);
        doc
    }

    #[test]
    fn an_added_group_names_its_kind_and_size() {
        let diff = Diff::of(&base(), &with_group());
        let [change] = diff.changes.as_slice() else {
            panic!("one change: {:?}", diff.changes);
        };
        assert_eq!(change.item, ItemRef::Group(Id(9)));
        assert_eq!(
            change.description,
            "Added group \"Retail\" (Business unit, 1 member)"
        );
        let diff = Diff::of(&with_group(), &base());
        assert_eq!(diff.changes[0].kind, ChangeKind::Removed);
    }

    #[test]
    fn a_renamed_group_and_its_membership_changes_read_as_one_line() {
        let mut new = with_group();
        Edit::Batch(vec![
            Edit::SetGroup {
                id: Id(9),
                field: GroupField::Name("Consumer".into()),
            },
            Edit::SetNodeGroup {
                node: Id(3),
                group: Some(Id(9)),
            },
            Edit::SetNodeGroup {
                node: Id(2),
                group: None,
            },
        ])
        .apply(&mut new)
        .expect("applies");
        let diff = Diff::of(&with_group(), &new);
        let [change] = diff.changes.as_slice() else {
            panic!("one change: {:?}", diff.changes);
        };
        assert_eq!(
            change.description,
            "Group \"Consumer\": renamed from \"Retail\"; joined by \"Payments\"; left by \"Checkout\""
        );
        let mut doc = with_group();
        diff.into_edit()
            .apply(&mut doc)
            .expect("the diff's edits apply");
        assert_eq!(doc, new);
    }

    #[test]
    fn groups_swapping_their_nesting_are_reached_by_the_diff_without_a_loop() {
        let mut old = with_group();
        let mut inner = Group::new("Inner", GroupKind::ValueStream);
        inner.parent = Some(Id(9));
        old.groups.insert(Id(8), inner);
        let mut new = old.clone();
        new.groups.get_mut(&Id(8)).expect("8").parent = None;
        new.groups.get_mut(&Id(9)).expect("9").parent = Some(Id(8));
        assert_eq!(new.validate(), Ok(()));
        let mut doc = old.clone();
        Diff::of(&old, &new)
            .into_edit()
            .apply(&mut doc)
            .expect("applies");
        assert_eq!(doc, new);
    }
}
