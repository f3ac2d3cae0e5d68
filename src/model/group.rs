//! Groups: business units, value streams and platform groupings that contain teams and funding
//! sources, and may nest.
//!
//! Membership is data, not geometry: a group lists its members by id. A team or funding source is
//! listed in at most one group, its innermost; it belongs to that group's ancestors through
//! nesting, so it is in at most one group at each level. Nesting never forms a cycle and is at most
//! [`MAX_GROUP_DEPTH`](super::limits::MAX_GROUP_DEPTH) levels deep.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use super::limits::MAX_GROUP_DEPTH;
use super::{Color, Document, Id};

/// What a group stands for in the company.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GroupKind {
    BusinessUnit,
    ValueStream,
    Platform,
    /// The user's own kind, with its label ("Tribe", "Product area").
    Other(String),
}

impl GroupKind {
    /// The kinds every map offers, in menu order; [`GroupKind::Other`] is typed by the user.
    pub const BUILT_IN: [Self; 3] = [Self::BusinessUnit, Self::ValueStream, Self::Platform];

    /// The label users see: "Business unit", or the user's own label.
    pub fn label(&self) -> &str {
        match self {
            Self::BusinessUnit => "Business unit",
            Self::ValueStream => "Value stream",
            Self::Platform => "Platform grouping",
            Self::Other(label) => label,
        }
    }

    /// The word scripts use (JSON reports): stable, unlike the label. `other` for the user's own.
    pub fn key(&self) -> &'static str {
        match self {
            Self::BusinessUnit => "business_unit",
            Self::ValueStream => "value_stream",
            Self::Platform => "platform",
            Self::Other(_) => "other",
        }
    }
}

impl fmt::Display for GroupKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A group of teams and funding sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    pub kind: GroupKind,
    /// `None` draws the group in a colour derived from its kind.
    pub color: Option<Color>,
    pub notes: String,
    /// The group this one is nested in.
    pub parent: Option<Id>,
    /// Teams and funding sources listed directly in this group (not those of nested groups), in
    /// id order, each once.
    pub members: Vec<Id>,
    /// Drawn as one box with its roll-up instead of its members.
    pub collapsed: bool,
}

impl Group {
    pub fn new(name: impl Into<String>, kind: GroupKind) -> Self {
        Self {
            name: name.into(),
            kind,
            color: None,
            notes: String::new(),
            parent: None,
            members: Vec::new(),
            collapsed: false,
        }
    }

    /// Whether `node` is listed directly in this group.
    pub fn lists(&self, node: Id) -> bool {
        self.members.binary_search(&node).is_ok()
    }

    /// Lists `node` (keeping the list sorted); false when it was listed already.
    pub(crate) fn add_member(&mut self, node: Id) -> bool {
        match self.members.binary_search(&node) {
            Ok(_) => false,
            Err(at) => {
                self.members.insert(at, node);
                true
            }
        }
    }

    /// Stops listing `node`; false when it was not listed.
    pub(crate) fn remove_member(&mut self, node: Id) -> bool {
        match self.members.binary_search(&node) {
            Ok(at) => {
                self.members.remove(at);
                true
            }
            Err(_) => false,
        }
    }
}

impl Document {
    /// The group that lists `node` (a team or funding source) directly: its innermost group.
    pub fn group_of(&self, node: Id) -> Option<Id> {
        self.groups
            .iter()
            .find(|(_, group)| group.lists(node))
            .map(|(id, _)| *id)
    }

    /// Every listed node with the group that lists it, built once for callers that ask about many
    /// nodes (a scan per node would be quadratic on a large map). With a node listed twice (only
    /// in an invalid document), the group with the smaller id wins, as in [`Document::group_of`].
    pub fn group_index(&self) -> HashMap<Id, Id> {
        let mut index = HashMap::new();
        for (&group, g) in self.groups.iter().rev() {
            for &member in &g.members {
                index.insert(member, group);
            }
        }
        index
    }

    /// The groups `group` is nested in, innermost first. Stops at a group that is missing or seen
    /// already, so even an invalid document (a parent loop) gives a finite answer.
    pub fn group_ancestors(&self, group: Id) -> Vec<Id> {
        let mut ancestors = Vec::new();
        let mut at = self.groups.get(&group).and_then(|g| g.parent);
        while let Some(parent) = at {
            if parent == group || ancestors.contains(&parent) || !self.groups.contains_key(&parent)
            {
                break;
            }
            ancestors.push(parent);
            at = self.groups[&parent].parent;
        }
        ancestors
    }

    /// How deep `group` is nested: 1 for a group at the top level, 2 for one inside it, and so on.
    pub fn group_depth(&self, group: Id) -> usize {
        self.group_ancestors(group).len() + 1
    }

    /// `node`'s groups from the innermost outwards: the group that lists it, then its ancestors.
    pub fn groups_containing(&self, node: Id) -> Vec<Id> {
        let Some(innermost) = self.group_of(node) else {
            return Vec::new();
        };
        let mut groups = vec![innermost];
        groups.extend(self.group_ancestors(innermost));
        groups
    }

    /// The groups nested directly in `group` (`None`: the top-level groups), in id order.
    pub fn group_children(&self, group: Option<Id>) -> impl Iterator<Item = Id> + '_ {
        self.groups
            .iter()
            .filter(move |(_, g)| g.parent == group)
            .map(|(id, _)| *id)
    }

    /// Every group nested in `group` at any depth, nearest levels first, each level in id order.
    pub fn group_descendants(&self, group: Id) -> Vec<Id> {
        let mut children: BTreeMap<Id, Vec<Id>> = BTreeMap::new();
        for (id, g) in &self.groups {
            if let Some(parent) = g.parent {
                children.entry(parent).or_default().push(*id);
            }
        }
        let mut seen = BTreeSet::from([group]);
        let mut found = Vec::new();
        let mut level = vec![group];
        while !level.is_empty() {
            let mut next = Vec::new();
            for id in level {
                for &child in children.get(&id).map_or(&[][..], Vec::as_slice) {
                    if seen.insert(child) {
                        found.push(child);
                        next.push(child);
                    }
                }
            }
            level = next;
        }
        found
    }

    /// Every team and funding source in `group`, nested groups' members included, in id order:
    /// what a roll-up counts and what moves when the group moves.
    pub fn group_all_members(&self, group: Id) -> Vec<Id> {
        let Some(g) = self.groups.get(&group) else {
            return Vec::new();
        };
        let mut members: Vec<Id> = g.members.clone();
        for nested in self.group_descendants(group) {
            members.extend(&self.groups[&nested].members);
        }
        members.sort_unstable();
        members.dedup();
        members
    }

    /// How many levels `group` and the groups nested in it span: 1 for a group with no nested
    /// groups. Nesting `group` inside a group at depth `d` makes its deepest group `d + height`.
    pub fn group_height(&self, group: Id) -> usize {
        let descendants = self.group_descendants(group);
        descendants
            .iter()
            .map(|&d| {
                self.group_ancestors(d)
                    .iter()
                    .position(|&a| a == group)
                    .map_or(1, |p| p + 2)
            })
            .max()
            .unwrap_or(1)
    }

    /// Whether nesting `group` inside `parent` is allowed: `parent` exists, is not `group` or a
    /// group nested in it, and the deepest group stays within [`MAX_GROUP_DEPTH`]. `Err` says why.
    pub fn check_nesting(&self, group: Id, parent: Id) -> Result<(), String> {
        if !self.groups.contains_key(&parent) {
            return Err(format!("{parent} is not a group"));
        }
        if parent == group || self.group_ancestors(parent).contains(&group) {
            return Err(format!(
                "cannot be nested in group {parent}, which is inside it; groups never contain themselves"
            ));
        }
        let depth = self.group_depth(parent) + self.group_height(group);
        if depth > MAX_GROUP_DEPTH {
            return Err(format!(
                "nested in group {parent} it would be {depth} levels deep, above the limit of {MAX_GROUP_DEPTH}"
            ));
        }
        Ok(())
    }

    /// `ids` with every group among them replaced by all its members (nested included), each node
    /// once, in first-seen order; links and unknown ids are dropped. What a move of a selection
    /// that holds groups moves.
    pub fn nodes_with_group_members(&self, ids: impl IntoIterator<Item = Id>) -> Vec<Id> {
        let mut seen = BTreeSet::new();
        let mut nodes = Vec::new();
        for id in ids {
            let expanded = if self.groups.contains_key(&id) {
                self.group_all_members(id)
            } else {
                vec![id]
            };
            for node in expanded {
                if self.node_kind(node).is_some() && seen.insert(node) {
                    nodes.push(node);
                }
            }
        }
        nodes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ModelTypeId, Point, Team};

    /// Retail (1) holds Checkout (10) and the Search value stream (2), which holds Search (11).
    fn nested() -> Document {
        let mut doc = Document::new("t");
        for (id, name) in [(10, "Checkout"), (11, "Search"), (12, "Infra")] {
            doc.teams
                .insert(Id(id), Team::new(name, ModelTypeId(1), Point::default()));
        }
        let mut retail = Group::new("Retail", GroupKind::BusinessUnit);
        retail.members = vec![Id(10)];
        let mut search = Group::new("Search", GroupKind::ValueStream);
        search.parent = Some(Id(1));
        search.members = vec![Id(11)];
        doc.groups.insert(Id(1), retail);
        doc.groups.insert(Id(2), search);
        doc
    }

    #[test]
    fn a_node_belongs_to_its_innermost_group_and_that_groups_ancestors() {
        let doc = nested();
        assert_eq!(doc.group_of(Id(11)), Some(Id(2)));
        assert_eq!(doc.groups_containing(Id(11)), vec![Id(2), Id(1)]);
        assert_eq!(doc.groups_containing(Id(12)), Vec::<Id>::new());
        assert_eq!(doc.group_index().get(&Id(10)), Some(&Id(1)));
    }

    #[test]
    fn all_members_include_nested_groups_members() {
        let doc = nested();
        assert_eq!(doc.group_all_members(Id(1)), vec![Id(10), Id(11)]);
        assert_eq!(doc.group_all_members(Id(2)), vec![Id(11)]);
        assert_eq!(doc.group_depth(Id(2)), 2);
        assert_eq!(doc.group_height(Id(1)), 2);
        assert_eq!(doc.group_height(Id(2)), 1);
    }

    #[test]
    fn nesting_a_group_inside_itself_or_too_deep_is_refused() {
        let mut doc = nested();
        assert!(doc.check_nesting(Id(1), Id(2)).is_err(), "a cycle");
        assert!(doc.check_nesting(Id(1), Id(1)).is_err(), "itself");
        let mut parent = Id(2);
        for level in 3..=MAX_GROUP_DEPTH as u64 {
            let mut g = Group::new(format!("Level {level}"), GroupKind::Platform);
            g.parent = Some(parent);
            parent = Id(100 + level);
            doc.groups.insert(parent, g);
        }
        doc.groups
            .insert(Id(99), Group::new("Loose", GroupKind::Platform));
        let error = doc.check_nesting(Id(99), parent).expect_err("too deep");
        assert!(error.contains("above the limit"), "{error}");
    }

    #[test]
    fn ancestors_of_a_parent_loop_end() {
        let mut doc = nested();
        doc.groups.get_mut(&Id(1)).expect("group").parent = Some(Id(2));
        assert_eq!(doc.group_ancestors(Id(2)), vec![Id(1)]);
    }

    #[test]
    fn groups_in_a_selection_stand_for_their_members() {
        let doc = nested();
        assert_eq!(
            doc.nodes_with_group_members([Id(2), Id(12), Id(11), Id(1)]),
            vec![Id(11), Id(12), Id(10)]
        );
    }
}
