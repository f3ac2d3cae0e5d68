//! The recent-files list, kept across runs in the data folder.

use std::path::{Path, PathBuf};

const MAX_RECENT: usize = 10;
const FILE_NAME: &str = "recent.ron";

/// Most recent first; no duplicates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecentFiles {
    pub paths: Vec<PathBuf>,
}

impl RecentFiles {
    /// Reads the list; a missing or damaged list is simply empty (it is only a convenience).
    pub fn load(data_dir: &Path) -> Self {
        let paths = std::fs::read_to_string(data_dir.join(FILE_NAME))
            .ok()
            .and_then(|text| ron::from_str::<Vec<PathBuf>>(&text).ok())
            .unwrap_or_default();
        Self { paths }
    }

    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(data_dir)?;
        let text = ron::ser::to_string_pretty(&self.paths, ron::ser::PrettyConfig::new())
            .map_err(std::io::Error::other)?;
        super::write_atomically(&data_dir.join(FILE_NAME), text.as_bytes())
    }

    /// Puts `path` first.
    pub fn add(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_survive_a_restart_most_recent_first_without_duplicates() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut recent = RecentFiles::load(dir.path());
        assert!(recent.paths.is_empty());
        for name in ["/a.ron", "/b.ron", "/a.ron"] {
            recent.add(Path::new(name));
        }
        recent.save(dir.path()).expect("saves");
        let again = RecentFiles::load(dir.path());
        assert_eq!(
            again.paths,
            vec![PathBuf::from("/a.ron"), PathBuf::from("/b.ron")]
        );
    }
}
