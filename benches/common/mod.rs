//! The generated maps every benchmark measures: 1,000 teams / 3,000 links and 10,000 / 30,000,
//! from the seeded generator, seed 1.

use std::sync::LazyLock;

use teamscape::generate::{GenerateOptions, generate};
use teamscape::model::Document;

fn map(teams: usize) -> Document {
    generate(GenerateOptions {
        teams,
        links: teams * 3,
        seed: 1,
    })
}

pub static MAP_1K: LazyLock<Document> = LazyLock::new(|| map(1_000));
pub static MAP_10K: LazyLock<Document> = LazyLock::new(|| map(10_000));

/// The generated map with `teams` teams (1,000 or 10,000).
#[allow(dead_code, reason = "not every benchmark picks maps by size")]
pub fn doc(teams: usize) -> &'static Document {
    if teams == 1_000 { &MAP_1K } else { &MAP_10K }
}
