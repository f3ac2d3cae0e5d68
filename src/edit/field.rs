//! Items field by field: list, compare, write as text, read back and set by an edit (for diff and merge).

use super::{Edit, GroupField, LinkField, ModelTypeField, SourceField, TeamField};
use crate::model::{
    Budget, Color, Document, FundingSource, Group, GroupKind, Horizon, Id, ItemRef, Link, LinkKind,
    ModelType, ModelTypeId, Point, Size, Team,
};

/// One field of any item, with its value.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Title(String),
    Team(TeamField),
    Source(SourceField),
    Link(LinkField),
    ModelType(ModelTypeField),
    Group(GroupField),
}

/// The fields of each kind of item, in the order [`fields_of`] lists them.
const TEAM_FIELDS: [&str; 7] = [
    "name",
    "model_type",
    "headcount",
    "horizon",
    "notes",
    "position",
    "size",
];
const SOURCE_FIELDS: [&str; 3] = ["name", "budget", "position"];
const LINK_FIELDS: [&str; 4] = ["kind", "from", "to", "label"];
const MODEL_TYPE_FIELDS: [&str; 3] = ["name", "color", "description"];
const GROUP_FIELDS: [&str; 7] = [
    "name",
    "kind",
    "color",
    "notes",
    "collapsed",
    "parent",
    "members",
];

fn field_names(item: ItemRef) -> &'static [&'static str] {
    match item {
        ItemRef::Map => &["title"],
        ItemRef::Team(_) => &TEAM_FIELDS,
        ItemRef::Source(_) => &SOURCE_FIELDS,
        ItemRef::Link(_) => &LINK_FIELDS,
        ItemRef::ModelType(_) => &MODEL_TYPE_FIELDS,
        ItemRef::Group(_) => &GROUP_FIELDS,
    }
}

/// Every field of `item` in `doc`, in a fixed order per kind; `None` when `doc` lacks the item.
pub fn fields_of(doc: &Document, item: ItemRef) -> Option<Vec<Field>> {
    Some(match item {
        ItemRef::Map => vec![Field::Title(doc.title.clone())],
        ItemRef::Team(id) => team_fields(doc.teams.get(&id)?),
        ItemRef::Source(id) => source_fields(doc.sources.get(&id)?),
        ItemRef::Link(id) => link_fields(doc.links.get(&id)?),
        ItemRef::ModelType(id) => model_type_fields(doc.model_type(id)?),
        ItemRef::Group(id) => group_fields(doc.groups.get(&id)?),
    })
}

fn group_fields(g: &Group) -> Vec<Field> {
    [
        GroupField::Name(g.name.clone()),
        GroupField::Kind(g.kind.clone()),
        GroupField::Color(g.color),
        GroupField::Notes(g.notes.clone()),
        GroupField::Collapsed(g.collapsed),
        GroupField::Parent(g.parent),
        GroupField::Members(g.members.clone()),
    ]
    .into_iter()
    .map(Field::Group)
    .collect()
}

fn team_fields(t: &Team) -> Vec<Field> {
    [
        TeamField::Name(t.name.clone()),
        TeamField::ModelType(t.model_type),
        TeamField::Headcount(t.headcount),
        TeamField::Horizon(t.horizon),
        TeamField::Notes(t.notes.clone()),
        TeamField::Position(t.position),
        TeamField::Size(t.size),
    ]
    .into_iter()
    .map(Field::Team)
    .collect()
}

fn source_fields(s: &FundingSource) -> Vec<Field> {
    [
        SourceField::Name(s.name.clone()),
        SourceField::Budget(s.budget.clone()),
        SourceField::Position(s.position),
    ]
    .into_iter()
    .map(Field::Source)
    .collect()
}

fn link_fields(l: &Link) -> Vec<Field> {
    [
        LinkField::Kind(l.kind),
        LinkField::From(l.from),
        LinkField::To(l.to),
        LinkField::Label(l.label.clone()),
    ]
    .into_iter()
    .map(Field::Link)
    .collect()
}

fn model_type_fields(t: &ModelType) -> Vec<Field> {
    [
        ModelTypeField::Name(t.name.clone()),
        ModelTypeField::Color(t.color),
        ModelTypeField::Description(t.description.clone()),
    ]
    .into_iter()
    .map(Field::ModelType)
    .collect()
}

impl Field {
    /// The field's name as in the file: `headcount`, `kind`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Team(f) => match f {
                TeamField::Name(_) => "name",
                TeamField::ModelType(_) => "model_type",
                TeamField::Headcount(_) => "headcount",
                TeamField::Horizon(_) => "horizon",
                TeamField::Notes(_) => "notes",
                TeamField::Position(_) => "position",
                TeamField::Size(_) => "size",
            },
            Self::Source(f) => match f {
                SourceField::Name(_) => "name",
                SourceField::Budget(_) => "budget",
                SourceField::Position(_) => "position",
            },
            Self::Link(f) => match f {
                LinkField::Kind(_) => "kind",
                LinkField::From(_) => "from",
                LinkField::To(_) => "to",
                LinkField::Label(_) => "label",
            },
            Self::ModelType(f) => match f {
                ModelTypeField::Name(_) => "name",
                ModelTypeField::Color(_) => "color",
                ModelTypeField::Description(_) => "description",
            },
            Self::Group(f) => match f {
                GroupField::Name(_) => "name",
                GroupField::Kind(_) => "kind",
                GroupField::Color(_) => "color",
                GroupField::Notes(_) => "notes",
                GroupField::Collapsed(_) => "collapsed",
                GroupField::Parent(_) => "parent",
                GroupField::Members(_) => "members",
            },
        }
    }

    /// Where an item sits and how it is drawn: layout, not meaning. A collapsed group is a way of
    /// looking at the map, like a position.
    pub fn is_layout(&self) -> bool {
        matches!(
            self,
            Self::Team(TeamField::Position(_) | TeamField::Size(_))
                | Self::Source(SourceField::Position(_))
                | Self::Group(GroupField::Collapsed(_))
        )
    }

    /// The value as text that [`Field::parse`] reads back exactly.
    pub fn to_text(&self) -> String {
        match self {
            Self::Title(text)
            | Self::Team(TeamField::Name(text) | TeamField::Notes(text))
            | Self::Source(SourceField::Name(text))
            | Self::Link(LinkField::Label(text))
            | Self::ModelType(ModelTypeField::Name(text) | ModelTypeField::Description(text))
            | Self::Group(GroupField::Name(text) | GroupField::Notes(text)) => text.clone(),
            Self::Team(TeamField::ModelType(id)) => id.to_string(),
            Self::Team(TeamField::Headcount(n)) => n.to_string(),
            Self::Team(TeamField::Horizon(h)) => h.map_or(String::new(), |h| format!("{h:?}")),
            Self::Team(TeamField::Position(p)) | Self::Source(SourceField::Position(p)) => {
                format!("{}, {}", p.x, p.y)
            }
            Self::Team(TeamField::Size(s)) => format!("{}, {}", s.width, s.height),
            Self::Source(SourceField::Budget(b)) => b
                .as_ref()
                .map_or(String::new(), |b| format!("{} {}", b.amount, b.currency)),
            Self::Link(LinkField::Kind(LinkKind::Dependency)) => "dependency".to_owned(),
            Self::Link(LinkField::Kind(LinkKind::Funding { allocation_percent })) => {
                format!("funding {allocation_percent}")
            }
            Self::Link(LinkField::From(id) | LinkField::To(id)) => id.to_string(),
            Self::ModelType(ModelTypeField::Color(c)) => c.to_string(),
            Self::Group(field) => field.to_text(),
        }
    }

    /// Reads the value of field `name` of an item like `item` from `text`, as [`Field::to_text`] writes it.
    pub fn parse(item: ItemRef, name: &str, text: &str) -> Result<Self, String> {
        let bad = |what: &str| format!("{text:?} is not {what}");
        let id = |t: &str| t.parse::<u64>().map_err(|_| bad("an id"));
        let owned = || text.to_owned();
        Ok(match (item, name) {
            (ItemRef::Map, "title") => Self::Title(owned()),
            (ItemRef::Team(_), "name") => Self::Team(TeamField::Name(owned())),
            (ItemRef::Team(_), "notes") => Self::Team(TeamField::Notes(owned())),
            (ItemRef::Team(_), "model_type") => {
                Self::Team(TeamField::ModelType(ModelTypeId(id(text)?)))
            }
            (ItemRef::Team(_), "headcount") => Self::Team(TeamField::Headcount(
                text.parse().map_err(|_| bad("a headcount"))?,
            )),
            (ItemRef::Team(_), "horizon") => Self::Team(TeamField::Horizon(if text.is_empty() {
                None
            } else {
                Some(
                    Horizon::ALL
                        .into_iter()
                        .find(|h| format!("{h:?}") == text)
                        .ok_or_else(|| bad("a horizon"))?,
                )
            })),
            (ItemRef::Team(_), "position") => {
                let (x, y) = pair(text).ok_or_else(|| bad("a position"))?;
                Self::Team(TeamField::Position(Point::new(x, y)))
            }
            (ItemRef::Team(_), "size") => {
                let (w, h) = pair(text).ok_or_else(|| bad("a size"))?;
                Self::Team(TeamField::Size(Size::new(w, h)))
            }
            (ItemRef::Source(_), "name") => Self::Source(SourceField::Name(owned())),
            (ItemRef::Source(_), "budget") => {
                Self::Source(SourceField::Budget(if text.is_empty() {
                    None
                } else {
                    let (amount, currency) = text.split_once(' ').ok_or_else(|| bad("a budget"))?;
                    Some(Budget {
                        amount: amount.parse().map_err(|_| bad("a budget"))?,
                        currency: currency.to_owned(),
                    })
                }))
            }
            (ItemRef::Source(_), "position") => {
                let (x, y) = pair(text).ok_or_else(|| bad("a position"))?;
                Self::Source(SourceField::Position(Point::new(x, y)))
            }
            (ItemRef::Link(_), "kind") => Self::Link(LinkField::Kind(if text == "dependency" {
                LinkKind::Dependency
            } else {
                let percent = text
                    .strip_prefix("funding ")
                    .and_then(|p| p.parse().ok())
                    .ok_or_else(|| bad("a link kind"))?;
                LinkKind::Funding {
                    allocation_percent: percent,
                }
            })),
            (ItemRef::Link(_), "from") => Self::Link(LinkField::From(Id(id(text)?))),
            (ItemRef::Link(_), "to") => Self::Link(LinkField::To(Id(id(text)?))),
            (ItemRef::Link(_), "label") => Self::Link(LinkField::Label(owned())),
            (ItemRef::ModelType(_), "name") => Self::ModelType(ModelTypeField::Name(owned())),
            (ItemRef::ModelType(_), "description") => {
                Self::ModelType(ModelTypeField::Description(owned()))
            }
            (ItemRef::ModelType(_), "color") => Self::ModelType(ModelTypeField::Color(
                text.parse::<Color>().map_err(|e| e.to_string())?,
            )),
            (ItemRef::Group(_), name) => Self::Group(GroupField::parse(name, text)?),
            _ => return Err(format!("{item} has no field {name:?}")),
        })
    }

    /// The edit that sets this field on `item`; `None` when the field does not belong to its kind.
    pub fn into_edit(self, item: ItemRef) -> Option<Edit> {
        Some(match (item, self) {
            (ItemRef::Map, Self::Title(title)) => Edit::SetTitle(title),
            (ItemRef::Team(id), Self::Team(field)) => Edit::SetTeam { id, field },
            (ItemRef::Source(id), Self::Source(field)) => Edit::SetSource { id, field },
            (ItemRef::Link(id), Self::Link(field)) => Edit::SetLink { id, field },
            (ItemRef::ModelType(id), Self::ModelType(field)) => Edit::SetModelType { id, field },
            (ItemRef::Group(id), Self::Group(field)) => Edit::SetGroup { id, field },
            _ => return None,
        })
    }
}

fn pair(text: &str) -> Option<(f32, f32)> {
    let (a, b) = text.split_once(", ")?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// A whole item as text: every field's text in [`fields_of`] order, as a RON list of strings.
pub fn item_to_text(doc: &Document, item: ItemRef) -> Option<String> {
    let texts: Vec<String> = fields_of(doc, item)?.iter().map(Field::to_text).collect();
    ron::to_string(&texts).ok()
}

/// The edit that inserts `item` as [`item_to_text`] wrote it.
pub fn insert_from_text(item: ItemRef, text: &str) -> Result<Edit, String> {
    let texts: Vec<String> =
        ron::from_str(text).map_err(|_| "is not a list of field values".to_owned())?;
    let names = field_names(item);
    if texts.len() != names.len() {
        return Err(format!(
            "has {} field values; {item} has {}",
            texts.len(),
            names.len()
        ));
    }
    let mut fields = Vec::with_capacity(texts.len());
    for (name, text) in names.iter().zip(&texts) {
        fields.push(Field::parse(item, name, text)?);
    }
    Ok(build(item, fields))
}

/// The insertion edit of an item with these fields, on top of a blank item of its kind.
fn build(item: ItemRef, fields: Vec<Field>) -> Edit {
    match item {
        ItemRef::Map => Edit::Batch(
            fields
                .into_iter()
                .filter_map(|f| f.into_edit(item))
                .collect(),
        ),
        ItemRef::Team(id) => {
            let mut team = Team::new("", ModelTypeId(0), Point::default());
            for field in fields {
                if let Field::Team(field) = field {
                    team.swap_field(field);
                }
            }
            Edit::InsertTeam { id, team }
        }
        ItemRef::Source(id) => {
            let mut source = FundingSource::new("", Point::default());
            for field in fields {
                if let Field::Source(field) = field {
                    source.swap_field(field);
                }
            }
            Edit::InsertSource { id, source }
        }
        ItemRef::Link(id) => {
            let mut link = Link::dependency(Id(0), Id(0));
            for field in fields {
                if let Field::Link(field) = field {
                    link.swap_field(field);
                }
            }
            Edit::InsertLink { id, link }
        }
        ItemRef::ModelType(id) => {
            let mut model_type = ModelType {
                id,
                name: String::new(),
                color: Color::rgb(0, 0, 0),
                description: String::new(),
            };
            for field in fields {
                match field {
                    Field::ModelType(ModelTypeField::Name(v)) => model_type.name = v,
                    Field::ModelType(ModelTypeField::Color(v)) => model_type.color = v,
                    Field::ModelType(ModelTypeField::Description(v)) => model_type.description = v,
                    _ => {}
                }
            }
            Edit::InsertModelType {
                index: usize::MAX,
                model_type,
            }
        }
        ItemRef::Group(id) => {
            let mut group = Group::new("", GroupKind::BusinessUnit);
            for field in fields {
                if let Field::Group(field) = field {
                    group.swap_field(field);
                }
            }
            // Members another group lists move here when the list is set, not when inserted.
            let members = std::mem::take(&mut group.members);
            let insert = Edit::InsertGroup { id, group };
            if members.is_empty() {
                insert
            } else {
                Edit::Batch(vec![
                    insert,
                    Edit::SetGroup {
                        id,
                        field: GroupField::Members(members),
                    },
                ])
            }
        }
    }
}

/// The edit that deletes `item` (links touching a deleted team or source go with it).
pub fn remove(item: ItemRef) -> Option<Edit> {
    Some(match item {
        ItemRef::Map => return None,
        ItemRef::Team(id) => Edit::RemoveTeam { id },
        ItemRef::Source(id) => Edit::RemoveSource { id },
        ItemRef::Link(id) => Edit::RemoveLink { id },
        ItemRef::ModelType(id) => Edit::RemoveModelType { id },
        ItemRef::Group(id) => Edit::RemoveGroup { id },
    })
}

/// Sets `field` of `item` without checking the document, for building a merged map that is
/// validated as a whole afterwards. Returns false when `doc` lacks the item or the field does not
/// belong to it.
pub fn set_unchecked(doc: &mut Document, item: ItemRef, field: Field) -> bool {
    match (item, field) {
        (ItemRef::Map, Field::Title(title)) => doc.title = title,
        (ItemRef::Team(id), Field::Team(field)) => {
            let Some(team) = doc.teams.get_mut(&id) else {
                return false;
            };
            team.swap_field(field);
        }
        (ItemRef::Source(id), Field::Source(field)) => {
            let Some(source) = doc.sources.get_mut(&id) else {
                return false;
            };
            source.swap_field(field);
        }
        (ItemRef::Link(id), Field::Link(field)) => {
            let Some(link) = doc.links.get_mut(&id) else {
                return false;
            };
            link.swap_field(field);
        }
        (ItemRef::ModelType(id), Field::ModelType(field)) => {
            let Some(t) = doc.palette.iter_mut().find(|t| t.id == id) else {
                return false;
            };
            match field {
                ModelTypeField::Name(v) => t.name = v,
                ModelTypeField::Color(v) => t.color = v,
                ModelTypeField::Description(v) => t.description = v,
            }
        }
        (ItemRef::Group(id), Field::Group(field)) => {
            let Some(group) = doc.groups.get_mut(&id) else {
                return false;
            };
            group.swap_field(field);
        }
        _ => return false,
    }
    true
}

/// Copies `item` from `from` into `doc` (replacing any item with its id) without checking.
pub fn copy_unchecked(doc: &mut Document, from: &Document, item: ItemRef) {
    match item {
        ItemRef::Map => doc.title.clone_from(&from.title),
        ItemRef::Team(id) => {
            if let Some(team) = from.teams.get(&id) {
                doc.teams.insert(id, team.clone());
            }
        }
        ItemRef::Source(id) => {
            if let Some(source) = from.sources.get(&id) {
                doc.sources.insert(id, source.clone());
            }
        }
        ItemRef::Link(id) => {
            if let Some(link) = from.links.get(&id) {
                doc.links.insert(id, link.clone());
            }
        }
        ItemRef::Group(id) => {
            if let Some(group) = from.groups.get(&id) {
                doc.groups.insert(id, group.clone());
            }
        }
        ItemRef::ModelType(id) => {
            let Some(index) = from.palette.iter().position(|t| t.id == id) else {
                return;
            };
            let model_type = from.palette[index].clone();
            if let Some(t) = doc.palette.iter_mut().find(|t| t.id == id) {
                *t = model_type;
            } else {
                doc.palette.insert(index.min(doc.palette.len()), model_type);
            }
        }
    }
}

/// Deletes `item` from `doc` without touching anything else (dangling links are the caller's).
pub fn remove_unchecked(doc: &mut Document, item: ItemRef) {
    match item {
        ItemRef::Map => {}
        ItemRef::Team(id) => {
            doc.teams.remove(&id);
        }
        ItemRef::Source(id) => {
            doc.sources.remove(&id);
        }
        ItemRef::Link(id) => {
            doc.links.remove(&id);
        }
        ItemRef::ModelType(id) => doc.palette.retain(|t| t.id != id),
        ItemRef::Group(id) => {
            doc.groups.remove(&id);
        }
    }
}
