//! Dependency risks: fan-in and fan-out, the most depended-on teams, and dependency cycles.

use std::collections::VecDeque;

use serde::Serialize;

use super::json;
use super::order::TeamOrder;
use crate::model::{Document, Id, LinkKind};

/// A team and how many teams depend on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DependedOn {
    #[serde(serialize_with = "json::id")]
    pub team: Id,
    pub name: String,
    pub fan_in: usize,
}

/// Teams that depend on each other in a loop: a strongly connected component of the dependency
/// graph with more than one team, or one team with a dependency link to itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cycle {
    /// Every team in the loop, in name order.
    #[serde(serialize_with = "json::ids")]
    pub teams: Vec<Id>,
    /// One concrete loop, shortest first: starts at the first team in name order, each team depends on
    /// the next, and the last depends on the first (which is not repeated).
    #[serde(serialize_with = "json::ids")]
    pub path: Vec<Id>,
    /// The dependency links between teams of the loop, in id order.
    #[serde(serialize_with = "json::ids")]
    pub links: Vec<Id>,
}

/// The dependency findings of a map. Only dependency links count; funding links never make a cycle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dependencies {
    /// Teams at least one other team depends on: most dependents first, then by name.
    pub most_depended_on: Vec<DependedOn>,
    /// Ordered by their first team's name.
    pub cycles: Vec<Cycle>,
}

#[derive(Clone, Copy)]
pub(super) struct Edge {
    pub to: usize,
    pub link: Id,
}

/// The dependency graph over dense team indices, with every team's edges in one buffer.
pub(super) struct Graph {
    /// Team `t`'s dependencies on other teams are `edges[starts[t]..starts[t + 1]]`, sorted by the
    /// target's name and then link id. Two links between the same pair both appear but count once
    /// in fan-in and fan-out.
    edges: Vec<Edge>,
    starts: Vec<usize>,
    /// Links from a team to itself (validation refuses them, but a document built in code may hold one).
    pub self_links: Vec<Edge>,
    /// How many other teams depend on each team.
    pub fan_in: Vec<usize>,
    /// How many other teams each team depends on.
    pub fan_out: Vec<usize>,
}

impl Graph {
    pub fn of(doc: &Document, order: &TeamOrder) -> Self {
        let n = order.len();
        let mut pairs = Vec::new();
        let mut self_links = Vec::new();
        let mut starts = vec![0; n + 1];
        for (&link, l) in &doc.links {
            if l.kind != LinkKind::Dependency {
                continue;
            }
            let (Some(from), Some(to)) = (order.index(l.from), order.index(l.to)) else {
                continue;
            };
            if from == to {
                self_links.push(Edge { to, link });
            } else {
                pairs.push((from, Edge { to, link }));
                starts[from + 1] += 1;
            }
        }
        for t in 0..n {
            starts[t + 1] += starts[t];
        }
        let mut next = starts.clone();
        let mut edges = vec![Edge { to: 0, link: Id(0) }; pairs.len()];
        for (from, edge) in pairs {
            edges[next[from]] = edge;
            next[from] += 1;
        }
        let mut fan_in = vec![0; n];
        let mut fan_out = vec![0; n];
        for from in 0..n {
            let out = &mut edges[starts[from]..starts[from + 1]];
            out.sort_unstable_by_key(|e| (order.rank[e.to], e.link));
            for run in out.chunk_by(|a, b| a.to == b.to) {
                fan_out[from] += 1;
                fan_in[run[0].to] += 1;
            }
        }
        Self {
            edges,
            starts,
            self_links,
            fan_in,
            fan_out,
        }
    }

    pub fn len(&self) -> usize {
        self.fan_in.len()
    }

    /// Team `team`'s dependencies on other teams, sorted by target name.
    pub fn out(&self, team: usize) -> &[Edge] {
        &self.edges[self.starts[team]..self.starts[team + 1]]
    }
}

pub(super) fn compute(graph: &Graph, order: &TeamOrder) -> Dependencies {
    let mut ranked: Vec<usize> = (0..order.len()).filter(|&t| graph.fan_in[t] > 0).collect();
    ranked.sort_unstable_by_key(|&t| (std::cmp::Reverse(graph.fan_in[t]), order.rank[t]));
    let most_depended_on = ranked
        .into_iter()
        .map(|t| DependedOn {
            team: order.ids[t],
            name: order.name(t).to_owned(),
            fan_in: graph.fan_in[t],
        })
        .collect();
    Dependencies {
        most_depended_on,
        cycles: cycles(graph, order),
    }
}

const UNSEEN: usize = usize::MAX;

fn cycles(graph: &Graph, order: &TeamOrder) -> Vec<Cycle> {
    let n = order.len();
    let component = strongly_connected(graph);
    let mut sizes = vec![0_usize; n];
    for &c in &component {
        sizes[c] += 1;
    }
    let mut has_self_link = vec![false; n];
    for edge in &graph.self_links {
        has_self_link[component[edge.to]] = true;
    }
    let mut members: Vec<Vec<usize>> = (0..n).map(|_| Vec::new()).collect();
    for &team in &order.by_name {
        let c = component[team];
        if sizes[c] > 1 || has_self_link[c] {
            members[c].push(team);
        }
    }
    let mut links: Vec<Vec<Id>> = (0..n).map(|_| Vec::new()).collect();
    for from in 0..n {
        for edge in graph
            .out(from)
            .iter()
            .filter(|e| component[e.to] == component[from])
        {
            links[component[from]].push(edge.link);
        }
    }
    for edge in &graph.self_links {
        links[component[edge.to]].push(edge.link);
    }

    let mut parent = vec![UNSEEN; n];
    let mut found: Vec<(usize, Cycle)> = Vec::new();
    for (c, teams) in members.iter().enumerate() {
        let Some(&first) = teams.first() else {
            continue;
        };
        let path = if teams.len() == 1 {
            vec![first]
        } else {
            shortest_loop(graph, &component, first, &mut parent)
        };
        let mut cycle_links = std::mem::take(&mut links[c]);
        cycle_links.sort_unstable();
        let cycle = Cycle {
            teams: teams.iter().map(|&t| order.ids[t]).collect(),
            path: path.into_iter().map(|t| order.ids[t]).collect(),
            links: cycle_links,
        };
        found.push((order.rank[first], cycle));
    }
    found.sort_unstable_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, cycle)| cycle).collect()
}

/// Breadth-first from `start` within its component until an edge leads back to it. `parent` is all
/// `UNSEEN` on entry and on return, so one buffer serves every component.
fn shortest_loop(
    graph: &Graph,
    component: &[usize],
    start: usize,
    parent: &mut [usize],
) -> Vec<usize> {
    let mut visited = vec![start];
    let mut queue = VecDeque::from([start]);
    parent[start] = start;
    let mut last = start;
    'search: while let Some(team) = queue.pop_front() {
        for edge in graph.out(team) {
            if component[edge.to] != component[start] {
                continue;
            }
            if edge.to == start {
                last = team;
                break 'search;
            }
            if parent[edge.to] == UNSEEN {
                parent[edge.to] = team;
                visited.push(edge.to);
                queue.push_back(edge.to);
            }
        }
    }
    let mut path = vec![last];
    while let Some(&team) = path.last() {
        if team == start {
            break;
        }
        path.push(parent[team]);
    }
    path.reverse();
    for team in visited {
        parent[team] = UNSEEN;
    }
    path
}

/// Tarjan's algorithm without recursion (a chain of 100,000 teams must not overflow the stack).
/// Returns each team's component number.
fn strongly_connected(graph: &Graph) -> Vec<usize> {
    let n = graph.len();
    let mut tarjan = Tarjan {
        index: vec![UNSEEN; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        component: vec![UNSEEN; n],
        next_index: 0,
        components: 0,
        calls: Vec::new(),
    };
    for root in 0..n {
        if tarjan.index[root] == UNSEEN {
            tarjan.visit(root);
            tarjan.run(graph);
        }
    }
    tarjan.component
}

struct Tarjan {
    index: Vec<usize>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    component: Vec<usize>,
    next_index: usize,
    components: usize,
    /// The explicit call stack: a team and the position of its next edge to follow.
    calls: Vec<(usize, usize)>,
}

impl Tarjan {
    fn visit(&mut self, team: usize) {
        self.index[team] = self.next_index;
        self.low[team] = self.next_index;
        self.next_index += 1;
        self.stack.push(team);
        self.on_stack[team] = true;
        self.calls.push((team, 0));
    }

    fn run(&mut self, graph: &Graph) {
        while let Some(frame) = self.calls.last_mut() {
            let (team, position) = *frame;
            if let Some(edge) = graph.out(team).get(position) {
                frame.1 += 1;
                if self.index[edge.to] == UNSEEN {
                    self.visit(edge.to);
                } else if self.on_stack[edge.to] {
                    self.low[team] = self.low[team].min(self.index[edge.to]);
                }
                continue;
            }
            self.calls.pop();
            if let Some(&(caller, _)) = self.calls.last() {
                self.low[caller] = self.low[caller].min(self.low[team]);
            }
            if self.low[team] == self.index[team] {
                while let Some(member) = self.stack.pop() {
                    self.on_stack[member] = false;
                    self.component[member] = self.components;
                    if member == team {
                        break;
                    }
                }
                self.components += 1;
            }
        }
    }
}
