//! Edits of groups: insert, ungroup, set a field, and move a team or funding source in or out of a
//! group. Each keeps the membership rules (see [`Group`]) and returns its exact inverse. Also a
//! group's fields as text, for diff and merge.

use super::{Edit, EditError, EditResult, ensure_free, ensure_room, invalid};
use crate::model::limits::{MAX_GROUP_DEPTH, MAX_GROUPS};
use crate::model::{Color, Document, Group, GroupKind, Id, group_subject};

/// One field of a group, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum GroupField {
    Name(String),
    Kind(GroupKind),
    Color(Option<Color>),
    Notes(String),
    Collapsed(bool),
    /// Nests the group in another one (`None`: the top level). Refused when it would make a
    /// cycle or nest deeper than the limit.
    Parent(Option<Id>),
    /// The teams and funding sources listed directly in the group. Nodes another group lists
    /// move here; nodes left out are in no group afterwards.
    Members(Vec<Id>),
}

impl Group {
    /// Puts a plain field into the group and returns the value it replaced. `Parent` and
    /// `Members` need the document's checks, so [`set_group`] handles them.
    pub(super) fn swap_field(&mut self, field: GroupField) -> GroupField {
        use std::mem::replace;
        match field {
            GroupField::Name(v) => GroupField::Name(replace(&mut self.name, v)),
            GroupField::Kind(v) => GroupField::Kind(replace(&mut self.kind, v)),
            GroupField::Color(v) => GroupField::Color(replace(&mut self.color, v)),
            GroupField::Notes(v) => GroupField::Notes(replace(&mut self.notes, v)),
            GroupField::Collapsed(v) => GroupField::Collapsed(replace(&mut self.collapsed, v)),
            GroupField::Parent(v) => GroupField::Parent(replace(&mut self.parent, v)),
            GroupField::Members(mut v) => {
                v.sort_unstable();
                GroupField::Members(replace(&mut self.members, v))
            }
        }
    }
}

/// Why `node` cannot be a member, if it cannot: only teams and funding sources are.
fn check_member(doc: &Document, node: Id) -> Result<(), EditError> {
    if doc.node_kind(node).is_some() {
        Ok(())
    } else if doc.contains(node) {
        Err(invalid(
            format!("item {node}"),
            "is not a team or funding source; only those are members of groups".to_owned(),
        ))
    } else {
        Err(EditError::Missing(node))
    }
}

pub(super) fn insert_group(doc: &mut Document, id: Id, mut group: Group) -> EditResult {
    ensure_free(doc, id)?;
    ensure_room(doc.groups.len(), MAX_GROUPS, "groups")?;
    group.members.sort_unstable();
    group
        .check(id, doc)
        .map_err(|detail| invalid(group_subject(id, &group), detail))?;
    if let Some(parent) = group.parent
        && doc.group_depth(parent) >= MAX_GROUP_DEPTH
    {
        return Err(invalid(
            group_subject(id, &group),
            format!(
                "nested in group {parent} it would be deeper than the limit of {MAX_GROUP_DEPTH} levels"
            ),
        ));
    }
    if let Some((member, other)) = group
        .members
        .iter()
        .find_map(|&m| doc.group_of(m).map(|g| (m, g)))
    {
        return Err(invalid(
            group_subject(id, &group),
            format!(
                "lists {member}, which {} already lists; a team or funding source is listed in one group only",
                group_subject(other, &doc.groups[&other])
            ),
        ));
    }
    let members = !group.members.is_empty();
    doc.groups.insert(id, group);
    // Removing a group moves its members to its parent; to undo an insertion exactly they must go
    // back to being in no group, so the list is emptied first.
    Ok(if members {
        Edit::Batch(vec![
            Edit::SetGroup {
                id,
                field: GroupField::Members(Vec::new()),
            },
            Edit::RemoveGroup { id },
        ])
    } else {
        Edit::RemoveGroup { id }
    })
}

/// Ungroups: the group goes, its members and the groups nested in it move to its parent (or to
/// no group at the top level).
pub(super) fn remove_group(doc: &mut Document, id: Id) -> EditResult {
    let mut group = doc.groups.remove(&id).ok_or(EditError::Missing(id))?;
    let children: Vec<Id> = doc.group_children(Some(id)).collect();
    for child in &children {
        if let Some(c) = doc.groups.get_mut(child) {
            c.parent = group.parent;
        }
    }
    let members = std::mem::take(&mut group.members);
    if let Some(parent) = group.parent.and_then(|p| doc.groups.get_mut(&p)) {
        for &member in &members {
            parent.add_member(member);
        }
    }
    let mut inverse = vec![Edit::InsertGroup { id, group }];
    if !members.is_empty() {
        inverse.push(Edit::SetGroup {
            id,
            field: GroupField::Members(members),
        });
    }
    inverse.extend(children.into_iter().map(|child| Edit::SetGroup {
        id: child,
        field: GroupField::Parent(Some(id)),
    }));
    Ok(Edit::Batch(inverse))
}

pub(super) fn set_group(doc: &mut Document, id: Id, field: GroupField) -> EditResult {
    let Some(group) = doc.groups.get(&id) else {
        return Err(EditError::Missing(id));
    };
    match field {
        GroupField::Parent(Some(parent)) => doc
            .check_nesting(id, parent)
            .map_err(|detail| invalid(group_subject(id, group), detail))?,
        GroupField::Members(members) => return set_members(doc, id, members),
        _ => {}
    }
    let Some(group) = doc.groups.get_mut(&id) else {
        return Err(EditError::Missing(id));
    };
    let old = group.swap_field(field);
    let group = &doc.groups[&id];
    if let Err(detail) = group.check(id, doc) {
        let subject = group_subject(id, group);
        if let Some(group) = doc.groups.get_mut(&id) {
            group.swap_field(old);
        }
        return Err(invalid(subject, detail));
    }
    Ok(Edit::SetGroup { id, field: old })
}

/// Lists exactly `members` in group `id`, taking them from the groups that listed them.
fn set_members(doc: &mut Document, id: Id, mut members: Vec<Id>) -> EditResult {
    members.sort_unstable();
    if let Some(pair) = members.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(invalid(
            group_subject(id, &doc.groups[&id]),
            format!("lists member {} twice", pair[0]),
        ));
    }
    for &member in &members {
        check_member(doc, member)?;
    }
    let taken: Vec<(Id, Id)> = members
        .iter()
        .filter_map(|&m| doc.group_of(m).filter(|&g| g != id).map(|g| (m, g)))
        .collect();
    for &(member, from) in &taken {
        if let Some(group) = doc.groups.get_mut(&from) {
            group.remove_member(member);
        }
    }
    let Some(group) = doc.groups.get_mut(&id) else {
        return Err(EditError::Missing(id));
    };
    let old = std::mem::replace(&mut group.members, members);
    let restore = Edit::SetGroup {
        id,
        field: GroupField::Members(old),
    };
    if taken.is_empty() {
        return Ok(restore);
    }
    let mut inverse = vec![restore];
    inverse.extend(taken.into_iter().map(|(node, from)| Edit::SetNodeGroup {
        node,
        group: Some(from),
    }));
    Ok(Edit::Batch(inverse))
}

/// Lists `node` in `group`, or in no group, taking it out of the group that listed it.
pub(super) fn set_node_group(doc: &mut Document, node: Id, group: Option<Id>) -> EditResult {
    check_member(doc, node)?;
    if let Some(group) = group
        && !doc.groups.contains_key(&group)
    {
        return Err(EditError::Missing(group));
    }
    let old = doc.group_of(node);
    if old != group {
        leave_group(doc, node);
        if let Some(g) = group.and_then(|g| doc.groups.get_mut(&g)) {
            g.add_member(node);
        }
    }
    Ok(Edit::SetNodeGroup { node, group: old })
}

/// Takes `node` out of the group that lists it, for removing the node; the edit that puts it
/// back, if it was listed.
pub(super) fn leave_group(doc: &mut Document, node: Id) -> Option<Edit> {
    let group = doc.group_of(node)?;
    doc.groups.get_mut(&group)?.remove_member(node);
    Some(Edit::SetNodeGroup {
        node,
        group: Some(group),
    })
}

/// How the text of a user's own group kind starts, so that a label such as "platform" never reads
/// back as a built-in kind.
const OTHER_KIND: &str = "other: ";

impl GroupField {
    /// The value as text that [`GroupField::parse`] reads back exactly (see [`super::Field::to_text`]).
    pub fn to_text(&self) -> String {
        match self {
            Self::Name(text) | Self::Notes(text) => text.clone(),
            Self::Kind(GroupKind::Other(label)) => format!("{OTHER_KIND}{label}"),
            Self::Kind(built_in) => built_in.key().to_owned(),
            Self::Color(c) => c.map_or(String::new(), |c| c.to_string()),
            Self::Collapsed(v) => v.to_string(),
            Self::Parent(p) => p.map_or(String::new(), |p| p.to_string()),
            Self::Members(members) => members
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// Reads the value of field `name` of a group from `text`, as [`GroupField::to_text`] writes it.
    pub fn parse(name: &str, text: &str) -> Result<Self, String> {
        let bad = |what: &str| format!("{text:?} is not {what}");
        let id = |t: &str| t.parse::<u64>().map(Id).map_err(|_| bad("an id"));
        let owned = || text.to_owned();
        Ok(match name {
            "name" => GroupField::Name(owned()),
            "notes" => GroupField::Notes(owned()),
            "kind" => GroupField::Kind(match text.strip_prefix(OTHER_KIND) {
                Some(label) => GroupKind::Other(label.to_owned()),
                None => GroupKind::BUILT_IN
                    .into_iter()
                    .find(|k| k.key() == text)
                    .ok_or_else(|| bad("a group kind"))?,
            }),
            "color" if text.is_empty() => GroupField::Color(None),
            "color" => GroupField::Color(Some(text.parse::<Color>().map_err(|e| e.to_string())?)),
            "collapsed" => GroupField::Collapsed(text.parse().map_err(|_| bad("true or false"))?),
            "parent" if text.is_empty() => GroupField::Parent(None),
            "parent" => GroupField::Parent(Some(id(text)?)),
            "members" if text.is_empty() => GroupField::Members(Vec::new()),
            "members" => GroupField::Members(text.split(", ").map(id).collect::<Result<_, _>>()?),
            _ => return Err(format!("a group has no field {name:?}")),
        })
    }
}
