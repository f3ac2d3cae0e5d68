//! The problem list: unfunded dependencies, the order of kinds, and finding problems by item.

use teamscape::analysis::{Analysis, ProblemKind};

use crate::map::Map;

#[test]
fn a_funded_team_depending_on_an_unfunded_team_is_a_problem() {
    let mut map = Map::new();
    let fund = map.source("Fund", None);
    let checkout = map.team("Checkout");
    let payments = map.team("Payments");
    map.funds(fund, checkout, 50.0);
    let first = map.depends(checkout, payments);
    let second = map.depends(checkout, payments);
    let analysis = Analysis::of(&map.doc);
    let problem = analysis
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::UnfundedDependency)
        .expect("unfunded dependency");
    assert_eq!(
        problem.message,
        "Checkout (funded) depends on Payments, which has no funding"
    );
    assert_eq!(problem.items, [checkout, payments, first, second]);
}

#[test]
fn an_unfunded_team_depending_on_an_unfunded_team_is_only_two_unfunded_problems() {
    let mut map = Map::new();
    let a = map.team("A");
    let b = map.team("B");
    map.depends(a, b);
    let kinds: Vec<_> = Analysis::of(&map.doc)
        .problems
        .iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(kinds, [ProblemKind::Unfunded, ProblemKind::Unfunded]);
}

#[test]
fn problems_come_in_kind_order_then_name_order() {
    let mut map = Map::new();
    let fund = map.source("Fund", None);
    let zeta = map.team("Zeta");
    let alpha = map.team("Alpha");
    let orphan = map.team("Orphan");
    map.funds(fund, zeta, 80.0);
    map.funds(fund, alpha, 80.0);
    map.depends(zeta, alpha);
    map.depends(alpha, zeta);
    map.depends(zeta, orphan);
    let analysis = Analysis::of(&map.doc);
    let listed: Vec<_> = analysis
        .problems
        .iter()
        .map(|p| (p.kind, p.message.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                ProblemKind::OverAllocated,
                "Fund allocates 160 % of its budget"
            ),
            (ProblemKind::Unfunded, "Orphan has no funding"),
            (
                ProblemKind::DependencyCycle,
                "Dependency cycle: Alpha → Zeta → Alpha"
            ),
            (
                ProblemKind::UnfundedDependency,
                "Zeta (funded) depends on Orphan, which has no funding"
            ),
        ]
    );
    // The same document always gives the same list.
    assert_eq!(Analysis::of(&map.doc), analysis);
}

#[test]
fn problems_can_be_found_and_counted_by_the_items_they_involve() {
    let mut map = Map::new();
    let fund = map.source("Fund", None);
    let funded = map.team("Funded");
    let orphan = map.team("Orphan");
    let link = map.funds(fund, funded, 100.0);
    let dependency = map.depends(funded, orphan);
    let analysis = Analysis::of(&map.doc);

    let about_orphan: Vec<_> = analysis
        .problems_involving(orphan)
        .map(|p| p.kind)
        .collect();
    assert_eq!(
        about_orphan,
        [ProblemKind::Unfunded, ProblemKind::UnfundedDependency]
    );
    assert_eq!(analysis.problem_count(orphan), 2);
    assert_eq!(analysis.problem_count(funded), 1);
    assert_eq!(analysis.problem_count(dependency), 1);
    assert_eq!(analysis.problem_count(link), 0);
    assert_eq!(analysis.problem_count(fund), 0);
    assert_eq!(analysis.problems_involving(fund).count(), 0);
    // Building the index on first use does not make the analysis differ from a fresh one.
    assert_eq!(analysis, Analysis::of(&map.doc));
}

#[test]
fn links_to_missing_items_are_ignored_rather_than_trusted() {
    let mut map = Map::new();
    let fund = map.source("Fund", Some((100.0, "EUR")));
    let team = map.team("A");
    map.funds(fund, team, 100.0);
    let ghost = teamscape::model::Id(999);
    map.depends(team, ghost);
    map.funds(fund, ghost, 50.0);
    map.funds(ghost, team, 50.0);
    let analysis = Analysis::of(&map.doc);
    assert!(!analysis.has_problems(), "{:?}", analysis.problems);
    assert_eq!(analysis.team(team).expect("team").fan_out, 0);
}
