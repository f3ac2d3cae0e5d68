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

/// Takes every group out of its parent, then nests them again one by one, ours' nesting first,
/// each checked against what is settled: a parent that would make a loop or nest too deep gives
/// way to ours' parent if that fits, else to the top level, and the parent theirs wanted is a
/// conflict. Every path's last link was checked with the whole path in place, so the result has
/// no loop and no path too deep.
fn nest_without_loops(ours: &Document, merged: &mut Document, conflicts: &mut Vec<Conflict>) {
    let wanted: Vec<(Id, Id)> = merged
        .groups
        .iter()
        .filter_map(|(&id, g)| Some((id, g.parent?)))
        .collect();
    for &(id, _) in &wanted {
        set_parent(merged, id, None);
    }
    let ours_parent = |id: Id| ours.groups.get(&id).and_then(|g| g.parent);
    let (as_ours, others): (Vec<_>, Vec<_>) = wanted
        .into_iter()
        .partition(|&(id, parent)| ours_parent(id) == Some(parent));
    for (id, parent) in as_ours.into_iter().chain(others) {
        if merged.check_nesting(id, parent).is_ok() {
            set_parent(merged, id, Some(parent));
            continue;
        }
        let fallback = ours_parent(id).filter(|&p| merged.check_nesting(id, p).is_ok());
        set_parent(merged, id, fallback);
        let item = ItemRef::Group(id);
        conflicts.retain(|c| !(c.item == item && c.field == "parent"));
        conflicts.push(field_conflict(
            item,
            &Field::Group(GroupField::Parent(fallback)),
            &Field::Group(GroupField::Parent(Some(parent))),
        ));
    }
}

fn set_parent(doc: &mut Document, id: Id, parent: Option<Id>) {
    if let Some(group) = doc.groups.get_mut(&id) {
        group.parent = parent;
    }
}

#[cfg(test)]
mod tests {
    use super::super::merge;
    use crate::edit::{Edit, GroupField, Keep, resolve};
    use crate::model::{Document, Group, GroupKind, Id, ItemRef, ModelTypeId, Point, Team};

    /// Teams 1–4; Retail (10) lists team 1; Platforms (11) lists team 2.
    fn base() -> Document {
        let mut doc = Document::new("m");
        for id in 1..=4 {
            doc.teams.insert(
                Id(id),
                Team::new(format!("T{id}"), ModelTypeId(1), Point::default()),
            );
        }
        let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
        retail.members = vec![Id(1)];
        let mut platforms = Group::new("Platforms", GroupKind::Platform);
        platforms.members = vec![Id(2)];
        doc.groups.insert(Id(10), retail);
        doc.groups.insert(Id(11), platforms);
        doc
    }

    fn edited(edits: Vec<Edit>) -> Document {
        let mut doc = base();
        Edit::Batch(edits).apply(&mut doc).expect("applies");
        doc
    }

    fn join(node: u64, group: u64) -> Edit {
        Edit::SetNodeGroup {
            node: Id(node),
            group: Some(Id(group)),
        }
    }

    #[test]
    fn members_both_sides_added_to_one_group_are_all_kept() {
        let ours = edited(vec![join(3, 10)]);
        let theirs = edited(vec![join(4, 10)]);
        let merged = merge(&base(), &ours, &theirs).expect("merges");
        assert_eq!(merged.groups[&Id(10)].members, vec![Id(1), Id(3), Id(4)]);
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn a_node_both_sides_put_in_different_groups_stays_in_ours_and_theirs_is_a_conflict() {
        let ours = edited(vec![join(3, 10)]);
        let theirs = edited(vec![join(3, 11)]);
        let merged = merge(&base(), &ours, &theirs).expect("merges");
        assert_eq!(merged.group_of(Id(3)), Some(Id(10)));
        let [conflict] = merged.conflicts.as_slice() else {
            panic!("one conflict: {:?}", merged.conflicts);
        };
        assert_eq!(conflict.item, ItemRef::Group(Id(11)));
        assert_eq!(conflict.field, "members");
        let mut doc = merged.clone();
        resolve(&doc, 0, Keep::Theirs)
            .expect("resolves")
            .apply(&mut doc)
            .expect("applies");
        assert_eq!(doc.group_of(Id(3)), Some(Id(11)), "theirs moves it");
        assert_eq!(doc.validate(), Ok(()));
    }

    #[test]
    fn nesting_both_ways_round_is_not_merged_into_a_loop() {
        let nest = |id: u64, parent: u64| Edit::SetGroup {
            id: Id(id),
            field: GroupField::Parent(Some(Id(parent))),
        };
        let ours = edited(vec![nest(10, 11)]);
        let theirs = edited(vec![nest(11, 10)]);
        let merged = merge(&base(), &ours, &theirs).expect("merges into a valid map");
        assert_eq!(merged.groups[&Id(10)].parent, Some(Id(11)), "ours stands");
        assert_eq!(merged.groups[&Id(11)].parent, None);
        assert!(
            merged
                .conflicts
                .iter()
                .any(|c| c.item == ItemRef::Group(Id(11)) && c.field == "parent"),
            "{:?}",
            merged.conflicts
        );
    }

    #[test]
    fn a_group_nested_in_one_the_other_side_ungrouped_moves_up() {
        let mut stream = Group::new("Stream", GroupKind::ValueStream);
        stream.parent = Some(Id(10));
        let ours = edited(vec![Edit::InsertGroup {
            id: Id(20),
            group: stream,
        }]);
        let theirs = edited(vec![Edit::RemoveGroup { id: Id(10) }]);
        let merged = merge(&base(), &ours, &theirs).expect("merges");
        assert!(!merged.groups.contains_key(&Id(10)));
        assert_eq!(merged.groups[&Id(20)].parent, None);
        assert_eq!(merged.validate(), Ok(()));
    }

    #[test]
    fn groups_both_sides_added_under_one_id_are_both_kept() {
        let add = |name: &str, member: u64| Edit::InsertGroup {
            id: Id(12),
            group: Group {
                members: vec![Id(member)],
                ..Group::new(name, GroupKind::ValueStream)
            },
        };
        let ours = edited(vec![add("Ours", 3)]);
        let theirs = edited(vec![add("Theirs", 4)]);
        let merged = merge(&base(), &ours, &theirs).expect("merges");
        assert_eq!(merged.groups[&Id(12)].name, "Ours");
        let theirs_id = merged.group_of(Id(4)).expect("theirs' group kept");
        assert_ne!(theirs_id, Id(12));
        assert_eq!(merged.groups[&theirs_id].name, "Theirs");
    }

    #[test]
    fn a_deleted_team_leaves_the_group_the_other_side_put_it_in() {
        let ours = edited(vec![join(3, 10)]);
        let theirs = edited(vec![Edit::RemoveTeam { id: Id(3) }]);
        let merged = merge(&base(), &ours, &theirs).expect("merges");
        assert!(!merged.teams.contains_key(&Id(3)));
        assert_eq!(merged.groups[&Id(10)].members, vec![Id(1)]);
    }
}
