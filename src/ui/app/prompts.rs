//! The questions the app asks about files: unsaved changes, a file changed on disk, a path to type
//! when there is no dialog, a map that would not load, and work to restore after a crash.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{self, RichText, TextEdit};

use super::TeamscapeApp;
use crate::file::recovery::Recovered;
use crate::ui::picker::DialogPurpose;
use crate::ui::session::Session;

impl TeamscapeApp {
    /// The prompts and fields this module owns.
    pub(crate) fn file_dialogs_ui(&mut self, ctx: &egui::Context) {
        self.unsaved_prompt_ui(ctx);
        self.overwrite_prompt_ui(ctx);
        self.typed_path_ui(ctx);
        self.load_error_ui(ctx);
        self.recovery_offer_ui(ctx);
    }

    pub(super) fn unsaved_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(intent) = self.unsaved_prompt.clone() else {
            return;
        };
        let name = self.session.path().and_then(Path::file_name).map_or_else(
            || self.session.doc().title.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved_prompt")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Save changes?");
            ui.label(format!(
                "“{name}” has unsaved changes. Save them before {}?",
                intent.verb()
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(0);
                }
                if ui.button("Don't save").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                self.unsaved_prompt = None;
                self.save(ctx, Some(intent));
            }
            Some(1) => {
                self.unsaved_prompt = None;
                self.discard_recovery();
                self.perform(ctx, intent);
            }
            Some(_) => self.unsaved_prompt = None,
            None => {}
        }
    }

    pub(super) fn overwrite_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(then) = self.overwrite_prompt.clone() else {
            return;
        };
        let path = self
            .session
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("overwrite_prompt")).show(ctx, |ui| {
            ui.set_max_width(440.0);
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{path} was changed by another program since you opened it (another window, a git pull). \
                 Saving replaces those changes with this map."
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    choice = Some(0);
                }
                if ui.button("Save as…").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                self.overwrite_prompt = None;
                self.write_to_current_path(ctx, then);
            }
            Some(1) => {
                self.overwrite_prompt = None;
                self.save_as(then);
            }
            Some(_) => self.overwrite_prompt = None,
            None => {}
        }
    }

    pub(super) fn typed_path_ui(&mut self, ctx: &egui::Context) {
        let Some(typed) = &mut self.typed_path else {
            return;
        };
        let (title, action) = match typed.purpose {
            DialogPurpose::Open => ("Open map", "Open"),
            DialogPurpose::SaveAs { .. } => ("Save map as", "Save"),
            DialogPurpose::Export { .. } => ("Export picture", "Export"),
            DialogPurpose::SaveView { .. } => ("Save view as PNG", "Save"),
        };
        let mut submit = false;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("typed_path")).show(ctx, |ui| {
            ui.set_min_width(460.0);
            ui.heading(title);
            ui.label("No file dialog is available on this desktop. Type the file's path:");
            let response = ui.add(
                TextEdit::singleline(&mut typed.text)
                    .desired_width(f32::INFINITY)
                    .hint_text("/path/to/map.ron"),
            );
            if !typed.focused {
                response.request_focus();
                typed.focused = true;
            }
            submit = ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                submit |= ui.button(action).clicked();
                cancel =
                    ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
            });
        });
        if cancel {
            self.typed_path = None;
        } else if submit && let Some(typed) = self.typed_path.take() {
            let path = PathBuf::from(typed.text.trim());
            self.dialog_answered(ctx, typed.purpose, path);
        }
    }

    pub(super) fn load_error_ui(&mut self, ctx: &egui::Context) {
        let Some(message) = &self.load_error else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("load_error")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Cannot open the map");
            ui.label(message);
            ui.label(RichText::new("The map you have open is unchanged.").weak());
            ui.add_space(8.0);
            close = ui.button("OK").clicked()
                || ui
                    .input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Escape));
        });
        if close {
            self.load_error = None;
        }
    }

    pub(super) fn recovery_offer_ui(&mut self, ctx: &egui::Context) {
        let Some(offer) = &self.recovery_offer else {
            return;
        };
        let name = offer.original_path.as_deref().map_or_else(
            || format!("“{}” (never saved)", offer.doc.title),
            |p| p.display().to_string(),
        );
        let age = offer
            .modified
            .and_then(|m| m.elapsed().ok())
            .map_or_else(String::new, |d| format!(" from {} ago", human_duration(d)));
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("recovery_offer")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Restore unsaved work?");
            ui.label(format!(
                "Teamscape did not close cleanly. It kept unsaved changes to {name}{age}: {} teams, {} links.",
                offer.doc.teams.len(),
                offer.doc.links.len()
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    choice = Some(true);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(false);
                }
            });
        });
        let Some(restore) = choice else {
            return;
        };
        let Some(offer) = self.recovery_offer.take() else {
            return;
        };
        let Recovered {
            doc,
            original_path,
            file,
            ..
        } = offer;
        if restore {
            self.replace_session(ctx, Session::restored(doc, original_path));
            self.notify(ctx, "Restored unsaved work; save it to keep it", false);
        }
        // Either way the old file has done its job; a restored map gets a new one of its own.
        if let Err(error) = std::fs::remove_file(&file) {
            eprintln!("warning: cannot remove {}: {error}", file.display());
        }
    }
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
