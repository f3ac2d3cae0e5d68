//! The invariants of a document, checked item by item (by edits) and as a whole (by the loader).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::limits::{
    MAX_BUDGET, MAX_COORDINATE, MAX_CURRENCY_CHARS, MAX_HEADCOUNT, MAX_ID, MAX_LINKS,
    MAX_MODEL_TYPES, MAX_NAME_CHARS, MAX_SOURCES, MAX_TEAM_SIDE, MAX_TEAMS, MAX_TEXT_CHARS,
    MIN_TEAM_SIDE,
};
use crate::text::{format_count, format_number};

mod groups;
pub use groups::group_subject;

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
            [first, rest @ ..] => write!(
                f,
                "{first} ({})",
                crate::text::and_more(rest.len(), "problem", "problems")
            ),
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

/// A name, title or currency: one line of text, at most `max` characters.
fn check_chars(field: &str, text: &str, max: usize) -> Result<(), String> {
    check_length(field, text, max)?;
    check_characters(field, text, |_| false)
}

/// Notes, descriptions and labels: like names, and they may hold line breaks and tabs.
fn check_long_text(field: &str, text: &str, max: usize) -> Result<(), String> {
    check_length(field, text, max)?;
    check_characters(field, text, |c| c == '\n' || c == '\t')
}

fn check_length(field: &str, text: &str, max: usize) -> Result<(), String> {
    let count = text.chars().count();
    if count > max {
        Err(format!(
            "{} characters in {field}, above the limit of {}",
            format_count(count),
            format_count(max)
        ))
    } else {
        Ok(())
    }
}

/// What text may not contain: control characters (they would reach a reader's terminal raw or
/// forge report lines) and Unicode non-characters (XML forbids them, so no SVG could hold them).
fn check_characters(field: &str, text: &str, allowed: impl Fn(char) -> bool) -> Result<(), String> {
    let Some((at, bad)) = text
        .chars()
        .enumerate()
        .find(|&(_, c)| (c.is_control() || crate::text::is_noncharacter(c)) && !allowed(c))
    else {
        return Ok(());
    };
    let what = if bad.is_control() {
        "a control character"
    } else {
        "a non-character"
    };
    Err(format!(
        "{what} (U+{:04X}) in {field} at character {}; text may not contain control characters or non-characters",
        u32::from(bad),
        at + 1
    ))
}

/// A number from a file as the file said it: a value too large for its field reads as beyond the
/// largest one, never as "inf".
fn beyond(value: f64) -> String {
    if value.is_infinite() {
        let sign = if value > 0.0 { "" } else { "-" };
        format!("{sign}too large to read")
    } else {
        format_number(value)
    }
}

fn check_position(position: Point) -> Result<(), String> {
    for (axis, value) in [("x", position.x), ("y", position.y)] {
        if value.is_nan() {
            return Err(format!("position {axis} is not a number"));
        }
        if value.is_infinite() || value.abs() > MAX_COORDINATE {
            return Err(format!(
                "position {axis} is {}, outside ±{}",
                beyond(f64::from(value)),
                format_number(f64::from(MAX_COORDINATE))
            ));
        }
    }
    Ok(())
}

impl Team {
    /// Field bounds and that the model type exists in `doc`'s palette.
    pub fn check(&self, doc: &Document) -> Result<(), String> {
        check_chars("the name", &self.name, MAX_NAME_CHARS)?;
        check_long_text("the notes", &self.notes, MAX_TEXT_CHARS)?;
        check_position(self.position)?;
        for (field, value) in [("width", self.size.width), ("height", self.size.height)] {
            if !value.is_finite() || !(MIN_TEAM_SIDE..=MAX_TEAM_SIDE).contains(&value) {
                return Err(format!(
                    "{field} is {}, outside {MIN_TEAM_SIDE}–{MAX_TEAM_SIDE}",
                    beyond(f64::from(value))
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
    /// Currencies are upper case, so "eur" and "EUR" are one currency in every total.
    pub fn normalise(&mut self) {
        if let Some(budget) = &mut self.budget {
            budget.currency = budget.currency.trim().to_uppercase();
        }
    }

    pub fn check(&self) -> Result<(), String> {
        check_chars("the name", &self.name, MAX_NAME_CHARS)?;
        check_position(self.position)?;
        if let Some(budget) = &self.budget {
            if !budget.amount.is_finite() || !(0.0..=MAX_BUDGET).contains(&budget.amount) {
                return Err(format!(
                    "budget is {}, outside 0–{}",
                    beyond(budget.amount),
                    format_number(MAX_BUDGET)
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
        check_long_text("the label", &self.label, MAX_TEXT_CHARS)?;
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
                        "allocation is {} %, outside 0–100 %",
                        beyond(allocation_percent)
                    ))
                }
            }
        }
    }
}

impl ModelType {
    pub fn check(&self) -> Result<(), String> {
        check_chars("the name", &self.name, MAX_NAME_CHARS)?;
        check_long_text("the description", &self.description, MAX_TEXT_CHARS)
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
                    format!(
                        "has {} {what}, above the limit of {}",
                        format_count(count),
                        format_count(max)
                    ),
                ));
            }
        }

        let mut model_type_ids: BTreeMap<ModelTypeId, &ModelType> = BTreeMap::new();
        let mut model_type_names: HashMap<String, &ModelType> = HashMap::new();
        for model_type in &self.palette {
            if let Some(first) = model_type_names.insert(name_key(&model_type.name), model_type) {
                problems.push(Problem::new(
                    model_type_subject(model_type),
                    same_name(first),
                ));
            }
            if model_type.id.0 > MAX_ID {
                problems.push(Problem::new(model_type_subject(model_type), id_too_large()));
            }
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
            if id.0 > MAX_ID {
                problems.push(Problem::new(team_subject(*id, team), id_too_large()));
            }
            if let Err(detail) = team.check(self) {
                problems.push(Problem::new(team_subject(*id, team), detail));
            }
        }
        for (id, source) in &self.sources {
            if id.0 > MAX_ID {
                problems.push(Problem::new(source_subject(*id, source), id_too_large()));
            }
            if let Some(team) = self.teams.get(id) {
                let first = team_subject(*id, team);
                problems.push(same_id(source_subject(*id, source), &first));
            }
            if let Err(detail) = source.check() {
                problems.push(Problem::new(source_subject(*id, source), detail));
            }
        }
        for (id, link) in &self.links {
            if id.0 > MAX_ID {
                problems.push(Problem::new(link_subject(*id), id_too_large()));
            }
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
        groups::check(self, &mut problems);
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

fn id_too_large() -> String {
    format!("the id is above the largest id a map may use ({MAX_ID})")
}

/// Model type names compare without case and surrounding space: two that read the same in a
/// legend are one name.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The detail for a model type whose name another one already has.
pub fn same_name(first: &ModelType) -> String {
    format!(
        "has the same name as {}; model type names must differ",
        model_type_subject(first)
    )
}

fn same_id(subject: String, first: &str) -> Problem {
    Problem::new(
        subject,
        format!("has the same id as {first}; ids must be unique"),
    )
}

#[cfg(test)]
mod tests;
