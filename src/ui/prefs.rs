//! Preferences that last across starts: theme, grid, snap, legend, the side panel's width and tab.
//! Kept with eframe's storage in the platform config folder (`$XDG_CONFIG_HOME/teamscape`).

use std::path::PathBuf;

use eframe::egui::ThemePreference;
use serde::{Deserialize, Serialize};

use crate::editor::ViewToggles;

const KEY: &str = "teamscape.preferences";
pub const DEFAULT_PANEL_WIDTH: f32 = 300.0;
pub const PANEL_WIDTHS: std::ops::RangeInclusive<f32> = 260.0..=560.0;

/// Which tab the side panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SideTab {
    #[default]
    Inspector,
    Insights,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl From<Theme> for ThemePreference {
    fn from(theme: Theme) -> Self {
        match theme {
            Theme::System => Self::System,
            Theme::Light => Self::Light,
            Theme::Dark => Self::Dark,
        }
    }
}

impl From<ThemePreference> for Theme {
    fn from(theme: ThemePreference) -> Self {
        match theme {
            ThemePreference::System => Self::System,
            ThemePreference::Light => Self::Light,
            ThemePreference::Dark => Self::Dark,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: Theme,
    pub grid: bool,
    pub snap: bool,
    pub legend: bool,
    pub panel_width: f32,
    pub side_tab: SideTab,
}

impl Default for Preferences {
    fn default() -> Self {
        let view = ViewToggles::default();
        Self {
            theme: Theme::System,
            grid: view.grid,
            snap: view.snap,
            legend: view.legend,
            panel_width: DEFAULT_PANEL_WIDTH,
            side_tab: SideTab::Inspector,
        }
    }
}

impl Preferences {
    /// What the last run kept, or the defaults (a damaged entry is only a convenience lost).
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        let mut prefs: Self = storage
            .and_then(|s| eframe::get_value(s, KEY))
            .unwrap_or_default();
        if !prefs.panel_width.is_finite() {
            prefs.panel_width = DEFAULT_PANEL_WIDTH;
        }
        prefs.panel_width = prefs
            .panel_width
            .clamp(*PANEL_WIDTHS.start(), *PANEL_WIDTHS.end());
        prefs
    }

    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
    }

    pub fn view(&self) -> ViewToggles {
        ViewToggles {
            grid: self.grid,
            snap: self.snap,
            legend: self.legend,
        }
    }

    pub fn set_view(&mut self, view: ViewToggles) {
        self.grid = view.grid;
        self.snap = view.snap;
        self.legend = view.legend;
    }
}

/// Preferences kept in memory instead of a file: for tests, and an app embedded without storage.
#[derive(Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// Where eframe keeps the preferences: `$TEAMSCAPE_CONFIG_DIR` if set, else the platform config
/// folder (`$XDG_CONFIG_HOME/teamscape` on Linux).
pub fn storage_file() -> Option<PathBuf> {
    let dir = std::env::var_os("TEAMSCAPE_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|d| d.config_dir().join("teamscape")))?;
    Some(dir.join("app.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_come_back_as_they_were_saved() {
        let mut storage = MemoryStorage::default();
        let prefs = Preferences {
            theme: Theme::Dark,
            grid: false,
            snap: false,
            legend: false,
            panel_width: 420.0,
            side_tab: SideTab::Insights,
        };
        prefs.save(&mut storage);
        assert_eq!(Preferences::load(Some(&storage)), prefs);
    }

    #[test]
    fn a_damaged_or_absurd_entry_falls_back_to_sensible_values() {
        let mut storage = MemoryStorage::default();
        eframe::Storage::set_string(&mut storage, KEY, "(theme: Purple".to_owned());
        assert_eq!(Preferences::load(Some(&storage)), Preferences::default());
        eframe::Storage::set_string(&mut storage, KEY, "(panel_width: 90000.0)".to_owned());
        assert_eq!(Preferences::load(Some(&storage)).panel_width, 560.0);
        assert_eq!(Preferences::load(None), Preferences::default());
    }
}
