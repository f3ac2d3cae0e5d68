//! The document: plain data and its invariants; no egui, no I/O.

mod conflict;
mod document;
mod geometry;
mod group;
mod ids;
pub mod limits;
mod palette;
mod validate;

pub use conflict::{Conflict, DELETED, ItemRef, MAX_CONFLICT_TEXT_CHARS, WHOLE_ITEM};
pub use document::{Budget, Document, FundingSource, Horizon, Link, LinkKind, NodeKind, Team};
pub use geometry::{Point, Rect, Size};
pub use group::{Group, GroupKind};
pub use ids::{Id, ModelTypeId};
pub use palette::{Color, ModelType, ParseColorError, default_palette};
pub use validate::{
    Problem, ProblemList, cut_for_message, group_subject, link_subject, model_type_subject,
    name_key, same_name, source_subject, team_subject,
};
