//! The problems of a map, as sentences a leader reads and the ids of the items involved.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::dependencies::{Dependencies, Graph};
use super::funding::{Flows, FunderKind, Funding};
use super::order::TeamOrder;
use super::{Problem, ProblemKind};
use crate::model::Id;
use crate::text::{and_more, format_percent};

/// A loop with more teams than this lists the rest by count only, so one tangle cannot flood a panel.
const MAX_NAMES_LISTED: usize = 5;

/// Problems of one kind past this many are counted, not listed: a report stays readable and its
/// size bounded, and every kind still shows.
pub const MAX_PROBLEMS_LISTED_PER_KIND: usize = 200;

/// The problems being collected: listed up to the cap per kind, counted past it.
#[derive(Default)]
struct Collected {
    listed: Vec<Problem>,
    not_listed: usize,
    of_kind: usize,
}

impl Collected {
    fn kind_starts(&mut self) {
        self.of_kind = 0;
    }

    /// Whether one more problem of the current kind would be listed; counts it when not.
    fn room(&mut self) -> bool {
        self.of_kind += 1;
        let room = self.of_kind <= MAX_PROBLEMS_LISTED_PER_KIND;
        if !room {
            self.not_listed += 1;
        }
        room
    }
}

/// All problems in a stable order: over-allocated funders, teams without funding, funding loops,
/// dependency cycles, then funded teams that depend on unfunded ones; within each kind, in name
/// order. Returns the problems listed and how many more there are.
pub(super) fn collect(
    order: &TeamOrder,
    funding: &Funding,
    flows: &Flows,
    graph: &Graph,
    dependencies: &Dependencies,
) -> (Vec<Problem>, usize) {
    let mut problems = Collected::default();
    for funder in funding.funders.iter().filter(|f| f.over_allocated) {
        if !problems.room() {
            continue;
        }
        let what = match funder.kind {
            FunderKind::Source => "of its budget",
            FunderKind::Team => "of its funding to other teams",
        };
        let mut items = vec![funder.id];
        items.extend(funder.allocations.iter().map(|a| a.team));
        items.extend(funder.allocations.iter().map(|a| a.link));
        problems.listed.push(Problem {
            kind: ProblemKind::OverAllocated,
            message: format!(
                "{} allocates {} {what}",
                funder.name,
                format_percent(funder.allocated_percent)
            ),
            items,
        });
    }

    problems.kind_starts();
    for &team in &funding.unfunded {
        if !problems.room() {
            continue;
        }
        let name = order.index(team).map_or("", |t| order.name(t));
        problems.listed.push(Problem {
            kind: ProblemKind::Unfunded,
            message: format!("{name} has no funding"),
            items: vec![team],
        });
    }

    problems.kind_starts();
    for funding_loop in &flows.loops {
        if !problems.room() {
            continue;
        }
        let mut names: Vec<&str> = funding_loop.path.iter().map(|&t| order.name(t)).collect();
        names.push(order.name(funding_loop.path[0]));
        let others = funding_loop
            .teams
            .len()
            .saturating_sub(funding_loop.path.len());
        let tangle = if others == 0 {
            String::new()
        } else {
            format!(
                " ({} in the same tangle)",
                and_more(others, "team", "teams")
            )
        };
        let mut items: Vec<Id> = funding_loop.teams.iter().map(|&t| order.ids[t]).collect();
        items.extend(&funding_loop.links);
        problems.listed.push(Problem {
            kind: ProblemKind::FundingLoop,
            message: format!(
                "Funding loop: {}{tangle}; money passed round it has no amount",
                names.join(" → ")
            ),
            items,
        });
    }

    problems.kind_starts();
    for cycle in &dependencies.cycles {
        if !problems.room() {
            continue;
        }
        let name = |id: &Id| order.index(*id).map_or("", |t| order.name(t));
        let message = if let [only] = cycle.path.as_slice() {
            format!("Dependency cycle: {} depends on itself", name(only))
        } else {
            let mut names: Vec<&str> = cycle.path.iter().map(name).collect();
            names.push(name(&cycle.path[0]));
            let mut message = format!("Dependency cycle: {}", names.join(" → "));
            let on_path: HashSet<&Id> = cycle.path.iter().collect();
            let others: Vec<&str> = cycle
                .teams
                .iter()
                .filter(|id| !on_path.contains(id))
                .map(name)
                .collect();
            if !others.is_empty() {
                let listed = others[..others.len().min(MAX_NAMES_LISTED)].join(", ");
                let ellipsis = if others.len() > MAX_NAMES_LISTED {
                    ", …"
                } else {
                    ""
                };
                let _ = write!(
                    message,
                    " ({} in the same tangle: {listed}{ellipsis})",
                    and_more(others.len(), "team", "teams")
                );
            }
            message
        };
        let mut items = cycle.teams.clone();
        items.extend(&cycle.links);
        problems.listed.push(Problem {
            kind: ProblemKind::DependencyCycle,
            message,
            items,
        });
    }

    problems.kind_starts();
    let funded = &flows.funded;
    for &team in &order.by_name {
        if !funded[team] {
            continue;
        }
        for run in graph.out(team).chunk_by(|a, b| a.to == b.to) {
            let target = run[0].to;
            if funded[target] || !problems.room() {
                continue;
            }
            let mut items = vec![order.ids[team], order.ids[target]];
            items.extend(run.iter().map(|e| e.link));
            problems.listed.push(Problem {
                kind: ProblemKind::UnfundedDependency,
                message: format!(
                    "{} (funded) depends on {}, which has no funding",
                    order.name(team),
                    order.name(target)
                ),
                items,
            });
        }
    }
    (problems.listed, problems.not_listed)
}
