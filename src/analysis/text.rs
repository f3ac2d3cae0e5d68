//! The findings as stable, readable text (what `teamscape check` prints), and how numbers are written.

use std::fmt::Write as _;

use super::funding::{Funder, FunderKind, funds};
use super::mix::MixFigures;
use super::{Analysis, Money};

/// How many of the most depended-on teams the text lists.
const MOST_DEPENDED_ON_LISTED: usize = 10;

/// A percentage as people write it: `"130 %"`, `"12.5 %"`, `"33.33 %"` (at most two decimals).
pub fn format_percent(percent: f64) -> String {
    format!("{} %", trimmed(percent))
}

/// An amount with thousands separators and cents only when there are any: `"1,440,000 EUR"`,
/// `"333.33 USD"`.
pub fn format_money(money: &Money) -> String {
    format!("{} {}", format_amount(money.amount), money.currency)
}

/// Several amounts (one per currency, never added together): `"1,000 EUR, 500 USD"`.
pub fn format_amounts(amounts: &[Money]) -> String {
    let parts: Vec<String> = amounts.iter().map(format_money).collect();
    parts.join(", ")
}

fn format_amount(amount: f64) -> String {
    let fixed = format!("{:.2}", amount.abs());
    let (whole, cents) = fixed.split_once('.').unwrap_or((&fixed, "00"));
    let grouped = group_thousands(whole);
    let sign = if amount < 0.0 && fixed != "0.00" {
        "-"
    } else {
        ""
    };
    if cents == "00" {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{cents}")
    }
}

/// A count with thousands separators: `"5,040"`.
pub(super) fn format_count(count: usize) -> String {
    group_thousands(&count.to_string())
}

fn group_thousands(digits: &str) -> String {
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A number with at most two decimals and no trailing zeros.
fn trimmed(value: f64) -> String {
    let fixed = format!("{value:.2}");
    let fixed = fixed.trim_end_matches('0').trim_end_matches('.');
    if fixed == "-0" {
        "0".to_owned()
    } else {
        fixed.to_owned()
    }
}

/// A share (0–1) as a whole percentage: `"21 %"`.
pub fn format_share(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// The findings after the summary of `teamscape check`: problems first, then funding per source (with
/// slack), funding per team, the model mix by type and by horizon, and the most depended-on teams.
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
            format_count(analysis.problems.len())
        );
        for problem in &analysis.problems {
            let _ = writeln!(out, "    {}", problem.message);
        }
    }
    funders(&mut out, analysis);
    team_funding(&mut out, analysis);
    model_mix(&mut out, analysis);
    most_depended_on(&mut out, analysis);
    out
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
                    if funds(a.percent) {
                        format_amounts(&a.amounts)
                    } else {
                        "does not fund".to_owned()
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

fn funder_line(funder: &Funder) -> String {
    let budget = match (funder.kind, funder.budget.is_empty()) {
        (FunderKind::Source, true) => "no budget".to_owned(),
        (FunderKind::Source, false) => format!("budget {}", format_amounts(&funder.budget)),
        (FunderKind::Team, true) => "receives no known amount".to_owned(),
        (FunderKind::Team, false) => format!("receives {}", format_amounts(&funder.budget)),
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

fn model_mix(out: &mut String, analysis: &Analysis) {
    let mix = &analysis.model_mix;
    let by_type = mix.by_type.iter().map(|t| (t.name.as_str(), &t.figures));
    mix_table(out, "Model mix by model type:", by_type.collect());
    let by_horizon = mix
        .by_horizon
        .iter()
        .map(|h| (h.label.as_str(), &h.figures));
    mix_table(out, "Model mix by bet horizon:", by_horizon.collect());
}

fn mix_table(out: &mut String, heading: &str, rows: Vec<(&str, &MixFigures)>) {
    let width = name_width(rows.iter().map(|(name, _)| *name));
    let mut header = format!(
        "    {:<width$}  {:>5} {:>6}  {:>9} {:>6}",
        "", "teams", "share", "headcount", "share"
    );
    if let Some((_, first)) = rows.first() {
        for money in &first.funding {
            let title = format!("funding {}", money.currency);
            let _ = write!(header, "  {title:>16} {:>6}", "share");
        }
    }
    let _ = writeln!(out, "  {heading}");
    let _ = writeln!(out, "{header}");
    for (name, figures) in rows {
        let mut line = format!(
            "    {name:<width$}  {:>5} {:>6}  {:>9} {:>6}",
            figures.teams,
            format_share(figures.team_share),
            figures.headcount,
            format_share(figures.headcount_share),
        );
        for money in &figures.funding {
            let _ = write!(
                line,
                "  {:>16} {:>6}",
                format_amount(money.amount),
                format_share(money.share)
            );
        }
        let _ = writeln!(out, "{line}");
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
        let dependents = if team.fan_in == 1 {
            "1 team depends on it".to_owned()
        } else {
            format!("{} teams depend on it", team.fan_in)
        };
        let _ = writeln!(out, "    {:<width$}  {dependents}", team.name);
    }
}

fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names.map(|n| n.chars().count()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(amount: f64) -> String {
        format_money(&Money {
            amount,
            currency: "EUR".to_owned(),
        })
    }

    #[test]
    fn percentages_drop_needless_decimals() {
        assert_eq!(format_percent(130.0), "130 %");
        assert_eq!(format_percent(12.5), "12.5 %");
        assert_eq!(format_percent(100.0 / 3.0), "33.33 %");
        assert_eq!(format_percent(-0.0001), "0 %");
    }

    #[test]
    fn shares_are_whole_percentages() {
        assert_eq!(format_share(0.214), "21 %");
        assert_eq!(format_share(1.0), "100 %");
        assert_eq!(format_share(0.0), "0 %");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(format_count(5040), "5,040");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1_000_000), "1,000,000");
    }

    #[test]
    fn amounts_group_thousands_and_show_cents_only_when_present() {
        assert_eq!(eur(1_440_000.0), "1,440,000 EUR");
        assert_eq!(eur(999.0), "999 EUR");
        assert_eq!(eur(1000.0 / 3.0), "333.33 EUR");
        assert_eq!(eur(0.0), "0 EUR");
        assert_eq!(eur(-1234.5), "-1,234.50 EUR");
    }
}
