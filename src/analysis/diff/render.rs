//! A diff as text for a terminal, Markdown for a pull request, or JSON for scripts.

use std::fmt::Write as _;

use super::{Diff, ItemChange, signed};
use crate::analysis::{Analysis, Money, format_amounts, format_percent};
use crate::edit::field::fields_of;
use crate::model::Document;

/// How `teamscape diff` prints a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
}

/// The diff in `format`. `layout` lists every moved or resized item instead of counting them.
pub fn render(diff: &Diff, format: DiffFormat, layout: bool) -> String {
    match format {
        DiffFormat::Json => match serde_json::to_string_pretty(diff) {
            Ok(mut json) => {
                json.push('\n');
                json
            }
            // Plain strings and numbers only: encoding cannot fail.
            Err(error) => unreachable!("encoding a diff as JSON failed: {error}"),
        },
        DiffFormat::Text => Writer::text().write(diff, layout),
        DiffFormat::Markdown => Writer::markdown().write(diff, layout),
    }
}

struct Writer {
    out: String,
    heading: &'static str,
    item: &'static str,
}

impl Writer {
    fn text() -> Self {
        Self {
            out: String::new(),
            heading: "",
            item: "  ",
        }
    }

    fn markdown() -> Self {
        Self {
            out: String::new(),
            heading: "### ",
            item: "- ",
        }
    }

    fn section(&mut self, title: &str, lines: &[String]) {
        if lines.is_empty() {
            return;
        }
        let blank = if self.heading.is_empty() || self.out.is_empty() {
            ""
        } else {
            "\n"
        };
        let _ = writeln!(self.out, "{blank}{}{title}", self.heading);
        if !self.heading.is_empty() {
            self.out.push('\n');
        }
        for line in lines {
            let _ = writeln!(self.out, "{}{line}", self.item);
        }
    }

    fn write(mut self, diff: &Diff, layout: bool) -> String {
        if diff.is_empty() {
            return "No changes\n".to_owned();
        }
        let listed: Vec<&ItemChange> = diff
            .changes
            .iter()
            .filter(|c| layout || !c.layout_only)
            .collect();
        let mut lines: Vec<String> = listed
            .iter()
            .map(|c| {
                if layout {
                    let fields: Vec<String> = c
                        .fields
                        .iter()
                        .filter(|f| f.layout)
                        .map(|f| format!("{} {} → {}", f.field, f.before, f.after))
                        .collect();
                    if fields.is_empty() {
                        c.description.clone()
                    } else {
                        format!("{} ({})", c.description, fields.join("; "))
                    }
                } else {
                    c.description.clone()
                }
            })
            .collect();
        let moved = diff.layout_only_count();
        if !layout && moved > 0 {
            let items = if moved == 1 { "item" } else { "items" };
            lines.push(format!(
                "{moved} {items} only moved or resized (--layout lists them)"
            ));
        }
        self.section(&format!("Changes ({})", listed.len()), &lines);
        self.figures(diff);
        self.out
    }

    fn figures(&mut self, diff: &Diff) {
        let f = &diff.figures;
        let percent = |p: Option<f64>| p.map_or_else(|| "none".to_owned(), format_percent);
        let allocations: Vec<String> = f
            .allocations
            .iter()
            .map(|a| {
                format!(
                    "{}: {} → {} ({} pp)",
                    a.name,
                    percent(a.before_percent),
                    percent(a.after_percent),
                    signed(a.change_points)
                )
            })
            .collect();
        self.section("Allocations", &allocations);
        let sources: Vec<String> = f
            .sources
            .iter()
            .map(|s| {
                let mut line = format!(
                    "{}: allocates {} → {}",
                    s.name,
                    percent(s.allocated_before_percent),
                    percent(s.allocated_after_percent)
                );
                if s.budget_before != s.budget_after {
                    let _ = write!(
                        line,
                        "; budget {} → {}",
                        amounts(&s.budget_before),
                        amounts(&s.budget_after)
                    );
                }
                line
            })
            .collect();
        self.section("Funding sources", &sources);
        let teams: Vec<String> = f
            .team_funding
            .iter()
            .map(|t| format!("{}: {} → {}", t.name, amounts(&t.before), amounts(&t.after)))
            .collect();
        self.section("Funding received", &teams);
        if f.headcount_before != f.headcount_after {
            let change = i128::from(f.headcount_after) - i128::from(f.headcount_before);
            let sign = if change > 0 { "+" } else { "" };
            self.section(
                "Headcount",
                &[format!(
                    "{} → {} ({sign}{change})",
                    f.headcount_before, f.headcount_after
                )],
            );
        }
        self.section("Problems appeared", &f.problems_appeared);
        self.section("Problems disappeared", &f.problems_disappeared);
        let mix: Vec<String> = f
            .model_mix
            .iter()
            .map(|m| {
                format!(
                    "{}: {} → {} teams, {} → {} people",
                    m.model_type,
                    m.teams_before,
                    m.teams_after,
                    m.headcount_before,
                    m.headcount_after
                )
            })
            .collect();
        self.section("Model mix", &mix);
    }
}

fn amounts(money: &[Money]) -> String {
    if money.is_empty() {
        "none".to_owned()
    } else {
        format_amounts(money)
    }
}

/// A map as stable text for `git diff` (a textconv): one line per item in id order, named and
/// described as a diff describes it, without positions and sizes, so moves do not show as changes.
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    for item in super::items(doc, doc) {
        let Some(fields) = fields_of(doc, item) else {
            continue;
        };
        let values: Vec<String> = fields
            .iter()
            .filter(|f| !f.is_layout())
            .map(|f| format!("{} {}", f.name().replace('_', " "), super::show(doc, f)))
            .collect();
        let _ = writeln!(out, "{item}: {}", values.join("; "));
    }
    let analysis = Analysis::of(doc);
    for conflict in &analysis.conflicts {
        let _ = writeln!(out, "{}", conflict.message);
    }
    out
}
