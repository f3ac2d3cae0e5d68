//! The problems of a map, as sentences a leader reads and the ids of the items involved.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::dependencies::{Dependencies, Graph};
use super::funding::{FunderKind, Funding};
use super::order::TeamOrder;
use super::text::{format_count, format_percent};
use super::{Problem, ProblemKind};
use crate::model::Id;

/// A loop with more teams than this lists the rest by count only, so one tangle cannot flood a panel.
const MAX_NAMES_LISTED: usize = 5;

/// All problems in a stable order: over-allocated funders, teams without funding, dependency cycles,
/// then funded teams that depend on unfunded ones; within each kind, in name order.
pub(super) fn collect(
    order: &TeamOrder,
    funding: &Funding,
    funded: &[bool],
    graph: &Graph,
    dependencies: &Dependencies,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for funder in funding.funders.iter().filter(|f| f.over_allocated) {
        let what = match funder.kind {
            FunderKind::Source => "of its budget",
            FunderKind::Team => "of its funding to other teams",
        };
        let mut items = vec![funder.id];
        items.extend(funder.allocations.iter().map(|a| a.team));
        items.extend(funder.allocations.iter().map(|a| a.link));
        problems.push(Problem {
            kind: ProblemKind::OverAllocated,
            message: format!(
                "{} allocates {} {what}",
                funder.name,
                format_percent(funder.allocated_percent)
            ),
            items,
        });
    }

    for &team in &funding.unfunded {
        let name = order.index(team).map_or("", |t| order.name(t));
        problems.push(Problem {
            kind: ProblemKind::Unfunded,
            message: format!("{name} has no funding"),
            items: vec![team],
        });
    }

    for cycle in &dependencies.cycles {
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
                let teams = if others.len() == 1 { "team" } else { "teams" };
                let _ = write!(
                    message,
                    " (and {} more {teams} in the same tangle: {listed}{ellipsis})",
                    format_count(others.len())
                );
            }
            message
        };
        let mut items = cycle.teams.clone();
        items.extend(&cycle.links);
        problems.push(Problem {
            kind: ProblemKind::DependencyCycle,
            message,
            items,
        });
    }

    for &team in &order.by_name {
        if !funded[team] {
            continue;
        }
        for run in graph.out(team).chunk_by(|a, b| a.to == b.to) {
            let target = run[0].to;
            if funded[target] {
                continue;
            }
            let mut items = vec![order.ids[team], order.ids[target]];
            items.extend(run.iter().map(|e| e.link));
            problems.push(Problem {
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
    problems
}
