//! An item in words, as a screen reader speaks it and present mode's card shows it:
//! "Service Team · 1–3 years · 7 people · funded 60 % by Retail P&L · depends on Identity
//! Platform · 1 problem".

use crate::analysis::{Analysis, format_amounts};
use crate::model::{Document, Group, Id, LinkKind};
use crate::text::{format_percent, plural};

use super::rules::link_label;

/// The facts about a team, funding source or link, one per part, in reading order. `touching`
/// lists the links at a node (the spatial index keeps them), so describing the items in view
/// never scans every link of a big map.
pub fn item_facts(doc: &Document, analysis: &Analysis, id: Id, touching: &[Id]) -> Vec<String> {
    let links: Vec<&crate::model::Link> =
        touching.iter().filter_map(|l| doc.links.get(l)).collect();
    let mut facts = Vec::new();
    if let Some(team) = doc.teams.get(&id) {
        let type_name = doc
            .model_type(team.model_type)
            .map_or("Unknown type", |t| t.name.as_str());
        facts.push(type_name.to_owned());
        if let Some(horizon) = team.horizon {
            facts.push(horizon.label().to_owned());
        }
        facts.push(plural(team.headcount as usize, "person", "people"));
        let funders: Vec<String> = links
            .iter()
            .filter(|l| l.to == id)
            .filter_map(|l| match l.kind {
                LinkKind::Funding { allocation_percent } => Some(format!(
                    "{} by {}",
                    format_percent(allocation_percent),
                    doc.node_name(l.from).unwrap_or("?")
                )),
                LinkKind::Dependency => None,
            })
            .collect();
        if funders.is_empty() {
            facts.push("not funded".to_owned());
        } else {
            facts.push(format!("funded {}", funders.join(", ")));
        }
        if let Some(figures) = analysis.team(id)
            && !figures.received.is_empty()
        {
            facts.push(format!("receives {}", format_amounts(&figures.received)));
        }
        let names = |to: bool| -> Vec<&str> {
            links
                .iter()
                .filter(|l| l.kind == LinkKind::Dependency)
                .filter(|l| if to { l.from == id } else { l.to == id })
                .filter_map(|l| doc.node_name(if to { l.to } else { l.from }))
                .collect()
        };
        let depends_on = names(true);
        if !depends_on.is_empty() {
            facts.push(format!("depends on {}", depends_on.join(", ")));
        }
        let needed_by = names(false);
        if !needed_by.is_empty() {
            facts.push(format!("needed by {}", needed_by.join(", ")));
        }
    } else if let Some(source) = doc.sources.get(&id) {
        facts.push("Funding source".to_owned());
        if let Some(budget) = &source.budget {
            facts.push(format!(
                "budget {}",
                crate::text::format_money(budget.amount, &budget.currency)
            ));
        }
        let funded: Vec<String> = links
            .iter()
            .filter(|l| l.from == id)
            .filter_map(|l| match l.kind {
                LinkKind::Funding { allocation_percent } => Some(format!(
                    "{} {}",
                    doc.node_name(l.to).unwrap_or("?"),
                    format_percent(allocation_percent)
                )),
                LinkKind::Dependency => None,
            })
            .collect();
        if !funded.is_empty() {
            facts.push(format!("funds {}", funded.join(", ")));
        }
    } else if let Some(link) = doc.links.get(&id) {
        facts.push(link_label(doc, link));
    } else if let Some(group) = doc.groups.get(&id) {
        facts.extend(group_facts(doc, analysis, id, group));
    }
    let problems = analysis.problem_count(id);
    if problems > 0 {
        facts.push(plural(problems, "problem", "problems"));
    }
    facts
}

/// A group: "Business unit · collapsed · inside Consumer · 7 teams · 42 people · receives
/// 1.2M EUR · depends on 3 outside · 2 unfunded teams".
fn group_facts(doc: &Document, analysis: &Analysis, id: Id, group: &Group) -> Vec<String> {
    let mut facts = vec![group.kind.label().to_owned()];
    if group.collapsed {
        facts.push("collapsed".to_owned());
    }
    if let Some(parent) = group.parent.and_then(|p| doc.groups.get(&p)) {
        facts.push(format!("inside {}", parent.name));
    }
    let Some(figures) = analysis.group(id) else {
        return facts;
    };
    facts.push(plural(figures.teams, "team", "teams"));
    if figures.funding_sources > 0 {
        facts.push(plural(
            figures.funding_sources,
            "funding source",
            "funding sources",
        ));
    }
    facts.push(plural(figures.headcount as usize, "person", "people"));
    if !figures.funding.is_empty() {
        facts.push(format!("receives {}", format_amounts(&figures.funding)));
    }
    let cross = &figures.cross_group_dependencies;
    if cross.outgoing > 0 {
        facts.push(format!("depends on {} outside", cross.outgoing));
    }
    if cross.incoming > 0 {
        facts.push(format!("needed by {} outside", cross.incoming));
    }
    if !figures.unfunded.is_empty() {
        facts.push(plural(
            figures.unfunded.len(),
            "unfunded team",
            "unfunded teams",
        ));
    }
    facts
}

/// The facts joined as one sentence for a screen reader.
pub fn item_description(doc: &Document, analysis: &Analysis, id: Id, touching: &[Id]) -> String {
    item_facts(doc, analysis, id, touching).join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Budget, FundingSource, Horizon, Link, ModelTypeId, Point, Team};

    #[test]
    fn a_team_reads_as_its_type_horizon_people_funding_dependencies_and_problems() {
        let mut doc = Document::new("t");
        let mut team = Team::new("Support Tools", ModelTypeId(5), Point::new(0.0, 0.0));
        team.horizon = Some(Horizon::Years);
        team.headcount = 7;
        doc.teams.insert(Id(1), team);
        doc.teams.insert(
            Id(2),
            Team::new("Identity Platform", ModelTypeId(6), Point::new(300.0, 0.0)),
        );
        let mut fund = FundingSource::new("Retail P&L", Point::new(0.0, -200.0));
        fund.budget = Some(Budget {
            amount: 1_000_000.0,
            currency: "EUR".to_owned(),
        });
        doc.sources.insert(Id(3), fund);
        doc.links.insert(Id(4), Link::funding(Id(3), Id(1), 60.0));
        doc.links.insert(Id(5), Link::dependency(Id(1), Id(2)));
        let analysis = Analysis::of(&doc);
        let describe = |id: Id| {
            let touching: Vec<Id> = doc.links_touching(id).map(|(l, _)| l).collect();
            item_description(&doc, &analysis, id, &touching)
        };
        assert_eq!(
            describe(Id(1)),
            "Service Team · 1–3 years · 7 people · funded 60 % by Retail P&L · receives 600,000 EUR · depends on Identity Platform · 1 problem"
        );
        // Identity Platform has no funding, and Support Tools (funded) depends on it.
        let platform = describe(Id(2));
        assert!(
            platform.starts_with("Platform Team · 0 people · not funded · needed by Support Tools"),
            "{platform}"
        );
        assert!(
            platform.ends_with("problems") || platform.ends_with("problem"),
            "{platform}"
        );
        assert_eq!(
            describe(Id(3)),
            "Funding source · budget 1,000,000 EUR · funds Support Tools 60 %"
        );
        assert_eq!(
            describe(Id(5)),
            "Support Tools depends on Identity Platform · 1 problem"
        );
    }
}
