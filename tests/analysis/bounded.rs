//! Hostile funding shapes: the analysis stays linear in the map, its text never hides or invents a
//! problem, and a funding loop is a finding.

use proptest::prelude::*;
use teamscape::analysis::{
    Analysis, MAX_PROBLEMS_LISTED_PER_KIND, ProblemKind, UnknownAmount, text_report,
};

use crate::map::Map;

/// How many per-currency amounts the analysis holds, everywhere it holds them.
fn amount_entries(analysis: &Analysis) -> usize {
    let funders: usize = analysis
        .funding
        .funders
        .iter()
        .map(|f| f.budget.len() + f.allocations.iter().map(|a| a.amounts.len()).sum::<usize>())
        .sum();
    let teams: usize = analysis
        .teams
        .iter()
        .map(|t| t.received.len() + t.kept.len())
        .sum();
    let mix = &analysis.model_mix;
    let mix: usize = mix
        .by_type
        .iter()
        .map(|t| t.figures.funding.len())
        .chain(mix.by_horizon.iter().map(|h| h.figures.funding.len()))
        .sum();
    funders + teams + mix
}

fn items(map: &Map) -> usize {
    map.doc.teams.len() + map.doc.sources.len() + map.doc.links.len()
}

/// Every source in its own currency funds one hub team, which funds `fan_out` teams.
fn currency_fan_out(currencies: usize, fan_out: usize) -> Map {
    let mut map = Map::new();
    let hub = map.team("Hub");
    for i in 0..currencies {
        let source = map.source(&format!("Fund {i}"), Some((1e6, &format!("C{i:05}"))));
        map.funds(source, hub, 1.0);
    }
    for i in 0..fan_out {
        let team = map.team(&format!("Team {i}"));
        map.funds(hub, team, 100.0 / fan_out as f64);
    }
    map
}

#[test]
fn a_team_funded_in_thousands_of_currencies_does_not_copy_them_onto_every_team_it_funds() {
    let map = currency_fan_out(2_000, 2_000);
    let analysis = Analysis::of(&map.doc);
    let entries = amount_entries(&analysis);
    assert!(
        entries <= 10 * items(&map),
        "{entries} amounts for {} items",
        items(&map)
    );
    let funded = analysis
        .teams
        .iter()
        .find(|t| t.name == "Team 7")
        .expect("team");
    assert!(funded.funded);
    assert_eq!(
        funded.unknown_amount,
        Some(UnknownAmount::TooManyCurrencies)
    );
    let text = text_report(&analysis);
    assert!(
        text.len() <= 400 * items(&map),
        "{} bytes of text",
        text.len()
    );
    assert!(
        text.contains("a share of 2,000 currencies"),
        "{}",
        &text[..2000]
    );
}

#[test]
fn a_few_currencies_are_still_passed_on_with_amounts() {
    let map = currency_fan_out(3, 2);
    let analysis = Analysis::of(&map.doc);
    let team = analysis
        .teams
        .iter()
        .find(|t| t.name == "Team 1")
        .expect("team");
    assert_eq!(team.unknown_amount, None);
    assert_eq!(team.received.len(), 3);
}

#[test]
fn two_teams_funding_only_each_other_are_a_funding_loop() {
    let mut map = Map::new();
    let alpha = map.team("Alpha");
    let beta = map.team("Beta");
    map.funds(alpha, beta, 50.0);
    map.funds(beta, alpha, 50.0);
    let analysis = Analysis::of(&map.doc);
    let loops: Vec<_> = analysis
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::FundingLoop)
        .collect();
    assert_eq!(loops.len(), 1, "{:?}", analysis.problems);
    assert_eq!(
        loops[0].message,
        "Funding loop: Alpha → Beta → Alpha; money passed round it has no amount"
    );
    assert!(loops[0].items.contains(&alpha) && loops[0].items.contains(&beta));
    assert!(!text_report(&analysis).contains("Problems: none"));
}

#[test]
fn a_loop_fed_by_a_budgeted_source_reads_the_same_in_every_line() {
    let mut map = Map::new();
    let fund = map.source("Fund", Some((1000.0, "EUR")));
    let alpha = map.team("Alpha");
    let beta = map.team("Beta");
    map.funds(fund, alpha, 100.0);
    map.funds(alpha, beta, 50.0);
    map.funds(beta, alpha, 50.0);
    let analysis = Analysis::of(&map.doc);
    let text = text_report(&analysis);
    // The source does give Alpha 1,000 EUR; what Alpha receives in all is unknown.
    assert!(
        text.contains("Alpha (receives an unknown amount (funding loop))"),
        "{text}"
    );
    assert!(
        text.contains("Alpha  funded, an unknown amount (funding loop)"),
        "{text}"
    );
    assert!(
        text.contains("Funding loop: Alpha → Beta → Alpha"),
        "{text}"
    );
    assert!(!text.contains("(no budget)"), "{text}");
}

#[test]
fn teams_funded_from_a_loop_are_not_on_it() {
    let mut map = Map::new();
    let alpha = map.team("Alpha");
    let beta = map.team("Beta");
    let downstream = map.team("Downstream");
    map.funds(alpha, beta, 50.0);
    map.funds(beta, alpha, 50.0);
    map.funds(beta, downstream, 10.0);
    let analysis = Analysis::of(&map.doc);
    let funding_loop = analysis
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::FundingLoop)
        .expect("a loop");
    assert!(!funding_loop.items.contains(&downstream));
}

#[test]
fn rounding_never_hides_an_over_allocation() {
    let mut map = Map::new();
    let fund = map.source("Fund", Some((1000.0, "EUR")));
    for name in ["A", "B"] {
        let team = map.team(name);
        map.funds(fund, team, 50.002);
    }
    let analysis = Analysis::of(&map.doc);
    let over = &analysis.problems[0];
    assert_eq!(over.kind, ProblemKind::OverAllocated);
    assert_eq!(over.message, "Fund allocates 100.004 % of its budget");
    let text = text_report(&analysis);
    assert!(text.contains("100.004 % allocated, 0.004 % over"), "{text}");
}

#[test]
fn the_problem_list_is_capped_per_kind_and_says_how_many_more_there_are() {
    let mut map = Map::new();
    let fund = map.source("Fund", None);
    let unfunded: Vec<_> = (0..300)
        .map(|i| map.team(&format!("Idle {i:03}")))
        .collect();
    for i in 0..1_000 {
        let team = map.team(&format!("Busy {i:04}"));
        map.funds(fund, team, 0.1);
        map.depends(team, unfunded[i % 300]);
    }
    let analysis = Analysis::of(&map.doc);
    let of_kind = |kind| analysis.problems.iter().filter(|p| p.kind == kind).count();
    assert_eq!(of_kind(ProblemKind::Unfunded), MAX_PROBLEMS_LISTED_PER_KIND);
    assert_eq!(
        of_kind(ProblemKind::UnfundedDependency),
        MAX_PROBLEMS_LISTED_PER_KIND
    );
    assert_eq!(analysis.total_problems(), 1_300);
    let text = text_report(&analysis);
    assert!(text.contains("Problems (1,300):"), "{text}");
    assert!(text.contains("(and 900 more problems;"), "{text}");
}

fn fan_plan() -> impl Strategy<Value = (usize, Vec<(usize, usize)>, usize)> {
    (1_usize..40, 1_usize..30).prop_flat_map(|(sources, teams)| {
        (
            Just(sources),
            prop::collection::vec((0..sources + teams, 0..teams), 0..120),
            Just(teams),
        )
    })
}

proptest! {
    #[test]
    fn the_analysis_and_its_reports_grow_linearly_with_the_map((sources, links, teams) in fan_plan()) {
        let mut map = Map::new();
        let source_ids: Vec<_> = (0..sources)
            .map(|i| map.source(&format!("S{i}"), Some((1e6, &format!("C{i}")))))
            .collect();
        let team_ids: Vec<_> = (0..teams).map(|i| map.team(&format!("T{i}"))).collect();
        for (from, to) in links {
            let from = source_ids.get(from).copied().unwrap_or_else(|| team_ids[from - sources]);
            map.funds(from, team_ids[to], 10.0);
        }
        let analysis = Analysis::of(&map.doc);
        let size = items(&map);
        prop_assert!(amount_entries(&analysis) <= 3 * 8 * size + 8 * 264, "{} for {size}", amount_entries(&analysis));
        let json = serde_json::to_string(&analysis).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(json.len() <= 2_000 * size + 40_000, "{} bytes for {size}", json.len());
    }
}
