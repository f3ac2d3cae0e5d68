//! The eframe app: the window, the canvas, and everything a user clicks. The only layer that uses egui.

mod app;
pub mod canvas;
mod changes;
pub mod commands;
mod dialogs;
mod export_dialog;
mod far_view;
mod fields;
mod group_inspector;
mod help;
mod import_report;
mod insights;
mod insights_groups;
mod inspector;
pub mod intent;
mod lod;
pub mod modal;
mod near_view;
mod paint;
pub mod picker;
pub mod prefs;
pub mod present;
pub mod view;
mod worker;

use std::path::PathBuf;
use std::process::ExitCode;

pub use app::{Services, TeamscapeApp, window_title};
pub use intent::{DialogPurpose, Intent};
pub use prefs::SideTab;

use crate::editor;
use crate::examples::default_example;
use crate::file;
use crate::model::Document;

/// What the UI asks for. Panels, menus, prompts and the canvas push these; the app applies them
/// in one place at the end of the frame, in order, never from inside another.
#[derive(Debug)]
pub enum Action {
    /// Something for the editor: an edit, a selection, a name field, the view.
    Editor(editor::Action),
    /// A command of the command table, as a menu item or key runs it.
    Command(commands::Command),
    /// Replace or close the open map (asks about unsaved changes first).
    Request(Intent),
    /// Show a message in the status bar.
    Notify(String),
    /// Paste map text (from the system clipboard).
    Paste(String),
    /// The user answered the open modal.
    Answer(modal::Answer),
}

impl From<editor::Action> for Action {
    fn from(action: editor::Action) -> Self {
        Self::Editor(action)
    }
}

/// What the window opens with: the bundled example, a file, or an empty map for a new path.
pub fn initial_document(path: Option<&std::path::Path>) -> Result<Document, file::LoadError> {
    match path {
        None => {
            let example = default_example();
            file::parse(example.text, example.file_name)
        }
        Some(path) if !path.exists() => {
            let title = path.file_stem().map_or_else(
                || "Untitled map".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            Ok(Document::new(title))
        }
        Some(path) => file::load(path),
    }
}

/// Opens `path` (or the bundled example) in a window and runs until the window closes.
pub fn run(path: Option<PathBuf>) -> ExitCode {
    let doc = match initial_document(path.as_deref()) {
        Ok(doc) => doc,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let chosen = match std::env::var("TEAMSCAPE_RENDERER") {
        Ok(name) => match renderer_named(&name) {
            Some(renderer) => Some(renderer),
            None => {
                eprintln!("error: TEAMSCAPE_RENDERER is \"{name}\"; use \"glow\" or \"wgpu\"");
                return ExitCode::from(2);
            }
        },
        Err(_) => None,
    };
    let renderer = chosen.unwrap_or(eframe::Renderer::Glow);
    let mut result = open_window(renderer, doc.clone(), path.clone());
    if let Err(error) = &result
        && chosen.is_none()
    {
        eprintln!("note: OpenGL could not draw the window ({error}); trying wgpu");
        result = open_window(eframe::Renderer::Wgpu, doc, path);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot open a window: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The renderer `TEAMSCAPE_RENDERER` names.
fn renderer_named(name: &str) -> Option<eframe::Renderer> {
    match name.trim().to_ascii_lowercase().as_str() {
        "glow" | "gl" | "opengl" => Some(eframe::Renderer::Glow),
        "wgpu" => Some(eframe::Renderer::Wgpu),
        _ => None,
    }
}

fn open_window(
    renderer: eframe::Renderer,
    doc: Document,
    path: Option<PathBuf>,
) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        persistence_path: prefs::storage_file(),
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title(window_title(&doc, path.as_deref(), false))
            .with_app_id("teamscape")
            .with_inner_size([1280.0, 760.0])
            .with_min_inner_size([640.0, 400.0]),
        renderer,
        ..Default::default()
    };
    eframe::run_native(
        "Teamscape",
        options,
        Box::new(move |creation| Ok(Box::new(TeamscapeApp::create(creation, doc, path)))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderer_names() {
        assert_eq!(renderer_named("glow"), Some(eframe::Renderer::Glow));
        assert_eq!(renderer_named(" WGPU "), Some(eframe::Renderer::Wgpu));
        assert_eq!(renderer_named("vulkan"), None);
    }
}
