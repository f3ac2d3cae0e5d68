//! Analysis benchmarks on generated maps: `cargo bench --bench analysis`.
//!
//! The app recomputes the analysis once per document change, so this is the cost of one edit's
//! figures; `check_text` adds what `teamscape check` spends writing them.

mod common;

use common::doc;

use divan::Bencher;
use teamscape::analysis::{self, Analysis};

fn main() {
    divan::main();
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
