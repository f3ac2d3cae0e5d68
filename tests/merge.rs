//! Property tests of diff and three-way merge on random maps changed by random edits.

mod common;

use std::collections::BTreeSet;

use common::strategies::{Ids, Seed, document_strategy, edit_from_seed, seeds};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use teamscape::analysis::diff::Diff;
use teamscape::analysis::merge::merge;
use teamscape::file;
use teamscape::model::{Document, Point, Size};

/// `start` after every edit of `seeds` that the document accepts.
fn edited(start: &Document, seeds: &[Seed]) -> Document {
    let mut doc = start.clone();
    for &seed in seeds {
        let edit = edit_from_seed(&doc, &Ids::current(&doc), seed);
        let _ = edit.apply(&mut doc);
    }
    doc
}

/// The map without layout or recorded conflicts: what a merge must agree on whichever side wins.
fn meaning(doc: &Document) -> Document {
    let mut doc = doc.clone();
    for team in doc.teams.values_mut() {
        team.position = Point::default();
        team.size = Size::new(100.0, 100.0);
    }
    for source in doc.sources.values_mut() {
        source.position = Point::default();
    }
    doc.conflicts.clear();
    doc
}

fn added_ids(base: &Document, doc: &Document) -> BTreeSet<u64> {
    // An item is added when base has no item of its kind under its id: a side may delete an item
    // and reuse its id for an item of another kind.
    let mut ids = BTreeSet::new();
    ids.extend(
        doc.teams
            .keys()
            .filter(|id| !base.teams.contains_key(id))
            .map(|id| id.0),
    );
    ids.extend(
        doc.sources
            .keys()
            .filter(|id| !base.sources.contains_key(id))
            .map(|id| id.0),
    );
    ids.extend(
        doc.links
            .keys()
            .filter(|id| !base.links.contains_key(id))
            .map(|id| id.0),
    );
    ids.extend(
        doc.groups
            .keys()
            .filter(|id| !base.groups.contains_key(id))
            .map(|id| id.0),
    );
    // Model types have their own ids: keep them apart from item ids.
    ids.extend(
        doc.palette
            .iter()
            .filter(|t| base.model_type(t.id).is_none())
            .map(|t| u64::MAX - t.id.0),
    );
    ids
}

fn assert_loads_back(doc: &Document) -> Result<(), TestCaseError> {
    let text = file::to_string(doc);
    let loaded = file::parse(&text, "merged");
    prop_assert!(loaded.is_ok(), "{loaded:?}\n{text}");
    prop_assert_eq!(&loaded.ok(), &Some(doc.clone()));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_map_compared_with_itself_has_no_changes(doc in document_strategy()) {
        prop_assert!(Diff::of(&doc, &doc).is_empty());
    }

    #[test]
    fn applying_the_diff_of_two_maps_to_the_first_gives_the_second(
        start in document_strategy(),
        seeds in seeds(),
    ) {
        let end = edited(&start, &seeds);
        let diff = Diff::of(&start, &end);
        prop_assert_eq!(diff.is_empty(), start == end);
        let mut doc = start.clone();
        let applied = diff.into_edit().apply(&mut doc);
        prop_assert!(applied.is_ok(), "{applied:?}");
        prop_assert_eq!(doc, end);
    }

    #[test]
    fn merging_with_an_unchanged_side_gives_the_changed_side(
        base in document_strategy(),
        seeds in seeds(),
    ) {
        let changed = edited(&base, &seeds);
        let merged = merge(&base, &changed, &base);
        prop_assert_eq!(merged.as_ref().ok(), Some(&changed));
        let merged = merge(&base, &base, &changed);
        prop_assert_eq!(merged.as_ref().ok(), Some(&changed));
    }

    #[test]
    fn merge_is_symmetric_up_to_who_wins_and_always_loads(
        base in document_strategy(),
        ours in seeds(),
        theirs in seeds(),
    ) {
        let (a, b) = (edited(&base, &ours), edited(&base, &theirs));
        let ab = merge(&base, &a, &b);
        let ba = merge(&base, &b, &a);
        let (Ok(ab), Ok(ba)) = (&ab, &ba) else {
            return Err(TestCaseError::fail(format!("a merge came out invalid: {ab:?} / {ba:?}")));
        };
        assert_loads_back(ab)?;
        assert_loads_back(ba)?;
        prop_assert_eq!(
            ab.conflicts.is_empty(),
            ba.conflicts.is_empty(),
            "{:?} / {:?}",
            ab.conflicts,
            ba.conflicts
        );
        let disjoint_additions = added_ids(&base, &a).is_disjoint(&added_ids(&base, &b));
        if ab.conflicts.is_empty() && disjoint_additions {
            let (mut ab, mut ba) = (meaning(ab), meaning(ba));
            // When both sides added or reordered model types, the legend follows ours: who wins.
            let order = |doc: &Document| doc.palette.iter().map(|t| t.id).collect::<Vec<_>>();
            if order(&a) != order(&base) && order(&b) != order(&base) {
                ab.palette.sort_by_key(|t| t.id);
                ba.palette.sort_by_key(|t| t.id);
            }
            prop_assert_eq!(ab, ba);
        }
    }
}

mod examples {
    use teamscape::analysis::merge::merge;
    use teamscape::edit::{Edit, History, Keep, LinkField, ModelTypeField, TeamField, resolve};
    use teamscape::file;
    use teamscape::model::{
        Color, DELETED, Document, FundingSource, Id, ItemRef, Link, LinkKind, ModelType,
        ModelTypeId, Point, Team, WHOLE_ITEM,
    };

    /// A source funding two teams (40 % and 30 %), and a dependency between them.
    fn base() -> Document {
        let mut doc = Document::new("Base");
        doc.sources
            .insert(Id(1), FundingSource::new("Retail P&L", Point::default()));
        for (id, name, x) in [(2, "Checkout", 0.0), (3, "Payments", 300.0)] {
            doc.teams.insert(
                Id(id),
                Team::new(name, ModelTypeId(1), Point::new(x, 200.0)),
            );
        }
        doc.links.insert(Id(4), Link::funding(Id(1), Id(2), 40.0));
        doc.links.insert(Id(5), Link::funding(Id(1), Id(3), 30.0));
        doc.links.insert(Id(6), Link::dependency(Id(2), Id(3)));
        doc
    }

    fn with(doc: &Document, edits: Vec<Edit>) -> Document {
        let mut doc = doc.clone();
        Edit::Batch(edits).apply(&mut doc).expect("edits apply");
        doc
    }

    fn set_team(id: u64, field: TeamField) -> Edit {
        Edit::SetTeam { id: Id(id), field }
    }

    fn allocation(link: u64, percent: f64) -> Edit {
        Edit::SetLink {
            id: Id(link),
            field: LinkField::Kind(LinkKind::Funding {
                allocation_percent: percent,
            }),
        }
    }

    #[test]
    fn the_same_change_on_both_sides_is_one_change() {
        let changed = with(&base(), vec![set_team(2, TeamField::Headcount(8))]);
        let merged = merge(&base(), &changed, &changed).expect("valid");
        assert_eq!(merged, changed);
    }

    #[test]
    fn different_fields_of_one_team_merge() {
        let o = base();
        let a = with(&o, vec![set_team(2, TeamField::Headcount(8))]);
        let b = with(
            &o,
            vec![set_team(2, TeamField::Name("Checkout & Cart".into()))],
        );
        let merged = merge(&o, &a, &b).expect("valid");
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.teams[&Id(2)].headcount, 8);
        assert_eq!(merged.teams[&Id(2)].name, "Checkout & Cart");
    }

    #[test]
    fn both_sides_moving_a_team_take_theirs_without_a_conflict() {
        let o = base();
        let a = with(
            &o,
            vec![set_team(2, TeamField::Position(Point::new(5.0, 5.0)))],
        );
        let b = with(
            &o,
            vec![set_team(2, TeamField::Position(Point::new(9.0, 9.0)))],
        );
        let merged = merge(&o, &a, &b).expect("valid");
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.teams[&Id(2)].position, Point::new(9.0, 9.0));
    }

    #[test]
    fn an_allocation_changed_differently_keeps_ours_and_records_theirs() {
        let o = base();
        let merged = merge(
            &o,
            &with(&o, vec![allocation(4, 50.0)]),
            &with(&o, vec![allocation(4, 60.0)]),
        )
        .expect("valid");
        assert_eq!(
            merged.links[&Id(4)].kind,
            LinkKind::Funding {
                allocation_percent: 50.0
            }
        );
        let [conflict] = merged.conflicts.as_slice() else {
            panic!("one conflict expected: {:?}", merged.conflicts);
        };
        assert_eq!(conflict.item, ItemRef::Link(Id(4)));
        assert_eq!(
            (
                conflict.field.as_str(),
                conflict.ours.as_str(),
                conflict.theirs.as_str()
            ),
            ("kind", "funding 50", "funding 60")
        );
        let text = file::to_string(&merged);
        assert!(text.contains("conflicts: ["), "{text}");
        assert_eq!(file::parse(&text, "merged").ok(), Some(merged));
    }

    #[test]
    fn a_team_deleted_here_and_changed_there_stays_deleted_and_can_come_back() {
        let o = base();
        let a = with(&o, vec![Edit::RemoveTeam { id: Id(3) }]);
        let b = with(&o, vec![set_team(3, TeamField::Headcount(12))]);
        let mut merged = merge(&o, &a, &b).expect("valid");
        assert!(!merged.teams.contains_key(&Id(3)));
        let conflict = merged
            .conflicts
            .iter()
            .position(|c| c.item == ItemRef::Team(Id(3)))
            .expect("a conflict about the team");
        assert_eq!(merged.conflicts[conflict].field, WHOLE_ITEM);
        assert_eq!(merged.conflicts[conflict].ours, DELETED);

        let before = merged.clone();
        let mut history = History::new();
        let edit = resolve(&merged, conflict, Keep::Theirs).expect("resolvable");
        history
            .apply(&mut merged, edit, "Keep theirs")
            .expect("applies");
        assert_eq!(merged.teams[&Id(3)].headcount, 12);
        assert_eq!(merged.teams[&Id(3)].name, "Payments");
        history.undo(&mut merged).expect("undo");
        assert_eq!(merged, before, "undo puts the conflict back");
    }

    #[test]
    fn keep_ours_forgets_the_conflict_in_one_undoable_step() {
        let o = base();
        let mut merged = merge(
            &o,
            &with(&o, vec![allocation(4, 50.0)]),
            &with(&o, vec![allocation(4, 60.0)]),
        )
        .expect("valid");
        let before = merged.clone();
        let mut history = History::new();
        let edit = resolve(&merged, 0, Keep::Ours).expect("resolvable");
        history
            .apply(&mut merged, edit, Keep::Ours.label())
            .expect("applies");
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.links, before.links);
        history.undo(&mut merged).expect("undo");
        assert_eq!(merged, before);
        history.redo(&mut merged).expect("redo");
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn teams_both_sides_added_under_one_id_are_both_kept() {
        let o = base();
        let id = o.next_id();
        let add = |name: &str| Edit::InsertTeam {
            id,
            team: Team::new(name, ModelTypeId(2), Point::default()),
        };
        let merged = merge(
            &o,
            &with(&o, vec![add("Search")]),
            &with(&o, vec![add("Ads")]),
        )
        .expect("valid");
        assert!(merged.conflicts.is_empty());
        let names: Vec<&str> = merged.teams.values().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Checkout", "Payments", "Search", "Ads"]);
        assert_eq!(merged.teams[&id].name, "Search", "ours keeps the id");
    }

    fn custom_type(id: ModelTypeId, name: &str, color: Color) -> Edit {
        Edit::InsertModelType {
            index: usize::MAX,
            model_type: ModelType {
                id,
                name: name.to_owned(),
                color,
                description: String::new(),
            },
        }
    }

    #[test]
    fn a_type_both_sides_added_under_one_name_is_one_type() {
        let o = base();
        let ours_id = o.next_model_type_id();
        let theirs_id = ModelTypeId(ours_id.0 + 1);
        let ours = with(
            &o,
            vec![
                custom_type(ours_id, "Enabling", Color::rgb(1, 2, 3)),
                set_team(2, TeamField::ModelType(ours_id)),
            ],
        );
        // Theirs took another id (say after adding and deleting one) and another colour.
        let theirs = with(
            &o,
            vec![
                custom_type(theirs_id, "enabling ", Color::rgb(9, 9, 9)),
                set_team(3, TeamField::ModelType(theirs_id)),
            ],
        );
        for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
            let merged = merge(&o, a, b).expect("valid");
            let added: Vec<_> = merged.palette.iter().filter(|t| t.id.0 > 6).collect();
            assert_eq!(added.len(), 1, "{:?}", merged.palette);
            let one = added[0].id;
            assert_eq!(merged.teams[&Id(2)].model_type, one);
            assert_eq!(merged.teams[&Id(3)].model_type, one);
            let fields: Vec<&str> = merged.conflicts.iter().map(|c| c.field.as_str()).collect();
            assert_eq!(fields, ["color", "name"], "{:?}", merged.conflicts);
        }
    }

    #[test]
    fn types_both_sides_added_follow_ours_in_the_legend_then_theirs() {
        // The case the symmetry property found: each side adds its own type; the legend is
        // ours first, so the two merge directions differ only in that order.
        let o = base();
        let first = o.next_model_type_id();
        let second = ModelTypeId(first.0 + 1);
        let a = with(
            &o,
            vec![custom_type(second, "Custom", Color::rgb(7, 160, 7))],
        );
        let b = with(
            &o,
            vec![custom_type(first, "Renamed", Color::rgb(227, 217, 7))],
        );
        let added = |merged: &Document| {
            let types = merged.palette.iter().filter(|t| t.id.0 >= first.0);
            types.map(|t| t.name.clone()).collect::<Vec<_>>()
        };
        let ab = merge(&o, &a, &b).expect("valid");
        let ba = merge(&o, &b, &a).expect("valid");
        assert!(ab.conflicts.is_empty() && ba.conflicts.is_empty());
        assert_eq!(added(&ab), ["Custom", "Renamed"]);
        assert_eq!(added(&ba), ["Renamed", "Custom"]);
    }

    #[test]
    fn two_types_renamed_to_one_name_keep_ours_and_record_theirs() {
        let o = base();
        let rename = |id: u64| Edit::SetModelType {
            id: ModelTypeId(id),
            field: ModelTypeField::Name("Core".to_owned()),
        };
        let ours = with(&o, vec![rename(3)]);
        let theirs = with(&o, vec![rename(4)]);
        let merged = merge(&o, &ours, &theirs).expect("valid");
        assert_eq!(merged.model_type(ModelTypeId(3)).expect("3").name, "Core");
        assert_eq!(
            merged.model_type(ModelTypeId(4)).expect("4").name,
            o.model_type(ModelTypeId(4)).expect("4").name,
        );
        assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
        assert_eq!(merged.conflicts[0].item, ItemRef::ModelType(ModelTypeId(4)));
        assert_eq!(merged.conflicts[0].field, "name");
        assert!(merged.conflicts[0].theirs.contains("Core"));
    }

    #[test]
    fn an_id_one_side_freed_and_reused_for_another_kind_of_item_is_renumbered() {
        let o = base();
        // Theirs deletes the dependency (id 6) and reuses its id for a new source; ours changes the
        // dependency, so it stays, and a conflict says theirs deleted it.
        let ours = with(
            &o,
            vec![Edit::SetLink {
                id: Id(6),
                field: LinkField::Label("needs the card API".to_owned()),
            }],
        );
        let theirs = with(
            &o,
            vec![
                Edit::RemoveLink { id: Id(6) },
                Edit::InsertSource {
                    id: Id(6),
                    source: FundingSource::new("Venture fund", Point::default()),
                },
            ],
        );
        for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
            let merged = merge(&o, a, b).expect("valid");
            assert!(merged.links.contains_key(&Id(6)) || merged.sources.contains_key(&Id(6)));
            assert_eq!(merged.sources.len(), 2, "{merged:?}");
            assert!(merged.sources.values().any(|s| s.name == "Venture fund"));
            assert!(file::parse(&file::to_string(&merged), "merged").is_ok());
        }
    }

    #[test]
    fn a_link_added_to_a_team_the_other_side_deleted_is_a_conflict_not_a_broken_map() {
        let o = base();
        let a = with(&o, vec![Edit::RemoveTeam { id: Id(3) }]);
        let b = with(
            &o,
            vec![Edit::InsertLink {
                id: Id(7),
                link: Link::dependency(Id(3), Id(2)),
            }],
        );
        for (ours, theirs) in [(&a, &b), (&b, &a)] {
            let merged = merge(&o, ours, theirs).expect("valid");
            assert!(!merged.conflicts.is_empty(), "{merged:?}");
            assert!(file::parse(&file::to_string(&merged), "merged").is_ok());
        }
    }

    #[test]
    fn a_map_with_a_conflict_whose_value_does_not_read_is_refused() {
        let text = file::to_string(&base()).replace(
            "\n)",
            "\n    conflicts: [\n        (item: Link(4), field: \"kind\", ours: \"funding 40\", theirs: \"lots\"),\n    ],\n)",
        );
        let error = file::parse(&text, "hostile").expect_err("refused");
        assert!(error.to_string().contains("lots"), "{error}");
    }
}
