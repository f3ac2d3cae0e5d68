//! The inspector panel: edits the selected team, funding source or link, or the map itself.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use super::Action;
use super::commands::Command;
use super::fields::{FIELD_WIDTH, edit, heading, model_type_combo, number_field, text_field};
use super::group_inspector::{group_ui, membership_row};
use crate::edit::{Edit, LinkField, SourceField, TeamField};
use crate::editor::rules::{link_label, unallocated_percent};
use crate::editor::{self, SessionState};
use crate::model::limits::{MAX_BUDGET, MAX_HEADCOUNT};
use crate::model::{Budget, Document, Horizon, Id, Link, LinkKind, ModelTypeId, NodeKind, Team};
use crate::scene::format_amount;
use crate::text::{format_money, format_percent, parse_amount};

pub fn inspector_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    analysis: &crate::analysis::Analysis,
    session: &SessionState,
    actions: &mut Vec<Action>,
) {
    let selected: Vec<Id> = session
        .selection
        .iter()
        .copied()
        .filter(|id| doc.contains(*id))
        .collect();
    egui::ScrollArea::vertical().show(ui, |ui| match selected.as_slice() {
        [] => map_ui(ui, doc, actions),
        [id] => {
            if let Some(team) = doc.teams.get(id) {
                team_ui(ui, doc, *id, team, actions);
            } else if let Some(source) = doc.sources.get(id) {
                source_ui(ui, (doc, analysis), *id, source, actions);
            } else if let Some(link) = doc.links.get(id) {
                link_ui(ui, doc, *id, link, actions);
            } else if let Some(group) = doc.groups.get(id) {
                group_ui(ui, (doc, analysis), *id, group, actions);
            }
        }
        many => many_ui(ui, doc, many, actions),
    });
}

fn map_ui(ui: &mut egui::Ui, doc: &Document, actions: &mut Vec<Action>) {
    heading(ui, "Map");
    egui::Grid::new("map_fields")
        .num_columns(2)
        .striped(false)
        .show(ui, |ui| {
            if let Some(title) = text_field(ui, "Title", &doc.title, false) {
                edit(actions, Edit::SetTitle(title));
            }
        });
    ui.add_space(8.0);
    let headcount: u64 = doc.teams.values().map(|t| u64::from(t.headcount)).sum();
    ui.label(format!(
        "{} ({} people), {}, {}",
        crate::text::plural(doc.teams.len(), "team", "teams"),
        crate::text::format_count(usize::try_from(headcount).unwrap_or(usize::MAX)),
        crate::text::plural(doc.sources.len(), "funding source", "funding sources"),
        crate::text::plural(doc.links.len(), "link", "links"),
    ));
    ui.add_space(12.0);
    ui.label(RichText::new("Getting started").strong());
    for hint in [
        "T adds a team beside the selected one: type its name, Enter. \"Checkout > Payments, Search\" also draws what it depends on.",
        "1 … 9 give the selected teams the legend's type; H steps their horizon.",
        "B adds a funding source (\"Retail P&L: 18M EUR\"); F then types the teams it funds (\"checkout 40, search 10\").",
        "D with a team selected: the teams it depends on. Tab moves to the next item.",
        "Or with the mouse: double-click to add, drag from an edge to link. F5 presents; ? lists every key.",
    ] {
        ui.label(format!("• {hint}"));
    }
    ui.add_space(8.0);
    if ui.button("Edit model types…").clicked() {
        actions.push(Action::Command(Command::EditModelTypes));
    }
}

fn team_ui(ui: &mut egui::Ui, doc: &Document, id: Id, team: &Team, actions: &mut Vec<Action>) {
    heading(ui, "Team");
    egui::Grid::new(("team_fields", id.0))
        .num_columns(2)
        .show(ui, |ui| {
            if let Some(name) = text_field(ui, "Name", &team.name, false) {
                edit(
                    actions,
                    Edit::SetTeam {
                        id,
                        field: TeamField::Name(name),
                    },
                );
            }
            if let Some(model_type) = model_type_combo(ui, doc, Some(team.model_type)) {
                actions.push(editor::Action::SetNewTeamType(model_type).into());
                edit(
                    actions,
                    Edit::SetTeam {
                        id,
                        field: TeamField::ModelType(model_type),
                    },
                );
            }
            if let Some(headcount) = number_field(
                ui,
                "Headcount",
                f64::from(team.headcount),
                0.0..=f64::from(MAX_HEADCOUNT),
                "",
                0,
            ) {
                let headcount = headcount.round().clamp(0.0, f64::from(MAX_HEADCOUNT)) as u32;
                edit(
                    actions,
                    Edit::SetTeam {
                        id,
                        field: TeamField::Headcount(headcount),
                    },
                );
            }
            let label_response = ui.label("Bet horizon");
            let mut horizon = team.horizon;
            egui::ComboBox::from_id_salt("horizon")
                .selected_text(horizon.map_or("Not set", Horizon::label))
                .width(FIELD_WIDTH)
                .truncate()
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut horizon, None, "Not set");
                    for h in Horizon::ALL {
                        ui.selectable_value(&mut horizon, Some(h), h.label());
                    }
                })
                .response
                .labelled_by(label_response.id);
            ui.end_row();
            if horizon != team.horizon {
                edit(
                    actions,
                    Edit::SetTeam {
                        id,
                        field: TeamField::Horizon(horizon),
                    },
                );
            }
            membership_row(ui, doc, id, actions);
        });
    ui.add_space(6.0);
    if let Some(notes) = text_field(ui, "Notes", &team.notes, true) {
        edit(
            actions,
            Edit::SetTeam {
                id,
                field: TeamField::Notes(notes),
            },
        );
    }
    if let Some(description) = doc.model_type(team.model_type).map(|t| &t.description)
        && !description.is_empty()
    {
        ui.add_space(6.0);
        ui.label(RichText::new(description).italics().weak());
    }
    links_of_ui(ui, doc, id, actions);
    ui.add_space(8.0);
    if ui.button("Delete team").clicked() {
        actions.push(Action::Command(Command::Delete));
    }
}

fn links_of_ui(ui: &mut egui::Ui, doc: &Document, id: Id, actions: &mut Vec<Action>) {
    let links: Vec<(Id, &Link)> = doc.links_touching(id).collect();
    if links.is_empty() {
        return;
    }
    ui.add_space(10.0);
    ui.label(RichText::new("Links").strong());
    for (link_id, link) in links {
        if ui.link(link_label(doc, link)).clicked() {
            actions.push(editor::Action::Select(BTreeSet::from([link_id])).into());
        }
    }
}

fn source_ui(
    ui: &mut egui::Ui,
    (doc, analysis): (&Document, &crate::analysis::Analysis),
    id: Id,
    source: &crate::model::FundingSource,
    actions: &mut Vec<Action>,
) {
    heading(ui, "Funding source");
    egui::Grid::new(("source_fields", id.0))
        .num_columns(2)
        .show(ui, |ui| {
            if let Some(name) = text_field(ui, "Name", &source.name, false) {
                edit(
                    actions,
                    Edit::SetSource {
                        id,
                        field: SourceField::Name(name),
                    },
                );
            }
            let label_response = ui.label("Budget");
            let mut has_budget = source.budget.is_some();
            if ui
                .checkbox(&mut has_budget, "Has a budget")
                .labelled_by(label_response.id)
                .changed()
            {
                let budget = has_budget.then(|| Budget {
                    amount: 0.0,
                    currency: "EUR".to_owned(),
                });
                edit(
                    actions,
                    Edit::SetSource {
                        id,
                        field: SourceField::Budget(budget),
                    },
                );
            }
            ui.end_row();
            if let Some(budget) = &source.budget {
                // Typed as people write it ("18M", "1.5k EUR", "€ 2,000,000"), shown in full.
                let shown = format_money(budget.amount, &budget.currency);
                if let Some(text) = text_field(ui, "Amount", &shown, false) {
                    match parse_amount(&text) {
                        Ok(parsed) if parsed.amount <= MAX_BUDGET => {
                            let budget = Budget {
                                amount: parsed.amount,
                                currency: parsed
                                    .currency
                                    .unwrap_or_else(|| budget.currency.clone()),
                            };
                            edit(
                                actions,
                                Edit::SetSource {
                                    id,
                                    field: SourceField::Budget(Some(budget)),
                                },
                            );
                        }
                        Ok(_) => actions.push(Action::Notify(format!(
                            "Budget not changed: \"{text}\" is above the limit of {}",
                            format_money(MAX_BUDGET, &budget.currency)
                        ))),
                        Err(error) => {
                            actions.push(Action::Notify(format!("Budget not changed: {error}")));
                        }
                    }
                }
            }
            membership_row(ui, doc, id, actions);
        });
    // The analysis already summed this source's allocations (once per edit, not per frame).
    let (total, unallocated) = analysis.funder(id).map_or((0.0, 100.0), |f| {
        (f.allocated_percent, f.unallocated_percent)
    });
    ui.add_space(6.0);
    let text = match &source.budget {
        Some(budget) => format!(
            "Allocates {} ({} of {} {})",
            format_percent(total),
            format_amount(budget.amount * total / 100.0),
            format_amount(budget.amount),
            budget.currency
        ),
        None => format!("Allocates {}", format_percent(total)),
    };
    if total > 100.0 + crate::analysis::PERCENT_TOLERANCE {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{text}: more than its whole budget"),
        );
    } else {
        ui.label(format!(
            "{text}; {} unallocated",
            format_percent(unallocated)
        ));
    }
    if let Some(split) = editor::rules::split_evenly(doc, id) {
        let links = doc.links.values().filter(|l| l.from == id).count();
        if ui
            .button("Split evenly")
            .on_hover_text(format!(
                "Give each of its {links} funding links the same share"
            ))
            .clicked()
        {
            actions.push(
                editor::Action::Edit {
                    edit: split,
                    label: "Split evenly".to_owned(),
                    select: None,
                }
                .into(),
            );
        }
    }
    ui.add_space(8.0);
    if ui.button("Delete funding source").clicked() {
        actions.push(Action::Command(Command::Delete));
    }
}

fn link_ui(ui: &mut egui::Ui, doc: &Document, id: Id, link: &Link, actions: &mut Vec<Action>) {
    heading(
        ui,
        if link.kind.is_funding() {
            "Funding link"
        } else {
            "Dependency"
        },
    );
    ui.label(link_label(doc, link));
    ui.add_space(6.0);
    egui::Grid::new(("link_fields", id.0))
        .num_columns(2)
        .show(ui, |ui| {
            let label_response = ui.label("Kind");
            let from_is_team = doc.node_kind(link.from) == Some(NodeKind::Team);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        from_is_team,
                        egui::RadioButton::new(!link.kind.is_funding(), "Depends on"),
                    )
                    .on_disabled_hover_text("A funding source cannot depend on a team")
                    .clicked()
                    && link.kind.is_funding()
                {
                    edit(
                        actions,
                        Edit::SetLink {
                            id,
                            field: LinkField::Kind(LinkKind::Dependency),
                        },
                    );
                }
                if ui.radio(link.kind.is_funding(), "Funds").clicked() && !link.kind.is_funding() {
                    let allocation_percent = unallocated_percent(doc, link.from);
                    edit(
                        actions,
                        Edit::SetLink {
                            id,
                            field: LinkField::Kind(LinkKind::Funding { allocation_percent }),
                        },
                    );
                }
            })
            .response
            .labelled_by(label_response.id);
            ui.end_row();
            if let LinkKind::Funding { allocation_percent } = link.kind
                && let Some(value) =
                    number_field(ui, "Allocation", allocation_percent, 0.0..=100.0, " %", 2)
            {
                let kind = LinkKind::Funding {
                    allocation_percent: value.clamp(0.0, 100.0),
                };
                edit(
                    actions,
                    Edit::SetLink {
                        id,
                        field: LinkField::Kind(kind),
                    },
                );
            }
            if let Some(label) = text_field(ui, "Label", &link.label, false) {
                edit(
                    actions,
                    Edit::SetLink {
                        id,
                        field: LinkField::Label(label),
                    },
                );
            }
            for (name, end, is_from) in [("From", link.from, true), ("To", link.to, false)] {
                let label_response = ui.label(name);
                let mut picked = end;
                egui::ComboBox::from_id_salt(("link_end", name))
                    .selected_text(doc.node_name(end).unwrap_or("?"))
                    .width(FIELD_WIDTH)
                    .truncate()
                    .show_ui(ui, |ui| {
                        let candidates = doc.teams.iter().map(|(id, t)| (*id, t.name.as_str()));
                        let sources = doc.sources.iter().map(|(id, s)| (*id, s.name.as_str()));
                        let mut options: Vec<(Id, &str)> = if is_from && link.kind.is_funding() {
                            candidates.chain(sources).collect()
                        } else {
                            candidates.collect()
                        };
                        options.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)));
                        for (option, option_name) in options {
                            ui.selectable_value(&mut picked, option, option_name);
                        }
                    })
                    .response
                    .labelled_by(label_response.id);
                ui.end_row();
                if picked != end {
                    let field = if is_from {
                        LinkField::From(picked)
                    } else {
                        LinkField::To(picked)
                    };
                    edit(actions, Edit::SetLink { id, field });
                }
            }
        });
    ui.add_space(8.0);
    if ui.button("Delete link").clicked() {
        actions.push(Action::Command(Command::Delete));
    }
}

fn many_ui(ui: &mut egui::Ui, doc: &Document, selected: &[Id], actions: &mut Vec<Action>) {
    let teams: Vec<Id> = selected
        .iter()
        .copied()
        .filter(|id| doc.teams.contains_key(id))
        .collect();
    let others = selected.len() - teams.len();
    heading(ui, &format!("{} items selected", selected.len()));
    ui.label(format!("{} teams, {others} other items", teams.len()));
    if !teams.is_empty() {
        let types: BTreeSet<ModelTypeId> =
            teams.iter().map(|id| doc.teams[id].model_type).collect();
        let current = (types.len() == 1).then(|| types.first().copied()).flatten();
        egui::Grid::new("many_fields")
            .num_columns(2)
            .show(ui, |ui| {
                if let Some(model_type) = model_type_combo(ui, doc, current) {
                    let edits = teams
                        .iter()
                        .filter(|id| doc.teams[*id].model_type != model_type)
                        .map(|&id| Edit::SetTeam {
                            id,
                            field: TeamField::ModelType(model_type),
                        })
                        .collect();
                    edit(actions, Edit::Batch(edits));
                }
            });
    }
    ui.add_space(8.0);
    if ui.button("Delete selection").clicked() {
        actions.push(Action::Command(Command::Delete));
    }
}
