//! Every change to a document is an [`Edit`] value; applying one returns its inverse.

mod conflict;
pub mod field;
mod group;
mod history;

pub use conflict::{Keep, check_conflict, resolve};
pub use field::Field;
pub use group::GroupField;
pub use history::History;

use crate::model::limits::{
    MAX_ID, MAX_LINKS, MAX_MODEL_TYPES, MAX_NAME_CHARS, MAX_SOURCES, MAX_TEAMS,
};
use crate::model::{
    Budget, Color, Conflict, Document, FundingSource, Group, Horizon, Id, Link, LinkKind,
    ModelType, ModelTypeId, Point, Problem, Size, Team, link_subject, model_type_subject, name_key,
    same_name, source_subject, team_subject,
};

/// One field of a team, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum TeamField {
    Name(String),
    ModelType(ModelTypeId),
    Headcount(u32),
    Horizon(Option<Horizon>),
    Notes(String),
    Position(Point),
    Size(Size),
}

/// One field of a funding source, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceField {
    Name(String),
    Budget(Option<Budget>),
    Position(Point),
}

/// One field of a link, with its new value. `From` and `To` retarget the link.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkField {
    Kind(LinkKind),
    From(Id),
    To(Id),
    Label(String),
}

/// One field of a model type, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelTypeField {
    Name(String),
    Color(Color),
    Description(String),
}

/// A change to a document. Applying it either changes the document and returns the inverse edit,
/// or fails and leaves the document exactly as it was.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetTitle(String),
    InsertTeam {
        id: Id,
        team: Team,
    },
    /// Removes the team and every link that touches it.
    RemoveTeam {
        id: Id,
    },
    SetTeam {
        id: Id,
        field: TeamField,
    },
    InsertSource {
        id: Id,
        source: FundingSource,
    },
    /// Removes the source and every link that touches it.
    RemoveSource {
        id: Id,
    },
    SetSource {
        id: Id,
        field: SourceField,
    },
    InsertLink {
        id: Id,
        link: Link,
    },
    RemoveLink {
        id: Id,
    },
    SetLink {
        id: Id,
        field: LinkField,
    },
    /// Inserts at `index` in legend order (clamped to the end).
    InsertModelType {
        index: usize,
        model_type: ModelType,
    },
    /// Refused while any team has this type: retype those teams first (in the same batch).
    RemoveModelType {
        id: ModelTypeId,
    },
    SetModelType {
        id: ModelTypeId,
        field: ModelTypeField,
    },
    /// Inserts a group. Its members must be in no group yet, and its parent must exist.
    InsertGroup {
        id: Id,
        group: Group,
    },
    /// Ungroups: the group goes; its members and the groups nested in it move to its parent.
    RemoveGroup {
        id: Id,
    },
    SetGroup {
        id: Id,
        field: GroupField,
    },
    /// Lists team or funding source `node` in `group` (taking it out of the group that listed it),
    /// or in no group.
    SetNodeGroup {
        node: Id,
        group: Option<Id>,
    },
    /// Records a merge conflict at `index` in the document's list (clamped to the end).
    InsertConflict {
        index: usize,
        conflict: Conflict,
    },
    /// Forgets merge conflict `index`; see [`resolve`] for keeping one side of it.
    RemoveConflict {
        index: usize,
    },
    /// Applied in order, all or nothing.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The document is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no team, funding source, link or group with id {0}")]
    Missing(Id),
    #[error("there is no model type with id {0}")]
    MissingModelType(ModelTypeId),
    #[error("id {0} is already used")]
    IdTaken(Id),
    #[error("model type id {0} is already used")]
    ModelTypeIdTaken(ModelTypeId),
    #[error("{count} teams still have model type {name:?}")]
    ModelTypeInUse { name: String, count: usize },
    #[error("the map already has {max} {what}")]
    TooMany { what: &'static str, max: usize },
    #[error("{0}")]
    Invalid(Problem),
}

pub(crate) type EditResult = Result<Edit, EditError>;

impl Edit {
    /// Applies the edit. On success returns the edit that undoes it; on failure `doc` is unchanged.
    pub fn apply(self, doc: &mut Document) -> EditResult {
        match self {
            Self::SetTitle(title) => {
                if title.chars().count() > MAX_NAME_CHARS {
                    return Err(EditError::Invalid(Problem::new(
                        "the map",
                        format!("the title is longer than {MAX_NAME_CHARS} characters"),
                    )));
                }
                Ok(Self::SetTitle(std::mem::replace(&mut doc.title, title)))
            }
            Self::InsertTeam { id, team } => insert_team(doc, id, team),
            Self::RemoveTeam { id } => {
                let team = doc.teams.remove(&id).ok_or(EditError::Missing(id))?;
                let mut inverse = vec![Self::InsertTeam { id, team }];
                inverse.extend(group::leave_group(doc, id));
                inverse.extend(remove_links_touching(doc, id));
                Ok(Self::Batch(inverse))
            }
            Self::SetTeam { id, field } => set_team(doc, id, field),
            Self::InsertSource { id, source } => insert_source(doc, id, source),
            Self::RemoveSource { id } => {
                let source = doc.sources.remove(&id).ok_or(EditError::Missing(id))?;
                let mut inverse = vec![Self::InsertSource { id, source }];
                inverse.extend(group::leave_group(doc, id));
                inverse.extend(remove_links_touching(doc, id));
                Ok(Self::Batch(inverse))
            }
            Self::SetSource { id, field } => set_source(doc, id, field),
            Self::InsertLink { id, link } => insert_link(doc, id, link),
            Self::RemoveLink { id } => {
                let link = doc.links.remove(&id).ok_or(EditError::Missing(id))?;
                Ok(Self::InsertLink { id, link })
            }
            Self::SetLink { id, field } => set_link(doc, id, field),
            Self::InsertModelType { index, model_type } => {
                insert_model_type(doc, index, model_type)
            }
            Self::RemoveModelType { id } => remove_model_type(doc, id),
            Self::SetModelType { id, field } => set_model_type(doc, id, field),
            Self::InsertGroup { id, group } => group::insert_group(doc, id, group),
            Self::RemoveGroup { id } => group::remove_group(doc, id),
            Self::SetGroup { id, field } => group::set_group(doc, id, field),
            Self::SetNodeGroup { node, group } => group::set_node_group(doc, node, group),
            Self::InsertConflict { index, conflict } => {
                conflict::insert_conflict(doc, index, conflict)
            }
            Self::RemoveConflict { index } => conflict::remove_conflict(doc, index),
            Self::Batch(edits) => apply_batch(doc, edits),
        }
    }

    /// Whether the edit only moves teams and funding sources: what the map says (names, types,
    /// links, funding, groups) stays as it was, so figures worked out from it still hold.
    pub fn only_moves(&self) -> bool {
        match self {
            Self::SetTeam {
                field: TeamField::Position(_),
                ..
            }
            | Self::SetSource {
                field: SourceField::Position(_),
                ..
            } => true,
            Self::Batch(edits) => edits.iter().all(Self::only_moves),
            _ => false,
        }
    }

    /// A short label for the undo menu, for example "Move 3 teams".
    pub fn describe(&self) -> String {
        let (verb, noun) = self.verb_and_noun();
        let Self::Batch(edits) = self else {
            return format!("{verb} {noun}");
        };
        let mut parts = edits.iter().map(Self::verb_and_noun);
        let Some(first) = parts.next() else {
            return "Nothing".to_owned();
        };
        if parts.all(|part| part == first) && edits.len() > 1 {
            format!("{} {} {}s", first.0, edits.len(), first.1)
        } else if edits.len() == 1 {
            edits[0].describe()
        } else {
            format!("Edit {} items", edits.len())
        }
    }

    fn verb_and_noun(&self) -> (&'static str, &'static str) {
        match self {
            Self::SetTitle(_) => ("Rename", "map"),
            Self::InsertTeam { .. } => ("Add", "team"),
            Self::RemoveTeam { .. } => ("Delete", "team"),
            Self::SetTeam { field, .. } => match field {
                TeamField::Name(_) => ("Rename", "team"),
                TeamField::ModelType(_) => ("Retype", "team"),
                TeamField::Position(_) => ("Move", "team"),
                TeamField::Size(_) => ("Resize", "team"),
                TeamField::Headcount(_) | TeamField::Horizon(_) | TeamField::Notes(_) => {
                    ("Edit", "team")
                }
            },
            Self::InsertSource { .. } => ("Add", "funding source"),
            Self::RemoveSource { .. } => ("Delete", "funding source"),
            Self::SetSource { field, .. } => match field {
                SourceField::Name(_) => ("Rename", "funding source"),
                SourceField::Position(_) => ("Move", "funding source"),
                SourceField::Budget(_) => ("Edit", "funding source"),
            },
            Self::InsertLink { .. } => ("Add", "link"),
            Self::RemoveLink { .. } => ("Delete", "link"),
            Self::SetLink { field, .. } => match field {
                LinkField::From(_) | LinkField::To(_) => ("Retarget", "link"),
                LinkField::Kind(_) | LinkField::Label(_) => ("Edit", "link"),
            },
            Self::InsertModelType { .. } => ("Add", "model type"),
            Self::RemoveModelType { .. } => ("Delete", "model type"),
            Self::SetModelType { .. } => ("Edit", "model type"),
            Self::InsertGroup { .. } => ("Add", "group"),
            Self::RemoveGroup { .. } => ("Ungroup", "group"),
            Self::SetGroup { field, .. } => match field {
                GroupField::Name(_) => ("Rename", "group"),
                GroupField::Parent(_) => ("Nest", "group"),
                GroupField::Collapsed(true) => ("Collapse", "group"),
                GroupField::Collapsed(false) => ("Expand", "group"),
                GroupField::Kind(_)
                | GroupField::Color(_)
                | GroupField::Notes(_)
                | GroupField::Members(_) => ("Edit", "group"),
            },
            Self::SetNodeGroup { group: Some(_), .. } => ("Group", "item"),
            Self::SetNodeGroup { group: None, .. } => ("Ungroup", "item"),
            Self::InsertConflict { .. } => ("Restore", "conflict"),
            Self::RemoveConflict { .. } => ("Resolve", "conflict"),
            Self::Batch(_) => ("Edit", "items"),
        }
    }
}

fn invalid(subject: String, detail: String) -> EditError {
    EditError::Invalid(Problem::new(subject, detail))
}

fn ensure_free(doc: &Document, id: Id) -> Result<(), EditError> {
    if doc.contains(id) {
        Err(EditError::IdTaken(id))
    } else if id.0 > MAX_ID {
        Err(invalid(
            format!("item {id}"),
            format!("the id is above the largest id a map may use ({MAX_ID})"),
        ))
    } else {
        Ok(())
    }
}

/// The detail when `name` is already the name of a model type other than `id`, if it is.
fn name_taken(doc: &Document, id: ModelTypeId, name: &str) -> Option<String> {
    let key = name_key(name);
    doc.palette
        .iter()
        .find(|t| t.id != id && name_key(&t.name) == key)
        .map(same_name)
}

fn ensure_room(count: usize, max: usize, what: &'static str) -> Result<(), EditError> {
    if count >= max {
        Err(EditError::TooMany { what, max })
    } else {
        Ok(())
    }
}

fn insert_team(doc: &mut Document, id: Id, team: Team) -> EditResult {
    ensure_free(doc, id)?;
    ensure_room(doc.teams.len(), MAX_TEAMS, "teams")?;
    team.check(doc)
        .map_err(|detail| invalid(team_subject(id, &team), detail))?;
    doc.teams.insert(id, team);
    Ok(Edit::RemoveTeam { id })
}

fn insert_source(doc: &mut Document, id: Id, mut source: FundingSource) -> EditResult {
    ensure_free(doc, id)?;
    source.normalise();
    ensure_room(doc.sources.len(), MAX_SOURCES, "funding sources")?;
    source
        .check()
        .map_err(|detail| invalid(source_subject(id, &source), detail))?;
    doc.sources.insert(id, source);
    Ok(Edit::RemoveSource { id })
}

fn insert_link(doc: &mut Document, id: Id, link: Link) -> EditResult {
    ensure_free(doc, id)?;
    ensure_room(doc.links.len(), MAX_LINKS, "links")?;
    link.check(doc)
        .map_err(|detail| invalid(link_subject(id), detail))?;
    doc.links.insert(id, link);
    Ok(Edit::RemoveLink { id })
}

/// Removes every link touching `node` and returns the edits that put them back.
fn remove_links_touching(doc: &mut Document, node: Id) -> Vec<Edit> {
    let ids: Vec<Id> = doc.links_touching(node).map(|(id, _)| id).collect();
    ids.into_iter()
        .filter_map(|id| {
            doc.links
                .remove(&id)
                .map(|link| Edit::InsertLink { id, link })
        })
        .collect()
}

impl Team {
    /// Puts `field` into the team and returns the value it replaced.
    fn swap_field(&mut self, field: TeamField) -> TeamField {
        use std::mem::replace;
        match field {
            TeamField::Name(v) => TeamField::Name(replace(&mut self.name, v)),
            TeamField::ModelType(v) => TeamField::ModelType(replace(&mut self.model_type, v)),
            TeamField::Headcount(v) => TeamField::Headcount(replace(&mut self.headcount, v)),
            TeamField::Horizon(v) => TeamField::Horizon(replace(&mut self.horizon, v)),
            TeamField::Notes(v) => TeamField::Notes(replace(&mut self.notes, v)),
            TeamField::Position(v) => TeamField::Position(replace(&mut self.position, v)),
            TeamField::Size(v) => TeamField::Size(replace(&mut self.size, v)),
        }
    }
}

fn set_team(doc: &mut Document, id: Id, field: TeamField) -> EditResult {
    let team = doc.teams.get_mut(&id).ok_or(EditError::Missing(id))?;
    let old = team.swap_field(field);
    let team = &doc.teams[&id];
    if let Err(detail) = team.check(doc) {
        let subject = team_subject(id, team);
        if let Some(team) = doc.teams.get_mut(&id) {
            team.swap_field(old);
        }
        return Err(invalid(subject, detail));
    }
    Ok(Edit::SetTeam { id, field: old })
}

impl FundingSource {
    fn swap_field(&mut self, field: SourceField) -> SourceField {
        use std::mem::replace;
        match field {
            SourceField::Name(v) => SourceField::Name(replace(&mut self.name, v)),
            SourceField::Budget(v) => SourceField::Budget(replace(&mut self.budget, v)),
            SourceField::Position(v) => SourceField::Position(replace(&mut self.position, v)),
        }
    }
}

fn set_source(doc: &mut Document, id: Id, field: SourceField) -> EditResult {
    let source = doc.sources.get_mut(&id).ok_or(EditError::Missing(id))?;
    let old = source.swap_field(field);
    source.normalise();
    if let Err(detail) = source.check() {
        let subject = source_subject(id, source);
        source.swap_field(old);
        return Err(invalid(subject, detail));
    }
    Ok(Edit::SetSource { id, field: old })
}

impl Link {
    fn swap_field(&mut self, field: LinkField) -> LinkField {
        use std::mem::replace;
        match field {
            LinkField::Kind(v) => LinkField::Kind(replace(&mut self.kind, v)),
            LinkField::From(v) => LinkField::From(replace(&mut self.from, v)),
            LinkField::To(v) => LinkField::To(replace(&mut self.to, v)),
            LinkField::Label(v) => LinkField::Label(replace(&mut self.label, v)),
        }
    }
}

fn set_link(doc: &mut Document, id: Id, field: LinkField) -> EditResult {
    let link = doc.links.get_mut(&id).ok_or(EditError::Missing(id))?;
    let old = link.swap_field(field);
    if let Err(detail) = doc.links[&id].check(doc) {
        if let Some(link) = doc.links.get_mut(&id) {
            link.swap_field(old);
        }
        return Err(invalid(link_subject(id), detail));
    }
    Ok(Edit::SetLink { id, field: old })
}

fn insert_model_type(doc: &mut Document, index: usize, model_type: ModelType) -> EditResult {
    if doc.model_type(model_type.id).is_some() {
        return Err(EditError::ModelTypeIdTaken(model_type.id));
    }
    ensure_room(doc.palette.len(), MAX_MODEL_TYPES, "model types")?;
    if model_type.id.0 > MAX_ID {
        let detail = format!("the id is above the largest id a map may use ({MAX_ID})");
        return Err(invalid(model_type_subject(&model_type), detail));
    }
    model_type
        .check()
        .and_then(|()| name_taken(doc, model_type.id, &model_type.name).map_or(Ok(()), Err))
        .map_err(|detail| invalid(model_type_subject(&model_type), detail))?;
    let id = model_type.id;
    doc.palette.insert(index.min(doc.palette.len()), model_type);
    Ok(Edit::RemoveModelType { id })
}

fn remove_model_type(doc: &mut Document, id: ModelTypeId) -> EditResult {
    let index = doc
        .palette
        .iter()
        .position(|t| t.id == id)
        .ok_or(EditError::MissingModelType(id))?;
    let count = doc.teams_of_type(id).count();
    if count > 0 {
        return Err(EditError::ModelTypeInUse {
            name: doc.palette[index].name.clone(),
            count,
        });
    }
    let model_type = doc.palette.remove(index);
    Ok(Edit::InsertModelType { index, model_type })
}

fn set_model_type(doc: &mut Document, id: ModelTypeId, field: ModelTypeField) -> EditResult {
    use std::mem::replace;
    let taken = match &field {
        ModelTypeField::Name(name) => name_taken(doc, id, name),
        _ => None,
    };
    let model_type = doc
        .palette
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or(EditError::MissingModelType(id))?;
    if let Some(detail) = taken {
        return Err(invalid(model_type_subject(model_type), detail));
    }
    let old = match field {
        ModelTypeField::Name(v) => ModelTypeField::Name(replace(&mut model_type.name, v)),
        ModelTypeField::Color(v) => ModelTypeField::Color(replace(&mut model_type.color, v)),
        ModelTypeField::Description(v) => {
            ModelTypeField::Description(replace(&mut model_type.description, v))
        }
    };
    if let Err(detail) = model_type.check() {
        let subject = model_type_subject(model_type);
        match old {
            ModelTypeField::Name(v) => model_type.name = v,
            ModelTypeField::Color(v) => model_type.color = v,
            ModelTypeField::Description(v) => model_type.description = v,
        }
        return Err(invalid(subject, detail));
    }
    Ok(Edit::SetModelType { id, field: old })
}

fn apply_batch(doc: &mut Document, edits: Vec<Edit>) -> EditResult {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(doc) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                // Roll back what this batch already did, newest first.
                for inverse in inverses.into_iter().rev() {
                    if let Err(rollback) = inverse.apply(doc) {
                        debug_assert!(false, "rolling back a batch failed: {rollback}");
                    }
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

#[cfg(test)]
mod group_tests;
#[cfg(test)]
mod tests;
