//! Files like a desktop app: new, open, save, recent files, unsaved-changes prompts, dropped files,
//! and crash recovery.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui::{self, RichText, TextEdit, ViewportCommand};

use super::TeamscapeApp;
use crate::examples::EXAMPLES;
use crate::file::recovery::Recovered;
use crate::file::{self, recent::RecentFiles};
use crate::model::Document;
use crate::ui::picker::{DialogOutcome, DialogPurpose, PendingDialog};
use crate::ui::session::Session;

/// Unsaved work is written aside this long after the last change at the latest.
const RECOVERY_DELAY: Duration = Duration::from_secs(1);

/// Something the user asked for that replaces or closes the open map.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    New,
    /// Show the open dialog.
    Open,
    OpenPath(PathBuf),
    OpenExample(usize),
    Quit,
}

impl Intent {
    fn verb(&self) -> &'static str {
        match self {
            Self::New => "starting a new map",
            Self::Open | Self::OpenPath(_) | Self::OpenExample(_) => "opening another map",
            Self::Quit => "closing",
        }
    }
}

/// A path typed by hand, when no file dialog could be shown.
pub struct TypedPath {
    pub purpose: DialogPurpose,
    pub text: String,
    focused: bool,
}

impl TeamscapeApp {
    /// Does `intent` now, or first asks what to do with unsaved changes.
    pub(crate) fn request(&mut self, ctx: &egui::Context, intent: Intent) {
        if self.session.is_dirty() {
            self.unsaved_prompt = Some(intent);
        } else {
            self.perform(ctx, intent);
        }
    }

    fn perform(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::New => {
                self.replace_session(ctx, Session::new(Document::new("Untitled map"), None))
            }
            Intent::Open => self.start_dialog(DialogPurpose::Open),
            Intent::OpenPath(path) => match Session::open(&path) {
                Ok(session) => {
                    self.remember_recent(&path);
                    self.replace_session(ctx, session);
                }
                Err(error) => self.load_error = Some(error.to_string()),
            },
            Intent::OpenExample(index) => {
                let Some(example) = EXAMPLES.get(index) else {
                    return;
                };
                match file::parse(example.text, example.file_name) {
                    Ok(doc) => self.replace_session(ctx, Session::new(doc, None)),
                    Err(error) => self.load_error = Some(error.to_string()),
                }
            }
            Intent::Quit => {
                self.discard_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn replace_session(&mut self, ctx: &egui::Context, session: Session) {
        self.discard_recovery();
        self.session = session;
        self.canvas.selection.clear();
        self.canvas.name_edit = None;
        self.canvas.fit_pending = true;
        self.scene_key = None;
        let name = self.session.path().map_or_else(
            || self.session.doc().title.clone(),
            |p| p.display().to_string(),
        );
        self.notify(ctx, format!("Opened {name}"), false);
    }

    /// Saves to the current file, asking for one when there is none; then carries on with `then`.
    pub(crate) fn save(&mut self, ctx: &egui::Context, then: Option<Intent>) {
        if self.session.path().is_none() {
            self.save_as(then);
            return;
        }
        if self.session.changed_on_disk() {
            self.overwrite_prompt = Some(then);
            return;
        }
        self.write_to_current_path(ctx, then);
    }

    fn write_to_current_path(&mut self, ctx: &egui::Context, then: Option<Intent>) {
        match self.session.save() {
            Ok(_) => self.saved(ctx, then),
            Err(error) => self.notify(ctx, error.to_string(), true),
        }
    }

    pub(crate) fn save_as(&mut self, then: Option<Intent>) {
        self.start_dialog(DialogPurpose::SaveAs { then });
    }

    pub(crate) fn save_to(&mut self, ctx: &egui::Context, path: PathBuf, then: Option<Intent>) {
        if path.as_os_str().is_empty() {
            self.notify(ctx, "Not saved: no file name given", true);
            return;
        }
        let path = if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path
        };
        match self.session.save_as(path.clone()) {
            Ok(()) => {
                self.remember_recent(&path);
                self.saved(ctx, then);
            }
            Err(error) => self.notify(ctx, error.to_string(), true),
        }
    }

    fn saved(&mut self, ctx: &egui::Context, then: Option<Intent>) {
        self.discard_recovery();
        let shown = self
            .session
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.notify(ctx, format!("Saved {shown}"), false);
        if let Some(intent) = then {
            self.perform(ctx, intent);
        }
    }

    /// A file was chosen (in a dialog, or typed): do what the dialog was for.
    fn dialog_answered(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: PathBuf) {
        match purpose {
            DialogPurpose::Open => self.perform(ctx, Intent::OpenPath(path)),
            DialogPurpose::SaveAs { then } => self.save_to(ctx, path, then),
            DialogPurpose::Export { options, format } => {
                self.start_export(ctx, options, format, path)
            }
            DialogPurpose::SaveView {
                image,
                crop,
                pixels_per_point,
            } => self.save_view(ctx, image, crop, pixels_per_point, path),
        }
    }

    pub(crate) fn start_dialog(&mut self, purpose: DialogPurpose) {
        // A second click while a dialog is open does nothing.
        if self.pending_dialog.is_some() || self.typed_path.is_some() {
            return;
        }
        let suggested = match purpose {
            DialogPurpose::Open | DialogPurpose::SaveAs { .. } => self.suggested_path(),
            DialogPurpose::Export { .. } | DialogPurpose::SaveView { .. } => {
                self.export_suggestion(&purpose)
            }
        };
        self.pending_dialog = Some(PendingDialog::start(&self.picker, purpose, suggested));
    }

    fn suggested_path(&self) -> PathBuf {
        if let Some(path) = self.session.path() {
            return path.to_owned();
        }
        let doc = self.session.doc();
        let stem: String = doc
            .title
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
            .collect();
        let stem = stem
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .to_lowercase();
        let stem = if stem.is_empty() {
            "map".to_owned()
        } else {
            stem
        };
        std::env::current_dir()
            .unwrap_or_default()
            .join(format!("{stem}.ron"))
    }

    fn remember_recent(&mut self, path: &Path) {
        self.recent.add(path);
        if let Some(dir) = &self.data_dir
            && let Err(error) = self.recent.save(dir)
        {
            eprintln!("warning: cannot keep the recent-files list: {error}");
        }
    }

    /// Polls the dialog thread, the close button, dropped files and the recovery timer.
    pub(crate) fn file_events(&mut self, ctx: &egui::Context) {
        if let Some(outcome) = self.pending_dialog.as_ref().and_then(PendingDialog::poll) {
            let Some(dialog) = self.pending_dialog.take() else {
                return;
            };
            match outcome {
                DialogOutcome::Picked(path) => self.dialog_answered(ctx, dialog.purpose, path),
                DialogOutcome::Cancelled => {}
                DialogOutcome::NoBackend => {
                    let text = match dialog.purpose {
                        DialogPurpose::Open => {
                            self.session.path().and_then(Path::parent).map_or_else(
                                || {
                                    std::env::current_dir()
                                        .unwrap_or_default()
                                        .display()
                                        .to_string()
                                        + "/"
                                },
                                |d| d.display().to_string() + "/",
                            )
                        }
                        DialogPurpose::SaveAs { .. } => self.suggested_path().display().to_string(),
                        DialogPurpose::Export { .. } | DialogPurpose::SaveView { .. } => self
                            .export_suggestion(&dialog.purpose)
                            .display()
                            .to_string(),
                    };
                    self.typed_path = Some(TypedPath {
                        purpose: dialog.purpose,
                        text,
                        focused: false,
                    });
                }
            }
        } else if self.pending_dialog.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }

        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.session.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.unsaved_prompt = Some(Intent::Quit);
            } else {
                self.discard_recovery();
            }
        }

        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            self.request(ctx, Intent::OpenPath(path));
        }

        self.write_recovery(ctx);
    }

    fn write_recovery(&mut self, ctx: &egui::Context) {
        let Some(store) = &self.recovery else {
            return;
        };
        let revision = self.session.revision();
        if !self.session.is_dirty() || self.recovered_revision == Some(revision) {
            return;
        }
        let since = self.last_recovery_write.elapsed();
        if since < RECOVERY_DELAY {
            ctx.request_repaint_after(RECOVERY_DELAY - since);
            return;
        }
        let store = store.clone();
        let doc = self.session.doc().clone();
        let path = self.session.path().map(Path::to_path_buf);
        self.recovered_revision = Some(revision);
        self.last_recovery_write = Instant::now();
        // Written off the UI thread: a large map's flush to disk should never stall a frame.
        std::thread::spawn(move || {
            if let Err(error) = store.write(&doc, path.as_deref()) {
                eprintln!(
                    "warning: cannot write the recovery file {}: {error}",
                    store.own_file().display()
                );
            }
        });
    }

    pub(crate) fn discard_recovery(&mut self) {
        if let Some(store) = &self.recovery {
            store.clear();
        }
        self.recovered_revision = None;
    }

    /// The prompts and fields this module owns.
    pub(crate) fn file_dialogs_ui(&mut self, ctx: &egui::Context) {
        self.unsaved_prompt_ui(ctx);
        self.overwrite_prompt_ui(ctx);
        self.typed_path_ui(ctx);
        self.load_error_ui(ctx);
        self.recovery_offer_ui(ctx);
    }

    fn unsaved_prompt_ui(&mut self, ctx: &egui::Context) {
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

    fn overwrite_prompt_ui(&mut self, ctx: &egui::Context) {
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

    fn typed_path_ui(&mut self, ctx: &egui::Context) {
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

    fn load_error_ui(&mut self, ctx: &egui::Context) {
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

    fn recovery_offer_ui(&mut self, ctx: &egui::Context) {
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

/// The open-recent and examples submenus of the File menu.
pub(crate) fn file_submenus_ui(app: &mut TeamscapeApp, ui: &mut egui::Ui) {
    let recent = app.recent.paths.clone();
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let exists = path.exists();
                let response = ui
                    .add_enabled(exists, egui::Button::new(name))
                    .on_hover_text(path.display().to_string());
                if response.clicked() {
                    app.request(ui.ctx(), Intent::OpenPath(path.clone()));
                    ui.close();
                }
            }
        });
    });
    ui.menu_button("Examples", |ui| {
        for (index, example) in EXAMPLES.iter().enumerate() {
            if ui.button(example.name).clicked() {
                app.request(ui.ctx(), Intent::OpenExample(index));
                ui.close();
            }
        }
    });
}

/// Loads the recent list and looks for work left by a crashed session.
pub(crate) fn startup(app: &mut TeamscapeApp) {
    let Some(dir) = app.data_dir.clone() else {
        return;
    };
    app.recent = RecentFiles::load(&dir);
    let Some(store) = &app.recovery else {
        return;
    };
    for found in store.orphans() {
        match found {
            Ok(recovered) if app.recovery_offer.is_none() => app.recovery_offer = Some(recovered),
            Ok(_) => {}
            Err((file, error)) => {
                eprintln!("warning: ignoring a damaged recovery file: {error}");
                // A damaged file is moved aside, not deleted: it may still hold something.
                let _ = std::fs::rename(&file, file.with_extension("damaged"));
            }
        }
    }
}

pub(crate) fn default_picker() -> Arc<dyn crate::ui::picker::FilePicker> {
    Arc::new(crate::ui::picker::NativePicker)
}
