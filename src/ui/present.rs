//! Present mode's card: click a team (or funding source) and its details show in large type, for
//! the back of the room.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use crate::analysis::Analysis;
use crate::editor::describe::item_facts;
use crate::model::{Document, Id};

/// Present mode's text size, as a multiple of the usual: a 20-team map fitted to a 1280×720
/// window shows every name, subtitle, budget and share at 14 px or more.
pub const PRESENT_TEXT_SCALE: f32 = 1.6;

/// The card for the one selected team or funding source, at the window's bottom left.
pub fn card_ui(ctx: &egui::Context, doc: &Document, analysis: &Analysis, selection: &BTreeSet<Id>) {
    let [id] = selection.iter().copied().collect::<Vec<_>>()[..] else {
        return;
    };
    let Some(name) = doc.node_name(id) else {
        return;
    };
    egui::Area::new(egui::Id::unique("present_card"))
        .anchor(egui::Align2::LEFT_BOTTOM, egui::vec2(16.0, -16.0))
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(16.0)
                .show(ui, |ui| {
                    ui.set_max_width(520.0);
                    let name = crate::text::rtl_words_in_display_order(name);
                    ui.label(RichText::new(name).size(28.0).strong());
                    let touching: Vec<Id> = doc.links_touching(id).map(|(l, _)| l).collect();
                    for fact in item_facts(doc, analysis, id, &touching) {
                        ui.label(RichText::new(fact).size(20.0));
                    }
                });
        });
}
