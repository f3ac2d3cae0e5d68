//! The report an import ends with, shown before anything changes: what was read, what was
//! guessed and every row or cell that was skipped, then the choice of opening the import as a new
//! map or adding it to the open one (one undo step).

use eframe::egui::{self, RichText, ScrollArea};

use super::modal::Answer;
use crate::import::Imported;
use crate::text::plural;

/// Lines shown per part of the report; a sheet with 100,000 bad rows says how many more there
/// are instead of laying out every line each frame (`teamscape import` prints them all).
const MAX_LINES: usize = 200;

/// "… and 99,800 more" under a part cut at [`MAX_LINES`].
fn more(ui: &mut egui::Ui, count: usize) {
    if count > MAX_LINES {
        ui.label(
            RichText::new(format!(
                "… and {} more (teamscape import on the command line lists them all)",
                crate::text::format_count(count - MAX_LINES)
            ))
            .weak(),
        );
    }
}

/// An import waiting for the user's choice.
#[derive(Debug)]
pub struct ImportReview {
    pub imported: Box<Imported>,
    /// The file's name, for the heading and the undo label.
    pub name: String,
}

/// The report's body and its buttons; the answer once a button is clicked.
pub fn review_ui(ui: &mut egui::Ui, review: &ImportReview) -> Option<Answer> {
    let mut answer = None;
    let doc = &review.imported.doc;
    let report = &review.imported.report;
    ui.set_min_width(520.0);
    ui.heading(format!("Import {}", review.name));
    ui.label(format!(
        "{}, {} and {} are ready to import.",
        plural(doc.teams.len(), "team", "teams"),
        plural(doc.sources.len(), "funding source", "funding sources"),
        plural(doc.links.len(), "link", "links"),
    ));
    ui.add_space(6.0);
    // What needs the user's eye first: rows and cells left out, then what was guessed.
    ScrollArea::vertical()
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if report.skipped.is_empty() {
                ui.label(RichText::new("Nothing was skipped.").weak());
                ui.add_space(4.0);
            } else {
                let title = format!("Skipped ({})", report.skipped.len());
                ui.label(
                    RichText::new(title)
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                );
                for skipped in report.skipped.iter().take(MAX_LINES) {
                    ui.label(format!("• {}: {}", skipped.place, skipped.why));
                }
                more(ui, report.skipped.len());
                ui.add_space(4.0);
            }
            section(ui, "Guessed", report.guessed.iter().map(String::as_str));
            // The first line read is the count above.
            section(ui, "Read", report.read.iter().skip(1).map(String::as_str));
        });
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button("Open as a new map")
            .on_hover_text("The import becomes its own map, unsaved until you save it")
            .clicked()
        {
            answer = Some(Answer::OpenImported);
        }
        let add = ui
            .button("Add to this map")
            .on_hover_text("Adds the imported items beside what is on the map, as one undo step");
        if add.clicked() {
            answer = Some(Answer::AddImported);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismiss);
        }
    });
    answer
}

fn section<'a>(ui: &mut egui::Ui, title: &str, lines: impl Iterator<Item = &'a str>) {
    let lines: Vec<&str> = lines.collect();
    if lines.is_empty() {
        return;
    }
    ui.label(RichText::new(title).strong());
    for line in lines.iter().take(MAX_LINES) {
        ui.label(format!("• {line}"));
    }
    more(ui, lines.len());
    ui.add_space(4.0);
}
