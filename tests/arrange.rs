//! `teamscape readability` measures how a map's links read (links through a box, crossing pairs)
//! and `teamscape arrange` lays a map out in layers: both on the bundled example, as a user runs
//! them.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use teamscape::file;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron")
}

fn teamscape(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teamscape"))
        .args(args)
        .output()
        .expect("teamscape runs")
}

#[test]
fn readability_counts_the_links_through_boxes_and_the_crossing_pairs_of_the_example() {
    let output = teamscape(&[Path::new("readability"), &example()]);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.ends_with("northwind.ron: 50 links: 27 through a box, 93 crossing pairs\n"),
        "{said}"
    );
    let missing = teamscape(&[Path::new("readability"), Path::new("/nonexistent.ron")]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn arrange_writes_a_valid_map_without_overlaps_the_same_every_time() {
    let dir = tempfile::tempdir().expect("dir");
    let (first, second) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    for out in [&first, &second] {
        let output = teamscape(&[Path::new("arrange"), &example(), Path::new("-o"), out]);
        assert!(output.status.success(), "{output:?}");
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(
            said.starts_with(
                "before: 50 links: 27 through a box, 93 crossing pairs\nafter:  50 links: "
            ),
            "{said}"
        );
    }
    assert_eq!(
        std::fs::read(&first).expect("a"),
        std::fs::read(&second).expect("b"),
        "arrange is deterministic"
    );
    let before = file::load(&example()).expect("example");
    let after = file::load(&first).expect("arranged map loads");
    assert_eq!(after.teams.len(), before.teams.len());
    assert_eq!(after.links, before.links, "only positions change");
    assert_eq!(common::boxes::overlaps(&after), 0);
}
