//! The findings of `analysis`, pinned on small hand-made maps.

mod bounded;
mod dependencies;
mod funding;
mod groups;
mod map;
mod mix;
mod problems;
mod properties;
mod scale;
