//! What the integration tests share: generated documents, one sample map, one way to open the
//! real app in a harness, and the gestures that drive it.
#![allow(dead_code, unused_imports)] // Each test binary uses its own part of this.

#[cfg(feature = "gui")]
mod app;
pub mod boxes;
pub mod strategies;

#[cfg(feature = "gui")]
pub use app::*;
