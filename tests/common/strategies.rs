//! Random documents and random edits for property tests, shared by the test files that need them.

use std::collections::BTreeSet;

use proptest::prelude::*;
use teamscape::edit::{Edit, GroupField, LinkField, ModelTypeField, SourceField, TeamField};
use teamscape::model::{
    Budget, Color, Document, FundingSource, Group, GroupKind, Horizon, Id, Link, LinkKind,
    ModelType, ModelTypeId, Point, Size, Team,
};

pub const NAMES: &[&str] = &[
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
pub fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        (-5000.0f32..5000.0),
        (-5000i32..5000).prop_map(|v| v as f32)
    ]
}

pub fn team_strategy() -> impl Strategy<Value = Team> {
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

pub fn source_strategy() -> impl Strategy<Value = FundingSource> {
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

/// Group names: never empty, as validation asks.
const GROUP_NAMES: &[&str] = &["Retail", "Платформа", "🚀 Ventures", "Search \"stream\""];

fn group_kind(n: u16) -> GroupKind {
    match n % 4 {
        0 => GroupKind::BusinessUnit,
        1 => GroupKind::ValueStream,
        2 => GroupKind::Platform,
        _ => GroupKind::Other("Tribe".to_owned()),
    }
}

/// Raw material for one group: name, kind, parent pick, members pick (a bit per node), collapsed.
type GroupSeed = (u16, u16, Option<u16>, u64, bool);

/// A valid random document: ids are a random increasing sequence, links join existing items,
/// groups nest only in groups made before them and list each node at most once.
pub fn document_strategy() -> impl Strategy<Value = Document> {
    (
        prop::collection::vec(team_strategy(), 0..10),
        prop::collection::vec(source_strategy(), 0..4),
        prop::collection::vec(
            (any::<u16>(), any::<u16>(), prop::option::of(0.0f64..=100.0)),
            0..20,
        ),
        prop::collection::vec(1u64..5, 50),
        0..NAMES.len(),
        prop::collection::vec(
            (
                any::<u16>(),
                any::<u16>(),
                prop::option::of(any::<u16>()),
                any::<u64>(),
                any::<bool>(),
            ),
            0..5,
        ),
    )
        .prop_map(|(teams, sources, links, gaps, title, groups)| {
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
            add_groups(&mut doc, &groups, &mut next);
            doc
        })
}

fn add_groups(doc: &mut Document, seeds: &[GroupSeed], next: &mut impl FnMut() -> Id) {
    let nodes: Vec<Id> = doc.node_ids().collect();
    let mut grouped: BTreeSet<Id> = BTreeSet::new();
    let mut made: Vec<Id> = Vec::new();
    for &(name, kind, parent, members, collapsed) in seeds {
        let mut group = Group::new(
            GROUP_NAMES[usize::from(name) % GROUP_NAMES.len()],
            group_kind(kind),
        );
        group.parent = parent
            .filter(|_| !made.is_empty())
            .map(|p| made[usize::from(p) % made.len()]);
        group.collapsed = collapsed;
        group.members = nodes
            .iter()
            .enumerate()
            .filter(|(i, id)| members >> (i % 64) & 1 == 1 && !grouped.contains(id))
            .map(|(_, id)| *id)
            .collect();
        grouped.extend(&group.members);
        let id = next();
        doc.groups.insert(id, group);
        made.push(id);
    }
}

/// Raw material for one edit: kind, two picks and a number.
pub type Seed = (u8, u16, u16, f32);

/// The ids an edit may refer to: what the document holds now, or every id seen so far.
pub struct Ids {
    pub teams: Vec<Id>,
    pub sources: Vec<Id>,
    pub links: Vec<Id>,
    pub groups: Vec<Id>,
}

impl Ids {
    pub fn current(doc: &Document) -> Self {
        Self {
            teams: doc.teams.keys().copied().collect(),
            sources: doc.sources.keys().copied().collect(),
            links: doc.links.keys().copied().collect(),
            groups: doc.groups.keys().copied().collect(),
        }
    }

    /// Ids from earlier states, many of them deleted meanwhile (or reused by another kind).
    pub fn stale(seen: &BTreeSet<Id>) -> Self {
        let all: Vec<Id> = seen.iter().copied().collect();
        Self {
            teams: all.clone(),
            sources: all.clone(),
            links: all.clone(),
            groups: all,
        }
    }
}

/// Turns random numbers into an edit that refers to `ids`. Some edits are invalid on purpose
/// (missing ids, out-of-range values); they must be refused without changing anything.
pub fn edit_from_seed(doc: &Document, ids: &Ids, (kind, a, b, value): Seed) -> Edit {
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
    let group = pick(&ids.groups, b);
    let other_group = pick(&ids.groups, a);
    let node = if a % 3 == 0 { source } else { team };
    let model_type = doc
        .palette
        .get(usize::from(b) % doc.palette.len().max(1))
        .map_or(ModelTypeId(1), |t| t.id);
    match kind % 23 {
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
        16 => {
            let mut new = Group::new(
                GROUP_NAMES[usize::from(a) % GROUP_NAMES.len()],
                group_kind(b),
            );
            new.parent = (b % 2 == 0).then_some(group);
            new.members = if a % 4 == 0 {
                vec![team, other]
            } else {
                vec![node]
            };
            Edit::InsertGroup {
                id: doc.next_id(),
                group: new,
            }
        }
        17 => Edit::RemoveGroup { id: group },
        18 => Edit::SetGroup {
            id: group,
            field: GroupField::Parent((a % 3 != 0).then_some(other_group)),
        },
        19 => Edit::SetNodeGroup {
            node,
            group: (b % 4 != 0).then_some(group),
        },
        20 => Edit::SetGroup {
            id: group,
            field: GroupField::Members(if a % 2 == 0 {
                vec![team, source]
            } else {
                Vec::new()
            }),
        },
        21 => Edit::SetGroup {
            id: group,
            field: match a % 3 {
                0 => GroupField::Name(NAMES[usize::from(b) % NAMES.len()].to_owned()),
                1 => GroupField::Collapsed(b % 2 == 0),
                _ => GroupField::Color(Some(Color::rgb(a as u8, 3, 4))),
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

pub fn seed() -> impl Strategy<Value = Seed> {
    (any::<u8>(), any::<u16>(), any::<u16>(), -2000.0f32..2000.0)
}

pub fn seeds() -> impl Strategy<Value = Vec<Seed>> {
    prop::collection::vec(seed(), 0..120)
}
