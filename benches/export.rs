//! Export benchmarks on generated maps: `cargo bench --bench export`.
//!
//! The scene is what the canvas rebuilds on every edit; SVG and PNG are what the export dialog
//! and `teamscape export` produce.

mod common;

use common::{MAP_1K, MAP_10K};

use divan::Bencher;
use teamscape::export::{self, ExportOptions};
use teamscape::scene::{self, SceneOptions};

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000, 10_000], sample_count = 30)]
fn scene_build(bencher: Bencher, teams: usize) {
    let doc = if teams == 1_000 { &*MAP_1K } else { &*MAP_10K };
    bencher.bench(|| scene::build(doc, SceneOptions::default()));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 30)]
fn svg(bencher: Bencher, teams: usize) {
    let doc = if teams == 1_000 { &*MAP_1K } else { &*MAP_10K };
    let options = ExportOptions::default();
    bencher.bench(|| export::svg(doc, &options).expect("exports").len());
}

/// PNG of the 1,000-team map at 1× and 2×: parse our SVG, lay out text, draw, encode.
#[divan::bench(args = [1.0, 2.0], sample_count = 20, sample_size = 1)]
fn png_1k(bencher: Bencher, scale: f32) {
    let options = ExportOptions {
        scale,
        ..ExportOptions::default()
    };
    bencher.bench(|| export::png(&MAP_1K, &options).expect("exports").len());
}
