//! Group roll-ups: for every group, over everything in it (nested groups included), the teams,
//! headcount, funding, model mix, the dependencies that cross its boundary, its unfunded teams
//! and the dependency cycles inside it.
//!
//! Rules: a group's funding is what its teams keep (received minus passed on to other teams), so
//! money one team of the group passes to another is counted once. A dependency crosses a group's
//! boundary when exactly one of its two teams is in the group. A cycle is inside a group when all
//! its teams are.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::dependencies::Dependencies;
use super::funding::{Flows, Funding};
use super::mix::{self, ModelMix};
use super::order::TeamOrder;
use super::{Money, json};
use crate::model::{Document, Id, LinkKind};

/// The dependency links between a group's teams and teams outside it, in id order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CrossDependencies {
    /// How many links go from a team inside to a team outside (the group depends on others).
    pub outgoing: usize,
    /// How many links come from a team outside to a team inside (others depend on the group).
    pub incoming: usize,
    #[serde(serialize_with = "json::ids")]
    pub outgoing_links: Vec<Id>,
    #[serde(serialize_with = "json::ids")]
    pub incoming_links: Vec<Id>,
}

/// One group's roll-up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupFigures {
    #[serde(serialize_with = "json::id")]
    pub id: Id,
    pub name: String,
    /// The kind's label: "Business unit", or the user's own.
    pub kind: String,
    #[serde(serialize_with = "json::optional_id")]
    pub parent: Option<Id>,
    /// 1 at the top level.
    pub depth: usize,
    /// Teams in the group or any group nested in it.
    pub teams: usize,
    pub funding_sources: usize,
    pub headcount: u64,
    /// What the group's teams keep of their funding, per currency (sorted).
    pub funding: Vec<Money>,
    /// The model mix of the group's teams; shares are of the group's own totals, and only the
    /// model types and horizons its teams have are listed.
    pub mix: ModelMix,
    pub cross_group_dependencies: CrossDependencies,
    /// The group's teams without funding, in name order.
    #[serde(serialize_with = "json::ids")]
    pub unfunded: Vec<Id>,
    /// The dependency cycles all of whose teams are in the group: each cycle's teams, in name
    /// order, as in [`Dependencies::cycles`].
    #[serde(serialize_with = "json::id_lists")]
    pub cycles: Vec<Vec<Id>>,
}

/// What one group gathers while the map is walked once.
#[derive(Default)]
struct Tally {
    teams: Vec<usize>,
    funding_sources: usize,
    headcount: u64,
    funding: BTreeMap<usize, f64>,
    cross: CrossDependencies,
    cycles: Vec<Vec<Id>>,
}

/// Every group's roll-up, parents before the groups nested in them, each level by name.
pub(super) fn compute(
    doc: &Document,
    order: &TeamOrder,
    flows: &Flows,
    funding: &Funding,
    dependencies: &Dependencies,
) -> Vec<GroupFigures> {
    if doc.groups.is_empty() {
        return Vec::new();
    }
    // Each group with the groups it is nested in, innermost first: the groups a member is in.
    let chains: HashMap<Id, Vec<Id>> = doc
        .groups
        .keys()
        .map(|&g| {
            (
                g,
                std::iter::once(g).chain(doc.group_ancestors(g)).collect(),
            )
        })
        .collect();
    let index = doc.group_index();
    let chain_of = |node: Id| -> &[Id] {
        index
            .get(&node)
            .and_then(|g| chains.get(g))
            .map_or(&[], Vec::as_slice)
    };
    let mut tallies: HashMap<Id, Tally> =
        doc.groups.keys().map(|&g| (g, Tally::default())).collect();

    for t in 0..order.len() {
        for g in chain_of(order.ids[t]) {
            let Some(tally) = tallies.get_mut(g) else {
                continue;
            };
            tally.teams.push(t);
            tally.headcount += u64::from(order.teams[t].headcount);
            for &(currency, amount) in &flows.kept[t] {
                *tally.funding.entry(currency).or_insert(0.0) += amount;
            }
        }
    }
    for &source in doc.sources.keys() {
        for g in chain_of(source) {
            if let Some(tally) = tallies.get_mut(g) {
                tally.funding_sources += 1;
            }
        }
    }
    for (&link, l) in &doc.links {
        if l.kind != LinkKind::Dependency || order.index(l.from).is_none() {
            continue;
        }
        let (from, to) = (chain_of(l.from), chain_of(l.to));
        for g in from.iter().filter(|g| !to.contains(g)) {
            if let Some(tally) = tallies.get_mut(g) {
                tally.cross.outgoing_links.push(link);
            }
        }
        for g in to.iter().filter(|g| !from.contains(g)) {
            if let Some(tally) = tallies.get_mut(g) {
                tally.cross.incoming_links.push(link);
            }
        }
    }
    for cycle in &dependencies.cycles {
        let Some((first, rest)) = cycle.teams.split_first() else {
            continue;
        };
        for g in chain_of(*first) {
            if rest.iter().all(|t| chain_of(*t).contains(g))
                && let Some(tally) = tallies.get_mut(g)
            {
                tally.cycles.push(cycle.teams.clone());
            }
        }
    }

    let unfunded_rank: HashMap<Id, usize> = funding
        .unfunded
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let mut figures: Vec<GroupFigures> = Vec::with_capacity(doc.groups.len());
    for id in tree_order(doc) {
        let group = &doc.groups[&id];
        let Some(mut tally) = tallies.remove(&id) else {
            continue;
        };
        tally.cross.outgoing = tally.cross.outgoing_links.len();
        tally.cross.incoming = tally.cross.incoming_links.len();
        let mut unfunded: Vec<Id> = tally
            .teams
            .iter()
            .map(|&t| order.ids[t])
            .filter(|id| unfunded_rank.contains_key(id))
            .collect();
        unfunded.sort_by_key(|id| unfunded_rank[id]);
        let purse: Vec<(usize, f64)> = tally.funding.into_iter().collect();
        figures.push(GroupFigures {
            id,
            name: group.name.clone(),
            kind: group.kind.label().to_owned(),
            parent: group.parent,
            depth: chains.get(&id).map_or(1, Vec::len),
            teams: tally.teams.len(),
            funding_sources: tally.funding_sources,
            headcount: tally.headcount,
            funding: flows.money(&purse),
            mix: mix::compute_for(doc, order, flows, tally.teams.iter().copied(), false),
            cross_group_dependencies: tally.cross,
            unfunded,
            cycles: tally.cycles,
        });
    }
    figures
}

/// Every group, each followed by the groups nested in it, siblings by name (ignoring case), then
/// id. A group whose parent is missing (only in a document built in code) counts as top level.
fn tree_order(doc: &Document) -> Vec<Id> {
    let mut children: BTreeMap<Option<Id>, Vec<Id>> = BTreeMap::new();
    for (&id, g) in &doc.groups {
        let parent = g.parent.filter(|p| doc.groups.contains_key(p) && *p != id);
        children.entry(parent).or_default().push(id);
    }
    for siblings in children.values_mut() {
        siblings.sort_by_cached_key(|id| {
            let name = &doc.groups[id].name;
            (name.to_lowercase(), name.clone(), *id)
        });
    }
    let mut order = Vec::with_capacity(doc.groups.len());
    let mut stack: Vec<Id> = children.get(&None).cloned().unwrap_or_default();
    stack.reverse();
    let mut seen = std::collections::BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        order.push(id);
        if let Some(nested) = children.get(&Some(id)) {
            stack.extend(nested.iter().rev());
        }
    }
    order
}
