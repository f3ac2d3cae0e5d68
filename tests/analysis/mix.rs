//! Model mix: teams, headcount and funding per model type and per bet horizon.

use teamscape::analysis::{Analysis, HORIZON_NOT_SET, MoneyShare, UNKNOWN_MODEL_TYPE};
use teamscape::model::{Horizon, ModelTypeId};

use crate::map::{INDEPENDENT, Map, NEW_OFFERING, PLATFORM};

#[test]
fn mix_by_type_follows_the_palette_with_counts_and_shares() {
    let mut map = Map::new();
    map.team_with("Checkout", INDEPENDENT, 6, Some(Horizon::Quarters));
    map.team_with("Payments", PLATFORM, 10, Some(Horizon::Years));
    map.team_with("Identity", PLATFORM, 4, None);
    map.team_with("Trips", NEW_OFFERING, 0, Some(Horizon::Months));
    let mix = Analysis::of(&map.doc).model_mix;

    let names: Vec<&str> = mix.by_type.iter().map(|t| t.name.as_str()).collect();
    let palette: Vec<&str> = map.doc.palette.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, palette);
    let platform = mix
        .by_type
        .iter()
        .find(|t| t.model_type == Some(PLATFORM))
        .expect("platform row");
    assert_eq!(platform.figures.teams, 2);
    assert_eq!(platform.figures.team_share, 0.5);
    assert_eq!(platform.figures.headcount, 14);
    assert_eq!(platform.figures.headcount_share, 0.7);
    assert_eq!(mix.total.teams, 4);
    assert_eq!(mix.total.headcount, 20);
}

#[test]
fn mix_by_horizon_lists_every_horizon_then_not_set() {
    let mut map = Map::new();
    map.team_with("A", INDEPENDENT, 3, Some(Horizon::Quarters));
    map.team_with("B", INDEPENDENT, 1, None);
    map.team_with("C", INDEPENDENT, 1, None);
    let mix = Analysis::of(&map.doc).model_mix;

    let horizons: Vec<Option<Horizon>> = mix.by_horizon.iter().map(|h| h.horizon).collect();
    let mut expected: Vec<Option<Horizon>> = Horizon::ALL.iter().copied().map(Some).collect();
    expected.push(None);
    assert_eq!(horizons, expected);
    let not_set = mix.by_horizon.last().expect("not set row");
    assert_eq!(not_set.label, HORIZON_NOT_SET);
    assert_eq!((not_set.figures.teams, not_set.figures.headcount), (2, 2));
    let quarters = &mix.by_horizon[3];
    assert_eq!(quarters.label, "1–3 quarters");
    assert_eq!(quarters.figures.headcount_share, 0.6);
    assert_eq!(mix.by_horizon[0].figures.teams, 0);
}

#[test]
fn mix_funding_keeps_currencies_apart_and_counts_money_passed_on_once() {
    let mut map = Map::new();
    let euros = map.source("EU budget", Some((1000.0, "EUR")));
    let dollars = map.source("US budget", Some((400.0, "USD")));
    let shop = map.team_with("Shop", INDEPENDENT, 5, None);
    let platform = map.team_with("Platform", PLATFORM, 5, None);
    map.funds(euros, shop, 100.0);
    map.funds(dollars, platform, 50.0);
    map.funds(shop, platform, 25.0);
    let mix = Analysis::of(&map.doc).model_mix;

    let share = |amount: f64, currency: &str, share: f64| MoneyShare {
        amount,
        currency: currency.to_owned(),
        share,
    };
    let row = |id| {
        mix.by_type
            .iter()
            .find(|t| t.model_type == Some(id))
            .expect("row")
            .figures
            .funding
            .clone()
    };
    assert_eq!(row(INDEPENDENT), vec![share(750.0, "EUR", 0.75)]);
    assert_eq!(
        row(PLATFORM),
        vec![share(250.0, "EUR", 0.25), share(200.0, "USD", 1.0)]
    );
    assert_eq!(
        mix.total.funding,
        vec![share(1000.0, "EUR", 1.0), share(200.0, "USD", 1.0)]
    );
}

#[test]
fn teams_of_a_type_missing_from_the_palette_get_their_own_row() {
    let mut map = Map::new();
    map.team_with("Orphan", ModelTypeId(99), 2, None);
    map.team_with("Known", INDEPENDENT, 2, None);
    let mix = Analysis::of(&map.doc).model_mix;
    let last = mix.by_type.last().expect("rows");
    assert_eq!(last.model_type, None);
    assert_eq!(last.name, UNKNOWN_MODEL_TYPE);
    assert_eq!(last.figures.teams, 1);
    assert_eq!(mix.by_type.len(), map.doc.palette.len() + 1);
}

#[test]
fn no_unknown_row_when_every_type_is_in_the_palette() {
    let mut map = Map::new();
    map.team_with("Known", INDEPENDENT, 2, None);
    let mix = Analysis::of(&map.doc).model_mix;
    assert_eq!(mix.by_type.len(), map.doc.palette.len());
}
