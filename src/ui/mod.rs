//! The eframe app: the window, the canvas, and everything a user clicks. The only layer that uses egui.

mod app;
pub mod camera;
mod paint;

use std::path::PathBuf;
use std::process::ExitCode;

pub use app::TeamscapeApp;

use crate::examples::default_example;
use crate::file;

/// Opens `path` (or the bundled example) in a window and runs until the window closes.
pub fn run(path: Option<PathBuf>) -> ExitCode {
    let loaded = match &path {
        Some(path) => file::load(path),
        None => {
            let example = default_example();
            file::parse(example.text, example.file_name)
        }
    };
    let doc = match loaded {
        Ok(doc) => doc,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title(app::window_title(&doc, path.as_deref()))
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([480.0, 320.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Teamscape",
        options,
        Box::new(move |_creation| Ok(Box::new(TeamscapeApp::new(doc, path)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot open a window: {error}");
            ExitCode::FAILURE
        }
    }
}
