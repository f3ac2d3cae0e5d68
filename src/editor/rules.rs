//! The document rules of editing: where moved and new nodes land, which links may be drawn, the
//! share a new funding link gets, and how links and items are described to people.

use std::collections::BTreeSet;

use crate::edit::{Edit, SourceField, TeamField};
use crate::model::{Document, FundingSource, Id, Link, LinkKind, NodeKind, Point, Rect, Team};
use crate::text::format_percent;

use super::capture::{Anchor, free_slot};
use super::session::LinkKindChoice;

/// Grid spacing in canvas units; snapping rounds positions to it.
pub const GRID: f32 = 20.0;

pub fn snap_point(p: Point) -> Point {
    Point::new((p.x / GRID).round() * GRID, (p.y / GRID).round() * GRID)
}

fn node_position(doc: &Document, id: Id) -> Option<Point> {
    doc.teams
        .get(&id)
        .map(|t| t.position)
        .or_else(|| doc.sources.get(&id).map(|s| s.position))
}

/// Where `ids` land when moved by `delta`. With `snap`, the first node lands on the grid and the
/// rest move by the same amount, so a group keeps its shape.
pub fn moved_positions(
    doc: &Document,
    ids: &[Id],
    (dx, dy): (f32, f32),
    snap: bool,
) -> Vec<(Id, Point)> {
    let (mut dx, mut dy) = (dx, dy);
    if snap && let Some(anchor) = ids.first().and_then(|id| node_position(doc, *id)) {
        let snapped = snap_point(anchor.offset(dx, dy));
        (dx, dy) = (snapped.x - anchor.x, snapped.y - anchor.y);
    }
    ids.iter()
        .filter_map(|id| node_position(doc, *id).map(|p| (*id, p.offset(dx, dy))))
        .collect()
}

/// The edit that puts nodes where `moves` says, or `None` when nothing moves.
pub fn move_edit(doc: &Document, moves: &[(Id, Point)]) -> Option<Edit> {
    let edits: Vec<Edit> = moves
        .iter()
        .filter_map(|&(id, to)| match doc.node_kind(id) {
            Some(NodeKind::Team) if doc.teams[&id].position != to => Some(Edit::SetTeam {
                id,
                field: TeamField::Position(to),
            }),
            Some(NodeKind::FundingSource) if doc.sources[&id].position != to => {
                Some(Edit::SetSource {
                    id,
                    field: SourceField::Position(to),
                })
            }
            _ => None,
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// What `source` has not yet allocated, as the default share for a new funding link.
pub fn unallocated_percent(doc: &Document, source: Id) -> f64 {
    let allocated: f64 = doc
        .links
        .values()
        .filter(|l| l.from == source)
        .filter_map(|l| match l.kind {
            LinkKind::Funding { allocation_percent } => Some(allocation_percent),
            LinkKind::Dependency => None,
        })
        .sum();
    (100.0 - allocated).clamp(0.0, 100.0)
}

/// The edit that gives every funding link from `source` the same share of 100 %, or `None` when
/// it has fewer than two or they are equal already.
pub fn split_evenly(doc: &Document, source: Id) -> Option<Edit> {
    let links: Vec<(Id, f64)> = doc
        .links
        .iter()
        .filter(|(_, l)| l.from == source)
        .filter_map(|(id, l)| match l.kind {
            LinkKind::Funding { allocation_percent } => Some((*id, allocation_percent)),
            LinkKind::Dependency => None,
        })
        .collect();
    if links.len() < 2 {
        return None;
    }
    let share = ((100.0 / links.len() as f64) * 100.0).floor() / 100.0;
    let edits: Vec<Edit> = links
        .iter()
        .filter(|(_, current)| *current != share)
        .map(|(id, _)| Edit::SetLink {
            id: *id,
            field: crate::edit::LinkField::Kind(LinkKind::Funding {
                allocation_percent: share,
            }),
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The link a user draws from `from` to `to`, or why it cannot be drawn.
pub fn new_link(doc: &Document, from: Id, to: Id, kind: LinkKindChoice) -> Result<Link, String> {
    if from == to {
        return Err("A link needs two different ends.".to_owned());
    }
    if doc.node_kind(from).is_none() {
        return Err("That link has no start any more.".to_owned());
    }
    if doc.node_kind(to) != Some(NodeKind::Team) {
        return Err("Links end at a team; funding sources only give funding.".to_owned());
    }
    let kind = match kind {
        LinkKindChoice::Dependency if doc.node_kind(from) == Some(NodeKind::Team) => {
            LinkKind::Dependency
        }
        _ => LinkKind::Funding {
            allocation_percent: unallocated_percent(doc, from),
        },
    };
    let exists = doc
        .links
        .values()
        .any(|l| l.from == from && l.to == to && l.kind.is_funding() == kind.is_funding());
    if exists {
        return Err("Those two are already linked that way.".to_owned());
    }
    Ok(Link {
        kind,
        from,
        to,
        label: String::new(),
    })
}

/// The size a new node of `kind` gets.
pub fn new_node_size(kind: NodeKind) -> crate::model::Size {
    match kind {
        NodeKind::Team => Team::DEFAULT_SIZE,
        NodeKind::FundingSource => FundingSource::SIZE,
    }
}

/// Where a new node centred on `center` goes: its top-left corner, on the grid with `snap`.
pub fn new_node_position(kind: NodeKind, center: Point, snap: bool) -> Point {
    let size = new_node_size(kind);
    let position = center.offset(-size.width / 2.0, -size.height / 2.0);
    if snap { snap_point(position) } else { position }
}

/// How far copies with bounds `bounds` move to land on a free spot near `anchor` (centred on a
/// point, or beside the originals), clear of every node.
pub fn copies_offset(doc: &Document, bounds: Rect, anchor: Anchor, snap: bool) -> (f32, f32) {
    let size = crate::model::Size::new(bounds.width(), bounds.height());
    let corner = free_slot(doc, anchor, size, NodeKind::Team, snap);
    (corner.x - bounds.min.x, corner.y - bounds.min.y)
}

/// The offset that centres pasted items (with bounds `bounds`) on `target`.
pub fn paste_offset(bounds: Rect, target: Point, snap: bool) -> (f32, f32) {
    let center = bounds.center();
    let offset = (target.x - center.x, target.y - center.y);
    if snap {
        (
            (offset.0 / GRID).round() * GRID,
            (offset.1 / GRID).round() * GRID,
        )
    } else {
        offset
    }
}

/// "Checkout depends on Payments", "Retail P&L funds Checkout (12 %)".
pub fn link_label(doc: &Document, link: &Link) -> String {
    let from = doc.node_name(link.from).unwrap_or("?");
    let to = doc.node_name(link.to).unwrap_or("?");
    match link.kind {
        LinkKind::Dependency => format!("{from} depends on {to}"),
        LinkKind::Funding { allocation_percent } => {
            format!("{from} funds {to} ({})", format_percent(allocation_percent))
        }
    }
}

/// The area to frame so that every item in `items` is in view (a link frames both its ends, a
/// group everything in it).
pub fn items_bounds(doc: &Document, items: &BTreeSet<Id>) -> Option<Rect> {
    items
        .iter()
        .flat_map(|id| match doc.links.get(id) {
            Some(link) => vec![link.from, link.to],
            None if doc.groups.contains_key(id) => doc.group_all_members(*id),
            None => vec![*id],
        })
        .filter_map(|id| doc.node_rect(id))
        .reduce(Rect::union)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_evenly_gives_every_funding_link_of_a_source_the_same_share_in_one_edit() {
        let mut doc = two_teams_and_a_source();
        doc.links.insert(Id(10), Link::funding(Id(3), Id(1), 70.0));
        doc.links.insert(Id(11), Link::funding(Id(3), Id(2), 10.0));
        let edit = split_evenly(&doc, Id(3)).expect("an edit");
        edit.apply(&mut doc).expect("applies");
        for id in [Id(10), Id(11)] {
            assert_eq!(
                doc.links[&id].kind,
                LinkKind::Funding {
                    allocation_percent: 50.0
                }
            );
        }
        assert_eq!(split_evenly(&doc, Id(3)), None, "already even");
        assert_eq!(
            split_evenly(&doc, Id(1)),
            None,
            "a team with no funding links"
        );
    }
    use crate::model::ModelTypeId;

    fn two_teams_and_a_source() -> Document {
        let mut doc = Document::new("t");
        doc.teams
            .insert(Id(1), Team::new("A", ModelTypeId(1), Point::new(0.0, 0.0)));
        doc.teams.insert(
            Id(2),
            Team::new("B", ModelTypeId(1), Point::new(300.0, 0.0)),
        );
        doc.sources
            .insert(Id(3), FundingSource::new("Fund", Point::new(0.0, -200.0)));
        doc
    }

    #[test]
    fn a_snapped_move_puts_the_first_node_on_the_grid_and_keeps_the_group_shape() {
        let mut doc = two_teams_and_a_source();
        doc.teams.get_mut(&Id(2)).expect("team").position = Point::new(305.0, 3.0);
        let moves = moved_positions(&doc, &[Id(1), Id(2)], (27.0, 12.0), true);
        assert_eq!(moves[0], (Id(1), Point::new(20.0, 20.0)));
        assert_eq!(moves[1], (Id(2), Point::new(325.0, 23.0)));
    }

    #[test]
    fn a_move_that_changes_nothing_is_no_edit() {
        let doc = two_teams_and_a_source();
        assert!(move_edit(&doc, &[(Id(1), Point::new(0.0, 0.0))]).is_none());
        assert!(move_edit(&doc, &[(Id(1), Point::new(20.0, 0.0))]).is_some());
    }

    #[test]
    fn links_end_at_teams_and_are_never_drawn_twice() {
        let mut doc = two_teams_and_a_source();
        assert!(new_link(&doc, Id(1), Id(3), LinkKindChoice::Dependency).is_err());
        assert!(new_link(&doc, Id(1), Id(1), LinkKindChoice::Dependency).is_err());
        let link = new_link(&doc, Id(1), Id(2), LinkKindChoice::Dependency).expect("allowed");
        assert_eq!(link.kind, LinkKind::Dependency);
        doc.links.insert(Id(4), link);
        assert!(new_link(&doc, Id(1), Id(2), LinkKindChoice::Dependency).is_err());
        // A funding link between the same two teams is a different link.
        assert!(new_link(&doc, Id(1), Id(2), LinkKindChoice::Funding).is_ok());
    }

    #[test]
    fn a_funding_source_always_draws_funding_with_what_it_has_left() {
        let mut doc = two_teams_and_a_source();
        doc.links.insert(Id(4), Link::funding(Id(3), Id(1), 70.0));
        let link = new_link(&doc, Id(3), Id(2), LinkKindChoice::Dependency).expect("allowed");
        assert_eq!(
            link.kind,
            LinkKind::Funding {
                allocation_percent: 30.0
            }
        );
    }

    #[test]
    fn a_link_frames_both_its_ends() {
        let mut doc = two_teams_and_a_source();
        doc.links.insert(Id(4), Link::dependency(Id(1), Id(2)));
        let bounds = items_bounds(&doc, &BTreeSet::from([Id(4)])).expect("bounds");
        assert_eq!(bounds.min, Point::new(0.0, 0.0));
        assert!(bounds.max.x > 300.0);
    }
}
