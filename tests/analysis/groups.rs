//! Group roll-ups: everything in a group, nested groups included, on a small map with known
//! figures, and on the bundled example.

use teamscape::analysis::Analysis;
use teamscape::model::{Horizon, Id};

use crate::map::{INDEPENDENT, Map, NEW_OFFERING, PLATFORM};

/// Retail holds Checkout (6 people) and the value stream Search, which holds Search (4) and Ads
/// (2, unfunded). Platforms holds Payments (10). A fund of 1,000 EUR gives Checkout 50 %, and
/// Checkout passes 20 % of it on to Search; another of 300 USD funds Payments wholly.
/// Checkout → Payments, Search → Checkout, Ads → Search, Payments → Checkout; Search and Ads
/// depend on each other in a cycle.
struct Example {
    map: Map,
    search: Id,
    ads: Id,
    retail: Id,
    stream: Id,
    platforms: Id,
    checkout_on_payments: Id,
    search_on_checkout: Id,
    payments_on_checkout: Id,
}

fn example() -> Example {
    let mut map = Map::new();
    let checkout = map.team_with("Checkout", INDEPENDENT, 6, Some(Horizon::Quarters));
    let search = map.team_with("Search", INDEPENDENT, 4, Some(Horizon::Months));
    let ads = map.team_with("Ads", NEW_OFFERING, 2, None);
    let payments = map.team_with("Payments", PLATFORM, 10, Some(Horizon::Years));
    let fund = map.source("Fund", Some((1_000.0, "EUR")));
    let dollars = map.source("Dollars", Some((300.0, "USD")));
    map.funds(fund, checkout, 50.0);
    map.funds(checkout, search, 20.0);
    map.funds(dollars, payments, 100.0);
    let checkout_on_payments = map.depends(checkout, payments);
    let search_on_checkout = map.depends(search, checkout);
    map.depends(ads, search);
    map.depends(search, ads);
    let payments_on_checkout = map.depends(payments, checkout);
    let retail = map.group("Retail", None, &[checkout, fund]);
    let stream = map.group("Search", Some(retail), &[search, ads]);
    let platforms = map.group("Platforms", None, &[payments, dollars]);
    Example {
        map,
        search,
        ads,
        retail,
        stream,
        platforms,
        checkout_on_payments,
        search_on_checkout,
        payments_on_checkout,
    }
}

#[test]
fn a_group_counts_its_nested_groups_teams_and_people() {
    let e = example();
    let analysis = Analysis::of(&e.map.doc);
    let retail = analysis.group(e.retail).expect("retail");
    assert_eq!(retail.teams, 3);
    assert_eq!(retail.headcount, 12);
    assert_eq!(retail.funding_sources, 1);
    assert_eq!(retail.depth, 1);
    let stream = analysis.group(e.stream).expect("stream");
    assert_eq!((stream.teams, stream.headcount, stream.depth), (2, 6, 2));
    assert_eq!(stream.parent, Some(e.retail));
}

#[test]
fn groups_are_listed_parents_first_and_siblings_by_name() {
    let e = example();
    let order: Vec<Id> = Analysis::of(&e.map.doc)
        .groups
        .iter()
        .map(|g| g.id)
        .collect();
    assert_eq!(order, vec![e.platforms, e.retail, e.stream]);
}

#[test]
fn a_groups_funding_is_what_its_teams_keep_counted_once() {
    let e = example();
    let analysis = Analysis::of(&e.map.doc);
    let money = |id| {
        analysis
            .group(id)
            .expect("group")
            .funding
            .iter()
            .map(|m| (m.amount, m.currency.clone()))
            .collect::<Vec<_>>()
    };
    // Checkout receives 500 and passes 100 on to Search, inside Retail: 500 in all.
    assert_eq!(money(e.retail), vec![(500.0, "EUR".to_owned())]);
    assert_eq!(money(e.stream), vec![(100.0, "EUR".to_owned())]);
    assert_eq!(money(e.platforms), vec![(300.0, "USD".to_owned())]);
}

#[test]
fn a_groups_mix_lists_only_what_its_teams_have_with_shares_of_the_group() {
    let e = example();
    let analysis = Analysis::of(&e.map.doc);
    let stream = analysis.group(e.stream).expect("stream");
    let types: Vec<(&str, usize, f64)> = stream
        .mix
        .by_type
        .iter()
        .map(|t| (t.name.as_str(), t.figures.teams, t.figures.headcount_share))
        .collect();
    let new_offering = &e.map.doc.palette[3].name;
    let independent = &e.map.doc.palette[0].name;
    assert_eq!(
        types,
        vec![
            (independent.as_str(), 1, 4.0 / 6.0),
            (new_offering.as_str(), 1, 2.0 / 6.0)
        ]
    );
    let horizons: Vec<&str> = stream
        .mix
        .by_horizon
        .iter()
        .map(|h| h.label.as_str())
        .collect();
    assert_eq!(horizons, vec!["1–3 months", "Not set"]);
    assert_eq!(stream.mix.total.teams, 2);
}

#[test]
fn dependencies_crossing_a_boundary_are_counted_both_ways() {
    let e = example();
    let analysis = Analysis::of(&e.map.doc);
    let retail = &analysis
        .group(e.retail)
        .expect("retail")
        .cross_group_dependencies;
    assert_eq!(retail.outgoing_links, vec![e.checkout_on_payments]);
    assert_eq!(retail.incoming_links, vec![e.payments_on_checkout]);
    assert_eq!((retail.outgoing, retail.incoming), (1, 1));
    // Search → Checkout crosses the value stream's boundary, not Retail's.
    let stream = &analysis
        .group(e.stream)
        .expect("stream")
        .cross_group_dependencies;
    assert_eq!(stream.outgoing_links, vec![e.search_on_checkout]);
    assert!(stream.incoming_links.is_empty());
}

#[test]
fn unfunded_teams_and_cycles_inside_a_group_are_named() {
    let e = example();
    let analysis = Analysis::of(&e.map.doc);
    let stream = analysis.group(e.stream).expect("stream");
    assert_eq!(stream.unfunded, vec![e.ads]);
    assert_eq!(stream.cycles, vec![vec![e.ads, e.search]]);
    let retail = analysis.group(e.retail).expect("retail");
    assert_eq!(retail.unfunded, vec![e.ads]);
    assert_eq!(retail.cycles.len(), 1, "the cycle is inside Retail too");
    // Checkout ↔ Payments is a cycle across Retail and Platforms: inside neither.
    let platforms = analysis.group(e.platforms).expect("platforms");
    assert!(platforms.cycles.is_empty());
    assert!(platforms.unfunded.is_empty());
}

#[test]
fn the_check_report_has_a_groups_entry_per_group() {
    let e = example();
    let json = serde_json::to_value(Analysis::of(&e.map.doc)).expect("json");
    let groups = json["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 3);
    let retail = &groups[1];
    for key in [
        "name",
        "teams",
        "headcount",
        "funding",
        "mix",
        "cross_group_dependencies",
    ] {
        assert!(!retail[key].is_null(), "{key} missing: {retail}");
    }
    assert_eq!(retail["name"], "Retail");
    assert_eq!(retail["teams"], 3);
    assert_eq!(retail["parent"], serde_json::Value::Null);
    assert_eq!(groups[2]["parent"], e.retail.0);
    assert_eq!(retail["cross_group_dependencies"]["outgoing"], 1);
    assert_eq!(retail["cycles"][0][0], e.ads.0);
}

#[test]
fn the_bundled_example_rolls_up_its_business_units() {
    let example = teamscape::examples::default_example();
    let doc = teamscape::file::parse(example.text, example.file_name).expect("example");
    let analysis = Analysis::of(&doc);
    let by_name = |name: &str| {
        analysis
            .groups
            .iter()
            .find(|g| g.name == name)
            .unwrap_or_else(|| panic!("no group {name}"))
    };
    let retail = by_name("Retail");
    assert_eq!((retail.teams, retail.headcount), (8, 51));
    assert_eq!(retail.funding[0].amount, 14_760_000.0);
    assert_eq!(retail.cross_group_dependencies.incoming, 2);
    let marketplace = by_name("Marketplace");
    // The Marketplace team passes 10 % of its 4.2 M on to the Payments Platform.
    assert_eq!(marketplace.funding[0].amount, 5_580_000.0);
    assert_eq!(by_name("Platforms").cross_group_dependencies.outgoing, 0);
    assert_eq!(by_name("Shopping journey").depth, 2);
    let total: usize = analysis
        .groups
        .iter()
        .filter(|g| g.depth == 1)
        .map(|g| g.teams)
        .sum();
    assert_eq!(total, doc.teams.len(), "every team is in one business unit");
}
