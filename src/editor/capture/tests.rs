use super::*;
use crate::model::{FundingSource, Link, ModelTypeId, Team};

const TEAM: Size = Team::DEFAULT_SIZE;

fn add_team(doc: &mut Document, name: &str, at: Point) -> Id {
    let id = doc.next_id();
    doc.teams.insert(id, Team::new(name, ModelTypeId(1), at));
    id
}

fn overlaps(doc: &Document) -> Vec<(Id, Id)> {
    let rects: Vec<(Id, Rect)> = doc
        .teams
        .keys()
        .chain(doc.sources.keys())
        .filter_map(|id| Some((*id, doc.node_rect(*id)?)))
        .collect();
    let mut pairs = Vec::new();
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            if ra.intersects(*rb) {
                pairs.push((*a, *b));
            }
        }
    }
    pairs
}

#[test]
fn twenty_new_teams_beside_the_last_one_fill_rows_of_five_and_never_overlap() {
    let mut doc = Document::new("t");
    let mut last = None;
    for n in 0..20 {
        let anchor = match last {
            None => Anchor::At(Point::new(0.0, 0.0)),
            Some(id) => Anchor::Beside(doc.node_rect(id).expect("rect")),
        };
        let at = free_slot(&doc, anchor, TEAM, NodeKind::Team, true);
        last = Some(add_team(&mut doc, &format!("T{n}"), at));
    }
    assert!(overlaps(&doc).is_empty(), "{:?}", overlaps(&doc));
    let mut rows: Vec<f32> = doc.teams.values().map(|t| t.position.y).collect();
    rows.sort_by(f32::total_cmp);
    rows.dedup();
    assert_eq!(rows.len(), 4, "{rows:?}");
    let columns: std::collections::BTreeSet<i64> =
        doc.teams.values().map(|t| t.position.x as i64).collect();
    assert_eq!(columns.len(), ROW_SLOTS);
}

#[test]
fn a_taken_slot_is_skipped_and_the_view_centre_is_used_only_when_free() {
    let mut doc = Document::new("t");
    let a = add_team(&mut doc, "A", Point::new(0.0, 0.0));
    // Something already sits right of A.
    add_team(&mut doc, "B", Point::new(230.0, 10.0));
    let at = free_slot(
        &doc,
        Anchor::Beside(doc.node_rect(a).expect("a")),
        TEAM,
        NodeKind::Team,
        false,
    );
    add_team(&mut doc, "C", at);
    assert!(overlaps(&doc).is_empty());
    assert_eq!(at.y, 0.0, "still in A's row");
    // The view's centre is on A: the new team goes elsewhere.
    let at = free_slot(
        &doc,
        Anchor::At(Point::new(90.0, 36.0)),
        TEAM,
        NodeKind::Team,
        false,
    );
    add_team(&mut doc, "D", at);
    assert!(overlaps(&doc).is_empty(), "{:?}", overlaps(&doc));
}

#[test]
fn a_funding_source_goes_in_the_row_above_the_teams_and_beside_other_sources() {
    let mut doc = Document::new("t");
    let a = add_team(&mut doc, "A", Point::new(0.0, 0.0));
    let above = free_slot(
        &doc,
        Anchor::Above(doc.node_rect(a).expect("a")),
        FundingSource::SIZE,
        NodeKind::FundingSource,
        true,
    );
    assert!(above.y + FundingSource::SIZE.height < 0.0, "{above:?}");
    let fund = doc.next_id();
    doc.sources.insert(fund, FundingSource::new("Fund", above));
    let next = free_slot(
        &doc,
        Anchor::Beside(doc.node_rect(fund).expect("fund")),
        FundingSource::SIZE,
        NodeKind::FundingSource,
        true,
    );
    assert_eq!(next.y, above.y, "the same funding row");
    assert!(next.x > above.x);
}

#[test]
fn names_are_found_by_a_few_letters_whatever_their_case_and_accents() {
    let names = [
        (Id(1), "Équipe Paiement"),
        (Id(2), "Payments"),
        (Id(3), "Apple Pay"),
        (Id(4), "Data & Analytics"),
    ];
    let found = |q: &str| -> Vec<Id> {
        suggestions(q, names.iter().copied())
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    assert_eq!(found("equipe"), [Id(1)]);
    assert_eq!(
        found("PAY"),
        [Id(2), Id(3)],
        "a name's start before a word's"
    );
    assert_eq!(found("paie"), [Id(1)], "inside a name, at a word");
    assert_eq!(found("lytic"), [Id(4)], "inside a word");
    assert!(found("zzz").is_empty());
    assert!(found("  ").is_empty());
}

#[test]
fn typed_lists_split_names_and_shares() {
    let items = parse_list("checkout 12, search 10 %; Mobile App|retail 40%,, ", true);
    let read: Vec<(&str, Option<f64>)> =
        items.iter().map(|i| (i.name.as_str(), i.percent)).collect();
    assert_eq!(
        read,
        [
            ("checkout", Some(12.0)),
            ("search", Some(10.0)),
            ("Mobile App", None),
            ("retail", Some(40.0)),
        ]
    );
    assert_eq!(items[2].text, "Mobile App");
    assert_eq!(parse_list("Team 42", true)[0].text, "Team 42");
    // Without shares (dependencies), a number is part of the name.
    let squad = &parse_list("squad 1", false)[0];
    assert_eq!((squad.name.as_str(), squad.percent), ("squad 1", None));
}

#[test]
fn a_new_team_may_name_what_it_depends_on_and_a_source_its_budget() {
    let (name, deps) = parse_team_entry(" Checkout > Payments, identity ");
    assert_eq!(name, "Checkout");
    let deps: Vec<&str> = deps.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(deps, ["Payments", "identity"]);
    assert_eq!(parse_team_entry("Search").0, "Search");

    let (name, budget) = parse_source_entry("Retail P&L: 18M EUR").expect("reads");
    assert_eq!(name, "Retail P&L");
    let budget = budget.expect("budget");
    assert_eq!(
        (budget.amount, budget.currency.as_deref()),
        (18e6, Some("EUR"))
    );
    assert_eq!(
        parse_source_entry("Fund: Europe").expect("reads"),
        ("Fund: Europe".to_owned(), None)
    );
    let error = parse_source_entry("Fund: 1,5M").expect_err("not a budget");
    assert!(error.contains("1,5M"), "{error}");
    // What the document would refuse is refused here, with the reason.
    let error = parse_source_entry("Fund: 2000000B").expect_err("above the limit");
    assert!(error.contains("above the limit"), "{error}");
    let error = parse_source_entry("Fund: 5 abcdefghijklmnop").expect_err("a long currency");
    assert!(error.contains("at most 12 letters"), "{error}");
}

#[test]
fn new_funding_links_split_what_is_left_and_are_never_zero() {
    let mut doc = Document::new("t");
    let fund = doc.next_id();
    doc.sources
        .insert(fund, FundingSource::new("Fund", Point::new(0.0, -200.0)));
    let a = add_team(&mut doc, "A", Point::new(0.0, 0.0));
    assert_eq!(suggested_shares(&doc, fund, &[None]), [100.0]);
    doc.links.insert(Id(50), Link::funding(fund, a, 40.0));
    assert_eq!(
        suggested_shares(&doc, fund, &[None, None, None]),
        [20.0, 20.0, 20.0]
    );
    assert_eq!(
        suggested_shares(&doc, fund, &[Some(30.0), None]),
        [30.0, 30.0]
    );
    doc.links.get_mut(&Id(50)).expect("link").kind = LinkKind::Funding {
        allocation_percent: 100.0,
    };
    assert_eq!(suggested_shares(&doc, fund, &[None]), [50.0], "never 0 %");
}
