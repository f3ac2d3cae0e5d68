//! Comparing the open map with another version of it (a file, or the last saved version): what
//! each item is now (added, changed, only moved) or was (removed), where to look for each change,
//! and the list of changes. Session state: never saved, never undone.

use std::collections::HashMap;
use std::sync::Arc;

use crate::analysis::diff::{ChangeKind, Diff, ItemChange};
use crate::model::{Document, Id, ItemRef, Point, Rect};

/// The other version the open map is being compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// What the map is compared with, as the user knows it: "the last saved version", "q3.ron".
    pub against: String,
    pub old: Arc<Document>,
}

impl Comparison {
    pub fn new(against: impl Into<String>, old: Document) -> Self {
        Self {
            against: against.into(),
            old: Arc::new(old),
        }
    }
}

/// How an item of the map differs from the other version. Shown with a colour and a symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    Added,
    Removed,
    Changed,
    /// Only its position or size changed.
    Moved,
}

impl Mark {
    /// The symbol drawn beside a marked item and in the change list: the mark never rests on
    /// colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Added => "+",
            Self::Removed => "−",
            Self::Changed => "~",
            Self::Moved => "↔",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
            Self::Moved => "moved",
        }
    }

    fn of(change: &ItemChange) -> Self {
        match change.kind {
            ChangeKind::Added => Self::Added,
            ChangeKind::Removed => Self::Removed,
            ChangeKind::Changed if change.layout_only => Self::Moved,
            ChangeKind::Changed => Self::Changed,
        }
    }
}

/// A team or funding source the other version has and this one does not, where it was.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedNode {
    pub id: Id,
    pub name: String,
    pub rect: Rect,
}

/// A link the other version has and this one does not, between where its ends were.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedLink {
    pub id: Id,
    pub from: Point,
    pub to: Point,
    pub funding: bool,
}

/// The open map compared with the other version: derived, rebuilt when either changes.
#[derive(Clone, Debug)]
pub struct Compared {
    pub diff: Diff,
    /// The mark of each team, funding source and link this map has that differs.
    pub marks: HashMap<Id, Mark>,
    pub removed_nodes: Vec<RemovedNode>,
    pub removed_links: Vec<RemovedLink>,
    /// The change list's order, as indices into `diff.changes`: what changed in meaning first,
    /// what only moved after it.
    pub list: Vec<usize>,
    /// How many changes of each mark: added, removed, changed, moved.
    pub counts: [usize; 4],
}

impl Mark {
    /// The marks in the order the change list counts them.
    pub const ALL: [Self; 4] = [Self::Added, Self::Removed, Self::Changed, Self::Moved];
}

impl Compared {
    /// `new` (the open map) against `old` (the other version).
    pub fn of(old: &Document, new: &Document) -> Self {
        let diff = Diff::of(old, new);
        let mut marks = HashMap::new();
        let mut removed_nodes = Vec::new();
        let mut removed_links = Vec::new();
        for change in &diff.changes {
            let (ItemRef::Team(id) | ItemRef::Source(id) | ItemRef::Link(id)) = change.item else {
                continue;
            };
            let mark = Mark::of(change);
            if mark != Mark::Removed {
                marks.insert(id, mark);
                continue;
            }
            if let Some(rect) = old.node_rect(id) {
                let name = old.node_name(id).unwrap_or_default().to_owned();
                removed_nodes.push(RemovedNode { id, name, rect });
            } else if let Some(link) = old.links.get(&id)
                && let (Some(a), Some(b)) = (old.node_rect(link.from), old.node_rect(link.to))
            {
                removed_links.push(RemovedLink {
                    id,
                    from: a.center(),
                    to: b.center(),
                    funding: link.kind.is_funding(),
                });
            }
        }
        let mut list: Vec<usize> = (0..diff.changes.len()).collect();
        list.sort_by_key(|&i| diff.changes[i].layout_only);
        let mut counts = [0; 4];
        for change in &diff.changes {
            let mark = Mark::of(change);
            counts[Mark::ALL.iter().position(|m| *m == mark).unwrap_or(0)] += 1;
        }
        Self {
            diff,
            marks,
            removed_nodes,
            removed_links,
            list,
            counts,
        }
    }

    /// The mark of `change`, for the change list.
    pub fn mark(change: &ItemChange) -> Mark {
        Mark::of(change)
    }

    /// Where to look for `change`: the item where it is now, or where it was when removed (a
    /// link with both its ends). `None` for the map's title and the model types.
    pub fn area(old: &Document, new: &Document, change: &ItemChange) -> Option<Rect> {
        let doc = if change.kind == ChangeKind::Removed {
            old
        } else {
            new
        };
        match change.item {
            ItemRef::Team(id) | ItemRef::Source(id) => doc.node_rect(id),
            ItemRef::Link(id) => {
                let link = doc.links.get(&id)?;
                Some(doc.node_rect(link.from)?.union(doc.node_rect(link.to)?))
            }
            ItemRef::Group(id) => doc
                .group_all_members(id)
                .into_iter()
                .filter_map(|node| doc.node_rect(node))
                .reduce(Rect::union),
            ItemRef::Map | ItemRef::ModelType(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FundingSource, Link, ModelTypeId, Team};

    fn old_map() -> Document {
        let mut doc = Document::new("Q3");
        doc.teams.insert(
            Id(1),
            Team::new("Checkout", ModelTypeId(1), Point::new(0.0, 0.0)),
        );
        doc.teams.insert(
            Id(2),
            Team::new("Payments", ModelTypeId(6), Point::new(300.0, 0.0)),
        );
        doc.sources
            .insert(Id(3), FundingSource::new("Fund", Point::new(0.0, -200.0)));
        doc.links.insert(Id(4), Link::funding(Id(3), Id(2), 50.0));
        doc
    }

    #[test]
    fn each_item_is_marked_added_removed_changed_or_moved_and_has_a_place_to_look() {
        let old = old_map();
        let mut new = old.clone();
        new.teams.remove(&Id(2));
        new.links.remove(&Id(4));
        new.teams.get_mut(&Id(1)).expect("1").headcount = 9;
        new.sources.get_mut(&Id(3)).expect("3").position = Point::new(40.0, -200.0);
        new.teams.insert(
            Id(5),
            Team::new("Search", ModelTypeId(3), Point::new(0.0, 300.0)),
        );
        let compared = Compared::of(&old, &new);
        assert_eq!(compared.marks[&Id(1)], Mark::Changed);
        assert_eq!(compared.marks[&Id(3)], Mark::Moved);
        assert_eq!(compared.marks[&Id(5)], Mark::Added);
        assert_eq!(compared.marks.len(), 3);
        assert_eq!(compared.removed_nodes.len(), 1);
        assert_eq!(compared.removed_nodes[0].name, "Payments");
        assert_eq!(compared.removed_links.len(), 1);
        assert!(compared.removed_links[0].funding);

        for change in &compared.diff.changes {
            let area = Compared::area(&old, &new, change).expect("every change here has a place");
            let expected = match change.item {
                ItemRef::Team(Id(2)) => old.node_rect(Id(2)),
                ItemRef::Link(Id(4)) => Some(
                    old.node_rect(Id(3))
                        .expect("3")
                        .union(old.node_rect(Id(2)).expect("2")),
                ),
                ItemRef::Team(id) | ItemRef::Source(id) => new.node_rect(id),
                other => panic!("unexpected change of {other}"),
            };
            assert_eq!(Some(area), expected, "{}", change.description);
        }
    }

    #[test]
    fn a_map_compared_with_itself_marks_nothing() {
        let compared = Compared::of(&old_map(), &old_map());
        assert!(compared.diff.is_empty());
        assert!(compared.marks.is_empty() && compared.removed_nodes.is_empty());
    }
}
