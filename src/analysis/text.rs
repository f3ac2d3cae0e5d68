//! The findings as stable, readable text (what `teamscape check` prints), and how numbers are written.

use std::fmt::Write as _;

use super::funding::{Funder, FunderKind, MAX_CURRENCIES_PASSED_ON, UnknownAmount, funds};
use super::mix::MixFigures;
use super::{Analysis, MAX_PROBLEMS_LISTED_PER_KIND, Money};
use crate::text::{and_more, format_amount, format_count, plural};
pub use crate::text::{format_percent, format_share};

/// How many of the most depended-on teams the text lists.
const MOST_DEPENDED_ON_LISTED: usize = 10;

/// An amount and its currency: `"1,440,000 EUR"`.
pub fn format_money(money: &Money) -> String {
    crate::text::format_money(money.amount, &money.currency)
}

/// Several amounts (one per currency, never added together): `"1,000 EUR, 500 USD"`.
pub fn format_amounts(amounts: &[Money]) -> String {
    let parts: Vec<String> = amounts.iter().map(format_money).collect();
    parts.join(", ")
}

/// The findings after the summary of `teamscape check`: problems first, then funding per source (with
/// slack), funding per team, the model mix by type and by horizon, the groups' roll-ups, and the
/// most depended-on teams.
/// Lines are indented two spaces, like the summary.
pub fn report(analysis: &Analysis) -> String {
    let mut out = String::new();
    if !analysis.conflicts.is_empty() {
        let _ = writeln!(
            out,
            "  Unresolved merge conflicts ({}):",
            format_count(analysis.conflicts.len())
        );
        for conflict in &analysis.conflicts {
            let _ = writeln!(out, "    {}", conflict.message);
        }
    }
    if analysis.problems.is_empty() {
        out.push_str("  Problems: none\n");
    } else {
        let _ = writeln!(
            out,
            "  Problems ({}):",
            format_count(analysis.total_problems())
        );
        for problem in &analysis.problems {
            let _ = writeln!(out, "    {}", problem.message);
        }
        if analysis.problems_not_listed > 0 {
            let more = and_more(analysis.problems_not_listed, "problem", "problems");
            let _ = writeln!(
                out,
                "    ({more}; at most {MAX_PROBLEMS_LISTED_PER_KIND} of each kind are listed)"
            );
        }
    }
    funders(&mut out, analysis);
    team_funding(&mut out, analysis);
    model_mix(&mut out, analysis);
    groups(&mut out, analysis);
    most_depended_on(&mut out, analysis);
    out
}

/// Each group's roll-up on two lines, nested groups indented under their parents:
/// `Retail (Business unit): 8 teams, 51 people; keeps 14,760,000 EUR; 12 dependencies out, 0 in`
/// then its model mix by type and by horizon.
fn groups(out: &mut String, analysis: &Analysis) {
    if analysis.groups.is_empty() {
        return;
    }
    out.push_str("  Groups:\n");
    for group in &analysis.groups {
        let indent = "  ".repeat(group.depth.min(8));
        let funding = if group.funding.is_empty() {
            "no known funding".to_owned()
        } else {
            format!("funding {}", format_amounts(&group.funding))
        };
        let cross = &group.cross_group_dependencies;
        let mut line = format!(
            "  {indent}{} ({}): {}, {}; {funding}; {} out, {} in",
            group.name,
            group.kind,
            plural(group.teams, "team", "teams"),
            plural(
                usize::try_from(group.headcount).unwrap_or(usize::MAX),
                "person",
                "people"
            ),
            plural(cross.outgoing, "dependency", "dependencies"),
            format_count(cross.incoming),
        );
        if !group.unfunded.is_empty() {
            let names: Vec<&str> = group
                .unfunded
                .iter()
                .filter_map(|id| analysis.team(*id).map(|t| t.name.as_str()))
                .collect();
            let _ = write!(line, "; no funding: {}", names.join(", "));
        }
        if !group.cycles.is_empty() {
            let _ = write!(
                line,
                "; {} inside",
                plural(group.cycles.len(), "dependency cycle", "dependency cycles")
            );
        }
        let _ = writeln!(out, "{line}");
        let types: Vec<String> = group
            .mix
            .by_type
            .iter()
            .map(|t| format!("{} {}", t.name, format_count(t.figures.teams)))
            .collect();
        let horizons: Vec<String> = group
            .mix
            .by_horizon
            .iter()
            .map(|h| format!("{} {}", h.label, format_count(h.figures.teams)))
            .collect();
        if !types.is_empty() {
            let _ = writeln!(
                out,
                "  {indent}  mix: {}; horizons: {}",
                types.join(", "),
                horizons.join(", ")
            );
        }
    }
}

fn funders(out: &mut String, analysis: &Analysis) {
    let funders = &analysis.funding.funders;
    for (kind, heading) in [
        (FunderKind::Source, "Funding per source:"),
        (FunderKind::Team, "Funding passed on by teams:"),
    ] {
        let mut of_kind = funders.iter().filter(|f| f.kind == kind).peekable();
        if of_kind.peek().is_none() {
            if kind == FunderKind::Source {
                let _ = writeln!(out, "  {heading} no funding sources");
            }
            continue;
        }
        let _ = writeln!(out, "  {heading}");
        for funder in of_kind {
            let _ = writeln!(out, "    {}", funder_line(funder));
            let width = name_width(funder.allocations.iter().map(|a| a.team_name.as_str()));
            let amounts: Vec<String> = funder
                .allocations
                .iter()
                .map(|a| {
                    if !funds(a.percent) {
                        "does not fund".to_owned()
                    } else if a.amounts.is_empty() {
                        unknown_share(funder)
                    } else {
                        format_amounts(&a.amounts)
                    }
                })
                .collect();
            let amount_width = name_width(amounts.iter().map(String::as_str));
            for (allocation, amount) in funder.allocations.iter().zip(&amounts) {
                let line = format!(
                    "      {:<width$}  {:>8}  {amount:>amount_width$}",
                    allocation.team_name,
                    format_percent(allocation.percent),
                );
                let _ = writeln!(out, "{}", line.trim_end());
            }
        }
    }
}

/// What an allocation without amounts comes to, in words that agree with the funder's line.
fn unknown_share(funder: &Funder) -> String {
    match funder.unknown_amount {
        Some(UnknownAmount::FundingLoop) => "amount unknown (funding loop)".to_owned(),
        Some(UnknownAmount::TooManyCurrencies) => "amount not listed".to_owned(),
        None if funder.budget.len() > MAX_CURRENCIES_PASSED_ON => format!(
            "a share of {}",
            plural(funder.budget.len(), "currency", "currencies")
        ),
        None => "no amount (no budget)".to_owned(),
    }
}

fn funder_line(funder: &Funder) -> String {
    let budget = match (funder.kind, funder.unknown_amount, funder.budget.is_empty()) {
        (FunderKind::Source, _, true) => "no budget".to_owned(),
        (FunderKind::Source, _, false) => format!("budget {}", format_amounts(&funder.budget)),
        (FunderKind::Team, Some(why), _) => format!("receives {}", unknown_words(why)),
        (FunderKind::Team, None, true) => "receives no known amount".to_owned(),
        (FunderKind::Team, None, false) => format!("receives {}", format_amounts(&funder.budget)),
    };
    let allocated = format_percent(funder.allocated_percent);
    let rest = if funder.over_allocated {
        format!(
            "{} over — a problem",
            format_percent(funder.allocated_percent - 100.0)
        )
    } else if funder.kind == FunderKind::Team {
        format!("{} kept", format_percent(funder.unallocated_percent))
    } else {
        format!("{} unallocated", format_percent(funder.unallocated_percent))
    };
    format!("{} ({budget}): {allocated} allocated, {rest}", funder.name)
}

fn team_funding(out: &mut String, analysis: &Analysis) {
    if analysis.teams.is_empty() {
        return;
    }
    out.push_str("  Funding per team:\n");
    let width = name_width(analysis.teams.iter().map(|t| t.name.as_str()));
    let amounts: Vec<String> = analysis
        .teams
        .iter()
        .map(|team| {
            if !team.funded {
                "no funding".to_owned()
            } else if let Some(why) = team.unknown_amount {
                format!("funded, {}", unknown_words(why))
            } else if team.received.is_empty() {
                "funded, no amount (no budget)".to_owned()
            } else {
                format_amounts(&team.received)
            }
        })
        .collect();
    let amount_width = name_width(amounts.iter().map(String::as_str));
    for (team, amount) in analysis.teams.iter().zip(&amounts) {
        let _ = writeln!(out, "    {:<width$}  {amount:>amount_width$}", team.name);
    }
}

fn unknown_words(why: UnknownAmount) -> &'static str {
    match why {
        UnknownAmount::FundingLoop => "an unknown amount (funding loop)",
        UnknownAmount::TooManyCurrencies => {
            "an amount not listed (passed on from funding in too many currencies)"
        }
    }
}

fn model_mix(out: &mut String, analysis: &Analysis) {
    let mix = &analysis.model_mix;
    let currencies = &analysis.funding.currencies;
    let by_type = mix.by_type.iter().map(|t| (t.name.as_str(), &t.figures));
    mix_table(
        out,
        "Model mix by model type:",
        by_type.collect(),
        currencies,
    );
    let by_horizon = mix
        .by_horizon
        .iter()
        .map(|h| (h.label.as_str(), &h.figures));
    mix_table(
        out,
        "Model mix by bet horizon:",
        by_horizon.collect(),
        currencies,
    );
}

/// More currencies than this and the mix tables leave funding out (JSON has it all).
const MAX_FUNDING_COLUMNS: usize = 4;

fn mix_table(
    out: &mut String,
    heading: &str,
    rows: Vec<(&str, &MixFigures)>,
    currencies: &[String],
) {
    let width = name_width(rows.iter().map(|(name, _)| *name));
    let mut header = format!(
        "    {:<width$}  {:>5} {:>6}  {:>9} {:>6}",
        "", "teams", "share", "headcount", "share"
    );
    let columns: &[String] = if currencies.len() <= MAX_FUNDING_COLUMNS {
        currencies
    } else {
        &[]
    };
    for currency in columns {
        let title = format!("funding {currency}");
        let _ = write!(header, "  {title:>16} {:>6}", "share");
    }
    let _ = writeln!(out, "  {heading}");
    let _ = writeln!(out, "{header}");
    for (name, figures) in rows {
        let mut line = format!(
            "    {name:<width$}  {:>5} {:>6}  {:>9} {:>6}",
            format_count(figures.teams),
            format_share(figures.team_share),
            format_count(usize::try_from(figures.headcount).unwrap_or(usize::MAX)),
            format_share(figures.headcount_share),
        );
        for currency in columns {
            let (amount, share) = figures
                .funding
                .iter()
                .find(|m| m.currency == *currency)
                .map_or((0.0, 0.0), |m| (m.amount, m.share));
            let _ = write!(
                line,
                "  {:>16} {:>6}",
                format_amount(amount),
                format_share(share)
            );
        }
        let _ = writeln!(out, "{line}");
    }
    if columns.len() < currencies.len() {
        let _ = writeln!(
            out,
            "    (funding in {} is left out of this table; `--format json` has it)",
            plural(currencies.len(), "currency", "currencies")
        );
    }
}

fn most_depended_on(out: &mut String, analysis: &Analysis) {
    let ranked = &analysis.dependencies.most_depended_on;
    if ranked.is_empty() {
        out.push_str("  Most depended-on teams: none\n");
        return;
    }
    out.push_str("  Most depended-on teams:\n");
    let shown = &ranked[..ranked.len().min(MOST_DEPENDED_ON_LISTED)];
    let width = name_width(shown.iter().map(|t| t.name.as_str()));
    for team in shown {
        let dependents = format!(
            "{} on it",
            plural(team.fan_in, "team depends", "teams depend")
        );
        let _ = writeln!(out, "    {:<width$}  {dependents}", team.name);
    }
}

/// Columns are padded to their longest entry, up to this many characters: a longer entry (a
/// 500-character name, a team funded in 10,000 currencies) runs past its column rather than
/// padding every other line to its length.
const MAX_COLUMN_CHARS: usize = 60;

fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_COLUMN_CHARS)
}
