use super::*;
use crate::model::{Color, ModelTypeId};

fn sample() -> Document {
    let mut doc = Document::new("Sample");
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
    doc.links.insert(Id(7), Link::dependency(Id(3), Id(1)));
    assert_eq!(doc.validate(), Ok(()));
    doc
}

/// Applies `edit`, checks `changed` on the result, then checks that the inverse restores the
/// original exactly and that undoing the undo gives the edited document again.
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

fn assert_refused(edit: Edit) -> EditError {
    let original = sample();
    let mut doc = original.clone();
    let error = edit.apply(&mut doc).expect_err("edit was accepted");
    assert_eq!(doc, original, "a refused edit changed the document");
    error
}

#[test]
fn set_title_round_trips() {
    assert_round_trip(Edit::SetTitle("Q3".into()), |doc| {
        assert_eq!(doc.title, "Q3")
    });
}

#[test]
fn insert_team_round_trips() {
    let team = Team::new("Fraud", ModelTypeId(5), Point::new(600.0, 0.0));
    assert_round_trip(Edit::InsertTeam { id: Id(8), team }, |doc| {
        assert_eq!(doc.teams[&Id(8)].name, "Fraud");
    });
}

#[test]
fn undo_restores_deleted_team_with_its_links() {
    assert_round_trip(Edit::RemoveTeam { id: Id(1) }, |doc| {
        assert!(!doc.teams.contains_key(&Id(1)));
        assert!(
            doc.links.is_empty(),
            "links to the team stayed: {:?}",
            doc.links
        );
    });
}

#[test]
fn every_team_field_round_trips() {
    let fields = [
        TeamField::Name("Checkout & Cart".into()),
        TeamField::ModelType(ModelTypeId(2)),
        TeamField::Headcount(12),
        TeamField::Horizon(Some(Horizon::Quarters)),
        TeamField::Notes("Owns the basket".into()),
        TeamField::Position(Point::new(40.0, 80.0)),
        TeamField::Size(Size::new(240.0, 90.0)),
    ];
    for field in fields {
        let expected = field.clone();
        assert_round_trip(Edit::SetTeam { id: Id(1), field }, |doc| {
            let mut team = doc.teams[&Id(1)].clone();
            assert_eq!(team.swap_field(expected.clone()), expected);
        });
    }
}

#[test]
fn insert_and_remove_source_round_trip() {
    let source = FundingSource::new("Innovation fund", Point::new(500.0, -200.0));
    assert_round_trip(Edit::InsertSource { id: Id(9), source }, |doc| {
        assert!(doc.sources.contains_key(&Id(9)));
    });
    assert_round_trip(Edit::RemoveSource { id: Id(4) }, |doc| {
        assert!(doc.sources.is_empty());
        assert!(!doc.links.contains_key(&Id(6)), "funding link stayed");
    });
}

#[test]
fn every_source_field_round_trips() {
    let budget = Budget {
        amount: 2_000_000.0,
        currency: "EUR".into(),
    };
    for field in [
        SourceField::Name("Core budget".into()),
        SourceField::Budget(Some(budget)),
        SourceField::Position(Point::new(10.0, 10.0)),
    ] {
        assert_round_trip(Edit::SetSource { id: Id(4), field }, |_| {});
    }
}

#[test]
fn insert_and_remove_link_round_trip() {
    assert_round_trip(
        Edit::InsertLink {
            id: Id(10),
            link: Link::dependency(Id(2), Id(3)),
        },
        |doc| assert_eq!(doc.links[&Id(10)].to, Id(3)),
    );
    assert_round_trip(Edit::RemoveLink { id: Id(5) }, |doc| {
        assert!(!doc.links.contains_key(&Id(5)));
    });
}

#[test]
fn every_link_field_round_trips() {
    let fields = [
        (
            Id(6),
            LinkField::Kind(LinkKind::Funding {
                allocation_percent: 35.0,
            }),
        ),
        (
            Id(5),
            LinkField::Kind(LinkKind::Funding {
                allocation_percent: 10.0,
            }),
        ),
        (Id(5), LinkField::From(Id(3))),
        (Id(5), LinkField::To(Id(3))),
        (Id(6), LinkField::Label("seed".into())),
    ];
    for (id, field) in fields {
        assert_round_trip(Edit::SetLink { id, field }, |_| {});
    }
}

#[test]
fn palette_edits_round_trip() {
    let model_type = ModelType {
        id: ModelTypeId(7),
        name: "Enabling Team".into(),
        color: Color::rgb(0x65, 0xa3, 0x0d),
        description: "Helps other teams adopt new skills".into(),
    };
    assert_round_trip(
        Edit::InsertModelType {
            index: 2,
            model_type,
        },
        |doc| {
            assert_eq!(doc.palette[2].id, ModelTypeId(7));
        },
    );
    assert_round_trip(Edit::RemoveModelType { id: ModelTypeId(4) }, |doc| {
        assert_eq!(doc.palette.len(), 5);
    });
    for field in [
        ModelTypeField::Name("Platform".into()),
        ModelTypeField::Color(Color::rgb(1, 2, 3)),
        ModelTypeField::Description("Shared".into()),
    ] {
        assert_round_trip(
            Edit::SetModelType {
                id: ModelTypeId(6),
                field,
            },
            |_| {},
        );
    }
}

#[test]
fn batch_round_trips_and_describes_itself() {
    let batch = Edit::Batch(vec![
        Edit::SetTeam {
            id: Id(1),
            field: TeamField::Position(Point::new(5.0, 5.0)),
        },
        Edit::SetTeam {
            id: Id(2),
            field: TeamField::Position(Point::new(305.0, 5.0)),
        },
        Edit::SetTeam {
            id: Id(3),
            field: TeamField::Position(Point::new(5.0, 205.0)),
        },
    ]);
    assert_eq!(batch.describe(), "Move 3 teams");
    assert_round_trip(batch, |doc| assert_eq!(doc.teams[&Id(3)].position.y, 205.0));
}

#[test]
fn removing_a_model_type_in_use_is_refused_unless_its_teams_are_retyped_first() {
    let error = assert_refused(Edit::RemoveModelType { id: ModelTypeId(6) });
    assert!(
        matches!(error, EditError::ModelTypeInUse { count: 1, .. }),
        "{error}"
    );
    assert_round_trip(
        Edit::Batch(vec![
            Edit::SetTeam {
                id: Id(2),
                field: TeamField::ModelType(ModelTypeId(5)),
            },
            Edit::RemoveModelType { id: ModelTypeId(6) },
        ]),
        |doc| assert!(doc.model_type(ModelTypeId(6)).is_none()),
    );
}

#[test]
fn invalid_edits_are_refused_and_change_nothing() {
    assert_refused(Edit::RemoveTeam { id: Id(42) });
    assert_refused(Edit::InsertTeam {
        id: Id(2),
        team: Team::new("Duplicate", ModelTypeId(1), Point::default()),
    });
    assert_refused(Edit::InsertTeam {
        id: Id(50),
        team: Team::new("Typeless", ModelTypeId(99), Point::default()),
    });
    assert_refused(Edit::SetTeam {
        id: Id(1),
        field: TeamField::Position(Point::new(f32::INFINITY, 0.0)),
    });
    assert_refused(Edit::SetTeam {
        id: Id(1),
        field: TeamField::ModelType(ModelTypeId(99)),
    });
    assert_refused(Edit::SetLink {
        id: Id(6),
        field: LinkField::Kind(LinkKind::Funding {
            allocation_percent: 130.0,
        }),
    });
    // A funding source cannot be the start of a dependency.
    assert_refused(Edit::SetLink {
        id: Id(6),
        field: LinkField::Kind(LinkKind::Dependency),
    });
    assert_refused(Edit::SetLink {
        id: Id(5),
        field: LinkField::To(Id(1)),
    });
    assert_refused(Edit::InsertLink {
        id: Id(11),
        link: Link::dependency(Id(1), Id(77)),
    });
    assert_refused(Edit::SetSource {
        id: Id(4),
        field: SourceField::Budget(Some(Budget {
            amount: f64::NAN,
            currency: "EUR".into(),
        })),
    });
    assert_refused(Edit::SetModelType {
        id: ModelTypeId(1),
        field: ModelTypeField::Name("x".repeat(10_000)),
    });
}

#[test]
fn a_failing_batch_rolls_back_what_it_already_did() {
    assert_refused(Edit::Batch(vec![
        Edit::RemoveTeam { id: Id(1) },
        Edit::SetTitle("changed".into()),
        Edit::RemoveTeam { id: Id(1) },
    ]));
}

#[test]
fn history_undoes_and_redoes_with_labels() {
    let mut doc = sample();
    let original = doc.clone();
    let mut history = History::new();
    history
        .apply(&mut doc, Edit::RemoveTeam { id: Id(3) }, "Delete team")
        .expect("applies");
    history
        .apply(&mut doc, Edit::SetTitle("Q4".into()), "Rename map")
        .expect("applies");
    let edited = doc.clone();
    assert_eq!(history.undo_label(), Some("Rename map"));
    assert_eq!(history.undo(&mut doc), Ok(Some("Rename map".into())));
    assert_eq!(history.undo(&mut doc), Ok(Some("Delete team".into())));
    assert_eq!(doc, original);
    assert_eq!(history.undo(&mut doc), Ok(None));
    assert_eq!(history.redo_label(), Some("Delete team"));
    history.redo(&mut doc).expect("redo");
    history.redo(&mut doc).expect("redo");
    assert_eq!(doc, edited);
    assert!(!history.can_redo());
}

#[test]
fn moves_keep_the_content_id_and_any_other_edit_changes_it_undo_and_redo_included() {
    let mut doc = sample();
    let mut history = History::new();
    let start = history.content_id();
    let apply = |history: &mut History, doc: &mut Document, edit: Edit| {
        history.apply(doc, edit, "step").expect("applies");
    };
    let move_to = |id: u64, x: f32| Edit::SetTeam {
        id: Id(id),
        field: TeamField::Position(Point::new(x, 0.0)),
    };
    // A drag: moves of a team and a source, as one step.
    history.begin_group("Move");
    apply(&mut history, &mut doc, move_to(1, 40.0));
    apply(
        &mut history,
        &mut doc,
        Edit::SetSource {
            id: Id(4),
            field: SourceField::Position(Point::new(40.0, -200.0)),
        },
    );
    history.end_group();
    let moved = history.state_id();
    assert_eq!(history.content_id(), start, "a move keeps the content");
    // A rename is new content; so is a resize.
    apply(
        &mut history,
        &mut doc,
        Edit::SetTeam {
            id: Id(1),
            field: TeamField::Name("Basket".into()),
        },
    );
    let renamed = history.content_id();
    assert_ne!(renamed, start);
    apply(&mut history, &mut doc, move_to(2, 500.0));
    assert_eq!(history.content_id(), renamed);
    apply(
        &mut history,
        &mut doc,
        Edit::SetTeam {
            id: Id(2),
            field: TeamField::Size(Size::new(240.0, 80.0)),
        },
    );
    let resized = history.content_id();
    assert_ne!(resized, renamed);
    // Undo walks back through the same content ids, redo forward again.
    history.undo(&mut doc).expect("undo");
    assert_eq!(history.content_id(), renamed);
    history.undo(&mut doc).expect("undo");
    history.undo(&mut doc).expect("undo");
    assert_eq!((history.state_id(), history.content_id()), (moved, start));
    history.redo(&mut doc).expect("redo");
    assert_eq!(history.content_id(), renamed);
    history.redo(&mut doc).expect("redo");
    history.redo(&mut doc).expect("redo");
    assert_eq!(history.content_id(), resized);
    // Forgetting the steps keeps what the document says.
    history.clear();
    assert_eq!(history.content_id(), resized);
}

#[test]
fn a_group_is_one_undo_step() {
    let mut doc = sample();
    let original = doc.clone();
    let mut history = History::new();
    history.begin_group("Move 2 teams");
    for (id, x) in [(Id(1), 10.0), (Id(2), 310.0), (Id(1), 20.0)] {
        history
            .apply(
                &mut doc,
                Edit::SetTeam {
                    id,
                    field: TeamField::Position(Point::new(x, 0.0)),
                },
                "ignored inside a group",
            )
            .expect("applies");
    }
    history.end_group();
    assert_eq!(history.undo_label(), Some("Move 2 teams"));
    history.undo(&mut doc).expect("undo");
    assert_eq!(doc, original);
    assert!(!history.can_undo());
}

#[test]
fn state_id_returns_to_the_saved_value_after_undo() {
    let mut doc = sample();
    let mut history = History::new();
    let saved = history.state_id();
    history
        .apply(&mut doc, Edit::SetTitle("x".into()), "Rename map")
        .expect("applies");
    assert_ne!(history.state_id(), saved);
    history.undo(&mut doc).expect("undo");
    assert_eq!(history.state_id(), saved);
    history
        .apply(&mut doc, Edit::SetTitle("y".into()), "Rename map")
        .expect("applies");
    history.undo(&mut doc).expect("undo");
    history.redo(&mut doc).expect("redo");
    assert_ne!(history.state_id(), saved);
}

#[test]
fn a_model_type_cannot_take_another_s_name() {
    let doc = sample();
    let taken = doc.palette[0].name.to_uppercase();
    let error = assert_refused(Edit::SetModelType {
        id: doc.palette[1].id,
        field: ModelTypeField::Name(format!(" {taken} ")),
    });
    assert!(error.to_string().contains("same name"), "{error}");
    let mut copy = doc.palette[0].clone();
    copy.id = doc.next_model_type_id();
    assert_refused(Edit::InsertModelType {
        index: 0,
        model_type: copy,
    });
    // Renaming a type to its own name in another case is fine.
    let mut doc = sample();
    let id = doc.palette[0].id;
    let own = doc.palette[0].name.to_lowercase();
    Edit::SetModelType {
        id,
        field: ModelTypeField::Name(own),
    }
    .apply(&mut doc)
    .expect("a type may change the case of its own name");
}

#[test]
fn budgets_are_kept_in_upper_case() {
    let mut doc = sample();
    let budget = Budget {
        amount: 5.0,
        currency: " eur".into(),
    };
    Edit::SetSource {
        id: Id(4),
        field: SourceField::Budget(Some(budget.clone())),
    }
    .apply(&mut doc)
    .expect("applies");
    let currency =
        |doc: &Document, id| doc.sources[&id].budget.as_ref().map(|b| b.currency.clone());
    assert_eq!(currency(&doc, Id(4)).as_deref(), Some("EUR"));
    let mut source = FundingSource::new("New", Point::default());
    source.budget = Some(budget);
    Edit::InsertSource { id: Id(9), source }
        .apply(&mut doc)
        .expect("applies");
    assert_eq!(currency(&doc, Id(9)).as_deref(), Some("EUR"));
}
