//! Funding: what each source and funding team allocates, who receives how much, and who gets nothing.

use std::collections::{BTreeSet, VecDeque};

use serde::Serialize;

use super::loops::{self, FundingLoop, TeamFunding};
use super::order::{IdIndex, TeamOrder, sources_by_name};
use super::{Money, PERCENT_TOLERANCE, json};
use crate::model::{Document, FundingSource, Id, LinkKind};

/// Whether a funding source or a team does the funding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FunderKind {
    Source,
    Team,
}

/// A funding source, or a team that funds other teams, with its outgoing funding links.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Funder {
    #[serde(serialize_with = "json::id")]
    pub id: Id,
    pub kind: FunderKind,
    pub name: String,
    /// What the allocations are shares of: a source's budget, or what a funding team receives. Empty
    /// when unknown (a source without a budget, or a team in a loop of teams funding each other).
    pub budget: Vec<Money>,
    /// Sum of the allocations, including 0 % ones.
    pub allocated_percent: f64,
    /// The slack: 100 % minus the allocations, never below 0.
    pub unallocated_percent: f64,
    /// Above 100 % (beyond [`PERCENT_TOLERANCE`]). A problem.
    pub over_allocated: bool,
    /// In team name order.
    pub allocations: Vec<Allocation>,
    /// For a funding team: why what it receives, and so what it passes on, has no amount.
    pub unknown_amount: Option<UnknownAmount>,
}

/// Why a team's amounts are not known although money may reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum UnknownAmount {
    /// The team is in a loop of teams funding each other, or funded from one: round a loop, a
    /// share of a share never settles.
    FundingLoop,
    /// What reaches the team was passed on by a team funded in more than
    /// [`MAX_CURRENCIES_PASSED_ON`] currencies; amounts per currency are not copied onto every
    /// team it funds, so the analysis stays linear in the size of the map.
    TooManyCurrencies,
}

/// A team receiving money in more currencies than this passes on shares without amounts.
pub const MAX_CURRENCIES_PASSED_ON: usize = 8;

/// One funding link: the share a team receives from a funder and what that comes to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Allocation {
    #[serde(serialize_with = "json::id")]
    pub link: Id,
    #[serde(serialize_with = "json::id")]
    pub team: Id,
    pub team_name: String,
    pub percent: f64,
    /// Allocation × budget, per currency; empty when the budget is unknown.
    pub amounts: Vec<Money>,
}

/// The funding findings of a map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Funding {
    /// Every funding source in name order, then every team that funds other teams in name order.
    pub funders: Vec<Funder>,
    /// Teams without a funding link above 0 %, in name order.
    #[serde(serialize_with = "json::ids")]
    pub unfunded: Vec<Id>,
    /// Every currency a budget is in, sorted. Amounts in different currencies are never added up.
    pub currencies: Vec<String>,
}

/// An amount per currency (index into the sorted currency list), sorted by currency.
pub(super) type Purse = Vec<(usize, f64)>;

/// Per-team results the other findings build on, indexed like [`TeamOrder`].
pub(super) struct Flows {
    pub funded: Vec<bool>,
    /// Why a team's amounts are unknown; its `received` and `kept` are then empty.
    pub unknown: Vec<Option<UnknownAmount>>,
    pub received: Vec<Purse>,
    /// Received minus what the team passes on to other teams: what it spends itself.
    pub kept: Vec<Purse>,
    pub currencies: Vec<String>,
    pub loops: Vec<FundingLoop>,
}

impl Flows {
    pub fn money(&self, purse: &Purse) -> Vec<Money> {
        purse
            .iter()
            .map(|&(currency, amount)| Money {
                amount,
                currency: self.currencies[currency].clone(),
            })
            .collect()
    }
}

/// A link with an allocation of 0 % (or a non-number) is drawn but moves no money, so it does not fund.
pub(super) fn funds(allocation_percent: f64) -> bool {
    allocation_percent > 0.0
}

struct Out {
    link: Id,
    team: usize,
    percent: f64,
    amounts: Purse,
}

pub(super) fn compute(doc: &Document, order: &TeamOrder) -> (Funding, Flows) {
    let currencies: Vec<String> = doc
        .sources
        .values()
        .filter_map(|s| s.budget.as_ref())
        .map(|b| b.currency.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let sources = sources_by_name(doc);
    let mut links = FundingLinks::of(doc, order, &sources);
    let mut received = from_sources(&sources, &mut links.source_out, &currencies, order.len());
    let team_edges: Vec<TeamFunding> = links
        .team_out
        .iter()
        .enumerate()
        .flat_map(|(from, outs)| {
            outs.iter().map(move |o| TeamFunding {
                from,
                to: o.team,
                link: o.link,
                percent: o.percent,
            })
        })
        .collect();
    let unknown = pass_on(&mut links.team_out, &mut received, links.pending);
    let loops = loops::find(&team_edges, &unknown, &order.rank);
    for (purse, why) in received.iter_mut().zip(&unknown) {
        if why.is_some() {
            purse.clear();
        }
    }
    let kept = links
        .team_out
        .iter()
        .zip(&received)
        .map(|(outs, purse)| {
            let passed_on: f64 = outs.iter().map(|o| finite(o.percent)).sum();
            scaled(purse, (1.0 - passed_on.min(100.0) / 100.0).max(0.0))
        })
        .collect();
    let flows = Flows {
        funded: links.funded,
        unknown,
        received,
        kept,
        currencies,
        loops,
    };

    let mut funders = Vec::new();
    for ((id, source), outs) in sources.iter().zip(links.source_out) {
        let budget = source
            .budget
            .iter()
            .map(|b| Money {
                amount: b.amount,
                currency: b.currency.clone(),
            })
            .collect();
        let funder = Funder::new(*id, FunderKind::Source, &source.name, budget);
        funders.push(funder.with_allocations(outs, order, &flows));
    }
    for &team in &order.by_name {
        let outs = std::mem::take(&mut links.team_out[team]);
        if outs.is_empty() {
            continue;
        }
        let budget = flows.money(&flows.received[team]);
        let mut funder = Funder::new(order.ids[team], FunderKind::Team, order.name(team), budget);
        funder.unknown_amount = flows.unknown[team];
        funders.push(funder.with_allocations(outs, order, &flows));
    }

    let unfunded = order
        .by_name
        .iter()
        .filter(|&&t| !flows.funded[t])
        .map(|&t| order.ids[t])
        .collect();
    let funding = Funding {
        funders,
        unfunded,
        currencies: flows.currencies.clone(),
    };
    (funding, flows)
}

/// The funding links of a document, grouped by funder, over dense indices.
struct FundingLinks {
    /// Per funding source, in name order.
    source_out: Vec<Vec<Out>>,
    /// Per team, indexed like [`TeamOrder`].
    team_out: Vec<Vec<Out>>,
    funded: Vec<bool>,
    /// Per team, how many funding links from other teams (above 0 %) reach it.
    pending: Vec<usize>,
}

impl FundingLinks {
    fn of(doc: &Document, order: &TeamOrder, sources: &[(Id, &FundingSource)]) -> Self {
        let source_ids: Vec<Id> = sources.iter().map(|(id, _)| *id).collect();
        let source_index = IdIndex::new(&source_ids, doc);
        let n = order.len();
        let mut links = Self {
            source_out: sources.iter().map(|_| Vec::new()).collect(),
            team_out: (0..n).map(|_| Vec::new()).collect(),
            funded: vec![false; n],
            pending: vec![0; n],
        };
        for (&link, l) in &doc.links {
            let LinkKind::Funding { allocation_percent } = l.kind else {
                continue;
            };
            // A link from an item to itself moves no money (and validation refuses it).
            let (Some(team), false) = (order.index(l.to), l.from == l.to) else {
                continue;
            };
            let out = Out {
                link,
                team,
                percent: allocation_percent,
                amounts: Purse::new(),
            };
            if let Some(source) = source_index.get(l.from) {
                links.source_out[source].push(out);
            } else if let Some(from) = order.index(l.from) {
                links.team_out[from].push(out);
                if funds(allocation_percent) {
                    links.pending[team] += 1;
                }
            } else {
                continue;
            }
            links.funded[team] |= funds(allocation_percent);
        }
        links
    }
}

/// What each team receives straight from funding sources with a budget; fills in the amounts.
fn from_sources(
    sources: &[(Id, &FundingSource)],
    source_out: &mut [Vec<Out>],
    currencies: &[String],
    teams: usize,
) -> Vec<Purse> {
    let mut received = vec![Purse::new(); teams];
    for ((_, source), outs) in sources.iter().zip(source_out) {
        let Some(budget) = &source.budget else {
            continue;
        };
        let Ok(currency) = currencies.binary_search(&budget.currency) else {
            continue;
        };
        for out in outs.iter_mut().filter(|o| funds(o.percent)) {
            out.amounts = vec![(currency, budget.amount * out.percent / 100.0)];
            add(&mut received[out.team], &out.amounts);
        }
    }
    received
}

/// Teams pass money on in topological order, so a team's total is complete before it is shared.
/// Teams in a loop of teams funding each other never become ready, nor do the teams they fund:
/// their amounts stay unknown. A team funded in more than [`MAX_CURRENCIES_PASSED_ON`] currencies
/// passes on shares without amounts, so no per-currency list is copied onto every team it funds.
/// Returns why each team's amounts are unknown.
fn pass_on(
    team_out: &mut [Vec<Out>],
    received: &mut [Purse],
    mut pending: Vec<usize>,
) -> Vec<Option<UnknownAmount>> {
    let mut unknown = vec![Some(UnknownAmount::FundingLoop); team_out.len()];
    let mut too_many = vec![false; team_out.len()];
    let mut ready: VecDeque<usize> = (0..team_out.len()).filter(|&t| pending[t] == 0).collect();
    while let Some(team) = ready.pop_front() {
        unknown[team] = too_many[team].then_some(UnknownAmount::TooManyCurrencies);
        let passes_amounts = !too_many[team] && received[team].len() <= MAX_CURRENCIES_PASSED_ON;
        let purse = if passes_amounts {
            received[team].clone()
        } else {
            Purse::new()
        };
        for out in team_out[team].iter_mut().filter(|o| funds(o.percent)) {
            if passes_amounts {
                out.amounts = scaled(&purse, out.percent / 100.0);
                add(&mut received[out.team], &out.amounts);
            } else {
                too_many[out.team] = true;
            }
            pending[out.team] -= 1;
            if pending[out.team] == 0 {
                ready.push_back(out.team);
            }
        }
    }
    unknown
}

impl Funder {
    fn new(id: Id, kind: FunderKind, name: &str, budget: Vec<Money>) -> Self {
        Self {
            id,
            kind,
            name: name.to_owned(),
            budget,
            allocated_percent: 0.0,
            unallocated_percent: 100.0,
            over_allocated: false,
            allocations: Vec::new(),
            unknown_amount: None,
        }
    }

    fn with_allocations(mut self, mut outs: Vec<Out>, order: &TeamOrder, flows: &Flows) -> Self {
        outs.sort_by_key(|o| (order.rank[o.team], o.link));
        self.allocated_percent = outs.iter().map(|o| finite(o.percent)).sum();
        self.over_allocated = self.allocated_percent > 100.0 + PERCENT_TOLERANCE;
        self.unallocated_percent = if (100.0 - self.allocated_percent).abs() <= PERCENT_TOLERANCE {
            0.0
        } else {
            (100.0 - self.allocated_percent).max(0.0)
        };
        self.allocations = outs
            .into_iter()
            .map(|o| Allocation {
                link: o.link,
                team: order.ids[o.team],
                team_name: order.name(o.team).to_owned(),
                percent: o.percent,
                amounts: flows.money(&o.amounts),
            })
            .collect();
        self
    }
}

/// Non-numbers count as 0 so one bad value cannot poison a sum.
fn finite(percent: f64) -> f64 {
    if percent.is_finite() { percent } else { 0.0 }
}

fn scaled(purse: &Purse, factor: f64) -> Purse {
    purse
        .iter()
        .map(|&(c, amount)| (c, amount * factor))
        .collect()
}

/// Adds `amounts` into `purse`, keeping it sorted by currency; each currency is summed on its own.
pub(super) fn add(purse: &mut Purse, amounts: &Purse) {
    for &(currency, amount) in amounts {
        match purse.binary_search_by_key(&currency, |&(c, _)| c) {
            Ok(i) => purse[i].1 += amount,
            Err(i) => purse.insert(i, (currency, amount)),
        }
    }
}
