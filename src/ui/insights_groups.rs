//! The Insights panel's table of groups: each business unit, value stream and platform grouping
//! with what it adds up to (nested groups inside their parent, indented). A click selects the
//! group and frames it.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use crate::analysis::{Analysis, format_amounts};
use crate::model::Id;
use crate::text::{format_count, plural};

/// The table; returns the group clicked, if any.
pub(super) fn groups_ui(ui: &mut egui::Ui, analysis: &Analysis) -> Option<BTreeSet<Id>> {
    if analysis.groups.is_empty() {
        return None;
    }
    ui.label(RichText::new("Groups").strong().size(15.0));
    ui.add_space(4.0);
    let mut clicked = None;
    egui::Grid::new("insights_groups")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for header in ["Group", "Teams", "People", "Depends on / by"] {
                ui.label(RichText::new(header).small().weak());
            }
            ui.end_row();
            for group in &analysis.groups {
                let indent = "   ".repeat(group.depth.saturating_sub(1));
                let name = ui
                    .link(format!("{indent}{}", group.name))
                    .on_hover_text(format!(
                        "{}; receives {}{}",
                        group.kind,
                        if group.funding.is_empty() {
                            "no funding".to_owned()
                        } else {
                            format_amounts(&group.funding)
                        },
                        if group.unfunded.is_empty() {
                            String::new()
                        } else {
                            format!(
                                "; {} unfunded",
                                plural(group.unfunded.len(), "team", "teams")
                            )
                        },
                    ));
                if name.clicked() {
                    clicked = Some(BTreeSet::from([group.id]));
                }
                ui.label(group.teams.to_string());
                ui.label(format_count(group.headcount as usize));
                let cross = &group.cross_group_dependencies;
                ui.label(format!("{} / {}", cross.outgoing, cross.incoming));
                ui.end_row();
            }
        });
    clicked
}
