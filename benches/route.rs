//! Routing benchmarks on generated maps: `cargo bench --bench route`.
//!
//! `all` is what opening a map (or an edit that moves much of it) costs; `after_drag` is what the
//! app pays when a drag of 20 teams ends: only the links those teams touch or block are routed
//! again.

mod common;

use common::doc;

use divan::Bencher;
use teamscape::model::{Document, Id};
use teamscape::scene::Routes;

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn all(bencher: Bencher, teams: usize) {
    let doc = doc(teams);
    bencher.bench(|| Routes::of(doc));
}

/// The 20 teams in the middle of the id range, moved 300 units right and 100 down.
fn dragged(doc: &Document) -> Document {
    let mut moved = doc.clone();
    let ids: Vec<Id> = moved.teams.keys().copied().collect();
    let middle = ids.len() / 2;
    for id in &ids[middle - 10..middle + 10] {
        if let Some(team) = moved.teams.get_mut(id) {
            team.position = team.position.offset(300.0, 100.0);
        }
    }
    moved
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn after_drag(bencher: Bencher, teams: usize) {
    let doc = doc(teams);
    let before = Routes::of(doc);
    let after = dragged(doc);
    bencher.bench(|| before.updated(&after));
}
