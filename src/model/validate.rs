//! The invariants of a document, checked item by item (by edits) and as a whole (by the loader).

use std::collections::BTreeMap;
use std::fmt;

use super::limits::{
    MAX_BUDGET, MAX_COORDINATE, MAX_CURRENCY_CHARS, MAX_HEADCOUNT, MAX_LINKS, MAX_MODEL_TYPES,
    MAX_NAME_CHARS, MAX_SOURCES, MAX_TEAM_SIDE, MAX_TEAMS, MAX_TEXT_CHARS, MIN_TEAM_SIDE,
};
use super::{
    Document, FundingSource, Id, Link, LinkKind, ModelType, ModelTypeId, NodeKind, Point, Team,
};

/// One thing wrong with one item, for example `team 7 "Payments": headcount is 2000000, above the limit of 1000000`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{subject}: {detail}")]
pub struct Problem {
    /// The item, as a user would find it: `team 7 "Payments"`.
    pub subject: String,
    pub detail: String,
}

impl Problem {
    pub fn new(subject: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            subject: subject.into(),
            detail: detail.into(),
        }
    }
}

/// Everything wrong with a document; never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemList(pub Vec<Problem>);

impl fmt::Display for ProblemList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [] => f.write_str("no problems"),
            [only] => only.fmt(f),
            [first, rest @ ..] => write!(f, "{first} (and {} more problems)", rest.len()),
        }
    }
}

impl std::error::Error for ProblemList {}

pub fn team_subject(id: Id, team: &Team) -> String {
    format!("team {id} {:?}", shorten(&team.name))
}

pub fn source_subject(id: Id, source: &FundingSource) -> String {
    format!("funding source {id} {:?}", shorten(&source.name))
}

pub fn link_subject(id: Id) -> String {
    format!("link {id}")
}

pub fn model_type_subject(model_type: &ModelType) -> String {
    format!(
        "model type {} {:?}",
        model_type.id,
        shorten(&model_type.name)
    )
}

/// Long names are cut in messages so one bad item cannot flood the screen.
fn shorten(text: &str) -> String {
    cut_for_message(text, 60)
}

/// `text` cut to `max` characters, ending in "…" when cut: a message quotes at most this much of
/// what a file holds.
pub fn cut_for_message(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

fn check_chars(field: &str, text: &str, max: usize) -> Result<(), String> {
    let count = text.chars().count();
    if count > max {
        Err(format!(
            "{field} is {count} characters long, above the limit of {max}"
        ))
    } else {
        Ok(())
    }
}

fn check_position(position: Point) -> Result<(), String> {
    for (axis, value) in [("x", position.x), ("y", position.y)] {
        if !value.is_finite() {
            return Err(format!("position {axis} is {value}, not a finite number"));
        }
        if value.abs() > MAX_COORDINATE {
            return Err(format!(
                "position {axis} is {value}, outside ±{MAX_COORDINATE}"
            ));
        }
    }
    Ok(())
}

impl Team {
    /// Field bounds and that the model type exists in `doc`'s palette.
    pub fn check(&self, doc: &Document) -> Result<(), String> {
        check_chars("the name", &self.name, MAX_NAME_CHARS)?;
        check_chars("the notes", &self.notes, MAX_TEXT_CHARS)?;
        check_position(self.position)?;
        for (field, value) in [("width", self.size.width), ("height", self.size.height)] {
            if !value.is_finite() || !(MIN_TEAM_SIDE..=MAX_TEAM_SIDE).contains(&value) {
                return Err(format!(
                    "{field} is {value}, outside {MIN_TEAM_SIDE}–{MAX_TEAM_SIDE}"
                ));
            }
        }
        if self.headcount > MAX_HEADCOUNT {
            return Err(format!(
                "headcount is {}, above the limit of {MAX_HEADCOUNT}",
                self.headcount
            ));
        }
        if doc.model_type(self.model_type).is_none() {
            return Err(format!(
                "model type {} is not in the palette",
                self.model_type
            ));
        }
        Ok(())
    }
}

impl FundingSource {
    pub fn check(&self) -> Result<(), String> {
        check_chars("the name", &self.name, MAX_NAME_CHARS)?;
        check_position(self.position)?;
        if let Some(budget) = &self.budget {
            if !budget.amount.is_finite() || !(0.0..=MAX_BUDGET).contains(&budget.amount) {
                return Err(format!(
                    "budget is {}, outside 0–{MAX_BUDGET:e}",
                    budget.amount
                ));
            }
            check_chars("the currency", &budget.currency, MAX_CURRENCY_CHARS)?;
        }
        Ok(())
    }
}

impl Link {
    /// Ends exist and fit the kind; the allocation is a share in 0–100 %.
    pub fn check(&self, doc: &Document) -> Result<(), String> {
        check_chars("the label", &self.label, MAX_TEXT_CHARS)?;
        let from = doc.node_kind(self.from);
        let to = doc.node_kind(self.to);
        let Some(from) = from else {
            return Err(format!(
                "starts at {}, which is not a team or funding source",
                self.from
            ));
        };
        if to != Some(NodeKind::Team) {
            return Err(format!("ends at {}, which is not a team", self.to));
        }
        if self.from == self.to {
            return Err(format!("goes from {} to itself", self.from));
        }
        match self.kind {
            LinkKind::Dependency if from != NodeKind::Team => Err(format!(
                "is a dependency but starts at funding source {}; only teams depend on teams",
                self.from
            )),
            LinkKind::Dependency => Ok(()),
            LinkKind::Funding { allocation_percent } => {
                if allocation_percent.is_finite() && (0.0..=100.0).contains(&allocation_percent) {
                    Ok(())
                } else {
                    Err(format!(
                        "allocation is {allocation_percent} %, outside 0–100 %"
                    ))
                }
            }
        }
    }
}

impl ModelType {
    pub fn check(&self) -> Result<(), String> {
        check_chars("the name", &self.name, MAX_NAME_CHARS)?;
        check_chars("the description", &self.description, MAX_TEXT_CHARS)
    }
}

impl Document {
    /// Every invariant a document must hold, as a list of all problems found.
    pub fn validate(&self) -> Result<(), ProblemList> {
        let mut problems = Vec::new();
        let title = "the map";
        if let Err(detail) = check_chars("the title", &self.title, MAX_NAME_CHARS) {
            problems.push(Problem::new(title, detail));
        }
        for (what, count, max) in [
            ("teams", self.teams.len(), MAX_TEAMS),
            ("funding sources", self.sources.len(), MAX_SOURCES),
            ("links", self.links.len(), MAX_LINKS),
            ("model types", self.palette.len(), MAX_MODEL_TYPES),
        ] {
            if count > max {
                problems.push(Problem::new(
                    title,
                    format!("has {count} {what}, above the limit of {max}"),
                ));
            }
        }

        let mut model_type_ids: BTreeMap<ModelTypeId, &ModelType> = BTreeMap::new();
        for model_type in &self.palette {
            if let Some(first) = model_type_ids.insert(model_type.id, model_type) {
                problems.push(Problem::new(
                    model_type_subject(model_type),
                    format!("has the same id as {}", model_type_subject(first)),
                ));
            }
            if let Err(detail) = model_type.check() {
                problems.push(Problem::new(model_type_subject(model_type), detail));
            }
        }

        // Teams, sources and links are each kept by id, so an id can only repeat across kinds.
        // A repeat names the first holder, in the order teams, then sources. Subjects are only
        // written for problems: a large map has tens of thousands of items.
        for (id, team) in &self.teams {
            if let Err(detail) = team.check(self) {
                problems.push(Problem::new(team_subject(*id, team), detail));
            }
        }
        for (id, source) in &self.sources {
            if let Some(team) = self.teams.get(id) {
                let first = team_subject(*id, team);
                problems.push(same_id(source_subject(*id, source), &first));
            }
            if let Err(detail) = source.check() {
                problems.push(Problem::new(source_subject(*id, source), detail));
            }
        }
        for (id, link) in &self.links {
            let first = match (self.teams.get(id), self.sources.get(id)) {
                (Some(team), _) => Some(team_subject(*id, team)),
                (None, Some(source)) => Some(source_subject(*id, source)),
                (None, None) => None,
            };
            if let Some(first) = first {
                problems.push(same_id(link_subject(*id), &first));
            }
            if let Err(detail) = link.check(self) {
                problems.push(Problem::new(link_subject(*id), detail));
            }
        }
        if self.conflicts.len() > MAX_LINKS {
            problems.push(Problem::new(
                title,
                format!(
                    "has {} merge conflicts, above the limit of {MAX_LINKS}",
                    self.conflicts.len()
                ),
            ));
        }
        for conflict in &self.conflicts {
            if let Err(detail) = conflict.check(self) {
                problems.push(conflict.problem(detail));
            }
        }

        if problems.is_empty() {
            Ok(())
        } else {
            Err(ProblemList(problems))
        }
    }
}

fn same_id(subject: String, first: &str) -> Problem {
    Problem::new(
        subject,
        format!("has the same id as {first}; ids must be unique"),
    )
}

#[cfg(test)]
mod tests {
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
        assert!(only_problem(&doc).detail.contains("finite"));

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
}
