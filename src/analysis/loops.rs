//! Funding loops: teams that fund each other round a loop, so a share of a share never settles.

use super::funding::{UnknownAmount, funds};
use crate::model::Id;

/// One tangle of teams funding each other: a loop through it, and every team in it.
pub(super) struct FundingLoop {
    /// Teams round one loop, as reached from the tangle's first team by name; the last funds the
    /// first.
    pub path: Vec<usize>,
    /// The funding links along `path`.
    pub links: Vec<Id>,
    /// Every team on a loop of the tangle or between two of its loops, in name order.
    pub teams: Vec<usize>,
}

/// A funding link between two teams, over dense team indices.
pub(super) struct TeamFunding {
    pub from: usize,
    pub to: usize,
    pub link: Id,
    pub percent: f64,
}

/// The funding loops among teams whose amounts never settled. Linear in teams and links.
pub(super) fn find(
    edges: &[TeamFunding],
    unknown: &[Option<UnknownAmount>],
    rank: &[usize],
) -> Vec<FundingLoop> {
    let n = unknown.len();
    let unsettled = |t: usize| unknown[t] == Some(UnknownAmount::FundingLoop);
    let inner: Vec<&TeamFunding> = edges
        .iter()
        .filter(|e| funds(e.percent) && unsettled(e.from) && unsettled(e.to) && e.from != e.to)
        .collect();
    // Peel teams that fund no unsettled team: they are downstream of a loop, not on one.
    let mut out_degree = vec![0_usize; n];
    let mut funded_by: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &inner {
        out_degree[e.from] += 1;
        funded_by[e.to].push(e.from);
    }
    let mut on_loop: Vec<bool> = (0..n).map(unsettled).collect();
    let mut peel: Vec<usize> = (0..n)
        .filter(|&t| on_loop[t] && out_degree[t] == 0)
        .collect();
    while let Some(team) = peel.pop() {
        on_loop[team] = false;
        for &from in &funded_by[team] {
            out_degree[from] -= 1;
            if out_degree[from] == 0 && on_loop[from] {
                peel.push(from);
            }
        }
    }
    let mut next: Vec<Vec<&TeamFunding>> = vec![Vec::new(); n];
    let mut tangles = UnionFind::new(n);
    for e in inner.iter().filter(|e| on_loop[e.from] && on_loop[e.to]) {
        next[e.from].push(e);
        tangles.join(e.from, e.to);
    }
    for outs in &mut next {
        outs.sort_by_key(|e| (rank[e.to], e.link));
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut by_name: Vec<usize> = (0..n).filter(|&t| on_loop[t]).collect();
    by_name.sort_by_key(|&t| rank[t]);
    for &t in &by_name {
        members[tangles.root(t)].push(t);
    }
    let mut loops: Vec<FundingLoop> = members
        .into_iter()
        .filter(|teams| !teams.is_empty())
        .map(|teams| {
            let (path, links) = walk(teams[0], &next);
            FundingLoop { path, links, teams }
        })
        .collect();
    loops.sort_by_key(|l| rank[l.teams[0]]);
    loops
}

/// Follows the first funding link out of each team until a team comes round again. Every team
/// left after peeling funds another one, so the walk always closes.
fn walk(start: usize, next: &[Vec<&TeamFunding>]) -> (Vec<usize>, Vec<Id>) {
    let mut seen_at = std::collections::HashMap::new();
    let mut path = Vec::new();
    let mut links = Vec::new();
    let mut team = start;
    while let Some(&first) = next[team].first() {
        if let Some(&at) = seen_at.get(&team) {
            path.drain(..at);
            links.drain(..at);
            return (path, links);
        }
        seen_at.insert(team, path.len());
        path.push(team);
        links.push(first.link);
        team = first.to;
    }
    (path, links)
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        Self((0..n).collect())
    }

    fn root(&mut self, mut t: usize) -> usize {
        while self.0[t] != t {
            self.0[t] = self.0[self.0[t]];
            t = self.0[t];
        }
        t
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        self.0[a] = b;
    }
}
