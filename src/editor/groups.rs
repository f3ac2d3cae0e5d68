//! The group actions: group the selection (Ctrl+G), ungroup, rename and set a group's fields,
//! add to and remove from a group, move a group with everything in it, collapse and expand.
//! Each is one undo step.

use std::collections::BTreeSet;

use super::{Editor, Notice, rules};
use crate::edit::{Edit, GroupField};
use crate::model::{Document, Group, GroupKind, Id, Point};

/// What a new group is called, numbered when the map has one of that name already.
pub const NEW_GROUP_NAME: &str = "New group";

/// The selection split into what grouping acts on: groups (those not inside another selected
/// group) and teams or funding sources (those not inside a selected group).
struct Selected {
    groups: Vec<Id>,
    nodes: Vec<Id>,
}

impl Selected {
    fn of(doc: &Document, selection: &BTreeSet<Id>) -> Self {
        let inside_selected = |ancestors: Vec<Id>| ancestors.iter().any(|a| selection.contains(a));
        let groups = selection
            .iter()
            .filter(|id| doc.groups.contains_key(id))
            .filter(|&&id| !inside_selected(doc.group_ancestors(id)))
            .copied()
            .collect();
        let nodes = selection
            .iter()
            .filter(|id| doc.node_kind(**id).is_some())
            .filter(|&&id| !inside_selected(doc.groups_containing(id)))
            .copied()
            .collect();
        Self { groups, nodes }
    }

    fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.nodes.is_empty()
    }
}

/// The innermost group that holds every item whose containers are given (a node's group, a
/// group's parent; `None` is the top level).
fn common_container(doc: &Document, containers: &[Option<Id>]) -> Option<Id> {
    let chain = |c: Option<Id>| -> Vec<Id> {
        c.map_or_else(Vec::new, |c| {
            std::iter::once(c).chain(doc.group_ancestors(c)).collect()
        })
    };
    let (first, rest) = containers.split_first()?;
    chain(*first)
        .into_iter()
        .find(|g| rest.iter().all(|&c| chain(c).contains(g)))
}

/// "New group", or "New group 2", 3, … when the name is taken.
fn new_group_name(doc: &Document) -> String {
    let taken: BTreeSet<&str> = doc.groups.values().map(|g| g.name.as_str()).collect();
    std::iter::once(NEW_GROUP_NAME.to_owned())
        .chain((2..).map(|n| format!("{NEW_GROUP_NAME} {n}")))
        .find(|name| !taken.contains(name.as_str()))
        .unwrap_or_else(|| NEW_GROUP_NAME.to_owned())
}

impl Editor {
    /// True when the selection holds a team, funding source or group.
    pub(super) fn selection_has_groupable(&self) -> bool {
        let doc = self.map.doc();
        self.session
            .selection
            .iter()
            .any(|id| doc.node_kind(*id).is_some() || doc.groups.contains_key(id))
    }

    pub(super) fn selection_has_group(&self) -> bool {
        let doc = self.map.doc();
        self.session
            .selection
            .iter()
            .any(|id| doc.groups.contains_key(id))
    }

    /// A new group of the selected teams, sources and groups, nested in the innermost group that
    /// holds them all. One undo step; the new group is selected.
    pub(super) fn group_selection(&mut self) -> Option<Notice> {
        let doc = self.map.doc();
        let selected = Selected::of(doc, &self.session.selection);
        if selected.is_empty() {
            return None;
        }
        let containers: Vec<Option<Id>> = selected
            .nodes
            .iter()
            .map(|&n| doc.group_of(n))
            .chain(
                selected
                    .groups
                    .iter()
                    .map(|g| doc.groups.get(g).and_then(|g| g.parent)),
            )
            .collect();
        let id = doc.next_id();
        let group = Group {
            parent: common_container(doc, &containers),
            ..Group::new(new_group_name(doc), GroupKind::BusinessUnit)
        };
        let mut edits = vec![Edit::InsertGroup { id, group }];
        if !selected.nodes.is_empty() {
            edits.push(Edit::SetGroup {
                id,
                field: GroupField::Members(selected.nodes),
            });
        }
        edits.extend(selected.groups.into_iter().map(|g| Edit::SetGroup {
            id: g,
            field: GroupField::Parent(Some(id)),
        }));
        self.edit(
            Edit::Batch(edits),
            "Group".to_owned(),
            Some(BTreeSet::from([id])),
        )
    }

    /// Ungroups the selected groups; what they held is selected.
    pub(super) fn ungroup_selection(&mut self) -> Option<Notice> {
        let doc = self.map.doc();
        let groups: Vec<Id> = self
            .session
            .selection
            .iter()
            .filter(|id| doc.groups.contains_key(id))
            .copied()
            .collect();
        if groups.is_empty() {
            return None;
        }
        let mut freed: BTreeSet<Id> = BTreeSet::new();
        for &g in &groups {
            freed.extend(&doc.groups[&g].members);
            freed.extend(doc.group_children(Some(g)));
        }
        freed.retain(|id| !groups.contains(id));
        let edits = groups
            .into_iter()
            .map(|id| Edit::RemoveGroup { id })
            .collect();
        self.edit(Edit::Batch(edits), "Ungroup".to_owned(), Some(freed))
    }

    /// Puts the selected teams, sources and groups into `group`.
    pub(super) fn add_to_group(&mut self, group: Id) -> Option<Notice> {
        if !self.map.doc().groups.contains_key(&group) {
            return None;
        }
        let edits = into_group_edits(self.map.doc(), &self.session.selection, group);
        if edits.is_empty() {
            return Some(Notice::Info("Already in that group".to_owned()));
        }
        self.edit(Edit::Batch(edits), "Add to group".to_owned(), None)
    }

    /// The end of a drag that moved `ids` and dropped them into `group`: the move and the new
    /// membership are one undo step.
    pub(super) fn move_into_group(
        &mut self,
        ids: &[Id],
        moves: &[(Id, Point)],
        group: Id,
    ) -> Option<Notice> {
        let doc = self.map.doc();
        let Some(name) = doc.groups.get(&group).map(|g| g.name.clone()) else {
            return self.apply_move(moves);
        };
        let joins = into_group_edits(doc, ids, group);
        if joins.is_empty() {
            return self.apply_move(moves);
        }
        let mut edits: Vec<Edit> = rules::move_edit(doc, moves).into_iter().collect();
        edits.extend(joins);
        self.edit(Edit::Batch(edits), format!("Move into {name}"), None)
    }

    /// Takes the selected teams, sources and groups one level out: into the parent of the group
    /// they are in, or out of every group at the top level.
    pub(super) fn remove_from_group(&mut self) -> Option<Notice> {
        let doc = self.map.doc();
        let parent_of = |g: Id| doc.groups.get(&g).and_then(|g| g.parent);
        let mut edits: Vec<Edit> = Vec::new();
        for &id in &self.session.selection {
            if let Some(group) = doc.group_of(id) {
                edits.push(Edit::SetNodeGroup {
                    node: id,
                    group: parent_of(group),
                });
            } else if let Some(parent) = parent_of(id) {
                edits.push(Edit::SetGroup {
                    id,
                    field: GroupField::Parent(parent_of(parent)),
                });
            }
        }
        if edits.is_empty() {
            return None;
        }
        self.edit(Edit::Batch(edits), "Remove from group".to_owned(), None)
    }

    /// Moves every member of `group`, nested groups' included, by `delta`: one undo step.
    pub(super) fn move_group(&mut self, group: Id, delta: (f32, f32)) -> Option<Notice> {
        let doc = self.map.doc();
        let ids = doc.group_all_members(group);
        let moves = rules::moved_positions(doc, &ids, delta, self.session.view.snap);
        let edit = rules::move_edit(doc, &moves)?;
        self.edit(edit, "Move group".to_owned(), None)
    }

    /// Collapses or expands `group`, or the selected groups when `None`.
    pub(super) fn set_collapsed(&mut self, group: Option<Id>, collapsed: bool) -> Option<Notice> {
        let doc = self.map.doc();
        let targets: Vec<Id> = match group {
            Some(group) => vec![group],
            None => self.session.selection.iter().copied().collect(),
        };
        let edits: Vec<Edit> = targets
            .into_iter()
            .filter(|id| doc.groups.get(id).is_some_and(|g| g.collapsed != collapsed))
            .map(|id| Edit::SetGroup {
                id,
                field: GroupField::Collapsed(collapsed),
            })
            .collect();
        if edits.is_empty() {
            return None;
        }
        let label = Edit::Batch(edits.clone()).describe();
        self.edit(Edit::Batch(edits), label, None)
    }

    /// Sets one field of `group` as one undo step; a name is trimmed, and an empty one ignored.
    pub(super) fn set_group_field(&mut self, group: Id, field: GroupField) -> Option<Notice> {
        let doc = self.map.doc();
        let current = doc.groups.get(&group)?;
        let field = match field {
            GroupField::Name(name) => {
                let name = name.trim().to_owned();
                if name.is_empty() || name == current.name {
                    return None;
                }
                GroupField::Name(name)
            }
            field => field,
        };
        let edit = Edit::SetGroup { id: group, field };
        let label = edit.describe();
        self.edit(edit, label, None)
    }
}

/// What puts `ids` (teams, sources and groups) into `group`: nothing for those already in it.
fn into_group_edits<'a>(
    doc: &Document,
    ids: impl IntoIterator<Item = &'a Id>,
    group: Id,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    for &id in ids {
        if doc.node_kind(id).is_some() && doc.group_of(id) != Some(group) {
            edits.push(Edit::SetNodeGroup {
                node: id,
                group: Some(group),
            });
        } else if id != group && doc.groups.get(&id).is_some_and(|g| g.parent != Some(group)) {
            edits.push(Edit::SetGroup {
                id,
                field: GroupField::Parent(Some(group)),
            });
        }
    }
    edits
}
