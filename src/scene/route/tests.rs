use proptest::prelude::*;

use super::*;
use crate::model::{Document, Link, ModelTypeId, Team};

fn team(doc: &mut Document, id: u64, x: f32, y: f32) {
    doc.teams.insert(
        Id(id),
        Team::new(format!("T{id}"), ModelTypeId(1), Point::new(x, y)),
    );
}

/// Boxes (other than its ends') that the drawn route of `link` passes through.
fn boxes_entered(doc: &Document, routes: &Routes, link: Id) -> Vec<Id> {
    let l = &doc.links[&link];
    let path = routes.drawn(link).expect("every link is routed");
    doc.node_rects()
        .filter(|(id, _)| *id != l.from && *id != l.to)
        .filter(|(_, rect)| {
            let rect = rect.expand(-1.0);
            path.windows(2).any(|w| segment_enters(w[0], w[1], rect))
        })
        .map(|(id, _)| id)
        .collect()
}

#[test]
fn a_clear_link_is_straight_and_a_blocked_one_goes_around() {
    let mut doc = Document::new("r");
    team(&mut doc, 1, 0.0, 0.0);
    team(&mut doc, 2, 300.0, 0.0);
    team(&mut doc, 3, 600.0, 0.0);
    doc.links.insert(Id(10), Link::dependency(Id(1), Id(2)));
    doc.links.insert(Id(11), Link::dependency(Id(1), Id(3)));
    let routes = Routes::of(&doc);
    assert_eq!(
        routes.drawn(Id(10)).expect("routed"),
        [Point::new(180.0, 36.0), Point::new(300.0, 36.0)]
    );
    let around = routes.drawn(Id(11)).expect("routed");
    assert!(around.len() > 2, "{around:?}");
    assert!(boxes_entered(&doc, &routes, Id(11)).is_empty());
    // It leaves and enters on the sides of its ends.
    let (first, last) = (around[0], around[around.len() - 1]);
    let on_edge = |r: Rect, p: Point| {
        (p.x - r.min.x).abs() < 0.01
            || (p.x - r.max.x).abs() < 0.01
            || (p.y - r.min.y).abs() < 0.01
            || (p.y - r.max.y).abs() < 0.01
    };
    assert!(on_edge(doc.node_rect(Id(1)).expect("node"), first));
    assert!(on_edge(doc.node_rect(Id(3)).expect("node"), last));
}

#[test]
fn links_between_the_same_two_teams_are_drawn_apart() {
    let mut doc = Document::new("r");
    team(&mut doc, 1, 0.0, 0.0);
    team(&mut doc, 2, 400.0, 0.0);
    doc.links.insert(Id(10), Link::dependency(Id(1), Id(2)));
    doc.links.insert(Id(11), Link::dependency(Id(2), Id(1)));
    let routes = Routes::of(&doc);
    let there = routes.drawn(Id(10)).expect("routed");
    let back = routes.drawn(Id(11)).expect("routed");
    let gap = (there[0].y - back[back.len() - 1].y).abs();
    assert!((gap - PARALLEL_GAP).abs() < 0.01, "{there:?} {back:?}");
}

#[test]
fn rounded_bends_stay_near_their_corner() {
    let points = [
        Point::new(0.0, 0.0),
        Point::new(100.0, 0.0),
        Point::new(100.0, 100.0),
    ];
    let round = rounded(&points);
    assert_eq!(round[0], points[0]);
    assert_eq!(round[round.len() - 1], points[2]);
    for p in &round {
        assert!(p.x <= 100.0 + 1e-3 && p.y >= -1e-3, "{p:?}");
    }
    assert!(
        round
            .iter()
            .all(|p| distance(*p, points[1]) >= ROUNDING * 0.3)
    );
}

/// A random map whose boxes keep at least a route's width apart, so a way round always exists.
fn spaced_map(seed: u64, teams: usize, links: usize) -> Document {
    let mut rng = seed;
    let mut next = move |n: u64| {
        rng = rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (rng >> 33) % n.max(1)
    };
    let mut doc = Document::new("random");
    let mut taken = std::collections::HashSet::new();
    let mut id = 1;
    while (id as usize) <= teams {
        let cell = (next(8), next(8));
        if taken.insert(cell) {
            let x = cell.0 as f32 * 260.0 + next(30) as f32;
            let y = cell.1 as f32 * 150.0 + next(30) as f32;
            team(&mut doc, id, x, y);
            id += 1;
        }
    }
    for l in 0..links {
        let from = next(teams as u64) + 1;
        let to = next(teams as u64) + 1;
        if from != to {
            doc.links
                .insert(Id(1000 + l as u64), Link::dependency(Id(from), Id(to)));
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_route_enters_a_box_other_than_its_ends(
        seed in any::<u64>(),
        teams in 2_usize..40,
        links in 0_usize..80,
    ) {
        let doc = spaced_map(seed, teams, links);
        let routes = Routes::of(&doc);
        for id in doc.links.keys() {
            let entered = boxes_entered(&doc, &routes, *id);
            prop_assert!(entered.is_empty(), "link {id:?} enters {entered:?}");
        }
        // The same map routes the same way every time.
        let again = Routes::of(&doc);
        for id in doc.links.keys() {
            prop_assert_eq!(routes.drawn(*id), again.drawn(*id));
        }
    }

    #[test]
    fn routing_again_after_moves_gives_what_routing_everything_would(
        seed in any::<u64>(),
        teams in 2_usize..40,
        links in 0_usize..80,
        moves in prop::collection::vec((0_u64..40, -400.0_f32..400.0, -300.0_f32..300.0), 1..4),
        remove in prop::option::of(0_u64..40),
    ) {
        let doc = spaced_map(seed, teams, links);
        let before = Routes::of(&doc);
        let mut changed = doc.clone();
        for (which, dx, dy) in &moves {
            if let Some(team) = changed.teams.get_mut(&Id(which % teams as u64 + 1)) {
                team.position = team.position.offset(*dx, *dy);
            }
        }
        if let Some(which) = remove {
            let gone = Id(which % teams as u64 + 1);
            changed.teams.remove(&gone);
            changed.links.retain(|_, l| l.from != gone && l.to != gone);
        }
        let updated = before.updated(&changed);
        let fresh = Routes::of(&changed);
        prop_assert_eq!(updated.links.len(), fresh.links.len());
        for id in changed.links.keys() {
            prop_assert_eq!(updated.drawn(*id), fresh.drawn(*id), "link {:?}", id);
        }
    }
}
