//! Arrange benchmarks on generated maps: `cargo bench --bench arrange`.
//!
//! One case is Edit > Arrange on the whole map, as the worker thread runs it (layout, packing,
//! the choice between one block and blocks per unit, and the tidy against the rest); Tidy is the
//! same map with every box squeezed onto its neighbours.

mod common;

use std::collections::BTreeSet;

use common::doc;

use divan::Bencher;
use teamscape::layout::{self, Progress};
use teamscape::model::{Id, Point};

fn main() {
    divan::main();
}

fn all(doc: &teamscape::model::Document) -> BTreeSet<Id> {
    doc.teams
        .keys()
        .chain(doc.sources.keys())
        .copied()
        .collect()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn arrange(bencher: Bencher, teams: usize) {
    let doc = doc(teams);
    let ids = all(doc);
    bencher.bench(|| layout::arrange_positions(doc, &ids, &Progress::new()).map(|m| m.len()));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn tidy(bencher: Bencher, teams: usize) {
    let mut squeezed = doc(teams).clone();
    for team in squeezed.teams.values_mut() {
        team.position = Point::new(team.position.x / 2.0, team.position.y / 2.0);
    }
    let ids = all(&squeezed);
    bencher.bench(|| layout::tidy_positions(&squeezed, &ids).len());
}
