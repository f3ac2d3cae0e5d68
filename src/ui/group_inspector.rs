//! The inspector's part for groups: a selected group's fields and what it holds, and the group a
//! selected team or funding source is in.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use super::Action;
use super::commands::Command;
use super::dialogs::swatches_ui;
use super::fields::{FIELD_WIDTH, edit, heading, text_field};
use super::paint::color32;
use crate::analysis::{Analysis, GroupFigures, format_amounts};
use crate::edit::{Edit, GroupField};
use crate::editor;
use crate::model::{Color, Document, Group, GroupKind, Id};
use crate::scene::groups::group_color;
use crate::text::{format_count, plural};

pub(super) fn group_ui(
    ui: &mut egui::Ui,
    (doc, analysis): (&Document, &Analysis),
    id: Id,
    group: &Group,
    actions: &mut Vec<Action>,
) {
    heading(ui, "Group");
    let set = |actions: &mut Vec<Action>, field: GroupField| {
        edit(actions, Edit::SetGroup { id, field });
    };
    egui::Grid::new(("group_fields", id.0))
        .num_columns(2)
        .show(ui, |ui| {
            if let Some(name) = text_field(ui, "Name", &group.name, false) {
                set(actions, GroupField::Name(name));
            }
            if let Some(kind) = kind_combo(ui, &group.kind) {
                set(actions, GroupField::Kind(kind));
            }
            if let GroupKind::Other(label) = &group.kind
                && let Some(label) = text_field(ui, "Kind name", label, false)
                && !label.trim().is_empty()
            {
                set(actions, GroupField::Kind(GroupKind::Other(label)));
            }
            if let Some(parent) = parent_combo(ui, doc, id, group.parent) {
                set(actions, GroupField::Parent(parent));
            }
            if let Some(color) = color_row(ui, group) {
                set(actions, GroupField::Color(color));
            }
        });
    ui.add_space(6.0);
    if let Some(notes) = text_field(ui, "Notes", &group.notes, true) {
        set(actions, GroupField::Notes(notes));
    }
    ui.add_space(10.0);
    ui.label(RichText::new("In this group").strong());
    let members = doc.group_all_members(id);
    let nested: Vec<Id> = doc.group_children(Some(id)).collect();
    if let Some(figures) = analysis.group(id) {
        rollup_ui(ui, doc, figures, nested.len(), actions);
    }
    for child in nested {
        if let Some(g) = doc.groups.get(&child)
            && ui.link(format!("{} ({})", g.name, g.kind)).clicked()
        {
            actions.push(editor::Action::Select(BTreeSet::from([child])).into());
        }
    }
    if !members.is_empty() && ui.button("Select what it holds").clicked() {
        actions.push(editor::Action::Select(members.into_iter().collect()).into());
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let (label, collapsed) = if group.collapsed {
            ("Expand", false)
        } else {
            ("Collapse to one box", true)
        };
        if ui.button(label).clicked() {
            actions.push(
                editor::Action::SetCollapsed {
                    group: Some(id),
                    collapsed,
                }
                .into(),
            );
        }
        if ui.button("Ungroup").clicked() {
            actions.push(Action::Command(Command::Ungroup));
        }
    });
}

/// What the group adds up to, nested groups included: the counts, the funding it receives, its
/// mix, its dependencies across its border, and what is unfunded or circular inside it.
fn rollup_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    figures: &GroupFigures,
    nested: usize,
    actions: &mut Vec<Action>,
) {
    let mut counts = vec![
        plural(figures.teams, "team", "teams"),
        format!("{} people", format_count(figures.headcount as usize)),
        plural(figures.funding_sources, "funding source", "funding sources"),
    ];
    if nested > 0 {
        counts.push(plural(nested, "nested group", "nested groups"));
    }
    ui.label(counts.join(", "));
    let funding = if figures.funding.is_empty() {
        "no funding".to_owned()
    } else {
        format_amounts(&figures.funding)
    };
    ui.label(format!("Receives {funding}"));
    let mix: Vec<String> = figures
        .mix
        .by_type
        .iter()
        .filter(|t| t.figures.teams > 0)
        .map(|t| format!("{} {}", t.figures.teams, t.name))
        .collect();
    if !mix.is_empty() {
        ui.label(format!("Mix: {}", mix.join(", ")));
    }
    let horizons: Vec<String> = figures
        .mix
        .by_horizon
        .iter()
        .filter(|h| h.figures.teams > 0)
        .map(|h| format!("{} {}", h.figures.teams, h.label))
        .collect();
    if !horizons.is_empty() {
        ui.label(format!("Horizons: {}", horizons.join(", ")));
    }
    let cross = &figures.cross_group_dependencies;
    ui.label(format!(
        "Across its border: depends on {} outside, {} outside depend on it",
        plural(cross.outgoing, "team", "teams"),
        plural(cross.incoming, "team", "teams"),
    ));
    let names = |ids: &[Id]| {
        ids.iter()
            .filter_map(|id| doc.teams.get(id).map(|t| t.name.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !figures.unfunded.is_empty() {
        let text = format!("Unfunded: {}", names(&figures.unfunded));
        if ui
            .link(RichText::new(text).color(ui.visuals().warn_fg_color))
            .clicked()
        {
            let unfunded = figures.unfunded.iter().copied().collect();
            actions.push(editor::Action::Focus(unfunded).into());
        }
    }
    for cycle in &figures.cycles {
        let text = format!("Depends on itself: {}", names(cycle));
        if ui
            .link(RichText::new(text).color(ui.visuals().error_fg_color))
            .clicked()
        {
            actions.push(editor::Action::Focus(cycle.iter().copied().collect()).into());
        }
    }
}

/// The group row of a team's or funding source's fields (in their grid): which group it is in,
/// to move it to another or out of any.
pub(super) fn membership_row(
    ui: &mut egui::Ui,
    doc: &Document,
    node: Id,
    actions: &mut Vec<Action>,
) {
    if doc.groups.is_empty() {
        return;
    }
    let current = doc.group_of(node);
    let name = |id: Option<Id>| {
        id.and_then(|id| doc.groups.get(&id))
            .map_or_else(|| "(none)".to_owned(), |g| g.name.clone())
    };
    let label = ui.label("Group");
    let mut chosen = current;
    egui::ComboBox::from_id_salt(("node_group", node.0))
        .width(FIELD_WIDTH)
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, "(none)");
            for (id, group) in &doc.groups {
                ui.selectable_value(&mut chosen, Some(*id), group_label(doc, *id, group));
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    if chosen != current {
        edit(
            actions,
            Edit::SetNodeGroup {
                node,
                group: chosen,
            },
        );
    }
}

/// A group's name, indented by how deep it is nested, for menus that list every group.
fn group_label(doc: &Document, id: Id, group: &Group) -> String {
    let indent = "    ".repeat(doc.group_depth(id).saturating_sub(1));
    format!("{indent}{}", group.name)
}

/// The group's colour: its kind's, or one of the presets; `Some` when the user picked another.
fn color_row(ui: &mut egui::Ui, group: &Group) -> Option<Option<Color>> {
    let label = ui.label("Colour");
    let shown = group_color(group.color, &group.kind);
    let swatch = egui::Button::new(RichText::new("      ").background_color(color32(shown)))
        .min_size(egui::vec2(28.0, 20.0));
    let mut picked = None;
    egui::containers::menu::MenuButton::from_button(swatch)
        .ui(ui, |ui| {
            if ui
                .selectable_label(group.color.is_none(), "The kind's colour")
                .clicked()
            {
                picked = Some(None);
                ui.close();
            }
            if let Some(color) = swatches_ui(ui, group.color) {
                picked = Some(Some(color));
                ui.close();
            }
        })
        .0
        .labelled_by(label.id);
    ui.end_row();
    picked.filter(|p| *p != group.color)
}

fn kind_combo(ui: &mut egui::Ui, kind: &GroupKind) -> Option<GroupKind> {
    let label = ui.label("Kind");
    let mut chosen = kind.clone();
    egui::ComboBox::from_id_salt("group_kind")
        .width(FIELD_WIDTH)
        .selected_text(if matches!(kind, GroupKind::Other(_)) {
            "Other".to_owned()
        } else {
            kind.label().to_owned()
        })
        .show_ui(ui, |ui| {
            for built_in in GroupKind::BUILT_IN {
                let text = built_in.label().to_owned();
                ui.selectable_value(&mut chosen, built_in, text);
            }
            let other = match kind {
                GroupKind::Other(_) => kind.clone(),
                _ => GroupKind::Other("Other".to_owned()),
            };
            ui.selectable_value(&mut chosen, other, "Other");
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    (chosen != *kind).then_some(chosen)
}

/// Which group this one is nested in; groups that would make a loop or nest too deep are not
/// offered.
fn parent_combo(
    ui: &mut egui::Ui,
    doc: &Document,
    id: Id,
    parent: Option<Id>,
) -> Option<Option<Id>> {
    let label = ui.label("Inside");
    let mut chosen = parent;
    let name = |p: Option<Id>| {
        p.and_then(|p| doc.groups.get(&p))
            .map_or_else(|| "(top level)".to_owned(), |g| g.name.clone())
    };
    egui::ComboBox::from_id_salt(("group_parent", id.0))
        .width(FIELD_WIDTH)
        .selected_text(name(parent))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, "(top level)");
            for (other, group) in &doc.groups {
                if *other == id || doc.check_nesting(id, *other).is_err() {
                    continue;
                }
                ui.selectable_value(&mut chosen, Some(*other), group_label(doc, *other, group));
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    (chosen != parent).then_some(chosen)
}
