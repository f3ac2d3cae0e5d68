//! Property tests: random edit sequences undo exactly; random sessions of edits, undos, redos and
//! edits of deleted items never panic and keep the document valid; random documents survive save
//! and load.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use teamscape::edit::{Edit, History, LinkField, ModelTypeField, SourceField, TeamField};
use teamscape::file;
use teamscape::model::{
    Budget, Color, Document, FundingSource, Horizon, Id, Link, LinkKind, ModelType, ModelTypeId,
    Point, Size, Team,
};

const NAMES: &[&str] = &[
    "Checkout",
    "Payments & Risk",
    "Платформа",
    "検索チーム",
    "فريق الدفع",
    "🚀 Launch",
    "",
    "quote \" and \\ backslash",
    "bidi \u{202e}override",
];

/// Small random numbers in canvas range, including negative and fractional ones.
fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        (-5000.0f32..5000.0),
        (-5000i32..5000).prop_map(|v| v as f32)
    ]
}

fn team_strategy() -> impl Strategy<Value = Team> {
    (
        0..NAMES.len(),
        1u64..=6,
        0u32..200,
        prop::option::of(0..Horizon::ALL.len()),
        coordinate(),
        coordinate(),
        (16.0f32..600.0, 16.0f32..400.0),
        0..NAMES.len(),
    )
        .prop_map(|(name, ty, headcount, horizon, x, y, (w, h), notes)| Team {
            name: NAMES[name].to_owned(),
            model_type: ModelTypeId(ty),
            headcount,
            horizon: horizon.map(|i| Horizon::ALL[i]),
            notes: NAMES[notes].repeat(2),
            position: Point::new(x, y),
            size: Size::new(w, h),
        })
}

fn source_strategy() -> impl Strategy<Value = FundingSource> {
    (
        0..NAMES.len(),
        prop::option::of((
            0.0f64..1e12,
            prop::sample::select(vec!["EUR", "USD", "¥", ""]),
        )),
        coordinate(),
        coordinate(),
    )
        .prop_map(|(name, budget, x, y)| FundingSource {
            name: NAMES[name].to_owned(),
            budget: budget.map(|(amount, currency)| Budget {
                amount,
                currency: currency.to_owned(),
            }),
            position: Point::new(x, y),
        })
}

/// A valid random document: ids are a random increasing sequence, links join existing items.
fn document_strategy() -> impl Strategy<Value = Document> {
    (
        prop::collection::vec(team_strategy(), 0..10),
        prop::collection::vec(source_strategy(), 0..4),
        prop::collection::vec(
            (any::<u16>(), any::<u16>(), prop::option::of(0.0f64..=100.0)),
            0..20,
        ),
        prop::collection::vec(1u64..5, 40),
        0..NAMES.len(),
    )
        .prop_map(|(teams, sources, links, gaps, title)| {
            let mut doc = Document::new(NAMES[title]);
            let mut ids = gaps.iter().scan(0u64, |id, gap| {
                *id += gap;
                Some(Id(*id))
            });
            let mut next = || ids.next().unwrap_or(Id(0));
            for team in teams {
                doc.teams.insert(next(), team);
            }
            for source in sources {
                doc.sources.insert(next(), source);
            }
            let team_ids: Vec<Id> = doc.teams.keys().copied().collect();
            let node_ids: Vec<Id> = doc
                .teams
                .keys()
                .chain(doc.sources.keys())
                .copied()
                .collect();
            if team_ids.len() >= 2 {
                for (a, b, allocation) in links {
                    let to = team_ids[usize::from(b) % team_ids.len()];
                    let link = match allocation {
                        Some(percent) => {
                            Link::funding(node_ids[usize::from(a) % node_ids.len()], to, percent)
                        }
                        None => Link::dependency(team_ids[usize::from(a) % team_ids.len()], to),
                    };
                    if link.from != link.to {
                        doc.links.insert(next(), link);
                    }
                }
            }
            doc
        })
}

/// Raw material for one edit: kind, two picks and a number.
type Seed = (u8, u16, u16, f32);

/// The ids an edit may refer to: what the document holds now, or every id seen so far.
struct Ids {
    teams: Vec<Id>,
    sources: Vec<Id>,
    links: Vec<Id>,
}

impl Ids {
    fn current(doc: &Document) -> Self {
        Self {
            teams: doc.teams.keys().copied().collect(),
            sources: doc.sources.keys().copied().collect(),
            links: doc.links.keys().copied().collect(),
        }
    }

    /// Ids from earlier states, many of them deleted meanwhile (or reused by another kind).
    fn stale(seen: &BTreeSet<Id>) -> Self {
        let all: Vec<Id> = seen.iter().copied().collect();
        Self {
            teams: all.clone(),
            sources: all.clone(),
            links: all,
        }
    }
}

/// Turns random numbers into an edit that refers to `ids`. Some edits are invalid on purpose
/// (missing ids, out-of-range values); they must be refused without changing anything.
fn edit_from_seed(doc: &Document, ids: &Ids, (kind, a, b, value): Seed) -> Edit {
    let pick = |ids: &[Id], n: u16| -> Id {
        if ids.is_empty() {
            Id(u64::from(n))
        } else {
            ids[usize::from(n) % ids.len()]
        }
    };
    let team = pick(&ids.teams, a);
    let other = pick(&ids.teams, b);
    let source = pick(&ids.sources, a);
    let link = pick(&ids.links, a);
    let model_type = doc
        .palette
        .get(usize::from(b) % doc.palette.len().max(1))
        .map_or(ModelTypeId(1), |t| t.id);
    match kind % 16 {
        0 => Edit::InsertTeam {
            id: doc.next_id(),
            team: Team::new(
                NAMES[usize::from(a) % NAMES.len()],
                model_type,
                Point::new(value, -value),
            ),
        },
        1 => Edit::RemoveTeam { id: team },
        2 => Edit::SetTeam {
            id: team,
            field: TeamField::Position(Point::new(value, f32::from(b))),
        },
        3 => Edit::SetTeam {
            id: team,
            field: TeamField::Size(Size::new(value.abs(), 72.0)),
        },
        4 => Edit::SetTeam {
            id: team,
            field: TeamField::Name(NAMES[usize::from(b) % NAMES.len()].to_owned()),
        },
        5 => Edit::SetTeam {
            id: team,
            field: TeamField::ModelType(model_type),
        },
        6 => Edit::InsertLink {
            id: doc.next_id(),
            link: Link::dependency(team, other),
        },
        7 => Edit::InsertLink {
            id: doc.next_id(),
            link: Link::funding(source, other, f64::from(value)),
        },
        8 => Edit::RemoveLink { id: link },
        9 => Edit::SetLink {
            id: link,
            field: LinkField::Kind(LinkKind::Funding {
                allocation_percent: f64::from(value),
            }),
        },
        10 => Edit::SetLink {
            id: link,
            field: LinkField::To(other),
        },
        11 => Edit::InsertSource {
            id: doc.next_id(),
            source: FundingSource::new("Fund", Point::new(value, 0.0)),
        },
        12 => Edit::RemoveSource { id: source },
        13 => Edit::SetSource {
            id: source,
            field: SourceField::Position(Point::new(0.0, value)),
        },
        14 => Edit::InsertModelType {
            index: usize::from(a),
            model_type: ModelType {
                id: doc.next_model_type_id(),
                name: "Custom".into(),
                color: Color::rgb(a as u8, b as u8, 7),
                description: String::new(),
            },
        },
        _ => {
            if a % 2 == 0 {
                Edit::RemoveModelType { id: model_type }
            } else {
                Edit::Batch(vec![
                    Edit::SetModelType {
                        id: model_type,
                        field: ModelTypeField::Name("Renamed".into()),
                    },
                    Edit::SetTeam {
                        id: team,
                        field: TeamField::Headcount(u32::from(b)),
                    },
                ])
            }
        }
    }
}

fn seed() -> impl Strategy<Value = Seed> {
    (any::<u8>(), any::<u16>(), any::<u16>(), -2000.0f32..2000.0)
}

fn seeds() -> impl Strategy<Value = Vec<Seed>> {
    prop::collection::vec(seed(), 0..120)
}

/// One step of a random editing session.
#[derive(Clone, Debug)]
enum Step {
    /// An edit built from what the document holds now.
    Edit(Seed),
    /// An edit built from ids seen at any earlier point, most of them deleted or undone since.
    Stale(Seed),
    Undo,
    Redo,
    /// Several edits recorded as one undo step, like the moves of one drag.
    Group(Vec<Seed>),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        4 => seed().prop_map(Step::Edit),
        2 => seed().prop_map(Step::Stale),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        1 => prop::collection::vec(seed(), 1..5).prop_map(Step::Group),
    ];
    prop::collection::vec(step, 0..150)
}

/// Every id a document holds, to build stale edits from later.
fn remember_ids(doc: &Document, seen: &mut BTreeSet<Id>) {
    seen.extend(
        doc.teams
            .keys()
            .chain(doc.sources.keys())
            .chain(doc.links.keys()),
    );
}

/// Applies `seed` as an edit through `history`; a refused edit must leave `doc` as it was.
fn try_edit(
    doc: &mut Document,
    history: &mut History,
    ids: &Ids,
    seed: Seed,
) -> Result<bool, TestCaseError> {
    let edit = edit_from_seed(doc, ids, seed);
    let before = doc.clone();
    match history.apply(doc, edit.clone(), edit.describe()) {
        Ok(()) => Ok(true),
        Err(_) => {
            prop_assert_eq!(&*doc, &before, "a refused edit changed the document");
            Ok(false)
        }
    }
}

/// Runs `steps` on `start`, checking after every step that the document is valid, that undo and
/// redo land exactly on the states a plain list of snapshots predicts, and that equal history
/// state ids mean equal documents (what dirty tracking relies on).
fn run_session(start: &Document, steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut doc = start.clone();
    let mut history = History::new();
    let mut snapshots = vec![start.clone()];
    let mut at: usize = 0;
    let mut seen = BTreeSet::new();
    remember_ids(&doc, &mut seen);
    let mut by_state: BTreeMap<u64, Document> = BTreeMap::from([(history.state_id(), doc.clone())]);
    for step in steps {
        let changed = match step {
            Step::Edit(seed) => {
                let ids = Ids::current(&doc);
                try_edit(&mut doc, &mut history, &ids, seed)?
            }
            Step::Stale(seed) => try_edit(&mut doc, &mut history, &Ids::stale(&seen), seed)?,
            Step::Group(seeds) => {
                history.begin_group("drag");
                let mut any = false;
                for seed in seeds {
                    let ids = Ids::current(&doc);
                    any |= try_edit(&mut doc, &mut history, &ids, seed)?;
                }
                history.end_group();
                any
            }
            Step::Undo => {
                let undone = history.undo(&mut doc).expect("undo never fails");
                prop_assert_eq!(undone.is_some(), at > 0);
                at = at.saturating_sub(1);
                prop_assert_eq!(
                    &doc,
                    &snapshots[at],
                    "undo did not restore the earlier state"
                );
                false
            }
            Step::Redo => {
                let redone = history.redo(&mut doc).expect("redo never fails");
                prop_assert_eq!(redone.is_some(), at + 1 < snapshots.len());
                at = (at + 1).min(snapshots.len() - 1);
                prop_assert_eq!(&doc, &snapshots[at], "redo did not restore the later state");
                false
            }
        };
        if changed {
            snapshots.truncate(at + 1);
            snapshots.push(doc.clone());
            at += 1;
        } else {
            prop_assert_eq!(&doc, &snapshots[at]);
        }
        prop_assert_eq!(doc.validate(), Ok(()));
        let recorded = by_state
            .entry(history.state_id())
            .or_insert_with(|| doc.clone());
        prop_assert_eq!(&*recorded, &doc, "one history state id, two documents");
        remember_ids(&doc, &mut seen);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn undoing_every_edit_restores_the_start_exactly(start in document_strategy(), seeds in seeds()) {
        let mut doc = start.clone();
        let mut history = History::new();
        let mut applied = 0;
        for seed in seeds {
            let edit = edit_from_seed(&doc, &Ids::current(&doc), seed);
            let before = doc.clone();
            match history.apply(&mut doc, edit.clone(), edit.describe()) {
                Ok(()) => applied += 1,
                Err(_) => prop_assert_eq!(&doc, &before, "a refused edit changed the document"),
            }
            prop_assert_eq!(doc.validate(), Ok(()));
        }
        let end = doc.clone();
        for _ in 0..applied {
            prop_assert!(history.undo(&mut doc).expect("undo applies").is_some());
            prop_assert_eq!(doc.validate(), Ok(()));
        }
        prop_assert_eq!(&doc, &start);
        prop_assert!(!history.can_undo());
        for _ in 0..applied {
            history.redo(&mut doc).expect("redo applies");
        }
        prop_assert_eq!(&doc, &end);
    }

    #[test]
    fn undo_redo_and_stale_edits_in_any_order_keep_the_document_valid(
        start in document_strategy(),
        steps in steps(),
    ) {
        run_session(&start, steps)?;
    }

    #[test]
    fn save_then_load_gives_back_the_document_and_saving_is_byte_stable(doc in document_strategy()) {
        prop_assert_eq!(doc.validate(), Ok(()));
        let text = file::to_string(&doc);
        let loaded = file::parse(&text, "generated").expect("a saved document loads");
        prop_assert_eq!(&loaded, &doc);
        prop_assert_eq!(file::to_string(&loaded), text);
    }
}
