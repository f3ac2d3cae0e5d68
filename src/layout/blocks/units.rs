//! Which block each item is laid out in: a group's items together, then each funding source with
//! the teams it funds most, then the rest by the links they share.

use std::collections::BTreeMap;

use super::Items;
use crate::model::Id;

/// Label propagation rounds for teams no source funds.
const SPREAD_ROUNDS: usize = 16;

/// The linked items in units: each funding source with the teams it funds most, then unfunded
/// teams with the unit most of their links reach, then what is left by connected parts.
pub(super) fn units(items: &Items, linked: &[bool]) -> Vec<Vec<usize>> {
    let n = items.ids.len();
    const NONE: usize = usize::MAX;
    let mut unit = vec![NONE; n];
    let mut count = 0;
    // Each outermost group is a unit of its own, which nothing outside it joins.
    let mut group_units: BTreeMap<Id, usize> = BTreeMap::new();
    for (i, group) in items.group.iter().enumerate() {
        if let Some(group) = group {
            unit[i] = *group_units.entry(*group).or_insert_with(|| {
                count += 1;
                count - 1
            });
        }
    }
    let in_groups = count;
    let is_group_unit = |u: usize| u < in_groups;
    for i in 0..n {
        if items.is_source[i] && linked[i] && unit[i] == NONE {
            unit[i] = count;
            count += 1;
        }
    }
    let mut best_share: Vec<Option<(f64, usize)>> = vec![None; n];
    for &(a, b, allocation) in &items.links {
        if let Some(share) = allocation
            && !items.is_source[b]
            && best_share[b].is_none_or(|(s, from)| share > s || (share == s && a < from))
        {
            best_share[b] = Some((share, a));
        }
    }
    for (i, best) in best_share.iter().enumerate() {
        if let Some((_, source)) = best
            && unit[i] == NONE
            && !is_group_unit(unit[*source])
        {
            unit[i] = unit[*source];
        }
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _) in &items.links {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
    for _ in 0..SPREAD_ROUNDS {
        let mut changed = false;
        for i in 0..n {
            if unit[i] != NONE || !linked[i] {
                continue;
            }
            votes.clear();
            for &m in &neighbours[i] {
                if unit[m] != NONE && !is_group_unit(unit[m]) {
                    *votes.entry(unit[m]).or_default() += 1;
                }
            }
            // Most votes; among equals the first unit.
            if let Some((&u, _)) = votes.iter().rev().max_by_key(|(_, v)| **v) {
                unit[i] = u;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // What no source reaches: its connected parts.
    for start in 0..n {
        if unit[start] != NONE || !linked[start] {
            continue;
        }
        unit[start] = count;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &m in &neighbours[node] {
                if unit[m] == NONE {
                    unit[m] = count;
                    stack.push(m);
                }
            }
        }
        count += 1;
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &u) in unit.iter().enumerate() {
        if u != NONE {
            members[u].push(i);
        }
    }
    members.retain(|m| !m.is_empty());
    members
}
