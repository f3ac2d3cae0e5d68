//! The invariants of groups: fields in bounds, members that exist and are listed once, nesting
//! without cycles and within the depth limit.

use std::collections::HashMap;

use super::{Problem, check_chars, check_long_text, id_too_large, same_id, shorten};
use crate::model::limits::{MAX_GROUP_DEPTH, MAX_GROUPS, MAX_ID, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{Document, Group, GroupKind, Id};
use crate::text::format_count;

pub fn group_subject(id: Id, group: &Group) -> String {
    format!("group {id} {:?}", shorten(&group.name))
}

/// What an id names, for a message about a member that is no team or funding source.
fn what_is(doc: &Document, id: Id) -> String {
    if doc.links.contains_key(&id) {
        format!("{id}, which is a link")
    } else if let Some(group) = doc.groups.get(&id) {
        format!(
            "{}; a group is nested by setting its parent, not listed as a member",
            group_subject(id, group)
        )
    } else {
        format!("{id}, which is not a team or funding source")
    }
}

impl Group {
    /// Field bounds, that the parent is another group and that every member is a team or funding
    /// source listed once, in id order. Whether the nesting loops or is too deep, and whether a
    /// member is listed in two groups, are questions about all groups: [`Document::validate`]
    /// and the edits ask them.
    pub fn check(&self, id: Id, doc: &Document) -> Result<(), String> {
        check_chars("the name", &self.name, MAX_NAME_CHARS)?;
        if self.name.trim().is_empty() {
            return Err("the name is empty; a group needs a name".to_owned());
        }
        if let GroupKind::Other(label) = &self.kind {
            check_chars("the kind", label, MAX_NAME_CHARS)?;
            if label.trim().is_empty() {
                return Err("the kind is empty; name the kind of group".to_owned());
            }
        }
        check_long_text("the notes", &self.notes, MAX_TEXT_CHARS)?;
        match self.parent {
            Some(parent) if parent == id => {
                return Err("is its own parent; groups never contain themselves".to_owned());
            }
            Some(parent) if !doc.groups.contains_key(&parent) => {
                return Err(format!("is nested in {parent}, which is not a group"));
            }
            _ => {}
        }
        for pair in self.members.windows(2) {
            if pair[0] == pair[1] {
                return Err(format!("lists member {} twice", pair[0]));
            }
            if pair[0] > pair[1] {
                return Err(format!(
                    "lists its members out of id order ({} before {})",
                    pair[0], pair[1]
                ));
            }
        }
        if let Some(&member) = self.members.iter().find(|&&m| doc.node_kind(m).is_none()) {
            return Err(format!(
                "lists member {}; members are teams and funding sources",
                what_is(doc, member)
            ));
        }
        Ok(())
    }
}

/// Every problem with the groups of `doc`, added to `problems`.
pub(super) fn check(doc: &Document, problems: &mut Vec<Problem>) {
    if doc.groups.len() > MAX_GROUPS {
        problems.push(Problem::new(
            "the map",
            format!(
                "has {} groups, above the limit of {}",
                format_count(doc.groups.len()),
                format_count(MAX_GROUPS)
            ),
        ));
    }
    let mut listed_in: HashMap<Id, Id> = HashMap::new();
    for (&id, group) in &doc.groups {
        let subject = || group_subject(id, group);
        if id.0 > MAX_ID {
            problems.push(Problem::new(subject(), id_too_large()));
        }
        let first = if let Some(team) = doc.teams.get(&id) {
            Some(super::team_subject(id, team))
        } else if let Some(source) = doc.sources.get(&id) {
            Some(super::source_subject(id, source))
        } else {
            doc.links.get(&id).map(|_| super::link_subject(id))
        };
        if let Some(first) = first {
            problems.push(same_id(subject(), &first));
        }
        if let Err(detail) = group.check(id, doc) {
            problems.push(Problem::new(subject(), detail));
        }
        if let Err(detail) = check_nesting_of(doc, id) {
            problems.push(Problem::new(subject(), detail));
        }
        for &member in &group.members {
            let Some(&other) = listed_in.get(&member) else {
                listed_in.insert(member, id);
                continue;
            };
            if other == id {
                // Listed twice in one group: the group's own check says so.
                continue;
            }
            let node = doc.node_name(member).map_or_else(
                || member.to_string(),
                |name| format!("{member} {:?}", shorten(name)),
            );
            problems.push(Problem::new(
                subject(),
                format!(
                    "lists {node}, which {} already lists; a team or funding source is listed in one group only (its innermost)",
                    group_subject(other, &doc.groups[&other])
                ),
            ));
        }
    }
}

/// Walks up from `id`: the chain must end at a top-level group within the depth limit.
fn check_nesting_of(doc: &Document, id: Id) -> Result<(), String> {
    let mut chain = vec![id];
    // Its own parent: the group's own check says so.
    let mut at = doc.groups[&id].parent.filter(|&p| p != id);
    while let Some(parent) = at {
        let Some(group) = doc.groups.get(&parent) else {
            // A missing parent is the group's own check's problem.
            return Ok(());
        };
        if chain.contains(&parent) {
            if parent == id {
                let path: Vec<String> = chain
                    .iter()
                    .chain([&parent])
                    .map(ToString::to_string)
                    .collect();
                return Err(format!(
                    "is inside itself (groups {}); groups never contain themselves",
                    path.join(" → ")
                ));
            }
            // A loop further up: the groups on it say so themselves.
            return Ok(());
        }
        chain.push(parent);
        if chain.len() > MAX_GROUP_DEPTH {
            return Err(format!(
                "is nested more than {MAX_GROUP_DEPTH} levels deep, above the limit"
            ));
        }
        at = group.parent;
    }
    Ok(())
}
