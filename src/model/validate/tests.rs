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

mod groups {
    use super::*;
    use crate::model::limits::MAX_GROUP_DEPTH;
    use crate::model::{Group, GroupKind};

    /// Two teams, a link, and a business unit (10) holding team 1.
    fn grouped() -> Document {
        let mut doc = two_teams();
        doc.links.insert(Id(3), Link::dependency(Id(1), Id(2)));
        let mut bu = Group::new("Retail", GroupKind::BusinessUnit);
        bu.members = vec![Id(1)];
        doc.groups.insert(Id(10), bu);
        doc
    }

    fn group(doc: &mut Document, id: u64) -> &mut Group {
        doc.groups.get_mut(&Id(id)).expect("group")
    }

    #[test]
    fn a_nested_group_is_valid() {
        let mut doc = grouped();
        let mut stream = Group::new("Checkout", GroupKind::ValueStream);
        stream.parent = Some(Id(10));
        stream.members = vec![Id(2)];
        doc.groups.insert(Id(11), stream);
        assert_eq!(doc.validate(), Ok(()));
    }

    #[test]
    fn a_dangling_member_names_the_group_and_the_id() {
        let mut doc = grouped();
        group(&mut doc, 10).members.push(Id(99));
        let problem = only_problem(&doc);
        assert_eq!(problem.subject, "group 10 \"Retail\"");
        assert!(
            problem.detail.contains("99, which is not a team"),
            "{problem}"
        );
    }

    #[test]
    fn a_link_or_a_group_as_member_is_refused() {
        let mut doc = grouped();
        group(&mut doc, 10).members.push(Id(3));
        assert!(only_problem(&doc).detail.contains("which is a link"));

        let mut doc = grouped();
        doc.groups
            .insert(Id(11), Group::new("Other", GroupKind::Platform));
        group(&mut doc, 10).members.push(Id(11));
        assert!(
            only_problem(&doc)
                .detail
                .contains("nested by setting its parent")
        );
    }

    #[test]
    fn a_node_in_two_groups_is_refused_naming_both() {
        let mut doc = grouped();
        let mut other = Group::new("Platforms", GroupKind::Platform);
        other.members = vec![Id(1)];
        doc.groups.insert(Id(11), other);
        let problem = only_problem(&doc);
        assert_eq!(problem.subject, "group 11 \"Platforms\"");
        assert!(
            problem.detail.contains("group 10 \"Retail\" already lists"),
            "{problem}"
        );
    }

    #[test]
    fn a_missing_parent_and_a_group_inside_itself_are_refused() {
        let mut doc = grouped();
        group(&mut doc, 10).parent = Some(Id(77));
        assert!(
            only_problem(&doc)
                .detail
                .contains("nested in 77, which is not a group")
        );

        let mut doc = grouped();
        group(&mut doc, 10).parent = Some(Id(10));
        assert!(only_problem(&doc).detail.contains("its own parent"));

        let mut doc = grouped();
        let mut other = Group::new("Loop", GroupKind::Platform);
        other.parent = Some(Id(10));
        doc.groups.insert(Id(11), other);
        group(&mut doc, 10).parent = Some(Id(11));
        let Err(ProblemList(problems)) = doc.validate() else {
            panic!("a loop was accepted");
        };
        assert!(
            problems.iter().all(
                |p| p.detail.contains("is inside itself (groups 10 → 11 → 10)")
                    || p.detail.contains("(groups 11 → 10 → 11)")
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused() {
        let mut doc = grouped();
        let mut parent = Id(10);
        for level in 2..=MAX_GROUP_DEPTH as u64 + 1 {
            let mut g = Group::new(format!("Level {level}"), GroupKind::ValueStream);
            g.parent = Some(parent);
            parent = Id(100 + level);
            doc.groups.insert(parent, g);
        }
        let problem = only_problem(&doc);
        assert!(
            problem.detail.contains("more than 8 levels deep"),
            "{problem}"
        );
    }

    #[test]
    fn empty_names_unsorted_members_and_shared_ids_are_refused() {
        let mut doc = grouped();
        group(&mut doc, 10).name = "  ".into();
        assert!(only_problem(&doc).detail.contains("name is empty"));

        let mut doc = grouped();
        group(&mut doc, 10).kind = GroupKind::Other(String::new());
        assert!(only_problem(&doc).detail.contains("kind is empty"));

        let mut doc = grouped();
        group(&mut doc, 10).members = vec![Id(2), Id(1)];
        assert!(only_problem(&doc).detail.contains("out of id order"));

        let mut doc = grouped();
        group(&mut doc, 10).members = vec![Id(1), Id(1)];
        assert!(only_problem(&doc).detail.contains("twice"));

        let mut doc = grouped();
        let g = doc.groups.remove(&Id(10)).expect("group");
        doc.groups.insert(Id(2), g);
        assert!(only_problem(&doc).to_string().contains("same id as team 2"));
    }
}
