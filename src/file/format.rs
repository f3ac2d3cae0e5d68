//! The RON map format, version 2 (the current one), as serde types. Conversion to and from the
//! model lives here too. Older versions are read by their own modules ([`super::v1`]), which turn
//! what they read into this version's types.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::bounded;
pub use super::groups_format::GroupV2;
use crate::model::{
    Budget, Color, Conflict, Document, FundingSource, Horizon, Id, ItemRef, Link, LinkKind,
    ModelType, ModelTypeId, Point, Problem, Size, Team, team_subject,
};

/// The version this Teamscape writes. 2 added groups.
pub const VERSION: u32 = 2;

/// Read on its own when a file does not read as the current map, so that a newer file is refused
/// as newer before anything else in it is judged.
#[derive(Deserialize)]
#[serde(rename(deserialize = "map"))]
pub struct VersionProbe {
    pub version: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "map"))]
pub struct MapV2 {
    pub version: u32,
    #[serde(default)]
    pub title: String,
    #[serde(deserialize_with = "bounded::list")]
    pub model_types: Vec<ModelTypeV2>,
    #[serde(default, deserialize_with = "bounded::list")]
    pub teams: Vec<TeamV2>,
    #[serde(default, deserialize_with = "bounded::list")]
    pub funding_sources: Vec<SourceV2>,
    #[serde(default, deserialize_with = "bounded::list")]
    pub groups: Vec<GroupV2>,
    #[serde(default, deserialize_with = "bounded::list")]
    pub links: Vec<LinkV2>,
    /// Only in a map a merge left conflicts in; omitted when empty, so other maps never show it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<ConflictV2>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "conflict"))]
pub struct ConflictV2 {
    pub item: ItemV2,
    pub field: String,
    pub ours: String,
    pub theirs: String,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename(deserialize = "conflict item"))]
pub enum ItemV2 {
    Map,
    ModelType(u64),
    Source(u64),
    Team(u64),
    Link(u64),
    Group(u64),
}

impl From<ItemRef> for ItemV2 {
    fn from(item: ItemRef) -> Self {
        match item {
            ItemRef::Map => Self::Map,
            ItemRef::ModelType(id) => Self::ModelType(id.0),
            ItemRef::Source(id) => Self::Source(id.0),
            ItemRef::Team(id) => Self::Team(id.0),
            ItemRef::Link(id) => Self::Link(id.0),
            ItemRef::Group(id) => Self::Group(id.0),
        }
    }
}

impl From<ItemV2> for ItemRef {
    fn from(item: ItemV2) -> Self {
        match item {
            ItemV2::Map => Self::Map,
            ItemV2::ModelType(id) => Self::ModelType(ModelTypeId(id)),
            ItemV2::Source(id) => Self::Source(Id(id)),
            ItemV2::Team(id) => Self::Team(Id(id)),
            ItemV2::Link(id) => Self::Link(Id(id)),
            ItemV2::Group(id) => Self::Group(Id(id)),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "model type"))]
pub struct ModelTypeV2 {
    pub id: u64,
    pub name: String,
    pub color: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "team"))]
pub struct TeamV2 {
    pub id: u64,
    pub name: String,
    pub model_type: u64,
    #[serde(default)]
    pub headcount: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<HorizonV2>,
    pub x: f32,
    pub y: f32,
    #[serde(default = "default_width")]
    pub width: f32,
    #[serde(default = "default_height")]
    pub height: f32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

fn default_width() -> f32 {
    Team::DEFAULT_SIZE.width
}

fn default_height() -> f32 {
    Team::DEFAULT_SIZE.height
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename(deserialize = "horizon"))]
pub enum HorizonV2 {
    Hours,
    Days,
    Months,
    Quarters,
    Years,
    Decades,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "funding source"))]
pub struct SourceV2 {
    pub id: u64,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetV2>,
    pub x: f32,
    pub y: f32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "budget"))]
pub struct BudgetV2 {
    pub amount: f64,
    pub currency: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "link"))]
pub struct LinkV2 {
    pub id: u64,
    pub kind: LinkKindV2,
    pub from: u64,
    pub to: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "link kind"))]
pub enum LinkKindV2 {
    Dependency,
    Funding { allocation: f64 },
}

impl From<Horizon> for HorizonV2 {
    fn from(h: Horizon) -> Self {
        match h {
            Horizon::Hours => Self::Hours,
            Horizon::Days => Self::Days,
            Horizon::Months => Self::Months,
            Horizon::Quarters => Self::Quarters,
            Horizon::Years => Self::Years,
            Horizon::Decades => Self::Decades,
        }
    }
}

impl From<HorizonV2> for Horizon {
    fn from(h: HorizonV2) -> Self {
        match h {
            HorizonV2::Hours => Self::Hours,
            HorizonV2::Days => Self::Days,
            HorizonV2::Months => Self::Months,
            HorizonV2::Quarters => Self::Quarters,
            HorizonV2::Years => Self::Years,
            HorizonV2::Decades => Self::Decades,
        }
    }
}

impl MapV2 {
    pub fn from_document(doc: &Document) -> Self {
        Self {
            version: VERSION,
            title: doc.title.clone(),
            model_types: doc
                .palette
                .iter()
                .map(|t| ModelTypeV2 {
                    id: t.id.0,
                    name: t.name.clone(),
                    color: t.color.to_string(),
                    description: t.description.clone(),
                })
                .collect(),
            teams: doc
                .teams
                .iter()
                .map(|(id, t)| TeamV2 {
                    id: id.0,
                    name: t.name.clone(),
                    model_type: t.model_type.0,
                    headcount: t.headcount,
                    horizon: t.horizon.map(HorizonV2::from),
                    x: t.position.x,
                    y: t.position.y,
                    width: t.size.width,
                    height: t.size.height,
                    notes: t.notes.clone(),
                })
                .collect(),
            funding_sources: doc
                .sources
                .iter()
                .map(|(id, s)| SourceV2 {
                    id: id.0,
                    name: s.name.clone(),
                    budget: s.budget.as_ref().map(|b| BudgetV2 {
                        amount: b.amount,
                        currency: b.currency.clone(),
                    }),
                    x: s.position.x,
                    y: s.position.y,
                })
                .collect(),
            groups: doc
                .groups
                .iter()
                .map(|(id, g)| GroupV2::from_group(*id, g))
                .collect(),
            links: doc
                .links
                .iter()
                .map(|(id, l)| LinkV2 {
                    id: id.0,
                    kind: match l.kind {
                        LinkKind::Dependency => LinkKindV2::Dependency,
                        LinkKind::Funding { allocation_percent } => LinkKindV2::Funding {
                            allocation: allocation_percent,
                        },
                    },
                    from: l.from.0,
                    to: l.to.0,
                    label: l.label.clone(),
                })
                .collect(),
            conflicts: doc
                .conflicts
                .iter()
                .map(|c| ConflictV2 {
                    item: c.item.into(),
                    field: c.field.clone(),
                    ours: c.ours.clone(),
                    theirs: c.theirs.clone(),
                })
                .collect(),
        }
    }

    /// Builds the document. Only the problems a map cannot even hold (repeated ids within one
    /// list, unreadable colours) are found here; everything else is [`Document::validate`]'s job.
    pub fn into_document(self) -> Result<Document, Problem> {
        let mut palette = Vec::with_capacity(self.model_types.len());
        for t in self.model_types {
            let color: Color = t
                .color
                .parse()
                .map_err(|e: crate::model::ParseColorError| {
                    Problem::new(format!("model type {} {:?}", t.id, t.name), e.to_string())
                })?;
            palette.push(ModelType {
                id: ModelTypeId(t.id),
                name: t.name,
                color,
                description: t.description,
            });
        }

        let mut teams = BTreeMap::new();
        for t in self.teams {
            let id = Id(t.id);
            let team = Team {
                name: t.name,
                model_type: ModelTypeId(t.model_type),
                headcount: t.headcount,
                horizon: t.horizon.map(Horizon::from),
                notes: t.notes,
                position: Point::new(t.x, t.y),
                size: Size::new(t.width, t.height),
            };
            if let Some(first) = teams.get(&id) {
                return Err(Problem::new(
                    team_subject(id, &team),
                    format!(
                        "has the same id as {}; ids must be unique",
                        team_subject(id, first)
                    ),
                ));
            }
            teams.insert(id, team);
        }

        let mut sources = BTreeMap::new();
        for s in self.funding_sources {
            let id = Id(s.id);
            let mut source = FundingSource {
                name: s.name,
                budget: s.budget.map(|b| Budget {
                    amount: b.amount,
                    currency: b.currency,
                }),
                position: Point::new(s.x, s.y),
            };
            source.normalise();
            if sources.insert(id, source).is_some() {
                return Err(Problem::new(
                    format!("funding source {id}"),
                    "appears twice; ids must be unique",
                ));
            }
        }

        let mut links = BTreeMap::new();
        for l in self.links {
            let id = Id(l.id);
            let link = Link {
                kind: match l.kind {
                    LinkKindV2::Dependency => LinkKind::Dependency,
                    LinkKindV2::Funding { allocation } => LinkKind::Funding {
                        allocation_percent: allocation,
                    },
                },
                from: Id(l.from),
                to: Id(l.to),
                label: l.label,
            };
            if links.insert(id, link).is_some() {
                return Err(Problem::new(
                    format!("link {id}"),
                    "appears twice; ids must be unique",
                ));
            }
        }

        let mut groups = BTreeMap::new();
        for g in self.groups {
            let (id, group) = g.into_group()?;
            if groups.insert(id, group).is_some() {
                return Err(Problem::new(
                    format!("group {id}"),
                    "appears twice; ids must be unique",
                ));
            }
        }

        Ok(Document {
            title: self.title,
            palette,
            teams,
            sources,
            links,
            groups,
            conflicts: self
                .conflicts
                .into_iter()
                .map(|c| Conflict {
                    item: c.item.into(),
                    field: c.field,
                    ours: c.ours,
                    theirs: c.theirs,
                })
                .collect(),
        })
    }
}
