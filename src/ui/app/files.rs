//! Files like a desktop app: new, open, save, recent files, unsaved changes, dropped files, the
//! window's close button, and work restored after a crash.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{self, ViewportCommand};

use super::TeamscapeApp;
use crate::editor::{self, Comparison, OpenMap};
use crate::examples::EXAMPLES;
use crate::file::recent::RecentFiles;
use crate::file::recovery::Recovered;
use crate::file::{self};
use crate::model::Document;
use crate::ui::Action;
use crate::ui::import_report::ImportReview;
use crate::ui::intent::{DialogPurpose, Intent};
use crate::ui::modal::Modal;
use crate::ui::picker::{DialogOutcome, PendingDialog};

impl TeamscapeApp {
    /// Does `intent` now, or first asks what to do with unsaved changes.
    pub(super) fn request(&mut self, ctx: &egui::Context, intent: Intent) {
        if self.editor.map().is_dirty() {
            self.modal = Some(Modal::UnsavedChanges { then: intent });
        } else {
            self.perform(ctx, intent);
        }
    }

    pub(super) fn perform(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::New => self.replace_map(ctx, OpenMap::new(Document::new("Untitled map"), None)),
            Intent::Open => self.start_dialog(DialogPurpose::Open),
            Intent::OpenPath(path) => match OpenMap::open(&path) {
                Ok(map) => {
                    self.remember_recent(&path);
                    self.replace_map(ctx, map);
                }
                Err(error) => self.modal = Some(Modal::LoadError(error.to_string())),
            },
            Intent::OpenExample(index) => {
                let Some(example) = EXAMPLES.get(index) else {
                    return;
                };
                match file::parse(example.text, example.file_name) {
                    Ok(doc) => {
                        self.remember_recent(&example_entry(index));
                        self.replace_map(ctx, OpenMap::new(doc, None));
                    }
                    Err(error) => self.modal = Some(Modal::LoadError(error.to_string())),
                }
            }
            Intent::OpenImported(doc) => {
                self.replace_map(ctx, OpenMap::restored(*doc, None));
            }
            Intent::Quit => {
                self.jobs.recovery.discard(self.editor.map().key());
                self.desk.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn replace_map(&mut self, ctx: &egui::Context, map: OpenMap) {
        self.editor.replace_map(map);
        let map = self.editor.map();
        let name = map
            .path()
            .map_or_else(|| map.doc().title.clone(), |p| p.display().to_string());
        self.notify(ctx, format!("Opened {name}"), false);
    }

    /// Saves to the current file, asking for one when there is none; then carries on with `then`.
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<Intent>) {
        if self.editor.map().path().is_none() {
            self.start_dialog(DialogPurpose::SaveAs { then });
            return;
        }
        if self.editor.map().changed_on_disk() {
            self.modal = Some(Modal::ChangedOnDisk { then });
            return;
        }
        self.write_to_current_path(ctx, then);
    }

    pub(super) fn write_to_current_path(&mut self, ctx: &egui::Context, then: Option<Intent>) {
        match self.editor.map_mut_for_saving().save() {
            Ok(_) => self.saved(ctx, then),
            Err(error) => self.notify(ctx, error.to_string(), true),
        }
    }

    fn save_to(&mut self, ctx: &egui::Context, path: PathBuf, then: Option<Intent>) {
        if path.as_os_str().is_empty() {
            self.notify(ctx, "Not saved: no file name given", true);
            return;
        }
        let path = if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path
        };
        match self.editor.map_mut_for_saving().save_as(path.clone()) {
            Ok(()) => {
                self.remember_recent(&path);
                self.saved(ctx, then);
            }
            Err(error) => self.notify(ctx, error.to_string(), true),
        }
    }

    fn saved(&mut self, ctx: &egui::Context, then: Option<Intent>) {
        self.jobs.recovery.saved();
        let shown = self
            .editor
            .map()
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
            DialogPurpose::Compare => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.compare_with_file(&path, name);
            }
            DialogPurpose::Import => self.import_from(&path),
            DialogPurpose::SaveAs { then } => self.save_to(ctx, path, then),
            DialogPurpose::Export { options, format } => {
                self.start_export(ctx, options, format, path);
            }
            DialogPurpose::SaveView {
                image,
                crop,
                pixels_per_point,
            } => self.save_view(ctx, image, crop, pixels_per_point, path),
        }
    }

    pub(super) fn start_dialog(&mut self, purpose: DialogPurpose) {
        // A second click while a dialog is open does nothing.
        if self.jobs.dialog.is_some() || self.is_typing_a_path() {
            return;
        }
        let suggested = self.suggested_path(&purpose);
        self.jobs.dialog = Some(PendingDialog::start(&self.desk.picker, purpose, suggested));
    }

    /// Where a dialog for `purpose` starts: the map's own file, or a name made from its title.
    fn suggested_path(&self, purpose: &DialogPurpose) -> PathBuf {
        let extension = match purpose {
            DialogPurpose::Open | DialogPurpose::Compare | DialogPurpose::SaveAs { .. } => "ron",
            DialogPurpose::Import => "xlsx",
            DialogPurpose::Export { format, .. } => format.extension(),
            DialogPurpose::SaveView { .. } => "png",
        };
        let map = self.editor.map();
        crate::ui::export_dialog::suggested_file(map.doc(), map.path(), extension)
    }

    /// The text a typed-path field starts with: the folder to open from, or the file to write.
    fn typed_path_start(&self, purpose: &DialogPurpose) -> String {
        match purpose {
            DialogPurpose::Open | DialogPurpose::Compare | DialogPurpose::Import => {
                folder_of(self.editor.map().path())
            }
            _ => self.suggested_path(purpose).display().to_string(),
        }
    }

    /// Marks what differs between the open map and the map in `path` (`against` names it for
    /// the user); a file that does not load says why, and nothing changes.
    fn compare_with_file(&mut self, path: &Path, against: String) {
        match file::load(path) {
            Ok(old) => {
                let comparison = Comparison::new(against, old);
                self.actions
                    .push(editor::Action::StartComparing(comparison).into());
            }
            Err(error) => self.modal = Some(Modal::LoadError(error.to_string())),
        }
    }

    /// Reads `path` with the importers and shows the report; nothing changes until the user
    /// chooses where the import goes. A file that cannot be read says why.
    fn import_from(&mut self, path: &Path) {
        match crate::import::import(path) {
            Ok(imported) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.modal = Some(Modal::ImportReport(ImportReview {
                    imported: Box::new(imported),
                    name,
                }));
            }
            Err(error) => self.modal = Some(Modal::ImportError(error.to_string())),
        }
    }

    /// Compares the open map with its file as last saved.
    pub(super) fn compare_with_saved(&mut self) {
        let Some(path) = self.editor.map().path().map(Path::to_path_buf) else {
            return;
        };
        self.compare_with_file(&path, "the last saved version".to_owned());
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        self.desk.recent.add(path);
        if let Some(dir) = &self.desk.data_dir
            && let Err(error) = self.desk.recent.save(dir)
        {
            eprintln!("warning: cannot keep the recent-files list: {error}");
        }
    }

    /// Polls the dialog thread, the close button and dropped files.
    pub(super) fn file_events(&mut self, ctx: &egui::Context) {
        if let Some(outcome) = self.jobs.dialog.as_ref().and_then(PendingDialog::poll) {
            let Some(dialog) = self.jobs.dialog.take() else {
                return;
            };
            match outcome {
                DialogOutcome::Picked(path) => self.dialog_answered(ctx, dialog.purpose, path),
                DialogOutcome::Cancelled => {}
                DialogOutcome::NoBackend if self.modal.is_none() => {
                    let text = self.typed_path_start(&dialog.purpose);
                    self.modal = Some(Modal::TypedPath {
                        purpose: dialog.purpose,
                        text,
                        focused: false,
                    });
                }
                DialogOutcome::NoBackend => {}
            }
        } else if self.jobs.dialog.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }

        if ctx.input(|i| i.viewport().close_requested()) && !self.desk.allow_close {
            if self.editor.map().is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                if self.modal.is_none() {
                    self.modal = Some(Modal::UnsavedChanges { then: Intent::Quit });
                }
            } else {
                self.jobs.recovery.discard(self.editor.map().key());
            }
        }

        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped
            && self.modal.is_none()
        {
            // At the start of the frame, like the close button: the prompt shows in this frame.
            self.request(ctx, Intent::OpenPath(path));
        }
    }

    /// The answer to the recovery offer: open the work as an unsaved map, or throw it away.
    pub(super) fn restore(&mut self, ctx: &egui::Context, offer: Recovered, restore: bool) {
        let Recovered {
            doc,
            original_path,
            file,
            ..
        } = offer;
        if restore {
            self.replace_map(ctx, OpenMap::restored(doc, original_path));
            self.notify(ctx, "Restored unsaved work; save it to keep it", false);
        }
        // Either way the old file has done its job; a restored map gets a new one of its own.
        if let Err(error) = std::fs::remove_file(&file) {
            eprintln!("warning: cannot remove {}: {error}", file.display());
        }
    }

    /// Loads the recent list (with the file the app was started on), and looks for work left
    /// by a session that did not end cleanly.
    pub(super) fn startup(&mut self, opened: Option<&Path>) {
        let Some(dir) = self.desk.data_dir.clone() else {
            return;
        };
        self.desk.recent = RecentFiles::load(&dir);
        if let Some(path) = opened {
            self.remember_recent(path);
        }
        let Some(store) = self.jobs.recovery.store() else {
            return;
        };
        let mut offer = None;
        for found in store.orphans() {
            match found {
                Ok(recovered) if offer.is_none() => offer = Some(recovered),
                Ok(_) => {}
                Err((file, error)) => {
                    eprintln!("warning: ignoring a damaged recovery file: {error}");
                    // A damaged file is moved aside, not deleted: it may still hold something.
                    let _ = std::fs::rename(&file, file.with_extension("damaged"));
                }
            }
        }
        self.modal = offer.map(Modal::RecoveryOffer);
    }
}

/// The open-recent and examples submenus of the File menu.
pub(super) fn file_submenus_ui(app: &mut TeamscapeApp, ui: &mut egui::Ui) {
    let recent = app.desk.recent.paths.clone();
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                let example = (0..EXAMPLES.len()).find(|i| example_entry(*i) == path);
                let (name, hover, exists) = match example {
                    Some(index) => (
                        EXAMPLES[index].name.to_owned(),
                        "Bundled example".to_owned(),
                        true,
                    ),
                    None => (
                        path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        ),
                        path.display().to_string(),
                        path.exists(),
                    ),
                };
                let response = ui
                    .add_enabled(exists, egui::Button::new(name))
                    .on_hover_text(hover);
                if response.clicked() {
                    let intent =
                        example.map_or_else(|| Intent::OpenPath(path.clone()), Intent::OpenExample);
                    app.actions.push(Action::Request(intent));
                    ui.close();
                }
            }
        });
    });
    ui.menu_button("Examples", |ui| {
        for (index, example) in EXAMPLES.iter().enumerate() {
            if ui.button(example.name).clicked() {
                app.actions
                    .push(Action::Request(Intent::OpenExample(index)));
                ui.close();
            }
        }
    });
}

/// The folder a typed path to open starts from, with its slash: the map's own folder (absolute,
/// also when the map was opened as `map.ron` from the command line), else the current one.
fn folder_of(map_path: Option<&Path>) -> String {
    let dir = map_path
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let text = dir.display().to_string();
    if text.ends_with('/') {
        text
    } else {
        text + "/"
    }
}

/// How a bundled example is listed among the recent files: it has no file of its own.
fn example_entry(index: usize) -> PathBuf {
    let name = EXAMPLES.get(index).map_or("", |e| e.file_name);
    PathBuf::from(format!("teamscape-example:{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_starts_in_the_maps_folder_made_absolute() {
        let here = std::env::current_dir().expect("cwd");
        let here = format!("{}/", here.display());
        assert_eq!(folder_of(Some(Path::new("map.ron"))), here);
        assert_eq!(folder_of(None), here);
        assert_eq!(folder_of(Some(Path::new("/srv/maps/q3.ron"))), "/srv/maps/");
        assert_eq!(
            folder_of(Some(Path::new("maps/q3.ron"))),
            format!("{here}maps/")
        );
    }
}
