//! Teamscape: map how a company's teams depend on each other and how they are funded.
//!
//! Layers, from the bottom: [`model`] (the document), [`edit`] (undoable changes), [`file`] (the RON
//! format, clipboard text, recovery files), [`analysis`] (funding checks, model mix, dependency
//! risks), [`scene`] (the document as drawing primitives, with the spatial index and hit testing),
//! [`editor`] (the open map, the session state and the one place actions are applied),
//! [`export`] (SVG and PNG from the scene), [`cli`] (subcommands) and [`ui`] (the eframe app).
//! [`text`] says how numbers and counts read, for every layer. Nothing below `ui` uses egui or rfd.

pub mod analysis;
pub mod cli;
pub mod edit;
pub mod editor;
pub mod examples;
pub mod export;
pub mod file;
pub mod generate;
pub mod import;
pub mod layout;
pub mod model;
pub mod scene;
pub mod text;
// The window is a default feature, so the fuzz targets can build the library without the GUI stack.
#[cfg(feature = "gui")]
pub mod ui;
