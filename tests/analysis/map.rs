//! A small builder for hand-made maps: the document is built directly, so tests can also hold what
//! validation would refuse (a self-link, an unknown model type).

use teamscape::model::{
    Budget, Document, FundingSource, Group, GroupKind, Horizon, Id, Link, ModelTypeId, Point, Team,
};

pub const INDEPENDENT: ModelTypeId = ModelTypeId(1);
pub const NEW_OFFERING: ModelTypeId = ModelTypeId(4);
pub const PLATFORM: ModelTypeId = ModelTypeId(6);

pub struct Map {
    pub doc: Document,
    next: u64,
}

impl Map {
    pub fn new() -> Self {
        Self {
            doc: Document::new("Test map"),
            next: 1,
        }
    }

    fn id(&mut self) -> Id {
        let id = Id(self.next);
        self.next += 1;
        id
    }

    pub fn team(&mut self, name: &str) -> Id {
        self.team_with(name, INDEPENDENT, 0, None)
    }

    pub fn team_with(
        &mut self,
        name: &str,
        model_type: ModelTypeId,
        headcount: u32,
        horizon: Option<Horizon>,
    ) -> Id {
        let id = self.id();
        let mut team = Team::new(name, model_type, Point::default());
        team.headcount = headcount;
        team.horizon = horizon;
        self.doc.teams.insert(id, team);
        id
    }

    pub fn source(&mut self, name: &str, budget: Option<(f64, &str)>) -> Id {
        let id = self.id();
        let mut source = FundingSource::new(name, Point::default());
        source.budget = budget.map(|(amount, currency)| Budget {
            amount,
            currency: currency.to_owned(),
        });
        self.doc.sources.insert(id, source);
        id
    }

    pub fn depends(&mut self, from: Id, to: Id) -> Id {
        let id = self.id();
        self.doc.links.insert(id, Link::dependency(from, to));
        id
    }

    pub fn funds(&mut self, from: Id, to: Id, percent: f64) -> Id {
        let id = self.id();
        self.doc.links.insert(id, Link::funding(from, to, percent));
        id
    }

    /// A group listing `members`, nested in `parent`.
    pub fn group(&mut self, name: &str, parent: Option<Id>, members: &[Id]) -> Id {
        let id = self.id();
        let mut group = Group::new(name, GroupKind::BusinessUnit);
        group.parent = parent;
        group.members = members.to_vec();
        group.members.sort_unstable();
        self.doc.groups.insert(id, group);
        id
    }
}
