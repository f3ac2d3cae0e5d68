//! Writing unsaved work aside, a second after the last change, so a crash loses nothing; and
//! removing it for good when the user saves or chooses not to keep it.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::editor::{MapKey, OpenMap};
use crate::file::recovery::RecoveryStore;

/// Unsaved work is written aside this long after the last change at the latest.
const RECOVERY_DELAY: Duration = Duration::from_secs(1);

pub struct RecoveryWriter {
    store: Option<RecoveryStore>,
    /// What the recovery file holds now.
    written: Option<MapKey>,
    last_write: Instant,
    /// The map state the user chose not to keep: it is never written again. Work done after
    /// that (say the open dialog was cancelled and editing went on) is new, and is kept.
    discarded: Option<MapKey>,
    /// Counts discards. A write started before a discard checks it under the lock and gives up,
    /// so a slow write can never bring back what the user threw away.
    generation: Arc<Mutex<u64>>,
}

impl RecoveryWriter {
    pub fn new(data_dir: Option<&Path>) -> Self {
        Self {
            store: data_dir.map(RecoveryStore::new),
            written: None,
            last_write: Instant::now(),
            discarded: None,
            generation: Arc::new(Mutex::new(0)),
        }
    }

    pub fn store(&self) -> Option<&RecoveryStore> {
        self.store.as_ref()
    }

    /// Writes the map aside when it has unsaved changes not yet written, at most once a second,
    /// and never in the middle of a drag.
    pub fn tick(&mut self, ctx: &egui::Context, map: &OpenMap, interacting: bool) {
        let Some(store) = &self.store else {
            return;
        };
        let key = map.key();
        if !map.is_dirty()
            || interacting
            || self.written == Some(key)
            || self.discarded == Some(key)
        {
            return;
        }
        let since = self.last_write.elapsed();
        if since < RECOVERY_DELAY {
            ctx.request_repaint_after(RECOVERY_DELAY - since);
            return;
        }
        let store = store.clone();
        let doc = map.doc().clone();
        let path = map.path().map(Path::to_path_buf);
        self.written = Some(key);
        self.last_write = Instant::now();
        let generation = Arc::clone(&self.generation);
        let started_at = self.current_generation();
        // Written off the UI thread: a large map's flush to disk should never stall a frame.
        std::thread::spawn(move || {
            let Ok(current) = generation.lock() else {
                return;
            };
            if *current != started_at {
                return;
            }
            if let Err(error) = store.write(&doc, path.as_deref()) {
                eprintln!(
                    "warning: cannot write the recovery file {}: {error}",
                    store.own_file().display()
                );
            }
        });
    }

    fn current_generation(&self) -> u64 {
        self.generation.lock().map_or(0, |g| *g)
    }

    /// Removes the recovery file after a save: the work is safe in the map's own file. Later
    /// changes to the same map are written aside again.
    pub fn saved(&mut self) {
        self.remove_file();
        self.written = None;
    }

    /// Removes the recovery file of the map at `key`, which the user chose not to keep, and
    /// never writes that state again.
    pub fn discard(&mut self, key: MapKey) {
        self.remove_file();
        self.written = None;
        self.discarded = Some(key);
    }

    fn remove_file(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        // Under the lock, so no write can be halfway through while the file is removed.
        let Ok(mut generation) = self.generation.lock() else {
            return;
        };
        *generation += 1;
        store.clear();
    }
}
