//! Groups in a three-way merge. Member lists merge as sets (both sides' additions and removals
//! count); what that leaves against the rules is repaired, ours first, and what a person must
//! decide becomes a conflict: a node both sides put in different groups, a nesting that would loop
//! or go too deep.

use std::collections::{BTreeMap, BTreeSet};

use super::field_conflict;
use crate::edit::GroupField;
use crate::edit::field::Field;
use crate::model::{Conflict, Document, Id, ItemRef};

/// Both sides' changes to a member list: what base had, plus what either side added, minus what
/// either side removed.
pub(super) fn merge_members(base: &[Id], ours: &[Id], theirs: &[Id]) -> Vec<Id> {
    let (b, o, t): (BTreeSet<Id>, BTreeSet<Id>, BTreeSet<Id>) = (
        base.iter().copied().collect(),
        ours.iter().copied().collect(),
        theirs.iter().copied().collect(),
    );
    let added = o.union(&t).filter(|id| !b.contains(id));
    let kept = b.iter().filter(|id| o.contains(id) && t.contains(id));
    let mut merged: Vec<Id> = added.chain(kept).copied().collect();
    merged.sort_unstable();
    merged.dedup();
    merged
}

/// Theirs' groups and members follow theirs' renumbered items (see `renumber_clashing_additions`).
pub(super) fn renumber(theirs: &mut Document, nodes: &BTreeMap<Id, Id>, groups: &BTreeMap<Id, Id>) {
    for (&old, &new) in groups {
        if let Some(group) = theirs.groups.remove(&old) {
            theirs.groups.insert(new, group);
        }
    }
    for group in theirs.groups.values_mut() {
        for member in &mut group.members {
            *member = nodes.get(member).copied().unwrap_or(*member);
        }
        group.members.sort_unstable();
        group.parent = group.parent.map(|p| groups.get(&p).copied().unwrap_or(p));
    }
}

/// Makes the merged groups keep the rules. Members that are no longer teams or funding sources
/// drop out (one side deleted them); a parent one side deleted gives way to that parent's nearest
/// surviving ancestor; a node listed twice stays where ours put it; nesting that loops or is too
/// deep keeps ours (or goes to the top level). The last two are conflicts.
pub(super) fn repair(
    base: &Document,
    ours: &Document,
    theirs: &Document,
    merged: &mut Document,
    conflicts: &mut Vec<Conflict>,
) {
    let nodes: BTreeSet<Id> = merged.node_ids().collect();
    for group in merged.groups.values_mut() {
        group.members.retain(|m| nodes.contains(m));
    }
    let ids: Vec<Id> = merged.groups.keys().copied().collect();
    for &id in &ids {
        let parent = merged.groups[&id].parent;
        if let Some(parent) = parent.filter(|p| !merged.groups.contains_key(p)) {
            let survivor = surviving_ancestor(parent, [base, ours, theirs], merged);
            if let Some(group) = merged.groups.get_mut(&id) {
                group.parent = survivor;
            }
        }
    }
    listed_once(ours, merged, conflicts);
    nest_without_loops(ours, merged, conflicts);
}

/// The nearest group above `gone` (by any side's nesting) that the merged map still has.
fn surviving_ancestor(gone: Id, sides: [&Document; 3], merged: &Document) -> Option<Id> {
    let mut seen = BTreeSet::from([gone]);
    let mut at = gone;
    loop {
        let parent = sides
            .iter()
            .find_map(|doc| doc.groups.get(&at).map(|g| g.parent))
            .flatten()?;
        if merged.groups.contains_key(&parent) {
            return Some(parent);
        }
        if !seen.insert(parent) {
            return None;
        }
        at = parent;
    }
}

/// A node two merged groups list stays in the one ours lists it in (or the first by id); the
/// other group's list without it is a conflict whose "theirs" lists it.
fn listed_once(ours: &Document, merged: &mut Document, conflicts: &mut Vec<Conflict>) {
    let mut first: BTreeMap<Id, Id> = BTreeMap::new();
    let mut twice: Vec<(Id, Id)> = Vec::new();
    for (&group, g) in &merged.groups {
        for &member in &g.members {
            if let Some(&other) = first.get(&member) {
                twice.push((member, other));
                twice.push((member, group));
            } else {
                first.insert(member, group);
            }
        }
    }
    let mut losers: BTreeMap<Id, Vec<Id>> = BTreeMap::new();
    for member in twice.iter().map(|&(m, _)| m).collect::<BTreeSet<_>>() {
        let holders: Vec<Id> = twice
            .iter()
            .filter(|&&(m, _)| m == member)
            .map(|&(_, g)| g)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let keeper = ours
            .group_of(member)
            .filter(|g| holders.contains(g))
            .unwrap_or(holders[0]);
        for group in holders.into_iter().filter(|&g| g != keeper) {
            losers.entry(group).or_default().push(member);
        }
    }
    for (group, members) in losers {
        let Some(g) = merged.groups.get_mut(&group) else {
            continue;
        };
        let wanted = g.members.clone();
        g.members.retain(|m| !members.contains(m));
        let item = ItemRef::Group(group);
        conflicts.retain(|c| !(c.item == item && c.field == "members"));
        conflicts.push(field_conflict(
            item,
            &Field::Group(GroupField::Members(g.members.clone())),
            &Field::Group(GroupField::Members(wanted)),
        ));
    }
}

/// Walks the groups in id order, checking each one's nesting against what is settled: a parent
/// that would make a loop or nest too deep gives way to ours' parent if that fits, else to the top
/// level, and the parent theirs wanted is a conflict. Every path's last settled link was checked
/// with the whole path in place, so the result has no loop and no path too deep.
fn nest_without_loops(ours: &Document, merged: &mut Document, conflicts: &mut Vec<Conflict>) {
    let ids: Vec<Id> = merged.groups.keys().copied().collect();
    for id in ids {
        let Some(wanted) = merged.groups[&id].parent else {
            continue;
        };
        set_parent(merged, id, None);
        if merged.check_nesting(id, wanted).is_ok() {
            set_parent(merged, id, Some(wanted));
            continue;
        }
        let fallback = ours
            .groups
            .get(&id)
            .and_then(|g| g.parent)
            .filter(|&p| merged.check_nesting(id, p).is_ok());
        set_parent(merged, id, fallback);
        let item = ItemRef::Group(id);
        conflicts.retain(|c| !(c.item == item && c.field == "parent"));
        conflicts.push(field_conflict(
            item,
            &Field::Group(GroupField::Parent(fallback)),
            &Field::Group(GroupField::Parent(Some(wanted))),
        ));
    }
}

fn set_parent(doc: &mut Document, id: Id, parent: Option<Id>) {
    if let Some(group) = doc.groups.get_mut(&id) {
        group.parent = parent;
    }
}
