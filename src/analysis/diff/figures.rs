//! The figures of a diff: allocations in percentage points, sources' totals, teams' funding,
//! headcount, problems and the model mix, before and after (from the analysis of each map).

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::{Analysis, FunderKind, Money, json};
use crate::model::{Document, Id, LinkKind};

/// A funding link whose allocation changed; `None` where the link (or its funding) is absent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AllocationChange {
    #[serde(serialize_with = "json::id")]
    pub link: Id,
    /// "Retail P&L → Checkout", as in the newer map where the link still exists.
    pub name: String,
    pub before_percent: Option<f64>,
    pub after_percent: Option<f64>,
    /// After minus before, a missing side counting as 0 %.
    pub change_points: f64,
}

/// A funding source whose total allocation or budget changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunderChange {
    #[serde(serialize_with = "json::id")]
    pub id: Id,
    pub name: String,
    pub allocated_before_percent: Option<f64>,
    pub allocated_after_percent: Option<f64>,
    pub budget_before: Vec<Money>,
    pub budget_after: Vec<Money>,
}

/// A team whose funding received (per currency) changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamFundingChange {
    #[serde(serialize_with = "json::id")]
    pub id: Id,
    pub name: String,
    pub before: Vec<Money>,
    pub after: Vec<Money>,
}

/// One row of the model mix, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MixChange {
    pub model_type: String,
    pub teams_before: usize,
    pub teams_after: usize,
    pub headcount_before: u64,
    pub headcount_after: u64,
}

/// What the changes did to the figures of the map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// By link id.
    pub allocations: Vec<AllocationChange>,
    /// Funding sources, in the newer map's name order, then removed ones.
    pub sources: Vec<FunderChange>,
    /// Teams, in name order.
    pub team_funding: Vec<TeamFundingChange>,
    pub headcount_before: u64,
    pub headcount_after: u64,
    /// Problem sentences only the newer map has, in its problem order.
    pub problems_appeared: Vec<String>,
    /// Problem sentences only the older map has.
    pub problems_disappeared: Vec<String>,
    /// Every model type either map has (newer legend order first); empty when the mix is the same.
    pub model_mix: Vec<MixChange>,
}

pub(super) fn compare(
    old: &Document,
    new: &Document,
    before: &Analysis,
    after: &Analysis,
) -> Figures {
    Figures {
        allocations: allocations(old, new),
        sources: sources(before, after),
        team_funding: team_funding(before, after),
        headcount_before: before.model_mix.total.headcount,
        headcount_after: after.model_mix.total.headcount,
        problems_appeared: only_in(after, before),
        problems_disappeared: only_in(before, after),
        model_mix: model_mix(before, after),
    }
}

fn allocation(doc: &Document, id: Id) -> Option<f64> {
    match doc.links.get(&id)?.kind {
        LinkKind::Funding { allocation_percent } => Some(allocation_percent),
        LinkKind::Dependency => None,
    }
}

fn allocations(old: &Document, new: &Document) -> Vec<AllocationChange> {
    let ids: std::collections::BTreeSet<Id> =
        old.links.keys().chain(new.links.keys()).copied().collect();
    ids.into_iter()
        .filter_map(|id| {
            let (before, after) = (allocation(old, id), allocation(new, id));
            if before == after {
                return None;
            }
            let doc = if new.links.contains_key(&id) {
                new
            } else {
                old
            };
            Some(AllocationChange {
                link: id,
                name: super::item_name(doc, crate::model::ItemRef::Link(id)),
                before_percent: before,
                after_percent: after,
                change_points: after.unwrap_or(0.0) - before.unwrap_or(0.0),
            })
        })
        .collect()
}

fn sources(before: &Analysis, after: &Analysis) -> Vec<FunderChange> {
    let source = |a: &Analysis, id| {
        a.funding
            .funders
            .iter()
            .find(|f| f.kind == FunderKind::Source && f.id == id)
            .map(|f| (f.allocated_percent, f.budget.clone()))
    };
    let ids = after
        .funding
        .funders
        .iter()
        .chain(&before.funding.funders)
        .filter(|f| f.kind == FunderKind::Source);
    let mut seen = std::collections::HashSet::new();
    let mut changes = Vec::new();
    for funder in ids {
        if !seen.insert(funder.id) {
            continue;
        }
        let (b, a) = (source(before, funder.id), source(after, funder.id));
        if b == a {
            continue;
        }
        let (allocated_before_percent, budget_before) =
            b.map_or((None, Vec::new()), |(p, m)| (Some(p), m));
        let (allocated_after_percent, budget_after) =
            a.map_or((None, Vec::new()), |(p, m)| (Some(p), m));
        changes.push(FunderChange {
            id: funder.id,
            name: funder.name.clone(),
            allocated_before_percent,
            allocated_after_percent,
            budget_before,
            budget_after,
        });
    }
    changes
}

fn team_funding(before: &Analysis, after: &Analysis) -> Vec<TeamFundingChange> {
    let mut seen = std::collections::HashSet::new();
    let mut changes = Vec::new();
    for team in after.teams.iter().chain(&before.teams) {
        if !seen.insert(team.id) {
            continue;
        }
        let received = |a: &Analysis| {
            a.team(team.id)
                .map(|t| t.received.clone())
                .unwrap_or_default()
        };
        let (b, a) = (received(before), received(after));
        if b != a {
            changes.push(TeamFundingChange {
                id: team.id,
                name: team.name.clone(),
                before: b,
                after: a,
            });
        }
    }
    changes
}

fn only_in(this: &Analysis, other: &Analysis) -> Vec<String> {
    let mut others: BTreeMap<&str, usize> = BTreeMap::new();
    for problem in &other.problems {
        *others.entry(problem.message.as_str()).or_default() += 1;
    }
    this.problems
        .iter()
        .filter(|p| match others.get_mut(p.message.as_str()) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        })
        .map(|p| p.message.clone())
        .collect()
}

fn model_mix(before: &Analysis, after: &Analysis) -> Vec<MixChange> {
    let figures = |a: &Analysis, name: &str| {
        a.model_mix
            .by_type
            .iter()
            .find(|t| t.name == name)
            .map_or((0, 0), |t| (t.figures.teams, t.figures.headcount))
    };
    let mut names: Vec<&str> = Vec::new();
    for row in after
        .model_mix
        .by_type
        .iter()
        .chain(&before.model_mix.by_type)
    {
        if !names.contains(&row.name.as_str()) {
            names.push(&row.name);
        }
    }
    let rows: Vec<MixChange> = names
        .into_iter()
        .map(|name| {
            let (teams_before, headcount_before) = figures(before, name);
            let (teams_after, headcount_after) = figures(after, name);
            MixChange {
                model_type: name.to_owned(),
                teams_before,
                teams_after,
                headcount_before,
                headcount_after,
            }
        })
        .collect();
    let same = rows
        .iter()
        .all(|r| r.teams_before == r.teams_after && r.headcount_before == r.headcount_after);
    if same { Vec::new() } else { rows }
}
