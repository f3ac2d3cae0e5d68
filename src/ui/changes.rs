//! The compare view's side panel: what the map is compared with, the counts, the problems that
//! appeared or went, and every change as a row (symbol, colour and one line) that selects and
//! frames its item when clicked. Items that only moved come last.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use super::Action;
use super::canvas::mark_color;
use crate::analysis::diff::ItemChange;
use crate::editor::{self, Compared, Comparison, Mark};
use crate::model::{Document, ItemRef};

pub fn changes_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    comparison: &Comparison,
    compared: &Compared,
    selection: &BTreeSet<crate::model::Id>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Changes").strong().size(15.0));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Leave")
                .on_hover_text("Leave the compare view (Escape)")
                .clicked()
            {
                actions.push(editor::Action::StopComparing.into());
            }
        });
    });
    ui.label(format!("Compared with {}", comparison.against));
    let diff = &compared.diff;
    if diff.is_empty() {
        ui.add_space(8.0);
        ui.label("No differences: the map is the same.");
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for (mark, n) in Mark::ALL.into_iter().zip(compared.counts) {
            if n > 0 {
                ui.label(
                    RichText::new(format!("{} {n} {}", mark.symbol(), mark.word()))
                        .color(mark_color(mark)),
                );
            }
        }
    });
    let figures = &diff.figures;
    for (problems, verb) in [
        (&figures.problems_appeared, "New problem"),
        (&figures.problems_disappeared, "Solved"),
    ] {
        for problem in problems.iter().take(3) {
            ui.add(egui::Label::new(format!("{verb}: {problem}")).truncate())
                .on_hover_text(problem);
        }
        if problems.len() > 3 {
            ui.label(format!("{verb}: and {} more", problems.len() - 3));
        }
    }
    ui.separator();

    // What changed in meaning first; what only moved after it (ordered once per revision), and
    // only the rows in view laid out.
    let mut clicked: Option<&ItemChange> = None;
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("changes")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, compared.list.len(), |ui, range| {
            for &i in &compared.list[range] {
                let change = &diff.changes[i];
                if change_row(ui, change, selection) {
                    clicked = Some(change);
                }
            }
        });
    if let Some(change) = clicked {
        actions.push(focus(&comparison.old, doc, change).into());
    }
}

/// One change: its symbol in its colour and its line, cut to the panel (all of it on hover).
/// True when clicked.
fn change_row(
    ui: &mut egui::Ui,
    change: &ItemChange,
    selection: &BTreeSet<crate::model::Id>,
) -> bool {
    let mark = Compared::mark(change);
    let selected = change.item.id().is_some_and(|id| selection.contains(&id));
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(mark.symbol())
                .strong()
                .color(mark_color(mark)),
        );
        let row = ui
            .add(egui::Button::selectable(selected, &change.description).truncate())
            .on_hover_text(&change.description);
        row.clicked()
    })
    .inner
}

/// Where a click on `change` sends the view: the item, selected, where it is now; a removed
/// item's old place; for the title or a model type, nowhere.
fn focus(old: &Document, new: &Document, change: &ItemChange) -> editor::Action {
    let still_here = change.item.exists_in(new);
    match (change.item, still_here) {
        (ItemRef::Team(id) | ItemRef::Source(id) | ItemRef::Link(id), true) => {
            editor::Action::Focus(BTreeSet::from([id]))
        }
        _ => match Compared::area(old, new, change) {
            Some(area) => editor::Action::FocusArea(area),
            None => editor::Action::Select(BTreeSet::new()),
        },
    }
}
