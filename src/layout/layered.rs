//! A layered layout (after Sugiyama): teams in rows along the dependency flow, a team above what
//! it depends on; within a row, teams ordered by where their neighbours are (a few barycentre
//! sweeps, which removes most crossings on maps people draw); funding sources in a row above,
//! each over the teams it funds. Rows wider than about the square root of the team count wrap,
//! so a sheet of 200 teams with no dependencies becomes a block rather than a line.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::limits::MAX_COORDINATE;
use crate::model::{Document, FundingSource, Id, LinkKind, Point, Team};

/// Room between teams in a row, and between rows (where the arrows run).
const GAP_X: f32 = 60.0;
const GAP_Y: f32 = 100.0;
const COLUMN: f32 = Team::DEFAULT_SIZE.width + GAP_X;
const ROW: f32 = Team::DEFAULT_SIZE.height + GAP_Y;
const SOURCE_COLUMN: f32 = FundingSource::SIZE.width + 40.0;
/// Barycentre sweeps (down and up count as one each).
const SWEEPS: usize = 8;

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
    let mut rows = rows(doc, &teams);
    // A very long chain of dependencies would run past the canvas: such a map becomes a block.
    if rows.len() as f32 * ROW > MAX_COORDINATE / 2.0 {
        let width = (teams.len() as f32).sqrt().ceil() as usize;
        let all: Vec<Id> = rows.concat();
        rows = all.chunks(width.max(1)).map(<[Id]>::to_vec).collect();
    }
    let source_row_height = if sources.is_empty() { 0.0 } else { ROW };
    let sizes: BTreeMap<Id, crate::model::Size> = teams
        .iter()
        .map(|id| {
            (
                *id,
                doc.teams.get(id).map_or(Team::DEFAULT_SIZE, |t| t.size),
            )
        })
        .collect();
    let size = |id: &Id| sizes.get(id).copied().unwrap_or(Team::DEFAULT_SIZE);
    let row_width = |row: &[Id]| row.iter().map(|id| size(id).width + GAP_X).sum::<f32>();
    let widest = rows.iter().map(|row| row_width(row)).fold(0.0, f32::max);
    let mut x_of: BTreeMap<Id, f32> = BTreeMap::new();
    let mut y = origin.y + source_row_height;
    for row in &rows {
        let mut x = origin.x + snap((widest - row_width(row)) / 2.0);
        let mut tallest: f32 = 0.0;
        for id in row {
            let size = size(id);
            x_of.insert(*id, x + size.width / 2.0);
            if let Some(team) = doc.teams.get_mut(id) {
                team.position = clamp(Point::new(x, y));
            }
            x += snap(size.width + GAP_X);
            tallest = tallest.max(size.height);
        }
        y += snap(tallest + GAP_Y);
    }
    place_sources(doc, &sources, &x_of, origin);
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
        Point::new(snap(max.x + 2.0 * COLUMN / 2.0), snap(min.y))
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

/// The teams in rows, top first, each row in its final order.
fn rows(doc: &Document, teams: &[Id]) -> Vec<Vec<Id>> {
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
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (node, &l) in layer.iter().enumerate() {
        rows[l].push(node);
    }
    order(&mut rows, &down, &up);
    // Wrap rows wider than the block's natural width.
    let width = ((n as f32).sqrt().ceil() as usize).max(8);
    rows.into_iter()
        .flat_map(|row| {
            row.chunks(width)
                .map(|chunk| chunk.iter().map(|&i| teams[i]).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
        .collect()
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
    let mut remaining = n;
    let mut next_stuck = 0usize;
    while remaining > 0 {
        let node = match ready.pop() {
            Some(node) => node,
            None => {
                // A cycle: release the undone node with the fewest waiting dependents.
                let node = (0..n)
                    .filter(|&i| !done[i])
                    .min_by_key(|&i| (waiting[i], (i + n - next_stuck) % n))
                    .unwrap_or(0);
                next_stuck = node;
                node
            }
        };
        if done[node] {
            continue;
        }
        done[node] = true;
        remaining -= 1;
        for &below in &down[node] {
            if done[below] {
                continue;
            }
            layer[below] = layer[below].max(layer[node] + 1);
            waiting[below] = waiting[below].saturating_sub(1);
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

/// Funding sources in one row above the teams, each as near as it can be to the middle of the
/// teams it funds, never overlapping.
fn place_sources(doc: &mut Document, sources: &[Id], x_of: &BTreeMap<Id, f32>, origin: Point) {
    let mut wanted: Vec<(f32, Id)> = sources
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let funded: Vec<f32> = doc
                .links
                .values()
                .filter(|l| l.from == *id && l.kind.is_funding())
                .filter_map(|l| {
                    x_of.get(&l.to)
                        .copied()
                        .or_else(|| doc.node_rect(l.to).map(|r| (r.min.x + r.max.x) / 2.0))
                })
                .collect();
            let centre = if funded.is_empty() {
                origin.x + i as f32 * SOURCE_COLUMN + FundingSource::SIZE.width / 2.0
            } else {
                funded.iter().sum::<f32>() / funded.len() as f32
            };
            (centre - FundingSource::SIZE.width / 2.0, *id)
        })
        .collect();
    wanted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut next_free = f32::MIN;
    for (x, id) in wanted {
        let x = snap(x.max(next_free));
        next_free = x + SOURCE_COLUMN;
        if let Some(source) = doc.sources.get_mut(&id) {
            source.position = clamp(Point::new(x, origin.y));
        }
    }
}

#[cfg(test)]
mod tests;
