//! The open document with its undo history, file path and saved state: the one place edits are applied.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::edit::{Edit, EditError, History};
use crate::file::{self, LoadError, SaveError};
use crate::model::Document;

/// What the file looked like when we last read or wrote it, to notice changes made elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DiskStamp {
    modified: Option<SystemTime>,
    len: u64,
}

fn disk_stamp(path: &Path) -> Option<DiskStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(DiskStamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

pub struct Session {
    doc: Document,
    history: History,
    path: Option<PathBuf>,
    /// The history state that matches the file on disk; `None` when nothing was ever saved.
    saved_state: Option<u64>,
    disk_stamp: Option<DiskStamp>,
}

impl Session {
    /// A document that matches `path` on disk (or has no file yet when `path` is `None`).
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        let history = History::new();
        Self {
            saved_state: Some(history.state_id()),
            disk_stamp: path.as_deref().and_then(disk_stamp),
            doc,
            history,
            path,
        }
    }

    /// Loads the map at `path`.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let doc = file::load(path)?;
        Ok(Self::new(doc, Some(path.to_owned())))
    }

    /// Work brought back from a recovery file: unsaved until the user saves it.
    pub fn restored(doc: Document, path: Option<PathBuf>) -> Self {
        Self {
            saved_state: None,
            ..Self::new(doc, path)
        }
    }

    /// True when the file was changed by someone else since we read or wrote it.
    pub fn changed_on_disk(&self) -> bool {
        self.path
            .as_deref()
            .is_some_and(|path| disk_stamp(path) != self.disk_stamp)
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Changes whenever the document changes (edits, undo, redo); equal values mean equal documents.
    pub fn revision(&self) -> u64 {
        self.history.state_id()
    }

    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.history.state_id())
    }

    pub fn apply(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        self.history.apply(&mut self.doc, edit, label)
    }

    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        self.history.undo(&mut self.doc)
    }

    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        self.history.redo(&mut self.doc)
    }

    /// Saves to the current path. Returns `Ok(false)` when there is no path yet (ask for one).
    pub fn save(&mut self) -> Result<bool, SaveError> {
        let Some(path) = self.path.clone() else {
            return Ok(false);
        };
        self.save_as(path)?;
        Ok(true)
    }

    /// Saves to `path`, which becomes the document's path.
    pub fn save_as(&mut self, path: PathBuf) -> Result<(), SaveError> {
        file::save(&self.doc, &path)?;
        self.disk_stamp = disk_stamp(&path);
        self.path = Some(path);
        self.saved_state = Some(self.history.state_id());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dirty_follows_edits_undo_and_save() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = Session::new(Document::new("t"), None);
        assert!(!session.is_dirty());
        session
            .apply(Edit::SetTitle("x".into()), "Rename map")
            .expect("applies");
        assert!(session.is_dirty());
        session.undo().expect("undo");
        assert!(!session.is_dirty());
        session.redo().expect("redo");
        assert!(!session.save().expect("no error"), "no path yet");
        let path = dir.path().join("x.ron");
        session.save_as(path.clone()).expect("saves");
        assert!(!session.is_dirty());
        assert_eq!(file::load(&path).expect("loads").title, "x");
    }

    #[test]
    fn a_change_made_by_another_program_is_noticed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        file::save(&Document::new("mine"), &path).expect("saves");
        let mut session = Session::open(&path).expect("opens");
        assert!(!session.changed_on_disk());
        file::save(&Document::new("theirs, a longer title"), &path).expect("someone else saves");
        assert!(session.changed_on_disk());
        session.save().expect("saves");
        assert!(!session.changed_on_disk());
    }

    #[test]
    fn restored_work_counts_as_unsaved() {
        let session = Session::restored(Document::new("r"), None);
        assert!(session.is_dirty());
    }
}
