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
    doc.teams
        .keys()
        .chain(doc.sources.keys())
        .copied()
        .collect()
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
fn a_team_sits_above_what_it_depends_on_and_sources_above_the_teams() {
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
    assert!(y(20) < y(1) && y(1) < y(2) && y(2) < y(3), "{doc:?}");
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
