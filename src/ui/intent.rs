//! What the user asked for that needs a file or replaces the open map, and what a file dialog
//! is for: both outlive the frame they were asked in, so they are plain values.

use std::path::PathBuf;

/// Something the user asked for that replaces or closes the open map.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    New,
    /// Show the open dialog.
    Open,
    OpenPath(PathBuf),
    OpenExample(usize),
    /// A map read by File ▸ Import…, opened as a map of its own (unsaved until saved).
    OpenImported(Box<crate::model::Document>),
    Quit,
}

impl Intent {
    pub fn verb(&self) -> &'static str {
        match self {
            Self::New => "starting a new map",
            Self::Open | Self::OpenPath(_) | Self::OpenExample(_) | Self::OpenImported(_) => {
                "opening another map"
            }
            Self::Quit => "closing",
        }
    }
}

/// What a file dialog was for.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogPurpose {
    Open,
    /// Compare the open map with another version of it.
    Compare,
    /// Bring a map in from a spreadsheet, Kumu or draw.io.
    Import,
    /// Save; then carry on with what the user was doing when asked to save.
    SaveAs {
        then: Option<Intent>,
    },
    /// Export a picture of the map.
    Export {
        options: crate::export::ExportOptions,
        format: crate::export::Format,
    },
    /// Save a screenshot of the canvas (the part of `image` inside `crop`, in points).
    SaveView {
        image: std::sync::Arc<eframe::egui::ColorImage>,
        crop: eframe::egui::Rect,
        pixels_per_point: f32,
    },
}

impl DialogPurpose {
    /// The typed-path field's title and the name of its button.
    pub fn title_and_button(&self) -> (&'static str, &'static str) {
        match self {
            Self::Open => ("Open map", "Open"),
            Self::Compare => ("Compare with map", "Compare"),
            Self::Import => ("Import", "Import"),
            Self::SaveAs { .. } => ("Save map as", "Save"),
            Self::Export { .. } => ("Export picture", "Export"),
            Self::SaveView { .. } => ("Save view as PNG", "Save"),
        }
    }
}
