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
fn readability_counts_the_links_through_boxes_and_the_crossing_pairs() {
    use teamscape::model::{Document, Id, Link, ModelTypeId, Point, Team};
    // Teams 1, 2, 3 in a row, 4 above 2 and 5 below it; 1 → 3 and 4 → 5 would run straight
    // through team 2 and cross each other, 1 → 2 ends at its left edge.
    let mut doc = Document::new("Readability");
    for (id, x, y) in [
        (1, 0.0, 0.0),
        (2, 300.0, 0.0),
        (3, 600.0, 0.0),
        (4, 300.0, -300.0),
        (5, 300.0, 300.0),
    ] {
        doc.teams.insert(
            Id(id),
            Team::new(format!("T{id}"), ModelTypeId(1), Point::new(x, y)),
        );
    }
    doc.links.insert(Id(11), Link::dependency(Id(1), Id(2)));
    doc.links.insert(Id(12), Link::dependency(Id(4), Id(5)));
    doc.links.insert(Id(13), Link::dependency(Id(1), Id(3)));
    let dir = tempfile::tempdir().expect("dir");
    let map = dir.path().join("readability.ron");
    file::save(&doc, &map).expect("saved");
    let output = teamscape(&[Path::new("readability"), &map]);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stdout);
    // Routed, nothing goes through team 2; 4 → 5 goes round it and crosses both others.
    assert!(
        said.ends_with(
            "readability.ron: 3 links: 0 through a box, 2 crossing pairs \
             (drawn straight: 2 through a box, 1 crossing pair)\n"
        ),
        "{said}"
    );
    let example = teamscape(&[Path::new("readability"), &example()]);
    let said = String::from_utf8_lossy(&example.stdout);
    assert!(
        said.contains("northwind.ron: 50 links: 0 through a box, "),
        "routed, no link of the example goes through a box: {said}"
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
            said.starts_with("before: 50 links: 0 through a box, "),
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

#[test]
fn arrange_keeps_each_groups_items_together_and_others_out_of_its_frame() {
    use std::collections::BTreeSet;
    use teamscape::scene::groups::frames;
    let mut doc = file::load(&example()).expect("the example loads");
    let nested = doc.groups.values().filter(|g| g.parent.is_some()).count();
    assert!(
        doc.groups.len() >= 3 && nested >= 2,
        "the example has nested groups"
    );
    let everything: BTreeSet<_> = doc.node_ids().collect();
    teamscape::layout::arrange(&mut doc, &everything);
    let frames = frames(&doc, &|id| doc.node_rect(id));
    let groups: Vec<_> = doc
        .groups
        .keys()
        .filter_map(|id| Some((*id, frames.get(id)?.rect)))
        .collect();
    let related = |a, b| doc.group_ancestors(a).contains(&b) || doc.group_ancestors(b).contains(&a);
    for (i, (a, ra)) in groups.iter().enumerate() {
        for (b, rb) in &groups[i + 1..] {
            assert!(
                related(*a, *b) || !ra.intersects(*rb),
                "groups {a} and {b} overlap"
            );
        }
        let members: BTreeSet<_> = doc.group_all_members(*a).into_iter().collect();
        for (id, rect) in doc.node_rects() {
            assert!(
                members.contains(&id) || !rect.intersects(*ra),
                "{id}, not in group {a}, lies in its frame"
            );
        }
    }
}
