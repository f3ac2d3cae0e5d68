//! Native file dialogs behind a small trait, run on a worker thread so the window keeps painting.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::intent::DialogPurpose;

/// Asks the user for a file. Blocking: the app calls it on a worker thread.
pub trait FilePicker: Send + Sync {
    fn pick_open(&self) -> Option<PathBuf>;
    fn pick_save(&self, suggested: &Path) -> Option<PathBuf>;
    /// A file to import (a spreadsheet, a Kumu blueprint, a draw.io diagram).
    fn pick_import(&self) -> Option<PathBuf> {
        self.pick_open()
    }
    /// Where to write a picture (PNG or SVG, as `suggested`'s extension says).
    fn pick_export(&self, suggested: &Path) -> Option<PathBuf> {
        self.pick_save(suggested)
    }
}

/// The real dialogs, through rfd (the XDG desktop portal on Linux).
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn pick_open(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open map")
            .add_filter("Teamscape map", &["ron"])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_import(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import")
            .add_filter("Spreadsheets, Kumu and draw.io", crate::import::EXTENSIONS)
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_save(&self, suggested: &Path) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save map as")
            .add_filter("Teamscape map", &["ron"]);
        if let Some(dir) = suggested.parent().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }

    fn pick_export(&self, suggested: &Path) -> Option<PathBuf> {
        let extension = suggested
            .extension()
            .map_or_else(|| "png".into(), |e| e.to_string_lossy().into_owned());
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export picture")
            .add_filter(extension.to_uppercase(), &[extension.as_str()]);
        if let Some(dir) = suggested.parent().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }
}

/// rfd answers "no file" both when the user cancels and when there is no dialog backend. An
/// answer this fast cannot have come from a person.
const NO_BACKEND_WITHIN: Duration = Duration::from_millis(400);

/// A dialog running on its worker thread.
pub struct PendingDialog {
    pub purpose: DialogPurpose,
    started: Instant,
    answer: Receiver<Option<PathBuf>>,
}

/// How a dialog ended.
#[derive(Debug, PartialEq)]
pub enum DialogOutcome {
    Picked(PathBuf),
    Cancelled,
    /// No dialog could be shown: ask for the path in the window instead.
    NoBackend,
}

impl PendingDialog {
    pub fn start(picker: &Arc<dyn FilePicker>, purpose: DialogPurpose, suggested: PathBuf) -> Self {
        let (send, answer) = std::sync::mpsc::channel();
        let picker = Arc::clone(picker);
        let kind = match purpose {
            DialogPurpose::Open | DialogPurpose::Compare => 0,
            DialogPurpose::SaveAs { .. } => 1,
            DialogPurpose::Export { .. } | DialogPurpose::SaveView { .. } => 2,
            DialogPurpose::Import => 3,
        };
        std::thread::spawn(move || {
            let picked = match kind {
                0 => picker.pick_open(),
                1 => picker.pick_save(&suggested),
                3 => picker.pick_import(),
                _ => picker.pick_export(&suggested),
            };
            // The app may have gone away meanwhile; then nobody needs the answer.
            let _ = send.send(picked);
        });
        Self {
            purpose,
            started: Instant::now(),
            answer,
        }
    }

    /// The outcome once the dialog has closed.
    pub fn poll(&self) -> Option<DialogOutcome> {
        match self.answer.try_recv() {
            Ok(Some(path)) => Some(DialogOutcome::Picked(path)),
            Ok(None) if self.started.elapsed() < NO_BACKEND_WITHIN => {
                Some(DialogOutcome::NoBackend)
            }
            Ok(None) => Some(DialogOutcome::Cancelled),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogOutcome::NoBackend),
        }
    }
}
