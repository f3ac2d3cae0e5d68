//! Funding: allocations per funder, slack, amounts, team totals and teams without funding.

use teamscape::analysis::{Analysis, FunderKind, Money, ProblemKind};

use crate::map::Map;

fn money(amount: f64, currency: &str) -> Money {
    Money {
        amount,
        currency: currency.to_owned(),
    }
}

#[test]
fn source_above_100_percent_is_a_problem_naming_the_source_its_teams_and_links() {
    let mut map = Map::new();
    let fund = map.source("Innovation fund", None);
    let a = map.team("Alpha");
    let b = map.team("Beta");
    let to_b = map.funds(fund, b, 60.0);
    let to_a = map.funds(fund, a, 70.0);
    let analysis = Analysis::of(&map.doc);

    let funder = &analysis.funding.funders[0];
    assert_eq!(funder.allocated_percent, 130.0);
    assert!(funder.over_allocated);
    assert_eq!(funder.unallocated_percent, 0.0);
    let over: Vec<_> = analysis
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::OverAllocated)
        .collect();
    assert_eq!(over.len(), 1);
    assert_eq!(
        over[0].message,
        "Innovation fund allocates 130 % of its budget"
    );
    assert_eq!(over[0].items, vec![fund, a, b, to_a, to_b]);
}

#[test]
fn source_at_exactly_100_percent_is_fine_and_has_no_slack() {
    let mut map = Map::new();
    let fund = map.source("Fund", None);
    for name in ["A", "B", "C"] {
        let team = map.team(name);
        // 33.3 + 33.3 + 33.4 is not exactly 100 in floating point.
        map.funds(fund, team, if name == "C" { 33.4 } else { 33.3 });
    }
    let analysis = Analysis::of(&map.doc);
    let funder = &analysis.funding.funders[0];
    assert!(!funder.over_allocated);
    assert_eq!(funder.unallocated_percent, 0.0);
    assert!(analysis.problems.is_empty(), "{:?}", analysis.problems);
}

#[test]
fn source_below_100_percent_shows_its_slack() {
    let mut map = Map::new();
    let fund = map.source("Fund", Some((1000.0, "EUR")));
    let team = map.team("A");
    map.funds(fund, team, 75.0);
    let funder = &Analysis::of(&map.doc).funding.funders[0];
    assert_eq!(funder.allocated_percent, 75.0);
    assert_eq!(funder.unallocated_percent, 25.0);
    assert!(!funder.over_allocated);
}

#[test]
fn a_source_with_no_links_is_listed_with_everything_unallocated() {
    let mut map = Map::new();
    let fund = map.source("Idle fund", Some((500.0, "EUR")));
    let funder = &Analysis::of(&map.doc).funding.funders[0];
    assert_eq!(funder.id, fund);
    assert_eq!(funder.allocated_percent, 0.0);
    assert_eq!(funder.unallocated_percent, 100.0);
    assert!(funder.allocations.is_empty());
}

#[test]
fn a_zero_percent_allocation_does_not_fund_the_team() {
    let mut map = Map::new();
    let fund = map.source("Fund", Some((1000.0, "EUR")));
    let team = map.team("Checkout");
    let link = map.funds(fund, team, 0.0);
    let analysis = Analysis::of(&map.doc);

    assert_eq!(analysis.funding.unfunded, vec![team]);
    let figures = analysis.team(team).expect("team figures");
    assert!(!figures.funded);
    assert!(figures.received.is_empty());
    let allocation = &analysis.funding.funders[0].allocations[0];
    assert_eq!((allocation.link, allocation.percent), (link, 0.0));
    assert!(allocation.amounts.is_empty());
    assert_eq!(analysis.problems.len(), 1);
    assert_eq!(analysis.problems[0].kind, ProblemKind::Unfunded);
    assert_eq!(analysis.problems[0].message, "Checkout has no funding");
    assert_eq!(analysis.problems[0].items, vec![team]);
}

#[test]
fn a_map_without_sources_reports_every_team_unfunded_in_name_order() {
    let mut map = Map::new();
    let zed = map.team("zed");
    let alpha = map.team("Alpha");
    let beta = map.team("beta");
    let analysis = Analysis::of(&map.doc);
    assert!(analysis.funding.funders.is_empty());
    assert!(analysis.funding.currencies.is_empty());
    assert_eq!(analysis.funding.unfunded, vec![alpha, beta, zed]);
    let messages: Vec<&str> = analysis
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "Alpha has no funding",
            "beta has no funding",
            "zed has no funding"
        ]
    );
}

#[test]
fn an_empty_map_has_no_findings() {
    let analysis = Analysis::of(&Map::new().doc);
    assert!(!analysis.has_problems());
    assert!(analysis.teams.is_empty());
    assert!(analysis.funding.funders.is_empty());
    assert_eq!(analysis.model_mix.total.teams, 0);
    assert_eq!(analysis.model_mix.by_type[0].figures.team_share, 0.0);
}

#[test]
fn amounts_are_allocation_times_budget_and_totals_are_kept_per_currency() {
    let mut map = Map::new();
    let big = map.source("Big fund", Some((1000.0, "EUR")));
    let small = map.source("Small fund", Some((200.0, "EUR")));
    let dollars = map.source("US fund", Some((300.0, "USD")));
    let team = map.team("A");
    map.funds(big, team, 10.0);
    map.funds(small, team, 50.0);
    map.funds(dollars, team, 20.0);
    let analysis = Analysis::of(&map.doc);

    assert_eq!(analysis.funding.currencies, ["EUR", "USD"]);
    let big_funder = &analysis.funding.funders[0];
    assert_eq!(big_funder.name, "Big fund");
    assert_eq!(big_funder.allocations[0].amounts, vec![money(100.0, "EUR")]);
    let figures = analysis.team(team).expect("team figures");
    assert_eq!(
        figures.received,
        vec![money(200.0, "EUR"), money(60.0, "USD")]
    );
    assert_eq!(figures.kept, figures.received);
}

#[test]
fn a_source_without_a_budget_funds_but_gives_no_amount() {
    let mut map = Map::new();
    let sponsor = map.source("Sponsor", None);
    let team = map.team("A");
    map.funds(sponsor, team, 40.0);
    let analysis = Analysis::of(&map.doc);
    let figures = analysis.team(team).expect("team figures");
    assert!(figures.funded);
    assert!(figures.received.is_empty());
    assert!(analysis.funding.funders[0].budget.is_empty());
    assert!(!analysis.has_problems());
}

#[test]
fn a_team_passes_shares_of_what_it_receives_on_to_other_teams() {
    let mut map = Map::new();
    let bu = map.source("Marketplace BU", Some((6000.0, "EUR")));
    let tech = map.source("Technology", Some((1000.0, "EUR")));
    let marketplace = map.team("Marketplace");
    let payments = map.team("Payments");
    map.funds(bu, marketplace, 70.0);
    map.funds(tech, payments, 16.0);
    let share = map.funds(marketplace, payments, 10.0);
    let analysis = Analysis::of(&map.doc);

    let funders = &analysis.funding.funders;
    assert_eq!(
        funders.iter().map(|f| f.kind).collect::<Vec<_>>(),
        [FunderKind::Source, FunderKind::Source, FunderKind::Team]
    );
    let team_funder = &funders[2];
    assert_eq!(team_funder.id, marketplace);
    assert_eq!(team_funder.budget, vec![money(4200.0, "EUR")]);
    assert_eq!(team_funder.unallocated_percent, 90.0);
    assert_eq!(team_funder.allocations[0].link, share);
    assert_eq!(
        team_funder.allocations[0].amounts,
        vec![money(420.0, "EUR")]
    );

    let payments = analysis.team(payments).expect("payments");
    assert_eq!(payments.received, vec![money(580.0, "EUR")]);
    let marketplace = analysis.team(marketplace).expect("marketplace");
    assert_eq!(marketplace.received, vec![money(4200.0, "EUR")]);
    assert_eq!(marketplace.kept, vec![money(3780.0, "EUR")]);
}

#[test]
fn a_team_passing_on_more_than_it_receives_is_over_allocated() {
    let mut map = Map::new();
    let fund = map.source("Fund", Some((100.0, "EUR")));
    let lead = map.team("Lead");
    let x = map.team("X");
    let y = map.team("Y");
    map.funds(fund, lead, 50.0);
    map.funds(lead, x, 60.0);
    map.funds(lead, y, 60.0);
    let analysis = Analysis::of(&map.doc);
    let over: Vec<&str> = analysis
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::OverAllocated)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(over, ["Lead allocates 120 % of its funding to other teams"]);
    let lead = analysis.team(lead).expect("lead");
    assert_eq!(lead.received, vec![money(50.0, "EUR")]);
    assert_eq!(lead.kept, vec![money(0.0, "EUR")]);
}

#[test]
fn teams_funding_each_other_in_a_loop_are_funded_have_no_amount_and_are_a_problem() {
    let mut map = Map::new();
    let fund = map.source("Fund", Some((100.0, "EUR")));
    let a = map.team("A");
    let b = map.team("B");
    map.funds(fund, a, 100.0);
    map.funds(a, b, 50.0);
    map.funds(b, a, 50.0);
    let analysis = Analysis::of(&map.doc);
    assert!(analysis.team(a).expect("a").funded);
    assert!(analysis.team(b).expect("b").funded);
    // A's total is 100 EUR plus a share of a share round the loop: it never settles.
    assert_eq!(
        analysis.team(a).expect("a").unknown_amount,
        Some(teamscape::analysis::UnknownAmount::FundingLoop)
    );
    let team_funders: Vec<_> = analysis
        .funding
        .funders
        .iter()
        .filter(|f| f.kind == FunderKind::Team)
        .collect();
    assert_eq!(team_funders.len(), 2);
    assert!(team_funders.iter().all(|f| f.budget.is_empty()));
    let kinds: Vec<_> = analysis.problems.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [ProblemKind::FundingLoop]);
}

#[test]
fn a_team_funded_only_by_another_team_counts_as_funded() {
    let mut map = Map::new();
    let lead = map.team("Lead");
    let helper = map.team("Helper");
    map.funds(lead, helper, 20.0);
    let analysis = Analysis::of(&map.doc);
    assert_eq!(analysis.funding.unfunded, vec![lead]);
}
