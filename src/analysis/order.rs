//! Dense team indices and the name order every list a user sees is sorted by.

use std::collections::HashMap;

use crate::model::{Document, FundingSource, Id, Team};

/// Teams numbered 0..n in id order, so per-team figures live in plain vectors, and each team's place in
/// name order (case-insensitive name, then exact name, then id), so sorting by name is sorting integers.
pub(super) struct TeamOrder<'a> {
    /// Dense index → id.
    pub ids: Vec<Id>,
    /// Dense index → team.
    pub teams: Vec<&'a Team>,
    /// Dense index → position in name order.
    pub rank: Vec<usize>,
    /// Position in name order → dense index.
    pub by_name: Vec<usize>,
    dense: IdIndex,
}

impl<'a> TeamOrder<'a> {
    pub fn of(doc: &'a Document) -> Self {
        let ids: Vec<Id> = doc.teams.keys().copied().collect();
        let teams: Vec<&Team> = doc.teams.values().collect();
        let dense = IdIndex::new(&ids, doc);
        let folded = FoldedNames::of(teams.iter().map(|t| t.name.as_str()));
        let mut by_name: Vec<usize> = (0..teams.len()).collect();
        by_name.sort_unstable_by(|&a, &b| {
            folded
                .get(a)
                .cmp(folded.get(b))
                .then_with(|| teams[a].name.cmp(&teams[b].name))
                .then(ids[a].cmp(&ids[b]))
        });
        let mut rank = vec![0; teams.len()];
        for (position, &i) in by_name.iter().enumerate() {
            rank[i] = position;
        }
        Self {
            ids,
            teams,
            rank,
            by_name,
            dense,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The dense index of the team `id`, or `None` when `id` is not a team.
    pub fn index(&self, id: Id) -> Option<usize> {
        self.dense.get(id)
    }

    pub fn name(&self, team: usize) -> &'a str {
        &self.teams[team].name
    }
}

/// Sorts by what a reader scans for (the name, ignoring case), then breaks ties so the order is total.
fn name_key(name: &str, id: Id) -> (String, String, Id) {
    (name.to_lowercase(), name.to_owned(), id)
}

/// Lower-case names in one buffer, so sorting 10,000 teams does not allocate 10,000 strings.
struct FoldedNames {
    text: String,
    ends: Vec<usize>,
}

impl FoldedNames {
    fn of<'n>(names: impl Iterator<Item = &'n str>) -> Self {
        let mut folded = Self {
            text: String::new(),
            ends: Vec::new(),
        };
        for name in names {
            let start = folded.text.len();
            if name.is_ascii() {
                folded.text.push_str(name);
                folded.text[start..].make_ascii_lowercase();
            } else {
                folded
                    .text
                    .extend(name.chars().flat_map(char::to_lowercase));
            }
            folded.ends.push(folded.text.len());
        }
        folded
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// Finds an item's dense index from its id. Ids are compact (a new id is the largest so far plus
/// one), so a table indexed by id is small and needs no hashing; sparse ids fall back to a map.
pub(super) enum IdIndex {
    Table(Vec<u32>),
    Map(HashMap<Id, usize>),
}

impl IdIndex {
    const ABSENT: u32 = u32::MAX;

    /// `ids` are the items' ids in dense order; `doc` bounds how large a table is worth making.
    pub fn new(ids: &[Id], doc: &Document) -> Self {
        let items = doc.teams.len() + doc.sources.len() + doc.links.len();
        let largest = ids.iter().map(|id| id.0).max().unwrap_or(0);
        let fits = usize::try_from(largest)
            .ok()
            .filter(|&largest| largest <= 2 * items + 1024);
        match (fits, u32::try_from(ids.len())) {
            (Some(largest), Ok(_)) => {
                let mut table = vec![Self::ABSENT; largest + 1];
                for (i, id) in (0_u32..).zip(ids) {
                    if let Some(slot) = usize::try_from(id.0).ok().and_then(|s| table.get_mut(s)) {
                        *slot = i;
                    }
                }
                Self::Table(table)
            }
            _ => Self::Map(ids.iter().enumerate().map(|(i, id)| (*id, i)).collect()),
        }
    }

    pub fn get(&self, id: Id) -> Option<usize> {
        match self {
            Self::Table(table) => usize::try_from(id.0)
                .ok()
                .and_then(|i| table.get(i))
                .filter(|&&i| i != Self::ABSENT)
                .map(|&i| i as usize),
            Self::Map(map) => map.get(&id).copied(),
        }
    }
}

/// Funding sources in name order.
pub(super) fn sources_by_name(doc: &Document) -> Vec<(Id, &FundingSource)> {
    let mut sources: Vec<(Id, &FundingSource)> =
        doc.sources.iter().map(|(id, s)| (*id, s)).collect();
    sources.sort_by_cached_key(|(id, source)| name_key(&source.name, *id));
    sources
}
