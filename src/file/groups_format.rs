//! How a group is written in a version 2 map: one line per group, members by id.

use serde::{Deserialize, Serialize};

use super::bounded;
use crate::model::{Color, Group, GroupKind, Id, ParseColorError, Problem, cut_for_message};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "group"))]
pub struct GroupV2 {
    pub id: u64,
    pub name: String,
    pub kind: GroupKindV2,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub collapsed: bool,
    /// Teams and funding sources listed directly in the group, in id order.
    #[serde(default, deserialize_with = "bounded::list")]
    pub members: Vec<MemberV2>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(value: &bool) -> bool {
    !value
}

/// A member's id; its own type so the list is bounded while it is read.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberV2(pub u64);

#[derive(Serialize, Deserialize)]
#[serde(rename(deserialize = "group kind"))]
pub enum GroupKindV2 {
    BusinessUnit,
    ValueStream,
    Platform,
    Other(String),
}

impl GroupV2 {
    pub fn from_group(id: Id, group: &Group) -> Self {
        Self {
            id: id.0,
            name: group.name.clone(),
            kind: match &group.kind {
                GroupKind::BusinessUnit => GroupKindV2::BusinessUnit,
                GroupKind::ValueStream => GroupKindV2::ValueStream,
                GroupKind::Platform => GroupKindV2::Platform,
                GroupKind::Other(label) => GroupKindV2::Other(label.clone()),
            },
            parent: group.parent.map(|p| p.0),
            color: group.color.map(|c| c.to_string()),
            collapsed: group.collapsed,
            members: group.members.iter().map(|m| MemberV2(m.0)).collect(),
            notes: group.notes.clone(),
        }
    }

    /// The group, its members sorted into id order (a hand-written file may list them in any
    /// order; the map keeps one). A member listed twice stays twice, for validation to name.
    pub fn into_group(self) -> Result<(Id, Group), Problem> {
        let id = Id(self.id);
        let subject = || format!("group {id} {:?}", cut_for_message(&self.name, 60));
        let color = match &self.color {
            Some(text) => Some(
                text.parse::<Color>()
                    .map_err(|e: ParseColorError| Problem::new(subject(), e.to_string()))?,
            ),
            None => None,
        };
        let mut members: Vec<Id> = self.members.iter().map(|m| Id(m.0)).collect();
        members.sort_unstable();
        Ok((
            id,
            Group {
                name: self.name,
                kind: match self.kind {
                    GroupKindV2::BusinessUnit => GroupKind::BusinessUnit,
                    GroupKindV2::ValueStream => GroupKind::ValueStream,
                    GroupKindV2::Platform => GroupKind::Platform,
                    GroupKindV2::Other(label) => GroupKind::Other(label),
                },
                color,
                notes: self.notes,
                parent: self.parent.map(Id),
                members,
                collapsed: self.collapsed,
            },
        ))
    }
}
