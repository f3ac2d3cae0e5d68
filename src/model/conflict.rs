//! Merge conflicts kept in the document until someone resolves them, so a conflicted map still opens.

use std::fmt;

use super::{Document, Id, ModelTypeId, Problem};

/// An item of a document, of any kind: what a change or a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemRef {
    /// The map itself (its title).
    Map,
    ModelType(ModelTypeId),
    Source(Id),
    Team(Id),
    Link(Id),
    Group(Id),
}

impl ItemRef {
    /// The id on the canvas, for selecting and framing; `None` for the map and model types.
    pub fn id(self) -> Option<Id> {
        match self {
            Self::Team(id) | Self::Source(id) | Self::Link(id) | Self::Group(id) => Some(id),
            Self::Map | Self::ModelType(_) => None,
        }
    }

    /// Whether `doc` holds this item.
    pub fn exists_in(self, doc: &Document) -> bool {
        match self {
            Self::Map => true,
            Self::ModelType(id) => doc.model_type(id).is_some(),
            Self::Team(id) => doc.teams.contains_key(&id),
            Self::Source(id) => doc.sources.contains_key(&id),
            Self::Link(id) => doc.links.contains_key(&id),
            Self::Group(id) => doc.groups.contains_key(&id),
        }
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Map => f.write_str("the map"),
            Self::ModelType(id) => write!(f, "model type {id}"),
            Self::Source(id) => write!(f, "funding source {id}"),
            Self::Team(id) => write!(f, "team {id}"),
            Self::Link(id) => write!(f, "link {id}"),
            Self::Group(id) => write!(f, "group {id}"),
        }
    }
}

/// The field name of a conflict about a whole item: one side deleted it, the other changed it.
pub const WHOLE_ITEM: &str = "item";
/// The value text of a deleted item.
pub const DELETED: &str = "deleted";

/// One field both sides of a merge changed differently, or an item one side deleted and the other
/// changed. The document holds our value; `theirs` is what the other side had, as text that
/// `edit::Field::parse` reads back (for [`WHOLE_ITEM`]: [`DELETED`] or every field of the item).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub item: ItemRef,
    /// The field's name as in the file (`kind`, `headcount`), or [`WHOLE_ITEM`].
    pub field: String,
    pub ours: String,
    pub theirs: String,
}

/// Longest value text a conflict may hold: a whole item with long notes fits.
pub const MAX_CONFLICT_TEXT_CHARS: usize = 100_000;

impl Conflict {
    /// The checks that need only the document: the item exists unless our side deleted it, and the
    /// texts are bounded. Whether `theirs` reads as a value is the edit layer's check.
    pub fn check(&self, doc: &Document) -> Result<(), String> {
        for (side, text) in [("ours", &self.ours), ("theirs", &self.theirs)] {
            let count = text.chars().count();
            if count > MAX_CONFLICT_TEXT_CHARS {
                return Err(format!(
                    "the value of {side} is {count} characters long, above the limit of {MAX_CONFLICT_TEXT_CHARS}"
                ));
            }
        }
        let deleted_here = self.field == WHOLE_ITEM && self.ours == DELETED;
        match (self.item.exists_in(doc), deleted_here) {
            (true, true) => Err(format!(
                "says {} was deleted here, but the map has it",
                self.item
            )),
            (false, false) => Err(format!(
                "is about {}, which the map does not have",
                self.item
            )),
            _ => Ok(()),
        }
    }

    /// How `teamscape check` and the app name this conflict.
    pub fn subject(&self) -> String {
        format!("conflict on {} ({})", self.item, self.field)
    }

    pub fn problem(&self, detail: String) -> Problem {
        Problem::new(self.subject(), detail)
    }
}
