//! Writing a file so that a crash at any moment leaves either the old contents or the new ones.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const TEMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to a temporary file in the target's folder, flushes it to disk, then renames it
/// over `path`. A symlink at `path` is followed, so the link stays a link. Temporary files that an
/// earlier, interrupted write of the same file left behind are removed once this one has landed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let started = SystemTime::now();
    let target = resolve_symlink(path);
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .map_or_else(|| "map".into(), |n| n.to_string_lossy().into_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)?;
    temp.write_all(bytes)?;
    keep_permissions(&target, temp.as_file())?;
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&dir);
    remove_stale_temporaries(&dir, &file_name, started);
    Ok(())
}

/// Removes `.{file_name}.*.tmp` files in `dir` last written before `started`: what a write that
/// was killed half-way left behind. Newer ones may belong to a write under way elsewhere.
/// Best effort: the save itself has already succeeded.
fn remove_stale_temporaries(dir: &Path, file_name: &str, started: SystemTime) {
    let prefix = format!(".{file_name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !(name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|modified| modified < started);
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            // Another process may have removed it first; that is fine.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn resolve_symlink(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    }
}

/// A temporary file is private (0600); a saved map should keep the mode the old file had,
/// or get the usual 0644 when it is new.
fn keep_permissions(target: &Path, temp: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(target).map_or(0o644, |m| m.permissions().mode());
        temp.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    {
        let _ = (target, temp);
    }
    Ok(())
}

/// Makes the rename itself durable. Best effort: not every platform can open a folder.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        // A failure here cannot undo the rename; the data itself is already on disk.
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
