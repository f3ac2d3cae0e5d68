//! What a map tells a leader: funding checks, model mix and dependency risks, as plain values.
//!
//! [`Analysis::of`] computes every finding from a [`Document`] in time linear in its teams and links
//! (plus sorting names), so the app can recompute it once per document change. Rules, so the figures
//! can be explained to the people they are about:
//! - A funding link with an allocation of 0 % moves no money: it does not fund its team.
//! - A team is funded when a funding source or another team funds it (above 0 %), whether or not
//!   that team is funded itself.
//! - A team that funds other teams allocates shares of what it receives; money passed on round a
//!   loop of teams funding each other has no amount.
//! - Only dependency links count for fan-in, fan-out and cycles; two links between the same pair of
//!   teams count once. A dependency link from a team to itself is a cycle (validation refuses it,
//!   but a document built in code may hold one).
//! - Amounts in different currencies are never added together.
//! - Every list a user sees is sorted: by name (ignoring case), then exact name, then id.
//! - A group's roll-up counts everything in it, nested groups included (see `groups.rs`).

mod conflicts;
mod dependencies;
pub mod diff;
mod funding;
mod groups;
mod json;
mod loops;
pub mod merge;
mod mix;
mod order;
mod problems;
mod text;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::model::{Document, Id, LinkKind};

pub use conflicts::UnresolvedConflict;
pub use dependencies::{Cycle, DependedOn, Dependencies};
pub use funding::{
    Allocation, Funder, FunderKind, Funding, MAX_CURRENCIES_PASSED_ON, UnknownAmount,
};
pub use groups::{CrossDependencies, GroupFigures};
pub use json::{CHECK_REPORT_VERSION, CheckReport, LoadFailure, MapReport};
pub use mix::{
    HORIZON_NOT_SET, HorizonMix, MixFigures, ModelMix, MoneyShare, TypeMix, UNKNOWN_MODEL_TYPE,
};
pub use text::{format_amounts, format_money, format_percent, format_share, report as text_report};

pub use problems::MAX_PROBLEMS_LISTED_PER_KIND;

/// Allocations within this many percentage points of 100 % count as exactly 100 %, so shares such as
/// 33.3 + 33.3 + 33.4 are not flagged because of floating-point rounding.
pub const PERCENT_TOLERANCE: f64 = 1e-6;

/// An amount in one currency.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Money {
    pub amount: f64,
    pub currency: String,
}

/// What kind of problem a [`Problem`] is. Problems are listed in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A funding source (or a team funding others) allocates more than 100 %.
    OverAllocated,
    /// A team has no funding link above 0 %.
    Unfunded,
    /// Teams fund each other round a loop, so what they receive has no amount.
    FundingLoop,
    /// Teams depend on each other in a loop, or a team depends on itself.
    DependencyCycle,
    /// A funded team depends on a team with no funding.
    UnfundedDependency,
}

impl ProblemKind {
    /// A short heading for grouping problems in a list: "Over-allocated".
    pub fn label(self) -> &'static str {
        match self {
            Self::OverAllocated => "Over-allocated",
            Self::Unfunded => "No funding",
            Self::FundingLoop => "Funding loop",
            Self::DependencyCycle => "Dependency cycle",
            Self::UnfundedDependency => "Depends on an unfunded team",
        }
    }
}

/// Something a leader should look at, in words, with the items involved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// A sentence for a leader: "Innovation fund allocates 130 % of its budget".
    pub message: String,
    /// The teams, funding sources and links involved, to select and frame: the item the problem is
    /// about first, then the other teams or sources, then the links.
    #[serde(serialize_with = "json::ids")]
    pub items: Vec<Id>,
}

/// Counts of what the map holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub teams: usize,
    pub funding_sources: usize,
    pub links: usize,
    pub dependency_links: usize,
    pub funding_links: usize,
}

/// One team's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamFigures {
    #[serde(serialize_with = "json::id")]
    pub id: Id,
    pub name: String,
    /// Has a funding link above 0 %.
    pub funded: bool,
    /// Everything it receives, per currency (sorted); empty when no funder has a known budget.
    pub received: Vec<Money>,
    /// What it keeps after passing shares on to other teams, per currency.
    pub kept: Vec<Money>,
    /// Why `received` and `kept` have no amounts although money may reach it.
    pub unknown_amount: Option<UnknownAmount>,
    /// How many other teams depend on it.
    pub fan_in: usize,
    /// How many other teams it depends on.
    pub fan_out: usize,
}

/// Every finding about one document. Owns its data, so the app can cache it per document state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub counts: Counts,
    /// Conflicts a merge left in the map, in the map's order: each is a problem until resolved.
    pub conflicts: Vec<UnresolvedConflict>,
    /// In a stable order: see [`ProblemKind`]; within a kind, by name. At most
    /// [`MAX_PROBLEMS_LISTED_PER_KIND`] of each kind, so one hostile map cannot flood a report.
    pub problems: Vec<Problem>,
    /// How many problems `problems` leaves out: [`Analysis::total_problems`] counts them all.
    pub problems_not_listed: usize,
    pub funding: Funding,
    pub model_mix: ModelMix,
    pub dependencies: Dependencies,
    /// Every team, in name order.
    pub teams: Vec<TeamFigures>,
    /// Every group's roll-up, each group followed by the groups nested in it, siblings by name.
    pub groups: Vec<GroupFigures>,
    /// Team id → position in `teams`.
    #[serde(skip)]
    team_positions: HashMap<Id, usize>,
    /// Group id → position in `groups`.
    #[serde(skip)]
    group_positions: HashMap<Id, usize>,
    #[serde(skip)]
    by_item: ProblemsByItem,
}

impl Analysis {
    /// Computes every finding. Linear in teams and links, plus sorting names.
    #[must_use]
    pub fn of(doc: &Document) -> Self {
        let order = order::TeamOrder::of(doc);
        let (funding, flows) = funding::compute(doc, &order);
        let graph = dependencies::Graph::of(doc, &order);
        let dependencies = dependencies::compute(&graph, &order);
        let model_mix = mix::compute(doc, &order, &flows);
        let (problems, problems_not_listed) =
            problems::collect(&order, &funding, &flows, &graph, &dependencies);
        let teams: Vec<TeamFigures> = order
            .by_name
            .iter()
            .map(|&t| TeamFigures {
                id: order.ids[t],
                name: order.name(t).to_owned(),
                funded: flows.funded[t],
                received: flows.money(&flows.received[t]),
                kept: flows.money(&flows.kept[t]),
                unknown_amount: flows.unknown[t],
                fan_in: graph.fan_in[t],
                fan_out: graph.fan_out[t],
            })
            .collect();
        let team_positions = teams.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let groups = groups::compute(doc, &order, &flows, &funding, &dependencies);
        let group_positions = groups.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
        Self {
            counts: counts(doc),
            conflicts: conflicts::collect(doc),
            problems,
            problems_not_listed,
            funding,
            model_mix,
            dependencies,
            teams,
            groups,
            team_positions,
            group_positions,
            by_item: ProblemsByItem::default(),
        }
    }

    /// Problems or unresolved merge conflicts.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || !self.conflicts.is_empty()
    }

    /// Every problem, listed or not.
    pub fn total_problems(&self) -> usize {
        self.problems.len() + self.problems_not_listed
    }

    /// The figures of team `id`, or `None` when `id` is not a team.
    pub fn team(&self, id: Id) -> Option<&TeamFigures> {
        self.team_positions.get(&id).map(|&i| &self.teams[i])
    }

    /// The roll-up of group `id`, or `None` when `id` is not a group.
    pub fn group(&self, id: Id) -> Option<&GroupFigures> {
        self.group_positions.get(&id).map(|&i| &self.groups[i])
    }

    /// The problems that involve item `id` (a team, funding source or link), in list order. Cheap
    /// enough to call for every item drawn in a frame: the first call builds an index by item.
    pub fn problems_involving(&self, id: Id) -> impl Iterator<Item = &Problem> {
        self.by_item
            .get(&self.problems)
            .of(id)
            .iter()
            .map(|&i| &self.problems[i as usize])
    }

    /// How many problems involve item `id`, for a badge on the canvas.
    pub fn problem_count(&self, id: Id) -> usize {
        self.by_item.get(&self.problems).of(id).len()
    }

    /// The funding source or funding team `id` with its allocations, or `None`.
    pub fn funder(&self, id: Id) -> Option<&Funder> {
        self.funding.funders.iter().find(|f| f.id == id)
    }
}

/// The problems of each item, built on first use and kept with the analysis.
#[derive(Clone, Debug, Default)]
struct ProblemsByItem(OnceLock<ItemIndex>);

/// Problem indices grouped by item: item `id`'s are `indices[range]`.
#[derive(Clone, Debug, Default)]
struct ItemIndex {
    ranges: HashMap<Id, (usize, usize)>,
    indices: Vec<u32>,
}

impl ProblemsByItem {
    fn get(&self, problems: &[Problem]) -> &ItemIndex {
        self.0.get_or_init(|| {
            let mut pairs: Vec<(Id, u32)> = (0_u32..)
                .zip(problems)
                .flat_map(|(i, p)| p.items.iter().map(move |&id| (id, i)))
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            let mut ranges = HashMap::new();
            let mut start = 0;
            for run in pairs.chunk_by(|a, b| a.0 == b.0) {
                ranges.insert(run[0].0, (start, start + run.len()));
                start += run.len();
            }
            let indices = pairs.into_iter().map(|(_, i)| i).collect();
            ItemIndex { ranges, indices }
        })
    }
}

impl ItemIndex {
    fn of(&self, id: Id) -> &[u32] {
        self.ranges
            .get(&id)
            .map_or(&[], |&(start, end)| &self.indices[start..end])
    }
}

/// Derived from the problems, so two analyses are equal whenever their findings are, whether or not
/// either index has been built yet.
impl PartialEq for ProblemsByItem {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

fn counts(doc: &Document) -> Counts {
    let dependency_links = doc
        .links
        .values()
        .filter(|l| l.kind == LinkKind::Dependency)
        .count();
    Counts {
        teams: doc.teams.len(),
        funding_sources: doc.sources.len(),
        links: doc.links.len(),
        dependency_links,
        funding_links: doc.links.len() - dependency_links,
    }
}
