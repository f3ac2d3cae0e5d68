//! The open map: the document with its undo history, file path, saved state and identity.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Which opened map this is: a new value for every open, new, restore and example, so that a
/// cache keyed on it can never show another map's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MapIdentity(u64);

impl MapIdentity {
    fn next() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// What every cache of derived data (analysis, scene, index, pictures) is keyed on: the map and
/// its state. Equal keys mean equal documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MapKey {
    pub identity: MapIdentity,
    pub revision: u64,
}

pub struct OpenMap {
    identity: MapIdentity,
    doc: Document,
    history: History,
    path: Option<PathBuf>,
    /// The history state that matches the file on disk; `None` when nothing was ever saved.
    saved_state: Option<u64>,
    disk_stamp: Option<DiskStamp>,
}

impl OpenMap {
    /// A document that matches `path` on disk (or has no file yet when `path` is `None`).
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        let history = History::new();
        Self {
            identity: MapIdentity::next(),
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

    /// Changes whenever the document changes (edits, undo, redo); only meaningful together with
    /// the identity: a new map's history counts from the start again.
    pub fn revision(&self) -> u64 {
        self.history.state_id()
    }

    pub fn identity(&self) -> MapIdentity {
        self.identity
    }

    /// The key for caches of anything derived from this map's document.
    pub fn key(&self) -> MapKey {
        MapKey {
            identity: self.identity,
            revision: self.revision(),
        }
    }

    /// The key for caches of what is worked out from what the map says, not where its boxes
    /// are (the analysis): a move leaves it as it was.
    pub fn content_key(&self) -> MapKey {
        MapKey {
            identity: self.identity,
            revision: self.history.content_id(),
        }
    }

    /// The name people know the map by: its file name, or its title while it has no file.
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || self.doc.title.clone(),
            |n| n.to_string_lossy().into_owned(),
        )
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
        let mut map = OpenMap::new(Document::new("t"), None);
        assert!(!map.is_dirty());
        map.apply(Edit::SetTitle("x".into()), "Rename map")
            .expect("applies");
        assert!(map.is_dirty());
        map.undo().expect("undo");
        assert!(!map.is_dirty());
        map.redo().expect("redo");
        assert!(!map.save().expect("no error"), "no path yet");
        let path = dir.path().join("x.ron");
        map.save_as(path.clone()).expect("saves");
        assert!(!map.is_dirty());
        assert_eq!(file::load(&path).expect("loads").title, "x");
    }

    #[test]
    fn a_change_made_by_another_program_is_noticed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        file::save(&Document::new("mine"), &path).expect("saves");
        let mut map = OpenMap::open(&path).expect("opens");
        assert!(!map.changed_on_disk());
        file::save(&Document::new("theirs, a longer title"), &path).expect("someone else saves");
        assert!(map.changed_on_disk());
        map.save().expect("saves");
        assert!(!map.changed_on_disk());
    }

    #[test]
    fn restored_work_counts_as_unsaved() {
        let map = OpenMap::restored(Document::new("r"), None);
        assert!(map.is_dirty());
    }
}

#[cfg(test)]
mod identity_tests {
    use super::*;

    #[test]
    fn every_opened_map_has_its_own_key_even_at_the_same_revision() {
        let a = OpenMap::new(Document::new("a"), None);
        let b = OpenMap::new(Document::new("a"), None);
        assert_eq!(a.revision(), b.revision(), "both histories start alike");
        assert_ne!(a.key(), b.key());
        let restored = OpenMap::restored(Document::new("a"), None);
        assert_ne!(restored.key(), a.key());
    }

    #[test]
    fn an_edit_changes_the_key_and_undo_brings_it_back() {
        let mut map = OpenMap::new(Document::new("a"), None);
        let before = map.key();
        map.apply(Edit::SetTitle("b".into()), "Rename map")
            .expect("applies");
        assert_ne!(map.key(), before);
        map.undo().expect("undo");
        assert_eq!(map.key(), before);
    }
}
