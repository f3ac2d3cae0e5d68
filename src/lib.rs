//! Teamscape: map how a company's teams depend on each other and how they are funded.
//!
//! Layers, from the bottom: [`model`] (the document), [`edit`] (undoable changes), [`file`] (the RON
//! format), [`cli`] (subcommands) and [`ui`] (the eframe app). Nothing below `ui` uses egui or rfd.

pub mod analysis;
pub mod cli;
pub mod edit;
pub mod examples;
pub mod export;
pub mod file;
pub mod generate;
pub mod model;
pub mod scene;
pub mod ui;
