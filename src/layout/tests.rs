use std::collections::BTreeMap;

use super::*;
use crate::generate::{GenerateOptions, generate};
use crate::model::{Link, ModelTypeId};

fn team(doc: &mut Document, id: u64, name: &str) {
    doc.teams.insert(
        Id(id),
        Team::new(name, ModelTypeId(1), Point::new(0.0, 0.0)),
    );
}

fn all(doc: &Document) -> BTreeSet<Id> {
    doc.node_ids().collect()
}

fn overlapping(doc: &Document) -> Vec<(Id, Id)> {
    let rects: Vec<(Id, crate::model::Rect)> = all(doc)
        .into_iter()
        .filter_map(|id| doc.node_rect(id).map(|r| (id, r)))
        .collect();
    let mut found = Vec::new();
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            if ra.min.x < rb.max.x
                && rb.min.x < ra.max.x
                && ra.min.y < rb.max.y
                && rb.min.y < ra.max.y
            {
                found.push((*a, *b));
            }
        }
    }
    found
}

#[test]
fn a_team_sits_above_what_it_depends_on_and_a_source_above_the_team_it_funds() {
    let mut doc = Document::new("chain");
    team(&mut doc, 1, "App");
    team(&mut doc, 2, "Checkout");
    team(&mut doc, 3, "Payments");
    doc.links.insert(Id(10), Link::dependency(Id(1), Id(2)));
    doc.links.insert(Id(11), Link::dependency(Id(2), Id(3)));
    doc.links.insert(Id(12), Link::dependency(Id(1), Id(3)));
    doc.sources
        .insert(Id(20), FundingSource::new("Retail", Point::new(0.0, 0.0)));
    doc.links.insert(Id(21), Link::funding(Id(20), Id(3), 50.0));
    let ids = all(&doc);
    place(&mut doc, &ids);
    let y = |id: u64| doc.node_rect(Id(id)).expect("placed").min.y;
    assert!(y(1) < y(2) && y(2) < y(3) && y(20) < y(3), "{doc:?}");
    assert!(overlapping(&doc).is_empty());
}

#[test]
fn cycles_end_and_the_result_is_the_same_every_time() {
    let mut doc = Document::new("loop");
    for id in 1..=4 {
        team(&mut doc, id, &format!("T{id}"));
    }
    for (link, (from, to)) in [(1, 2), (2, 3), (3, 1), (3, 4)].into_iter().enumerate() {
        doc.links
            .insert(Id(10 + link as u64), Link::dependency(Id(from), Id(to)));
    }
    let mut again = doc.clone();
    let ids = all(&doc);
    place(&mut doc, &ids);
    let ids = all(&again);
    place(&mut again, &ids);
    assert_eq!(doc, again);
    assert!(overlapping(&doc).is_empty());
}

#[test]
fn a_flat_list_of_teams_becomes_a_block() {
    let mut doc = Document::new("flat");
    for id in 1..=200 {
        team(&mut doc, id, &format!("Team {id}"));
    }
    let ids = all(&doc);
    place(&mut doc, &ids);
    let rows: BTreeSet<i64> = doc.teams.values().map(|t| t.position.y as i64).collect();
    assert!((13..=26).contains(&rows.len()), "{} rows", rows.len());
    assert!(overlapping(&doc).is_empty());
}

#[test]
fn items_already_placed_stay_and_the_new_ones_go_beside_them() {
    let mut doc = generate(GenerateOptions {
        teams: 60,
        seed: 7,
        links: 180,
    });
    let before = doc.clone();
    let new: BTreeSet<Id> = doc.teams.keys().copied().skip(40).collect();
    place(&mut doc, &new);
    for (id, team) in &before.teams {
        if !new.contains(id) {
            assert_eq!(doc.teams[id].position, team.position);
        }
    }
    assert_eq!(doc.sources, before.sources);
    let old_right = before
        .teams
        .iter()
        .filter(|(id, _)| !new.contains(id))
        .map(|(id, _)| before.node_rect(*id).expect("rect").max.x)
        .chain(
            before
                .sources
                .keys()
                .map(|id| before.node_rect(*id).expect("rect").max.x),
        )
        .fold(f32::MIN, f32::max);
    for id in &new {
        assert!(doc.node_rect(*id).expect("rect").min.x > old_right);
    }
}

#[test]
fn a_generated_map_laid_out_whole_has_no_overlap_and_stays_valid() {
    let mut doc = generate(GenerateOptions {
        teams: 300,
        seed: 3,
        links: 900,
    });
    let ids = all(&doc);
    place(&mut doc, &ids);
    assert!(overlapping(&doc).is_empty());
    doc.validate().expect("valid");
}

#[test]
fn a_chain_longer_than_the_canvas_is_folded_into_a_block() {
    let mut doc = Document::new("long");
    for id in 1..=5_000 {
        team(&mut doc, id, "T");
        if id > 1 {
            doc.links
                .insert(Id(100_000 + id), Link::dependency(Id(id - 1), Id(id)));
        }
    }
    let ids = all(&doc);
    place(&mut doc, &ids);
    doc.validate().expect("valid");
}

#[test]
fn a_large_tangled_map_stays_on_the_canvas_without_overlaps() {
    // Links between far rows everywhere: what a big imported sheet looks like.
    let mut doc = generate(GenerateOptions {
        teams: 2_000,
        links: 6_000,
        seed: 5,
    });
    let ids = all(&doc);
    place(&mut doc, &ids);
    doc.validate().expect("valid");
    let limit = crate::model::limits::MAX_COORDINATE - 1_000.0;
    for id in &ids {
        let rect = doc.node_rect(*id).expect("rect");
        assert!(
            rect.max.x < limit && rect.max.y < limit,
            "{rect:?} at the canvas edge"
        );
    }
    assert!(overlapping(&doc).is_empty());
}

fn positions(doc: &Document) -> BTreeMap<Id, Point> {
    doc.teams
        .iter()
        .map(|(id, t)| (*id, t.position))
        .chain(doc.sources.iter().map(|(id, s)| (*id, s.position)))
        .collect()
}

#[test]
fn arrange_gives_the_same_positions_every_time_without_overlaps() {
    let doc = generate(GenerateOptions {
        teams: 150,
        links: 450,
        seed: 11,
    });
    let ids = all(&doc);
    let first = arrange_positions(&doc, &ids, &Progress::new()).expect("not cancelled");
    let second = arrange_positions(&doc, &ids, &Progress::new()).expect("not cancelled");
    assert_eq!(first, second);
    let mut arranged = doc.clone();
    apply(&mut arranged, &first);
    assert!(overlapping(&arranged).is_empty());
    arranged.validate().expect("valid");
    assert_ne!(positions(&arranged), positions(&doc), "something moved");
}

#[test]
fn every_funding_source_sits_above_the_teams_it_funds() {
    let mut doc = generate(GenerateOptions {
        teams: 120,
        links: 360,
        seed: 4,
    });
    let ids = all(&doc);
    arrange(&mut doc, &ids);
    for link in doc.links.values() {
        if doc.sources.contains_key(&link.from) {
            let source = doc.node_rect(link.from).expect("source");
            let team = doc.node_rect(link.to).expect("team");
            assert!(source.max.y <= team.min.y, "{link:?}");
        }
    }
}

#[test]
fn arrange_keeps_the_top_left_corner_of_the_map() {
    let mut doc = generate(GenerateOptions {
        teams: 40,
        links: 100,
        seed: 2,
    });
    for team in doc.teams.values_mut() {
        team.position = team.position.offset(400.0, 1_000.0);
    }
    for source in doc.sources.values_mut() {
        source.position = source.position.offset(400.0, 1_000.0);
    }
    let ids = all(&doc);
    let before = corner(&doc, &ids).expect("corner");
    arrange(&mut doc, &ids);
    // On the grid nearest to where it was.
    assert_eq!(
        corner(&doc, &ids),
        Some(Point::new(snap(before.x), snap(before.y)))
    );
}

#[test]
fn a_cancelled_arrange_stops_without_positions() {
    let doc = generate(GenerateOptions {
        teams: 100,
        links: 300,
        seed: 1,
    });
    let progress = Progress::new();
    progress.cancel();
    assert_eq!(
        arrange_positions(&doc, &all(&doc), &progress),
        Err(Cancelled)
    );
    let progress = Progress::new();
    arrange_positions(&doc, &all(&doc), &progress).expect("not cancelled");
    assert!((progress.fraction() - 1.0).abs() < f32::EPSILON);
}

#[test]
fn the_bundled_example_arranged_has_no_link_through_a_box_and_few_crossings() {
    let example = crate::examples::default_example();
    let mut doc = crate::file::parse(example.text, example.file_name).expect("example");
    // The example as the readability issue measured it, before it had groups: arrange keeps a
    // group's items together, which costs crossings (BENCHMARKS.md has both).
    doc.groups.clear();
    let ids = all(&doc);
    arrange(&mut doc, &ids);
    // As the issue counted when it was filed: links drawn straight.
    let straight = quality::measure_routed(&doc, &crate::scene::Routes::straight(&doc));
    assert!(straight.crossings <= 45, "{straight:?}");
    // As drawn: routed round the boxes (detours cross more; BENCHMARKS.md has the figures).
    let routed = quality::measure(&doc);
    assert_eq!(routed.through_boxes, 0, "{routed:?}");
    assert!(routed.crossings <= 45, "{routed:?}");
    assert!(overlapping(&doc).is_empty());
}

/// The left and right edges of the boxes of `group`.
fn span_of(doc: &Document, group: u64) -> (f32, f32) {
    doc.group_all_members(Id(group))
        .into_iter()
        .filter_map(|id| doc.node_rect(id))
        .fold((f32::MAX, f32::MIN), |(l, r), rect| {
            (l.min(rect.min.x), r.max(rect.max.x))
        })
}

#[test]
fn the_bundled_example_arranged_with_its_groups_places_the_blocks_along_their_links() {
    let example = crate::examples::default_example();
    let mut doc = crate::file::parse(example.text, example.file_name).expect("example");
    let ids = all(&doc);
    arrange(&mut doc, &ids);
    // Blocks packed in reading order, each ordered blind to the links that leave it, gave 132
    // crossing pairs as drawn; placed in rows along the links between blocks and refined as
    // drawn, 60; with a business unit beside the platforms, its links come in from the side, 56;
    // shaken out of where the climb stopped, 41. The readability issue's target is 45.
    let routed = quality::measure(&doc);
    assert_eq!(routed.through_boxes, 0, "{routed:?}");
    assert!(routed.crossings <= 45, "{routed:?}");
    assert!(overlapping(&doc).is_empty());
    // No block slid far out to lower the count: the map stays a screen's shape.
    let bounds = doc
        .teams
        .keys()
        .chain(doc.sources.keys())
        .filter_map(|id| doc.node_rect(*id))
        .reduce(crate::model::Rect::union)
        .expect("boxes");
    assert!(bounds.width() <= 1.6 * bounds.height(), "{bounds:?}");
    // The platform grouping, which every business unit depends on, is below each of them or
    // beside it, never above.
    let top_of = |group: u64| {
        doc.group_all_members(Id(group))
            .into_iter()
            .filter_map(|id| doc.node_rect(id))
            .map(|r| r.min.y)
            .fold(f32::MAX, f32::min)
    };
    let bottom_of = |group: u64| {
        doc.group_all_members(Id(group))
            .into_iter()
            .filter_map(|id| doc.node_rect(id))
            .map(|r| r.max.y)
            .fold(f32::MIN, f32::max)
    };
    let (left_of, right_of) = (|g: u64| span_of(&doc, g).0, |g: u64| span_of(&doc, g).1);
    for unit in [90, 91, 92] {
        let above = bottom_of(unit) < top_of(93);
        let beside = right_of(unit) < left_of(93) || right_of(93) < left_of(unit);
        assert!(
            above || (beside && top_of(unit) < bottom_of(93)),
            "group {unit} is neither above the platforms nor beside them"
        );
    }
}

#[test]
fn tidy_leaves_no_overlap_and_a_tidy_map_does_not_move() {
    let mut doc = generate(GenerateOptions {
        teams: 80,
        links: 200,
        seed: 9,
    });
    // Squeeze the map to a quarter of its spread: boxes land on each other.
    for team in doc.teams.values_mut() {
        team.position = Point::new(team.position.x / 4.0, team.position.y / 4.0);
    }
    for source in doc.sources.values_mut() {
        source.position = Point::new(source.position.x / 4.0, source.position.y / 4.0);
    }
    assert!(!overlapping(&doc).is_empty());
    let ids = all(&doc);
    tidy(&mut doc, &ids);
    assert!(overlapping(&doc).is_empty());
    assert!(
        tidy_positions(&doc, &ids).is_empty(),
        "tidy twice moves nothing"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    #[test]
    fn arrange_selection_moves_nothing_else_and_lands_on_nothing(
        seed in 0u64..1_000,
        picks in proptest::collection::vec(0usize..60, 2..20),
    ) {
        let doc = generate(GenerateOptions { teams: 50, links: 150, seed });
        let nodes: Vec<Id> = all(&doc).into_iter().collect();
        let selected: BTreeSet<Id> = picks.iter().map(|&i| nodes[i % nodes.len()]).collect();
        let moves = arrange_positions(&doc, &selected, &Progress::new()).expect("not cancelled");
        let mut after = doc.clone();
        apply(&mut after, &moves);
        let (old, new) = (positions(&doc), positions(&after));
        for (id, at) in &old {
            if !selected.contains(id) {
                proptest::prop_assert_eq!(new[id], *at, "{:?} moved", id);
            }
        }
        for (a, b) in overlapping(&after) {
            proptest::prop_assert!(
                !selected.contains(&a) && !selected.contains(&b),
                "{:?} overlaps {:?}", a, b
            );
        }
    }

    #[test]
    fn tidy_of_random_boxes_leaves_no_overlap_and_moves_only_the_chosen(
        boxes in proptest::collection::vec((0f32..1_200.0, 0f32..800.0, proptest::bool::ANY), 1..40),
    ) {
        let mut doc = Document::new("boxes");
        for (i, (x, y, _)) in boxes.iter().enumerate() {
            team(&mut doc, i as u64 + 1, "T");
            doc.teams.get_mut(&Id(i as u64 + 1)).expect("team").position = Point::new(*x, *y);
        }
        let chosen: BTreeSet<Id> = boxes
            .iter()
            .enumerate()
            .filter(|(_, b)| b.2)
            .map(|(i, _)| Id(i as u64 + 1))
            .collect();
        let before = positions(&doc);
        tidy(&mut doc, &chosen);
        for (id, at) in positions(&doc) {
            if !chosen.contains(&id) {
                proptest::prop_assert_eq!(before[&id], at);
            }
        }
        for (a, b) in overlapping(&doc) {
            proptest::prop_assert!(
                !chosen.contains(&a) && !chosen.contains(&b),
                "{:?} overlaps {:?}", a, b
            );
        }
    }
}
