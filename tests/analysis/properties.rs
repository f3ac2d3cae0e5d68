//! Properties on random maps, checked against brute force: cycles, fan-in, funding and the mix.
//! The maps may hold what validation refuses (self-links, dangling ends, unknown model types).

use std::collections::{BTreeSet, HashSet};

use proptest::prelude::*;
use teamscape::analysis::{Analysis, PERCENT_TOLERANCE, ProblemKind, text_report};
use teamscape::model::{Document, Horizon, Id, Link, LinkKind, ModelTypeId};

use crate::map::Map;

#[derive(Clone, Debug)]
struct Plan {
    teams: Vec<(u64, u32, Option<usize>)>,
    sources: Vec<Option<usize>>,
    /// (from, to, None for a dependency or Some(allocation) for funding), as indices into all nodes
    /// plus a few ids that name nothing.
    links: Vec<(usize, usize, Option<f64>)>,
}

fn plan() -> impl Strategy<Value = Plan> {
    let allocation = prop_oneof![
        Just(0.0),
        Just(100.0),
        Just(33.3),
        Just(150.0),
        0.0f64..100.0
    ];
    (1_usize..25, 0_usize..4).prop_flat_map(move |(teams, sources)| {
        let nodes = teams + sources + 2;
        (
            prop::collection::vec(
                (
                    1_u64..=8,
                    0_u32..50,
                    prop::option::of(0..Horizon::ALL.len()),
                ),
                teams,
            ),
            prop::collection::vec(prop::option::of(0_usize..2), sources),
            prop::collection::vec(
                (
                    0..nodes,
                    0..nodes,
                    prop::option::weighted(0.3, allocation.clone()),
                ),
                0..60,
            ),
        )
            .prop_map(|(teams, sources, links)| Plan {
                teams,
                sources,
                links,
            })
    })
}

fn build(plan: &Plan) -> Document {
    let mut map = Map::new();
    let mut nodes = Vec::new();
    for (i, &(model_type, headcount, horizon)) in plan.teams.iter().enumerate() {
        let horizon = horizon.map(|h| Horizon::ALL[h]);
        // Repeated names exercise the tie-break by id.
        let name = format!("Team {}", i % 7);
        nodes.push(map.team_with(&name, ModelTypeId(model_type), headcount, horizon));
    }
    for (i, currency) in plan.sources.iter().enumerate() {
        let budget = currency.map(|c| (1000.0, ["EUR", "USD"][c]));
        nodes.push(map.source(&format!("Fund {i}"), budget));
    }
    nodes.push(Id(10_000));
    nodes.push(Id(10_001));
    for &(from, to, allocation) in &plan.links {
        match allocation {
            None => map.depends(nodes[from], nodes[to]),
            Some(percent) => map.funds(nodes[from], nodes[to], percent),
        };
    }
    map.doc
}

fn dependencies(doc: &Document) -> Vec<&Link> {
    doc.links
        .values()
        .filter(|l| {
            l.kind == LinkKind::Dependency
                && doc.teams.contains_key(&l.from)
                && doc.teams.contains_key(&l.to)
        })
        .collect()
}

/// Whether `team` can reach itself along dependency links, by brute force.
fn on_a_loop(doc: &Document, team: Id) -> bool {
    let links = dependencies(doc);
    let mut seen = HashSet::new();
    let mut stack = vec![team];
    while let Some(at) = stack.pop() {
        for link in links.iter().filter(|l| l.from == at) {
            if link.to == team {
                return true;
            }
            if seen.insert(link.to) {
                stack.push(link.to);
            }
        }
    }
    false
}

proptest! {
    #[test]
    fn cycles_are_exactly_the_teams_that_reach_themselves(plan in plan()) {
        let doc = build(&plan);
        let analysis = Analysis::of(&doc);
        let mut in_cycles = HashSet::new();
        for cycle in &analysis.dependencies.cycles {
            for &team in &cycle.teams {
                prop_assert!(in_cycles.insert(team), "team {team} is in two cycles");
            }
            // The path is a real loop: each team depends on the next, the last on the first.
            let links = dependencies(&doc);
            for (i, &from) in cycle.path.iter().enumerate() {
                let to = cycle.path[(i + 1) % cycle.path.len()];
                prop_assert!(links.iter().any(|l| l.from == from && l.to == to));
            }
        }
        for &team in doc.teams.keys() {
            prop_assert_eq!(in_cycles.contains(&team), on_a_loop(&doc, team), "team {}", team);
        }
    }

    #[test]
    fn fan_in_and_fan_out_count_distinct_other_teams(plan in plan()) {
        let doc = build(&plan);
        let analysis = Analysis::of(&doc);
        let links = dependencies(&doc);
        for &team in doc.teams.keys() {
            let fan_in: BTreeSet<Id> =
                links.iter().filter(|l| l.to == team && l.from != team).map(|l| l.from).collect();
            let fan_out: BTreeSet<Id> =
                links.iter().filter(|l| l.from == team && l.to != team).map(|l| l.to).collect();
            let figures = analysis.team(team).expect("every team has figures");
            prop_assert_eq!((figures.fan_in, figures.fan_out), (fan_in.len(), fan_out.len()));
        }
    }

    #[test]
    fn funding_matches_the_links(plan in plan()) {
        let doc = build(&plan);
        let analysis = Analysis::of(&doc);
        for &team in doc.teams.keys() {
            let funded = doc.links.values().any(|l| {
                matches!(l.kind, LinkKind::Funding { allocation_percent } if allocation_percent > 0.0)
                    && l.to == team
                    && l.from != team
                    && (doc.teams.contains_key(&l.from) || doc.sources.contains_key(&l.from))
            });
            prop_assert_eq!(analysis.team(team).expect("figures").funded, funded);
            let unfunded_problems = analysis
                .problems
                .iter()
                .filter(|p| p.kind == ProblemKind::Unfunded && p.items == [team])
                .count();
            prop_assert_eq!(unfunded_problems, usize::from(!funded));
        }
        for funder in &analysis.funding.funders {
            let sum: f64 = funder.allocations.iter().map(|a| a.percent).sum();
            prop_assert!((funder.allocated_percent - sum).abs() < 1e-9);
            prop_assert_eq!(funder.over_allocated, sum > 100.0 + PERCENT_TOLERANCE);
        }
    }

    #[test]
    fn the_mix_adds_up_and_problems_come_in_kind_order(plan in plan()) {
        let doc = build(&plan);
        let analysis = Analysis::of(&doc);
        let mix = &analysis.model_mix;
        let headcount: u64 = doc.teams.values().map(|t| u64::from(t.headcount)).sum();
        prop_assert_eq!(mix.total.teams, doc.teams.len());
        prop_assert_eq!(mix.total.headcount, headcount);
        prop_assert_eq!(mix.by_type.iter().map(|t| t.figures.teams).sum::<usize>(), doc.teams.len());
        prop_assert_eq!(mix.by_horizon.iter().map(|h| h.figures.headcount).sum::<u64>(), headcount);
        let kinds: Vec<ProblemKind> = analysis.problems.iter().map(|p| p.kind).collect();
        prop_assert!(kinds.is_sorted());
        prop_assert_eq!(&Analysis::of(&doc), &analysis);
    }

    #[test]
    fn every_problem_names_items_of_the_map_and_the_text_is_stable(plan in plan()) {
        let doc = build(&plan);
        let analysis = Analysis::of(&doc);
        for problem in &analysis.problems {
            prop_assert!(!problem.items.is_empty());
            prop_assert!(!problem.message.is_empty());
            for &id in &problem.items {
                prop_assert!(doc.contains(id), "{:?} names {} which is not in the map", problem, id);
            }
        }
        let text = text_report(&analysis);
        prop_assert_eq!(&text, &text_report(&Analysis::of(&doc)));
        prop_assert_eq!(text.contains("Problems: none"), analysis.problems.is_empty());
    }
}
