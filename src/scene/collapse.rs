//! Collapsed groups: a collapsed group is drawn as one box, with its name, kind, team count and
//! headcount, where its items were; what it holds is not drawn, links between its items are left
//! out, and links to them from outside end at the box (one per pair of ends and kind).
//!
//! [`shown`] gives the document as drawn: the group's box stands in it as a team with the group's
//! id, so routing, the scene, the spatial index and hit tests treat it like any box.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use super::groups::group_color;
use crate::model::{Color, Document, Id, LinkKind, ModelType, ModelTypeId, Point, Size, Team};

/// The size of a collapsed group's box.
pub const COLLAPSED_SIZE: Size = Size::new(240.0, 84.0);

/// The document as drawn; borrowed unchanged when no group is collapsed.
pub fn shown(doc: &Document) -> Cow<'_, Document> {
    let collapsed = outermost_collapsed(doc);
    if collapsed.is_empty() {
        return Cow::Borrowed(doc);
    }
    let mut shown = doc.clone();
    let mut stands_for: HashMap<Id, Id> = HashMap::new();
    for (n, &group) in collapsed.iter().enumerate() {
        let members = doc.group_all_members(group);
        let Some(bounds) = members
            .iter()
            .filter_map(|m| doc.node_rect(*m))
            .reduce(crate::model::Rect::union)
        else {
            continue;
        };
        let g = &doc.groups[&group];
        let teams = members.iter().filter(|m| doc.teams.contains_key(m)).count();
        let headcount: u32 = members
            .iter()
            .filter_map(|m| doc.teams.get(m))
            .fold(0u32, |sum, t| sum.saturating_add(t.headcount));
        // The box's subtitle and colour come in as a model type of its own.
        let model_type = ModelTypeId(u64::MAX - n as u64);
        let tint = group_color(g.color, &g.kind);
        shown.palette.push(ModelType {
            id: model_type,
            name: format!(
                "{} · {}",
                g.kind,
                crate::text::plural(teams, "team", "teams")
            ),
            color: Color {
                r: tint.r,
                g: tint.g,
                b: tint.b,
            },
            description: String::new(),
        });
        let mut proxy = Team::new(g.name.clone(), model_type, bounds.min);
        proxy.size = COLLAPSED_SIZE;
        proxy.headcount = headcount;
        for m in &members {
            shown.teams.remove(m);
            shown.sources.remove(m);
            stands_for.insert(*m, group);
        }
        for nested in doc.group_descendants(group) {
            shown.groups.remove(&nested);
        }
        // The box is an item of the group it is nested in, so that group's frame holds it.
        shown.groups.remove(&group);
        if let Some(parent) = g.parent.and_then(|p| shown.groups.get_mut(&p)) {
            parent.members.push(group);
            parent.members.sort_unstable();
        }
        shown.teams.insert(group, proxy);
    }
    let mut seen: BTreeSet<(Id, Id, bool)> = BTreeSet::new();
    shown.links.retain(|_, link| {
        link.from = stands_for.get(&link.from).copied().unwrap_or(link.from);
        link.to = stands_for.get(&link.to).copied().unwrap_or(link.to);
        let funding = matches!(link.kind, LinkKind::Funding { .. });
        link.from != link.to && seen.insert((link.from, link.to, funding))
    });
    Cow::Owned(shown)
}

/// `moves` (a drag's new positions) as drawn: the items of a collapsed group are not drawn, so
/// their moves become one move of the group's box, by the same amount.
pub fn shown_moves(doc: &Document, shown: &Document, moves: &[(Id, Point)]) -> Vec<(Id, Point)> {
    if std::ptr::eq(doc, shown) {
        return moves.to_vec();
    }
    let mut result = Vec::with_capacity(moves.len());
    for &(id, to) in moves {
        if shown.node_rect(id).is_some() {
            result.push((id, to));
            continue;
        }
        let Some(from) = doc.node_rect(id) else {
            continue;
        };
        let Some(group) = doc
            .groups_containing(id)
            .into_iter()
            .find(|g| shown.teams.contains_key(g))
        else {
            continue;
        };
        if result.iter().any(|(g, _)| *g == group) {
            continue;
        }
        let at = shown.teams[&group].position;
        result.push((group, at.offset(to.x - from.min.x, to.y - from.min.y)));
    }
    result
}

/// The collapsed groups not inside another collapsed group, in id order.
pub fn outermost_collapsed(doc: &Document) -> Vec<Id> {
    doc.groups
        .iter()
        .filter(|(id, g)| {
            g.collapsed
                && !doc
                    .group_ancestors(**id)
                    .iter()
                    .any(|a| doc.groups[a].collapsed)
        })
        .map(|(id, _)| *id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, GroupKind, Link};

    /// Retail (9) holds Checkout (1) and Search (2), which depend on each other and on
    /// Payments (3) outside; a source (4) funds Checkout.
    fn doc() -> Document {
        let mut doc = Document::new("collapse");
        for (id, x) in [(1, 0.0), (2, 300.0), (3, 600.0)] {
            let mut team = Team::new(format!("T{id}"), ModelTypeId(1), Point::new(x, 100.0));
            team.headcount = 5;
            doc.teams.insert(Id(id), team);
        }
        doc.sources.insert(
            Id(4),
            crate::model::FundingSource::new("Fund", Point::new(0.0, -200.0)),
        );
        doc.links.insert(Id(10), Link::dependency(Id(1), Id(2)));
        doc.links.insert(Id(11), Link::dependency(Id(1), Id(3)));
        doc.links.insert(Id(12), Link::dependency(Id(2), Id(3)));
        doc.links.insert(Id(13), Link::funding(Id(4), Id(1), 50.0));
        let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
        retail.members = vec![Id(1), Id(2)];
        doc.groups.insert(Id(9), retail);
        doc
    }

    #[test]
    fn an_open_group_leaves_the_document_as_it_is() {
        let doc = doc();
        assert!(matches!(shown(&doc), Cow::Borrowed(_)));
    }

    #[test]
    fn a_collapsed_group_stands_as_one_box_with_the_links_from_outside_at_it() {
        let mut doc = doc();
        doc.groups.get_mut(&Id(9)).expect("group").collapsed = true;
        let shown = shown(&doc);
        assert!(!shown.teams.contains_key(&Id(1)) && !shown.teams.contains_key(&Id(2)));
        let group_box = &shown.teams[&Id(9)];
        assert_eq!(group_box.name, "Retail");
        assert_eq!(group_box.headcount, 10);
        assert_eq!(group_box.position, Point::new(0.0, 100.0));
        let subtitle = &shown.model_type(group_box.model_type).expect("type").name;
        assert_eq!(subtitle, "Business unit · 2 teams");
        // 1 → 2 is inside; 1 → 3 and 2 → 3 both become Retail → Payments, drawn once.
        let ends: Vec<(Id, Id)> = shown.links.values().map(|l| (l.from, l.to)).collect();
        assert_eq!(ends, vec![(Id(9), Id(3)), (Id(4), Id(9))]);
    }

    #[test]
    fn a_collapsed_group_inside_an_open_one_is_framed_by_it() {
        let mut doc = doc();
        let mut outer = Group::new("Company", GroupKind::BusinessUnit);
        outer.members = vec![Id(3)];
        doc.groups.insert(Id(8), outer);
        let inner = doc.groups.get_mut(&Id(9)).expect("group");
        inner.parent = Some(Id(8));
        inner.collapsed = true;
        let shown = shown(&doc);
        assert_eq!(shown.groups[&Id(8)].members, vec![Id(3), Id(9)]);
        assert!(!shown.groups.contains_key(&Id(9)));
    }

    #[test]
    fn the_scene_of_a_collapsed_group_draws_its_box_and_none_of_its_items() {
        let mut doc = doc();
        doc.groups.get_mut(&Id(9)).expect("group").collapsed = true;
        let scene = crate::scene::build(&doc, crate::scene::SceneOptions::default());
        let owners: BTreeSet<Id> = scene
            .items
            .iter()
            .filter_map(|(owner, _)| match owner {
                crate::scene::Owner::Item(id) => Some(*id),
                _ => None,
            })
            .collect();
        assert!(owners.contains(&Id(9)), "the group's box");
        for hidden in [Id(1), Id(2), Id(10)] {
            assert!(!owners.contains(&hidden), "{hidden} is inside");
        }
        // The legend lists the map's own model types, not the box's.
        let texts: Vec<&str> = scene
            .items
            .iter()
            .filter_map(|(_, p)| match p {
                crate::scene::Primitive::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.iter().any(|t| t.contains("Business unit · 2 teams")));
        assert!(
            !texts
                .iter()
                .any(|t| t.starts_with("Business unit · 2 teams ("))
        );
    }

    #[test]
    fn a_drag_of_a_collapsed_groups_items_moves_its_box() {
        let mut doc = doc();
        doc.groups.get_mut(&Id(9)).expect("group").collapsed = true;
        let shown = shown(&doc);
        let moves = [
            (Id(1), Point::new(0.0, 400.0)),
            (Id(2), Point::new(300.0, 400.0)),
        ];
        assert_eq!(
            shown_moves(&doc, &shown, &moves),
            vec![(Id(9), Point::new(0.0, 400.0))]
        );
    }
}
