//! The inspector's part for groups: a selected group's fields and what it holds, and the group a
//! selected team or funding source is in.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use super::Action;
use super::commands::Command;
use super::fields::{FIELD_WIDTH, edit, heading, text_field};
use crate::edit::{Edit, GroupField};
use crate::editor;
use crate::model::{Document, Group, GroupKind, Id};

pub(super) fn group_ui(
    ui: &mut egui::Ui,
    doc: &Document,
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
        });
    ui.add_space(6.0);
    if let Some(notes) = text_field(ui, "Notes", &group.notes, true) {
        set(actions, GroupField::Notes(notes));
    }
    ui.add_space(10.0);
    ui.label(RichText::new("In this group").strong());
    let members = doc.group_all_members(id);
    let teams = members.iter().filter(|m| doc.teams.contains_key(m)).count();
    let sources = members.len() - teams;
    let nested: Vec<Id> = doc.group_children(Some(id)).collect();
    ui.label(format!(
        "{}, {}{}",
        crate::text::plural(teams, "team", "teams"),
        crate::text::plural(sources, "funding source", "funding sources"),
        if nested.is_empty() {
            String::new()
        } else {
            format!(
                ", {}",
                crate::text::plural(nested.len(), "nested group", "nested groups")
            )
        },
    ));
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
    if ui.button("Ungroup").clicked() {
        actions.push(Action::Command(Command::Ungroup));
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
