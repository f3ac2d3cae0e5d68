//! Groups in a diff: how their fields and membership changes read, and the edits that turn one
//! map's groups into another's without an invalid step between.

use super::{Edits, cut_for_message};
use crate::edit::field::Field;
use crate::edit::{Edit, GroupField};
use crate::model::{Document, Group, Id, ItemRef};

/// How many names a membership change lists before "and N more".
const NAMES_LISTED: usize = 5;

/// A group field as people read it: members and parents by name.
pub(super) fn show(doc: &Document, field: &GroupField) -> String {
    match field {
        GroupField::Name(text) | GroupField::Notes(text) => {
            format!("{:?}", cut_for_message(text, 60))
        }
        GroupField::Kind(kind) => kind.label().to_owned(),
        GroupField::Color(None) => "the kind's colour".to_owned(),
        GroupField::Color(Some(color)) => color.to_string(),
        GroupField::Collapsed(true) => "collapsed".to_owned(),
        GroupField::Collapsed(false) => "expanded".to_owned(),
        GroupField::Parent(None) => "top level".to_owned(),
        GroupField::Parent(Some(parent)) => doc.groups.get(parent).map_or_else(
            || format!("group {parent}"),
            |g| format!("{:?}", cut_for_message(&g.name, 60)),
        ),
        GroupField::Members(members) => names(doc, members),
    }
}

/// `"Checkout", "Search" and 3 more`, or "none".
fn names(doc: &Document, ids: &[Id]) -> String {
    if ids.is_empty() {
        return "none".to_owned();
    }
    let mut listed: Vec<String> = ids
        .iter()
        .take(NAMES_LISTED)
        .map(|&id| {
            doc.node_name(id).map_or_else(
                || format!("item {id}"),
                |n| format!("{:?}", cut_for_message(n, 60)),
            )
        })
        .collect();
    if ids.len() > NAMES_LISTED {
        listed.push(format!("{} more", ids.len() - NAMES_LISTED));
    }
    listed.join(", ")
}

/// `joined by "Checkout"; left by "Search"`: who came and went, named in the map they are in.
pub(super) fn membership_change(old: &Document, new: &Document, item: ItemRef) -> String {
    let ItemRef::Group(id) = item else {
        return String::new();
    };
    fn members(doc: &Document, id: Id) -> &[Id] {
        doc.groups.get(&id).map_or(&[], |g| &g.members)
    }
    let (before, after) = (members(old, id), members(new, id));
    let joined: Vec<Id> = after
        .iter()
        .filter(|m| before.binary_search(m).is_err())
        .copied()
        .collect();
    let left: Vec<Id> = before
        .iter()
        .filter(|m| after.binary_search(m).is_err())
        .copied()
        .collect();
    let mut parts = Vec::new();
    if !joined.is_empty() {
        parts.push(format!("joined by {}", names(new, &joined)));
    }
    if !left.is_empty() {
        parts.push(format!("left by {}", names(old, &left)));
    }
    if parts.is_empty() {
        "members changed".to_owned()
    } else {
        parts.join("; ")
    }
}

impl Edits {
    /// A new group goes in empty and at the top level; its members and parent come last.
    pub(super) fn insert_group(&mut self, new: &Document, id: Id) {
        let Some(group) = new.groups.get(&id) else {
            return;
        };
        self.insert_nodes.push(Edit::InsertGroup {
            id,
            group: Group {
                parent: None,
                members: Vec::new(),
                ..group.clone()
            },
        });
        self.attach(id, group);
    }

    /// A group that goes is emptied first, so removing it moves nobody into its parent.
    pub(super) fn empty_group(&mut self, old: &Document, id: Id) {
        if old.groups.get(&id).is_some_and(|g| !g.members.is_empty()) {
            self.detach_groups.push(Edit::SetGroup {
                id,
                field: GroupField::Members(Vec::new()),
            });
        }
    }

    /// Plain fields are set in place; a new parent or member list is set in two steps (out
    /// first, in last).
    pub(super) fn set_group(&mut self, old: &Document, id: Id, changed: Vec<Field>) {
        for field in changed {
            let Field::Group(field) = field else { continue };
            match field {
                GroupField::Parent(parent) => {
                    if old.groups.get(&id).is_some_and(|g| g.parent.is_some()) {
                        self.detach_groups.push(Edit::SetGroup {
                            id,
                            field: GroupField::Parent(None),
                        });
                    }
                    if parent.is_some() {
                        self.attach_groups.push(Edit::SetGroup {
                            id,
                            field: GroupField::Parent(parent),
                        });
                    }
                }
                GroupField::Members(members) => {
                    self.empty_group(old, id);
                    self.attach_groups.push(Edit::SetGroup {
                        id,
                        field: GroupField::Members(members),
                    });
                }
                field => self.set_nodes.push(Edit::SetGroup { id, field }),
            }
        }
    }

    /// A group both maps have with the same member ids still loses a member whose id became
    /// another kind of node (a team removed, a source added under its id): removing the node
    /// takes it out of the group, so the list is set again.
    pub(super) fn refresh_members(&mut self, old: &Document, new: &Document) {
        for (&id, group) in &new.groups {
            let same_list = old
                .groups
                .get(&id)
                .is_some_and(|g| g.members == group.members);
            let kind_changed = group
                .members
                .iter()
                .any(|&m| old.node_kind(m) != new.node_kind(m));
            if same_list && kind_changed {
                self.empty_group(old, id);
                self.attach_groups.push(Edit::SetGroup {
                    id,
                    field: GroupField::Members(group.members.clone()),
                });
            }
        }
    }

    fn attach(&mut self, id: Id, group: &Group) {
        if group.parent.is_some() {
            self.attach_groups.push(Edit::SetGroup {
                id,
                field: GroupField::Parent(group.parent),
            });
        }
        if !group.members.is_empty() {
            self.attach_groups.push(Edit::SetGroup {
                id,
                field: GroupField::Members(group.members.clone()),
            });
        }
    }
}
