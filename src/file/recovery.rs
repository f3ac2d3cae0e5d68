//! Recovery files: unsaved work written aside every few seconds, offered back after a crash.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{LoadError, write_atomically};
use crate::model::Document;
use crate::model::limits::{MAX_FILE_BYTES, MAX_NESTING};

/// The platform data folder: `$TEAMSCAPE_DATA_DIR` if set (tests), else
/// `$XDG_DATA_HOME/teamscape` on Linux (falling back to `~/.local/share/teamscape`).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TEAMSCAPE_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::BaseDirs::new().map(|dirs| dirs.data_dir().join("teamscape"))
}

/// What a recovery file holds: the map text and the file it belongs to.
#[derive(Serialize, Deserialize)]
struct RecoveryV1 {
    version: u32,
    /// The map's own file, if it had one.
    path: Option<PathBuf>,
    map: String,
}

/// Unsaved work found on disk from a session that did not end cleanly.
#[derive(Debug)]
pub struct Recovered {
    pub file: PathBuf,
    pub original_path: Option<PathBuf>,
    pub doc: Document,
    pub modified: Option<std::time::SystemTime>,
}

/// The recovery folder and this process's own file in it.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
    own_file: PathBuf,
}

impl RecoveryStore {
    /// A store in `data_dir/recovery`, with a file name unique to this process.
    pub fn new(data_dir: &Path) -> Self {
        let dir = data_dir.join("recovery");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let own_file = dir.join(format!("{}-{nanos:09}.ron", std::process::id()));
        Self { dir, own_file }
    }

    pub fn own_file(&self) -> &Path {
        &self.own_file
    }

    /// Writes `doc` aside, atomically like a save.
    pub fn write(&self, doc: &Document, original_path: Option<&Path>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let envelope = RecoveryV1 {
            version: 1,
            path: original_path.map(Path::to_path_buf),
            map: super::to_string(doc),
        };
        let text = ron::ser::to_string_pretty(&envelope, ron::ser::PrettyConfig::new())
            .map_err(std::io::Error::other)?;
        write_atomically(&self.own_file, text.as_bytes())
    }

    /// Removes this process's recovery file (after a clean save or a deliberate discard).
    pub fn clear(&self) {
        // Missing is fine: nothing was written since the last clear.
        let _ = std::fs::remove_file(&self.own_file);
    }

    /// Recovery files left by processes that are no longer running, newest first.
    /// Unreadable ones are reported as errors so the user hears about them once.
    /// Also removes the temporary files that dead processes' interrupted recovery writes left.
    pub fn orphans(&self) -> Vec<Result<Recovered, (PathBuf, LoadError)>> {
        self.remove_dead_temporaries();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron") && *p != self.own_file)
            .filter(|p| !owner_is_running(p))
            .map(|file| read_recovery(&file).map_err(|error| (file, error)))
            .collect();
        found.sort_by_key(|r| std::cmp::Reverse(r.as_ref().ok().and_then(|r| r.modified)));
        found
    }
}

impl RecoveryStore {
    /// Each process writes its own file, so a killed write's `.{pid}-{nanos}.ron.*.tmp` is never
    /// cleaned up by a later write of the same file: remove those whose process is gone.
    fn remove_dead_temporaries(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let Some(written_for) = name
                .to_str()
                .filter(|n| n.ends_with(".tmp"))
                .and_then(|n| n.strip_prefix('.'))
            else {
                continue;
            };
            if !owner_is_running(Path::new(written_for)) {
                // Another starting process may have removed it first; that is fine.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

fn read_recovery(file: &Path) -> Result<Recovered, LoadError> {
    let origin = file.display().to_string();
    let io = |source| LoadError::Io {
        origin: origin.clone(),
        source,
    };
    let bytes_on_disk = std::fs::metadata(file).map_err(io)?.len();
    if bytes_on_disk > MAX_RECOVERY_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            bytes: bytes_on_disk,
            max: MAX_RECOVERY_BYTES,
        });
    }
    let text = std::fs::read_to_string(file).map_err(io)?;
    let (original_path, doc) = parse_recovery(&text, &origin)?;
    Ok(Recovered {
        file: file.to_owned(),
        original_path,
        doc,
        modified: std::fs::metadata(file).and_then(|m| m.modified()).ok(),
    })
}

/// A recovery file holds a whole map as one escaped string (quotes and line breaks take two bytes),
/// so it may be larger than the largest map.
const MAX_RECOVERY_BYTES: u64 = 2 * MAX_FILE_BYTES;

/// Reads the text of a recovery file: the path of the map it belongs to, and the validated map.
pub fn parse_recovery(text: &str, origin: &str) -> Result<(Option<PathBuf>, Document), LoadError> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let envelope: RecoveryV1 = options.from_str(text).map_err(|error| LoadError::NotAMap {
        origin: origin.to_owned(),
        reason: format!(
            "not a recovery file ({})",
            super::messages::plain(
                &error.code,
                text,
                error.span.start.line,
                error.span.start.col
            )
        ),
    })?;
    let doc = super::parse(&envelope.map, origin)?;
    Ok((envelope.path, doc))
}

/// Whether the process that wrote `file` (its pid is the name's first part) is still alive.
fn owner_is_running(file: &Path) -> bool {
    let Some(pid) = file
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.split('-').next())
        .and_then(|s| s.parse::<u32>().ok())
    else {
        return false;
    };
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, ModelTypeId, Point, Team};

    #[test]
    fn a_dead_process_s_recovery_file_is_found_and_a_live_one_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut doc = Document::new("Unsaved work");
        doc.teams.insert(
            Id(1),
            Team::new("Payments", ModelTypeId(1), Point::default()),
        );

        let mine = RecoveryStore::new(dir.path());
        mine.write(&doc, Some(Path::new("/maps/org.ron")))
            .expect("writes");
        assert!(mine.orphans().is_empty(), "our own file is not an orphan");

        // A file named like one from a process that has exited.
        let dead = dir.path().join("recovery").join("999999999-000000001.ron");
        std::fs::copy(mine.own_file(), &dead).expect("copy");
        let found = RecoveryStore::new(dir.path()).orphans();
        assert_eq!(found.len(), 1);
        let recovered = found.into_iter().next().expect("one").expect("readable");
        assert_eq!(recovered.doc, doc);
        assert_eq!(
            recovered.original_path.as_deref(),
            Some(Path::new("/maps/org.ron"))
        );

        mine.clear();
        assert!(!mine.own_file().exists());
    }

    #[test]
    fn temporaries_of_dead_processes_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let recovery = dir.path().join("recovery");
        std::fs::create_dir_all(&recovery).expect("mkdir");
        let dead = recovery.join(".999999997-000000001.ron.Ab12Cd.tmp");
        let live = recovery.join(format!(".{}-000000002.ron.Ef34Gh.tmp", std::process::id()));
        for path in [&dead, &live] {
            std::fs::write(path, "(version: 1, pa").expect("write");
        }
        let found = RecoveryStore::new(dir.path()).orphans();
        assert!(found.is_empty(), "{found:?}");
        assert!(!dead.exists(), "a dead process's temporary file was kept");
        assert!(
            live.exists(),
            "a running process's temporary file was removed"
        );
    }

    #[test]
    fn a_damaged_recovery_file_is_reported_not_trusted() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("recovery")).expect("mkdir");
        std::fs::write(
            dir.path().join("recovery/999999998-1.ron"),
            "(version: 1, path: None, map: \"(ver",
        )
        .expect("write");
        let found = RecoveryStore::new(dir.path()).orphans();
        assert!(matches!(found.as_slice(), [Err(_)]), "{found:?}");
    }
}
