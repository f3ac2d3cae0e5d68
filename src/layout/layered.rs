//! A layered layout (after Sugiyama): teams in rows along the dependency flow, a team above what
//! it depends on; within a row, teams ordered by where their neighbours are (a few barycentre
//! sweeps, which removes most crossings on maps people draw); funding sources in a row above,
//! each over the teams it funds. Rows wider than about the square root of the team count wrap,
//! so a sheet of 200 teams with no dependencies becomes a block rather than a line.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::limits::MAX_COORDINATE;
use crate::model::{Document, FundingSource, Id, LinkKind, Point, Size, Team};

/// Room between boxes in a row, and between rows (where the arrows run).
const GAP_X: f32 = 60.0;
const GAP_Y: f32 = 100.0;
const ROW: f32 = Team::DEFAULT_SIZE.height + GAP_Y;
/// A link that skips rows keeps a lane this wide free in each row it crosses.
const LANE: f32 = 24.0;
/// Barycentre sweeps (down and up count as one each).
const SWEEPS: usize = 12;
/// Passes that pull each box toward the middle of its neighbours.
const STRAIGHTEN: usize = 6;

/// The layout's graph: teams, funding sources, and one lane node per row a long link skips.
struct Graph {
    ids: Vec<Option<Id>>,
    width: Vec<f32>,
    height: Vec<f32>,
    row: Vec<usize>,
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
}

impl Graph {
    fn add(&mut self, id: Option<Id>, size: Size, row: usize) -> usize {
        self.ids.push(id);
        self.width.push(size.width);
        self.height.push(size.height);
        self.row.push(row);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.ids.len() - 1
    }

    /// An edge from `upper` down to `lower`, through a lane node in each row between.
    fn connect(&mut self, upper: usize, lower: usize) {
        let mut from = upper;
        for row in self.row[upper] + 1..self.row[lower] {
            let lane = self.add(None, Size::new(LANE, 0.0), row);
            self.down[from].push(lane);
            self.up[lane].push(from);
            from = lane;
        }
        self.down[from].push(lower);
        self.up[lower].push(from);
    }
}

pub(super) fn place(doc: &mut Document, ids: &BTreeSet<Id>) {
    let teams: Vec<Id> = ids
        .iter()
        .copied()
        .filter(|id| doc.teams.contains_key(id))
        .collect();
    let sources: Vec<Id> = ids
        .iter()
        .copied()
        .filter(|id| doc.sources.contains_key(id))
        .collect();
    if teams.is_empty() && sources.is_empty() {
        return;
    }
    let origin = origin(doc, ids);
    let team_rows = team_rows(doc, &teams);
    let first_team_row = usize::from(!sources.is_empty());
    let mut graph = Graph {
        ids: Vec::new(),
        width: Vec::new(),
        height: Vec::new(),
        row: Vec::new(),
        up: Vec::new(),
        down: Vec::new(),
    };
    let mut index: BTreeMap<Id, usize> = BTreeMap::new();
    for (id, row) in teams.iter().zip(&team_rows) {
        let size = doc.teams.get(id).map_or(Team::DEFAULT_SIZE, |t| t.size);
        index.insert(*id, graph.add(Some(*id), size, row + first_team_row));
    }
    for id in &sources {
        index.insert(*id, graph.add(Some(*id), FundingSource::SIZE, 0));
    }
    // Long chains folded into a block have no flow to follow: no lanes then.
    let folded = team_rows.iter().max().is_some_and(|r| *r > MAX_ROWS);
    let edges: Vec<(usize, usize)> = doc
        .links
        .values()
        .filter_map(|link| {
            let (&a, &b) = (index.get(&link.from)?, index.get(&link.to)?);
            let (upper, lower) = if graph.row[a] <= graph.row[b] {
                (a, b)
            } else {
                (b, a)
            };
            (graph.row[upper] != graph.row[lower] && !folded).then_some((upper, lower))
        })
        .collect();
    // Lanes keep long links clear of boxes on maps people draw; on a large tangled map they would
    // outnumber the boxes many times and spread the rows past the canvas, so there each long link
    // is one edge for the ordering only.
    let lanes: usize = edges
        .iter()
        .map(|&(upper, lower)| graph.row[lower] - graph.row[upper] - 1)
        .sum();
    let with_lanes = lanes <= 10 * graph.ids.len().max(100);
    for (upper, lower) in edges {
        if with_lanes {
            graph.connect(upper, lower);
        } else {
            graph.down[upper].push(lower);
            graph.up[lower].push(upper);
        }
    }
    let depth = graph.row.iter().max().map_or(0, |r| r + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for node in 0..graph.ids.len() {
        rows[graph.row[node]].push(node);
    }
    order(&mut rows, &graph.down, &graph.up);
    let x = columns(&rows, &graph);
    let mut y = origin.y;
    for row in &rows {
        let tallest = row
            .iter()
            .filter(|n| graph.ids[**n].is_some())
            .map(|n| graph.height[*n])
            .fold(0.0, f32::max);
        for &node in row {
            let Some(id) = graph.ids[node] else {
                continue;
            };
            let at = clamp(Point::new(snap(origin.x + x[node]), snap(y)));
            if let Some(team) = doc.teams.get_mut(&id) {
                team.position = at;
            } else if let Some(source) = doc.sources.get_mut(&id) {
                source.position = at;
            }
        }
        y += if tallest > 0.0 {
            tallest + GAP_Y
        } else {
            GAP_Y
        };
    }
}

/// Most rows a layout may have before it is folded into a block (past the canvas otherwise).
const MAX_ROWS: usize = (MAX_COORDINATE / 2.0 / ROW) as usize;

/// The left edge of every node: first packed in order, then each box pulled toward the middle of
/// its neighbours in the rows above and below, keeping the order and the gaps.
fn columns(rows: &[Vec<usize>], graph: &Graph) -> Vec<f32> {
    let n = graph.ids.len();
    let gap = |node: usize| {
        if graph.ids[node].is_some() {
            GAP_X
        } else {
            LANE / 2.0
        }
    };
    let mut x = vec![0f32; n];
    for row in rows {
        let mut at = 0.0;
        for &node in row {
            x[node] = at;
            at += graph.width[node] + gap(node);
        }
    }
    let packed = x.clone();
    let centre = |x: &[f32], node: usize| x[node] + graph.width[node] / 2.0;
    for pass in 0..STRAIGHTEN {
        let downward = pass % 2 == 0;
        let order: Vec<usize> = if downward {
            (0..rows.len()).collect()
        } else {
            (0..rows.len()).rev().collect()
        };
        for r in order {
            let row = &rows[r];
            let wanted: Vec<f32> = row
                .iter()
                .map(|&node| {
                    let near = if downward {
                        &graph.up[node]
                    } else {
                        &graph.down[node]
                    };
                    let near = if near.is_empty() {
                        if downward {
                            &graph.down[node]
                        } else {
                            &graph.up[node]
                        }
                    } else {
                        near
                    };
                    if near.is_empty() {
                        centre(&x, node)
                    } else {
                        near.iter().map(|&m| centre(&x, m)).sum::<f32>() / near.len() as f32
                    }
                })
                .collect();
            // Left to right: as near the wish as the box to the left allows.
            let mut left_edges = Vec::with_capacity(row.len());
            let mut free = f32::MIN;
            for (i, &node) in row.iter().enumerate() {
                let edge = (wanted[i] - graph.width[node] / 2.0).max(free);
                left_edges.push(edge);
                free = edge + graph.width[node] + gap(node);
            }
            // Then the row as a whole moves back by its mean push, so it does not drift right.
            let shift = row
                .iter()
                .enumerate()
                .map(|(i, &node)| left_edges[i] + graph.width[node] / 2.0 - wanted[i])
                .sum::<f32>()
                / row.len().max(1) as f32;
            for (i, &node) in row.iter().enumerate() {
                x[node] = left_edges[i] - shift;
            }
        }
    }
    let spread = |x: &[f32]| {
        let (min, max) = rows
            .iter()
            .flatten()
            .fold((f32::MAX, f32::MIN), |(lo, hi), &n| {
                (lo.min(x[n]), hi.max(x[n] + graph.width[n]))
            });
        (min, max - min)
    };
    // Straightening never spreads a map past the canvas: then the rows stay packed.
    let width = spread(&x).1;
    if width.is_nan() || width > MAX_COORDINATE / 2.0 {
        x = packed;
    }
    let min = spread(&x).0;
    if min.is_finite() {
        for value in &mut x {
            *value -= min;
        }
    }
    x
}

/// Each team's row, top first: its layer along the dependencies, with layers wider than the
/// block's natural width wrapped onto several rows. A chain longer than the canvas allows becomes
/// a plain block.
fn team_rows(doc: &Document, teams: &[Id]) -> Vec<usize> {
    let index: BTreeMap<Id, usize> = teams.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let n = teams.len();
    // "a depends on b": a above b.
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); n];
    for link in doc.links.values() {
        if link.kind != LinkKind::Dependency {
            continue;
        }
        if let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to))
            && a != b
        {
            down[a].push(b);
            up[b].push(a);
        }
    }
    let layer = layers(&down, &up);
    let depth = layer.iter().copied().max().map_or(0, |d| d + 1);
    let width = ((n as f32).sqrt().ceil() as usize).max(8);
    let mut row_of = vec![0usize; n];
    if depth > MAX_ROWS {
        for (i, row) in row_of.iter_mut().enumerate() {
            *row = i / width;
        }
        return row_of;
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (node, &l) in layer.iter().enumerate() {
        members[l].push(node);
    }
    let mut row = 0;
    for layer in members {
        for chunk in layer.chunks(width) {
            for &node in chunk {
                row_of[node] = row;
            }
            row += 1;
        }
    }
    row_of
}

/// Where the placed items start: at the origin on an empty map, else to the right of what is
/// already there, level with its top.
fn origin(doc: &Document, ids: &BTreeSet<Id>) -> Point {
    let mut bounds: Option<(Point, Point)> = None;
    for id in doc.teams.keys().chain(doc.sources.keys()) {
        if ids.contains(id) {
            continue;
        }
        if let Some(rect) = doc.node_rect(*id) {
            bounds = Some(match bounds {
                None => (rect.min, rect.max),
                Some((min, max)) => (
                    Point::new(min.x.min(rect.min.x), min.y.min(rect.min.y)),
                    Point::new(max.x.max(rect.max.x), max.y.max(rect.max.y)),
                ),
            });
        }
    }
    bounds.map_or(Point::new(0.0, 0.0), |(min, max)| {
        Point::new(snap(max.x + 2.0 * GAP_X), snap(min.y))
    })
}

/// Keeps a position on the canvas (only a map already at its far edge needs it).
fn clamp(point: Point) -> Point {
    let limit = MAX_COORDINATE - Team::DEFAULT_SIZE.width.max(FundingSource::SIZE.width);
    Point::new(point.x.clamp(-limit, limit), point.y.clamp(-limit, limit))
}

fn snap(value: f32) -> f32 {
    (value / 20.0).round() * 20.0
}

/// Each node's layer: 0 for teams nothing depends on, else one below the lowest team that
/// depends on it (longest path). Cycles are broken by taking, when every remaining node still
/// has a dependent, the one with the fewest.
fn layers(down: &[Vec<usize>], up: &[Vec<usize>]) -> Vec<usize> {
    let n = down.len();
    let mut waiting: Vec<usize> = up.iter().map(Vec::len).collect();
    let mut layer = vec![0usize; n];
    let mut done = vec![false; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).rev().collect();
    // The undone nodes by how many dependents they still wait for, so breaking a cycle takes
    // the best candidate in logarithmic time (a scan of every node per cycle was quadratic).
    let mut undone: BTreeSet<(usize, usize)> = (0..n).map(|i| (waiting[i], i)).collect();
    while let Some(node) = ready
        .pop()
        .or_else(|| undone.first().map(|&(_, node)| node))
    {
        if done[node] {
            continue;
        }
        done[node] = true;
        undone.remove(&(waiting[node], node));
        for &below in &down[node] {
            if done[below] {
                continue;
            }
            layer[below] = layer[below].max(layer[node] + 1);
            undone.remove(&(waiting[below], below));
            waiting[below] = waiting[below].saturating_sub(1);
            undone.insert((waiting[below], below));
            if waiting[below] == 0 {
                ready.push(below);
            }
        }
    }
    layer
}

/// Orders each row by the mean position of its neighbours in the row above (sweeping down) or
/// below (sweeping up); ties keep the previous order, so the result is deterministic.
fn order(rows: &mut [Vec<usize>], down: &[Vec<usize>], up: &[Vec<usize>]) {
    let n = down.len();
    let mut position = vec![0f32; n];
    let set = |rows: &[Vec<usize>], position: &mut Vec<f32>| {
        for row in rows {
            for (i, &node) in row.iter().enumerate() {
                position[node] = i as f32;
            }
        }
    };
    set(rows, &mut position);
    for sweep in 0..SWEEPS {
        let downward = sweep % 2 == 0;
        let indices: Vec<usize> = if downward {
            (1..rows.len()).collect()
        } else {
            (0..rows.len().saturating_sub(1)).rev().collect()
        };
        for r in indices {
            let neighbours = if downward { up } else { down };
            let mut keyed: Vec<(f32, usize, usize)> = rows[r]
                .iter()
                .enumerate()
                .map(|(i, &node)| {
                    let near = &neighbours[node];
                    let key = if near.is_empty() {
                        position[node]
                    } else {
                        near.iter().map(|&m| position[m]).sum::<f32>() / near.len() as f32
                    };
                    (key, i, node)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            rows[r] = keyed.into_iter().map(|(_, _, node)| node).collect();
            for (i, &node) in rows[r].iter().enumerate() {
                position[node] = i as f32;
            }
        }
    }
}

#[cfg(test)]
mod tests;
