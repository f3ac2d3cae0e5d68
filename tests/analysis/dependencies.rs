//! Dependencies: fan-in, fan-out, the most depended-on teams and dependency cycles.

use teamscape::analysis::{Analysis, ProblemKind};

use crate::map::Map;

fn cycle_messages(analysis: &Analysis) -> Vec<&str> {
    analysis
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::DependencyCycle)
        .map(|p| p.message.as_str())
        .collect()
}

#[test]
fn fan_in_and_fan_out_count_distinct_teams_and_ignore_funding_links() {
    let mut map = Map::new();
    let app = map.team("App");
    let api = map.team("API");
    let db = map.team("Database");
    map.depends(app, api);
    map.depends(app, api); // a second arrow between the same pair counts once
    map.depends(app, db);
    map.depends(api, db);
    map.funds(db, app, 10.0);
    let analysis = Analysis::of(&map.doc);
    let figures = |id| analysis.team(id).expect("team");
    assert_eq!((figures(app).fan_in, figures(app).fan_out), (0, 2));
    assert_eq!((figures(api).fan_in, figures(api).fan_out), (1, 1));
    assert_eq!((figures(db).fan_in, figures(db).fan_out), (2, 0));
}

#[test]
fn most_depended_on_sorts_by_fan_in_then_name_then_id() {
    let mut map = Map::new();
    let users: Vec<_> = ["U1", "U2", "U3"].iter().map(|n| map.team(n)).collect();
    let platform = map.team("Platform");
    let beta = map.team("Beta");
    let alpha_two = map.team("Alpha");
    let alpha_one = map.team("alpha");
    for &user in &users {
        map.depends(user, platform);
    }
    for target in [beta, alpha_two, alpha_one] {
        map.depends(users[0], target);
    }
    let ranked: Vec<_> = Analysis::of(&map.doc)
        .dependencies
        .most_depended_on
        .iter()
        .map(|t| (t.team, t.fan_in))
        .collect();
    // "Alpha" and "alpha" tie ignoring case; the exact name ("A" < "a") breaks the tie.
    assert_eq!(
        ranked,
        [(platform, 3), (alpha_two, 1), (alpha_one, 1), (beta, 1)]
    );
}

#[test]
fn teams_with_the_same_name_are_ordered_by_id() {
    let mut map = Map::new();
    let user = map.team("User");
    let first = map.team("Twin");
    let second = map.team("Twin");
    map.depends(user, second);
    map.depends(user, first);
    let ranked: Vec<_> = Analysis::of(&map.doc)
        .dependencies
        .most_depended_on
        .iter()
        .map(|t| t.team)
        .collect();
    assert_eq!(ranked, [first, second]);
}

#[test]
fn a_loop_of_three_teams_is_one_cycle_with_its_teams_path_and_links() {
    let mut map = Map::new();
    let c = map.team("Checkout");
    let a = map.team("Accounts");
    let b = map.team("Billing");
    let outside = map.team("Outside");
    let a_b = map.depends(a, b);
    let b_c = map.depends(b, c);
    let c_a = map.depends(c, a);
    map.depends(outside, a);
    let analysis = Analysis::of(&map.doc);

    let cycles = &analysis.dependencies.cycles;
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].teams, [a, b, c]);
    assert_eq!(cycles[0].path, [a, b, c]);
    assert_eq!(cycles[0].links, [a_b, b_c, c_a]);
    assert_eq!(
        cycle_messages(&analysis),
        ["Dependency cycle: Accounts → Billing → Checkout → Accounts"]
    );
    let problem = analysis
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::DependencyCycle)
        .expect("cycle problem");
    assert_eq!(problem.items, [a, b, c, a_b, b_c, c_a]);
}

#[test]
fn a_self_link_is_a_cycle_and_does_not_count_as_fan_in_or_fan_out() {
    let mut map = Map::new();
    let team = map.team("Checkout");
    let link = map.depends(team, team);
    let analysis = Analysis::of(&map.doc);
    let figures = analysis.team(team).expect("team");
    assert_eq!((figures.fan_in, figures.fan_out), (0, 0));
    assert!(analysis.dependencies.most_depended_on.is_empty());
    let cycles = &analysis.dependencies.cycles;
    assert_eq!(cycles.len(), 1);
    assert_eq!(
        (cycles[0].teams.as_slice(), cycles[0].links.as_slice()),
        (&[team][..], &[link][..])
    );
    assert_eq!(
        cycle_messages(&analysis),
        ["Dependency cycle: Checkout depends on itself"]
    );
}

#[test]
fn a_loop_made_of_funding_and_dependency_links_is_not_a_cycle() {
    let mut map = Map::new();
    let fund = map.source("Fund", None);
    let app = map.team("App");
    let platform = map.team("Platform");
    map.funds(fund, platform, 50.0);
    map.depends(app, platform);
    map.funds(platform, app, 10.0);
    let analysis = Analysis::of(&map.doc);
    assert!(analysis.dependencies.cycles.is_empty());
    assert!(cycle_messages(&analysis).is_empty());
    assert!(!analysis.has_problems(), "{:?}", analysis.problems);
}

#[test]
fn separate_cycles_are_listed_by_their_first_team_name() {
    let mut map = Map::new();
    let y = map.team("Yankee");
    let z = map.team("Zulu");
    let a = map.team("Alpha");
    let b = map.team("Bravo");
    map.depends(y, z);
    map.depends(z, y);
    map.depends(b, a);
    map.depends(a, b);
    let cycles = Analysis::of(&map.doc).dependencies.cycles;
    let firsts: Vec<_> = cycles.iter().map(|c| c.teams[0]).collect();
    assert_eq!(firsts, [a, y]);
    assert_eq!(cycles[0].path, [a, b]);
}

#[test]
fn a_tangle_names_one_loop_and_mentions_the_other_teams() {
    let mut map = Map::new();
    let a = map.team("A");
    let b = map.team("B");
    let c = map.team("C");
    let d = map.team("D");
    // A ⇄ B, and B → C → D → A: one component of four teams; the shortest loop from A is A → B → A.
    map.depends(a, b);
    map.depends(b, a);
    map.depends(b, c);
    map.depends(c, d);
    map.depends(d, a);
    let analysis = Analysis::of(&map.doc);
    let cycles = &analysis.dependencies.cycles;
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].teams, [a, b, c, d]);
    assert_eq!(cycles[0].path, [a, b]);
    assert_eq!(cycles[0].links.len(), 5);
    assert_eq!(
        cycle_messages(&analysis),
        ["Dependency cycle: A → B → A (and 2 more teams in the same tangle: C, D)"]
    );
}

#[test]
fn a_chain_without_a_way_back_has_no_cycle() {
    let mut map = Map::new();
    let teams: Vec<_> = (0..50).map(|i| map.team(&format!("T{i}"))).collect();
    for pair in teams.windows(2) {
        map.depends(pair[0], pair[1]);
    }
    map.depends(teams[0], teams[49]);
    assert!(Analysis::of(&map.doc).dependencies.cycles.is_empty());
}
