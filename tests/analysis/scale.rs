//! Large maps: linear work and no recursion, so 10,000 teams are analysed whole and deep chains
//! cannot overflow the stack. Nothing here asserts a time; `--release --nocapture` prints one.

use teamscape::analysis::Analysis;

use crate::map::Map;

#[test]
fn a_ring_of_twenty_thousand_teams_is_one_cycle_through_all_of_them() {
    let mut map = Map::new();
    let teams: Vec<_> = (0..20_000).map(|i| map.team(&format!("T{i:05}"))).collect();
    for pair in teams.windows(2) {
        map.depends(pair[0], pair[1]);
    }
    map.depends(teams[19_999], teams[0]);
    let analysis = Analysis::of(&map.doc);
    let cycles = &analysis.dependencies.cycles;
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].path.len(), 20_000);
    assert_eq!(cycles[0].path[0], teams[0]);
    assert_eq!(cycles[0].path[19_999], teams[19_999]);
}

/// 10,000 teams with three dependencies each and a funding source per hundred teams.
pub fn large_map() -> Map {
    let mut map = Map::new();
    let teams: Vec<_> = (0..10_000)
        .map(|i| map.team(&format!("Team {i}")))
        .collect();
    for (i, &team) in teams.iter().enumerate() {
        for step in [1, 7, 101] {
            map.depends(team, teams[(i * 31 + step) % teams.len()]);
        }
    }
    for chunk in teams.chunks(100) {
        let fund = map.source("Fund", Some((1e6, "EUR")));
        for &team in chunk {
            map.funds(fund, team, 1.0);
        }
    }
    map
}

#[test]
fn a_large_map_is_analysed_whole() {
    let map = large_map();
    let started = std::time::Instant::now();
    let analysis = Analysis::of(&map.doc);
    eprintln!(
        "analysed 10,000 teams / 40,000 links in {:?}",
        started.elapsed()
    );
    assert_eq!(analysis.teams.len(), 10_000);
    assert_eq!(analysis.funding.funders.len(), 100);
    assert!(analysis.funding.unfunded.is_empty());
    assert!(analysis.teams.iter().all(|t| t.fan_out == 3));
    assert!(!analysis.dependencies.cycles.is_empty());
}
