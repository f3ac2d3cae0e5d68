//! The open document with its undo history, file path and saved state: the one place edits are applied.

use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, History};
use crate::file::{self, SaveError};
use crate::model::Document;

pub struct Session {
    doc: Document,
    history: History,
    path: Option<PathBuf>,
    /// The history state that matches the file on disk; `None` when nothing was ever saved.
    saved_state: Option<u64>,
}

impl Session {
    /// A document that matches `path` on disk (or has no file yet when `path` is `None`).
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        let history = History::new();
        Self {
            saved_state: Some(history.state_id()),
            doc,
            history,
            path,
        }
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
}
