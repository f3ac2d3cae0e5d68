//! What validation refuses, and how its messages read.

use super::*;
use crate::model::Size;

fn two_teams() -> Document {
    let mut doc = Document::new("t");
    doc.teams
        .insert(Id(1), Team::new("A", ModelTypeId(1), Point::default()));
    doc.teams.insert(
        Id(2),
        Team::new("B", ModelTypeId(2), Point::new(300.0, 0.0)),
    );
    doc
}

fn only_problem(doc: &Document) -> Problem {
    let Err(ProblemList(problems)) = doc.validate() else {
        panic!("document was accepted");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.into_iter().next().expect("one problem")
}

#[test]
fn a_plain_document_is_valid() {
    let mut doc = two_teams();
    doc.links.insert(Id(3), Link::dependency(Id(1), Id(2)));
    assert_eq!(doc.validate(), Ok(()));
}

#[test]
fn dangling_link_end_names_the_link_and_the_missing_id() {
    let mut doc = two_teams();
    doc.links.insert(Id(3), Link::dependency(Id(1), Id(99)));
    let problem = only_problem(&doc);
    assert_eq!(problem.subject, "link 3");
    assert!(problem.detail.contains("99"), "{problem}");
}

#[test]
fn same_id_on_a_team_and_a_source_is_refused() {
    let mut doc = two_teams();
    doc.sources
        .insert(Id(2), FundingSource::new("Fund", Point::default()));
    let problem = only_problem(&doc);
    assert!(problem.to_string().contains("same id"), "{problem}");
}

#[test]
fn non_finite_and_absurd_numbers_are_refused() {
    let mut doc = two_teams();
    doc.teams.get_mut(&Id(1)).expect("team").position.x = f32::NAN;
    assert!(only_problem(&doc).detail.contains("not a number"));

    let mut doc = two_teams();
    doc.teams.get_mut(&Id(1)).expect("team").position.y = 1e30;
    assert!(only_problem(&doc).detail.contains("outside"));

    let mut doc = two_teams();
    doc.teams.get_mut(&Id(1)).expect("team").size = Size::new(0.0, 50.0);
    assert!(only_problem(&doc).detail.contains("width"));
}

#[test]
fn an_id_shared_across_kinds_names_the_first_holder_for_each_repeat() {
    let mut doc = two_teams();
    doc.sources
        .insert(Id(2), FundingSource::new("Fund", Point::default()));
    doc.sources
        .insert(Id(5), FundingSource::new("Other fund", Point::default()));
    doc.links.insert(Id(2), Link::dependency(Id(1), Id(2)));
    doc.links.insert(Id(5), Link::funding(Id(5), Id(1), 10.0));
    let Err(ProblemList(problems)) = doc.validate() else {
        panic!("document was accepted");
    };
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "funding source 2 \"Fund\": has the same id as team 2 \"B\"; ids must be unique",
            "link 2: has the same id as team 2 \"B\"; ids must be unique",
            "link 5: has the same id as funding source 5 \"Other fund\"; ids must be unique",
        ]
    );
}

#[test]
fn allocation_outside_0_to_100_is_refused() {
    let mut doc = two_teams();
    doc.sources
        .insert(Id(5), FundingSource::new("Fund", Point::default()));
    doc.links.insert(Id(6), Link::funding(Id(5), Id(1), 100.0));
    doc.links.insert(Id(7), Link::funding(Id(5), Id(2), 0.0));
    assert_eq!(doc.validate(), Ok(()));
    doc.links.insert(Id(8), Link::funding(Id(5), Id(2), 100.5));
    assert!(only_problem(&doc).detail.contains("allocation"));
}

#[test]
fn dependency_from_a_funding_source_is_refused() {
    let mut doc = two_teams();
    doc.sources
        .insert(Id(5), FundingSource::new("Fund", Point::default()));
    doc.links.insert(Id(6), Link::dependency(Id(5), Id(1)));
    assert!(only_problem(&doc).detail.contains("only teams depend"));
}

#[test]
fn self_link_and_unknown_model_type_are_refused() {
    let mut doc = two_teams();
    doc.links.insert(Id(3), Link::dependency(Id(1), Id(1)));
    assert!(only_problem(&doc).detail.contains("itself"));

    let mut doc = two_teams();
    doc.teams.get_mut(&Id(2)).expect("team").model_type = ModelTypeId(77);
    assert!(only_problem(&doc).detail.contains("model type 77"));
}

#[test]
fn huge_strings_are_refused_and_the_message_stays_short() {
    let mut doc = two_teams();
    doc.teams.get_mut(&Id(1)).expect("team").name = "x".repeat(1_000_000);
    let problem = only_problem(&doc);
    assert!(problem.to_string().len() < 200, "{problem}");
}
