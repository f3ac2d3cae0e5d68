//! The document: teams, funding sources, links and the palette they are drawn with.

use std::collections::BTreeMap;
use std::fmt;

use super::{Conflict, Group, Id, ModelType, ModelTypeId, Point, Rect, Size, default_palette};

/// How long before a bet pays off or is reviewed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Horizon {
    Hours,
    Days,
    Months,
    Quarters,
    Years,
    Decades,
}

impl Horizon {
    pub const ALL: [Self; 6] = [
        Self::Hours,
        Self::Days,
        Self::Months,
        Self::Quarters,
        Self::Years,
        Self::Decades,
    ];

    /// The word files and scripts use, for example `"months"` for "1–3 months": stable, unlike
    /// the label.
    pub fn key(self) -> &'static str {
        match self {
            Self::Hours => "hours",
            Self::Days => "days",
            Self::Months => "months",
            Self::Quarters => "quarters",
            Self::Years => "years",
            Self::Decades => "decades",
        }
    }

    /// The label users see, for example "1–3 months".
    pub fn label(self) -> &'static str {
        match self {
            Self::Hours => "1–3 hours",
            Self::Days => "1–3 days",
            Self::Months => "1–3 months",
            Self::Quarters => "1–3 quarters",
            Self::Years => "1–3 years",
            Self::Decades => "1–3 decades",
        }
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A team on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub name: String,
    pub model_type: ModelTypeId,
    pub headcount: u32,
    /// `None` while nobody has said yet.
    pub horizon: Option<Horizon>,
    pub notes: String,
    /// Top-left corner.
    pub position: Point,
    pub size: Size,
}

impl Team {
    pub const DEFAULT_SIZE: Size = Size::new(180.0, 72.0);

    pub fn new(name: impl Into<String>, model_type: ModelTypeId, position: Point) -> Self {
        Self {
            name: name.into(),
            model_type,
            headcount: 0,
            horizon: None,
            notes: String::new(),
            position,
            size: Self::DEFAULT_SIZE,
        }
    }
}

/// A budget amount in a currency, for example 2,000,000 EUR.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    pub amount: f64,
    pub currency: String,
}

/// A budget, business unit, portfolio or sponsor that funds teams.
#[derive(Clone, Debug, PartialEq)]
pub struct FundingSource {
    pub name: String,
    pub budget: Option<Budget>,
    /// Top-left corner.
    pub position: Point,
}

impl FundingSource {
    /// Funding sources are drawn at one size; only their position is stored.
    pub const SIZE: Size = Size::new(200.0, 64.0);

    pub fn new(name: impl Into<String>, position: Point) -> Self {
        Self {
            name: name.into(),
            budget: None,
            position,
        }
    }
}

/// What a link means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LinkKind {
    /// "`from` depends on `to`": drawn as an arrow from `from` to `to`. Both ends are teams.
    Dependency,
    /// `from` (a funding source or a team) funds `to` (a team) with this share of its budget.
    Funding { allocation_percent: f64 },
}

impl LinkKind {
    pub fn is_funding(self) -> bool {
        matches!(self, Self::Funding { .. })
    }
}

/// A dependency or funding link between two items.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub kind: LinkKind,
    pub from: Id,
    pub to: Id,
    pub label: String,
}

impl Link {
    pub fn dependency(from: Id, to: Id) -> Self {
        Self {
            kind: LinkKind::Dependency,
            from,
            to,
            label: String::new(),
        }
    }

    pub fn funding(from: Id, to: Id, allocation_percent: f64) -> Self {
        Self {
            kind: LinkKind::Funding { allocation_percent },
            from,
            to,
            label: String::new(),
        }
    }

    pub fn touches(&self, id: Id) -> bool {
        self.from == id || self.to == id
    }
}

/// What kind of item an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Team,
    FundingSource,
}

/// A whole map. Ordered maps keep iteration (and so files and drawing order) stable.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub title: String,
    /// In legend order.
    pub palette: Vec<ModelType>,
    pub teams: BTreeMap<Id, Team>,
    pub sources: BTreeMap<Id, FundingSource>,
    pub links: BTreeMap<Id, Link>,
    /// Business units, value streams and platform groupings; see [`Group`] for the membership rules.
    pub groups: BTreeMap<Id, Group>,
    /// Unresolved merge conflicts, in the order the merge found them; empty in a normal map.
    pub conflicts: Vec<Conflict>,
}

impl Default for Document {
    fn default() -> Self {
        Self::new("Untitled map")
    }
}

impl Document {
    /// An empty map with the default palette.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            palette: default_palette(),
            teams: BTreeMap::new(),
            sources: BTreeMap::new(),
            links: BTreeMap::new(),
            groups: BTreeMap::new(),
            conflicts: Vec::new(),
        }
    }

    /// An id no item uses: one above the largest, or, when that would pass
    /// [`MAX_ID`](super::limits::MAX_ID), the smallest free one, so allocation never wraps.
    /// Derived from the items, so it is never stored.
    pub fn next_id(&self) -> Id {
        let max = [
            self.teams.keys().next_back(),
            self.sources.keys().next_back(),
            self.links.keys().next_back(),
            self.groups.keys().next_back(),
        ]
        .into_iter()
        .flatten()
        .map(|id| id.0)
        .max()
        .unwrap_or(0);
        if max < super::limits::MAX_ID {
            return Id(max + 1);
        }
        let mut used: Vec<u64> = self
            .teams
            .keys()
            .chain(self.sources.keys())
            .chain(self.links.keys())
            .chain(self.groups.keys())
            .map(|id| id.0)
            .collect();
        used.sort_unstable();
        let mut free = 1;
        for id in used {
            if id > free {
                break;
            }
            free = free.max(id + 1);
        }
        Id(free)
    }

    /// A model type id the palette does not use yet.
    pub fn next_model_type_id(&self) -> ModelTypeId {
        let max = self.palette.iter().map(|t| t.id.0).max().unwrap_or(0);
        if max < super::limits::MAX_ID {
            return ModelTypeId(max + 1);
        }
        let mut free = 1;
        while self.palette.iter().any(|t| t.id.0 == free) {
            free += 1;
        }
        ModelTypeId(free)
    }

    pub fn contains(&self, id: Id) -> bool {
        self.teams.contains_key(&id)
            || self.sources.contains_key(&id)
            || self.links.contains_key(&id)
            || self.groups.contains_key(&id)
    }

    pub fn node_kind(&self, id: Id) -> Option<NodeKind> {
        if self.teams.contains_key(&id) {
            Some(NodeKind::Team)
        } else if self.sources.contains_key(&id) {
            Some(NodeKind::FundingSource)
        } else {
            None
        }
    }

    pub fn model_type(&self, id: ModelTypeId) -> Option<&ModelType> {
        self.palette.iter().find(|t| t.id == id)
    }

    /// Links that start or end at `node`, in id order.
    pub fn links_touching(&self, node: Id) -> impl Iterator<Item = (Id, &Link)> {
        self.links
            .iter()
            .filter(move |(_, link)| link.touches(node))
            .map(|(id, link)| (*id, link))
    }

    /// The name of a team or funding source, for messages and labels.
    pub fn node_name(&self, id: Id) -> Option<&str> {
        self.teams
            .get(&id)
            .map(|t| t.name.as_str())
            .or_else(|| self.sources.get(&id).map(|s| s.name.as_str()))
    }

    /// The rectangle a team or funding source covers on the canvas.
    pub fn node_rect(&self, id: Id) -> Option<Rect> {
        self.teams
            .get(&id)
            .map(|t| Rect::from_min_size(t.position, t.size))
            .or_else(|| {
                self.sources
                    .get(&id)
                    .map(|s| Rect::from_min_size(s.position, FundingSource::SIZE))
            })
    }

    /// Every team's id, then every funding source's, each in id order.
    pub fn node_ids(&self) -> impl Iterator<Item = Id> + '_ {
        self.teams.keys().chain(self.sources.keys()).copied()
    }

    /// Every team's box, then every funding source's, each by id.
    pub fn node_rects(&self) -> impl Iterator<Item = (Id, Rect)> + '_ {
        self.node_ids()
            .filter_map(|id| Some((id, self.node_rect(id)?)))
    }

    /// The area covered by all teams and funding sources; `None` when there are none.
    pub fn nodes_bounds(&self) -> Option<Rect> {
        self.teams
            .keys()
            .chain(self.sources.keys())
            .filter_map(|id| self.node_rect(*id))
            .reduce(Rect::union)
    }

    pub fn teams_of_type(&self, model_type: ModelTypeId) -> impl Iterator<Item = Id> {
        self.teams
            .iter()
            .filter(move |(_, team)| team.model_type == model_type)
            .map(|(id, _)| *id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_is_above_every_item_kind() {
        let mut doc = Document::new("t");
        assert_eq!(doc.next_id(), Id(1));
        doc.sources
            .insert(Id(9), FundingSource::new("Fund", Point::default()));
        doc.teams
            .insert(Id(4), Team::new("A", ModelTypeId(1), Point::default()));
        assert_eq!(doc.next_id(), Id(10));
        doc.links.insert(Id(12), Link::funding(Id(9), Id(4), 50.0));
        assert_eq!(doc.next_id(), Id(13));
        doc.groups.insert(
            Id(20),
            crate::model::Group::new("BU", crate::model::GroupKind::BusinessUnit),
        );
        assert_eq!(doc.next_id(), Id(21));
    }

    #[test]
    fn node_kind_tells_teams_from_sources() {
        let mut doc = Document::new("t");
        doc.teams
            .insert(Id(1), Team::new("A", ModelTypeId(1), Point::default()));
        doc.sources
            .insert(Id(2), FundingSource::new("F", Point::default()));
        assert_eq!(doc.node_kind(Id(1)), Some(NodeKind::Team));
        assert_eq!(doc.node_kind(Id(2)), Some(NodeKind::FundingSource));
        assert_eq!(doc.node_kind(Id(3)), None);
    }
}
