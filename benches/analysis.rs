//! Analysis benchmarks on generated maps: `cargo bench --bench analysis`.
//!
//! The app recomputes the analysis once per document change, so this is the cost of one edit's
//! figures; `check_text` adds what `teamscape check` spends writing them.

use std::sync::LazyLock;

use divan::Bencher;
use teamscape::analysis::{self, Analysis};
use teamscape::generate::{GenerateOptions, generate};
use teamscape::model::Document;

fn main() {
    divan::main();
}

fn map(teams: usize) -> Document {
    generate(GenerateOptions {
        teams,
        links: teams * 3,
        seed: 1,
    })
}

static MAP_1K: LazyLock<Document> = LazyLock::new(|| map(1_000));
static MAP_10K: LazyLock<Document> = LazyLock::new(|| map(10_000));

fn doc(teams: usize) -> &'static Document {
    if teams == 1_000 { &MAP_1K } else { &MAP_10K }
}

#[divan::bench(args = [1_000, 10_000], sample_count = 30)]
fn analyse(bencher: Bencher, teams: usize) {
    let doc = doc(teams);
    bencher.bench(|| Analysis::of(doc));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 30)]
fn check_text(bencher: Bencher, teams: usize) {
    let doc = doc(teams);
    bencher.bench(|| analysis::text_report(&Analysis::of(doc)).len());
}
