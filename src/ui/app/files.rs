//! Files like a desktop app: new, open, save, recent files, unsaved-changes prompts, dropped files,
//! and crash recovery.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui::{self, ViewportCommand};

use super::TeamscapeApp;
use crate::examples::EXAMPLES;
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
    pub(super) fn verb(&self) -> &'static str {
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
    pub(super) focused: bool,
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

    pub(super) fn perform(&mut self, ctx: &egui::Context, intent: Intent) {
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

    pub(super) fn replace_session(&mut self, ctx: &egui::Context, session: Session) {
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

    pub(super) fn write_to_current_path(&mut self, ctx: &egui::Context, then: Option<Intent>) {
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
    pub(super) fn dialog_answered(
        &mut self,
        ctx: &egui::Context,
        purpose: DialogPurpose,
        path: PathBuf,
    ) {
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

    /// The map's own file, or a name made from its title in the current folder.
    fn suggested_path(&self) -> PathBuf {
        crate::ui::export_dialog::suggested_file(self.session.doc(), self.session.path(), "ron")
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
