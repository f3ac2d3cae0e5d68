//! The one modal: a question the app must have answered before anything else happens (unsaved
//! changes, a file changed on disk, a path to type, a map that would not load, work to restore,
//! an import to review).
//! While it is open, keys and clicks reach only it; Escape cancels it.

use std::path::PathBuf;
use std::time::Duration;

use eframe::egui::{self, Key, Modifiers, RichText, TextEdit};

use super::intent::{DialogPurpose, Intent};
use crate::file::recovery::Recovered;

pub enum Modal {
    /// Unsaved changes stand in the way of `then`.
    UnsavedChanges { then: Intent },
    /// The file changed on disk since it was read; saving would replace that. Then `then`.
    ChangedOnDisk { then: Option<Intent> },
    /// No file dialog could be shown: the path is typed instead.
    TypedPath {
        purpose: DialogPurpose,
        text: String,
        focused: bool,
    },
    /// A map could not be opened; the message says why and where.
    LoadError(String),
    /// A file could not be imported; the message says why and where.
    ImportError(String),
    /// A session that did not end cleanly left unsaved work.
    RecoveryOffer(Recovered),
    /// An import has been read: its report, and where it should go.
    ImportReport(super::import_report::ImportReview),
}

/// How the user answered the modal.
#[derive(Debug, PartialEq)]
pub enum Answer {
    /// Cancel, Escape, or OK on a message.
    Dismiss,
    Save,
    DontSave,
    Overwrite,
    SaveElsewhere,
    Path(PathBuf),
    Restore,
    Discard,
    /// The import becomes a map of its own.
    OpenImported,
    /// The import's items are added to the open map.
    AddImported,
}

/// Shows `modal`; returns the answer once there is one. `map_name` is the open map's name.
pub fn modal_ui(ctx: &egui::Context, modal: &mut Modal, map_name: &str) -> Option<Answer> {
    let mut answer = None;
    let response = egui::Modal::new(egui::Id::unique("teamscape_modal")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        match modal {
            Modal::UnsavedChanges { then } => {
                ui.heading("Save changes?");
                ui.label(format!(
                    "“{map_name}” has unsaved changes. Save them before {}?",
                    then.verb()
                ));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(Answer::Save);
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some(Answer::DontSave);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Dismiss);
                    }
                });
            }
            Modal::ChangedOnDisk { .. } => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{map_name} was changed by another program since you opened it (another \
                     window, a git pull). Saving replaces those changes with this map."
                ));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        answer = Some(Answer::Overwrite);
                    }
                    if ui.button("Save as…").clicked() {
                        answer = Some(Answer::SaveElsewhere);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Dismiss);
                    }
                });
            }
            Modal::TypedPath {
                purpose,
                text,
                focused,
            } => {
                let (title, button) = purpose.title_and_button();
                ui.set_min_width(460.0);
                ui.heading(title);
                ui.label("No file dialog is available on this desktop. Type the file's path:");
                let field = ui.add(
                    TextEdit::singleline(text)
                        .desired_width(f32::INFINITY)
                        .hint_text("/path/to/map.ron"),
                );
                if !*focused {
                    field.request_focus();
                    *focused = true;
                }
                // Enter does what the button does, and only that: it is used up here.
                let enter = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(button).clicked() || enter {
                        answer = Some(Answer::Path(PathBuf::from(text.trim())));
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Dismiss);
                    }
                });
            }
            Modal::LoadError(message) => {
                answer = message_ui(ui, "Cannot open the map", message);
            }
            Modal::ImportError(message) => {
                answer = message_ui(ui, "Cannot import", message);
            }
            Modal::ImportReport(review) => {
                ui.set_max_width(640.0);
                answer = super::import_report::review_ui(ui, review);
            }
            Modal::RecoveryOffer(offer) => {
                ui.heading("Restore unsaved work?");
                ui.label(recovery_text(offer));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        answer = Some(Answer::Restore);
                    }
                    if ui.button("Discard").clicked() {
                        answer = Some(Answer::Discard);
                    }
                    if ui
                        .button("Later")
                        .on_hover_text("Keep it; it is offered again at the next start")
                        .clicked()
                    {
                        answer = Some(Answer::Dismiss);
                    }
                });
            }
        }
    });
    // Escape (or a click beside the prompt) cancels, unless a button answered first.
    if answer.is_none() && response.should_close() {
        answer = Some(Answer::Dismiss);
    }
    answer
}

/// A message that something could not be done, and that the open map is unchanged; OK or Enter
/// dismisses it.
fn message_ui(ui: &mut egui::Ui, heading: &str, message: &str) -> Option<Answer> {
    ui.heading(heading);
    ui.label(message);
    ui.label(RichText::new("The map you have open is unchanged.").weak());
    ui.add_space(8.0);
    let enter = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
    (ui.button("OK").clicked() || enter).then_some(Answer::Dismiss)
}

fn recovery_text(offer: &Recovered) -> String {
    let name = offer.original_path.as_deref().map_or_else(
        || format!("“{}” (never saved)", offer.doc.title),
        |p| p.display().to_string(),
    );
    let age = offer
        .modified
        .and_then(|m| m.elapsed().ok())
        .map_or_else(String::new, |d| format!(" from {} ago", human_duration(d)));
    format!(
        "Teamscape did not close cleanly. It kept unsaved changes to {name}{age}: {}, {}.",
        crate::text::plural(offer.doc.teams.len(), "team", "teams"),
        crate::text::plural(offer.doc.links.len(), "link", "links"),
    )
}

fn human_duration(d: Duration) -> String {
    let minutes = d.as_secs() / 60;
    match minutes {
        0 => "less than a minute".to_owned(),
        1 => "1 minute".to_owned(),
        m if m < 120 => format!("{m} minutes"),
        m => format!("{} hours", m / 60),
    }
}
