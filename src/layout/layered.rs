//! A layered layout of one block of boxes (after Sugiyama): each box in a row below the boxes
//! that link down to it (a team above what it depends on, a funder above what it funds), cycles
//! broken where the fewest links turn back; rows placed to keep links short; long links run
//! through a lane in each row they pass; the order within rows from [`super::order`]; then each
//! box pulled toward the middle of its neighbours. Rows wider than about the square root of the
//! box count wrap, so a block of unlinked teams becomes a block rather than a line.

use std::collections::BTreeSet;

use super::Cancelled;
use super::order::{self, Layers};
use super::polish;
use crate::model::limits::MAX_COORDINATE;
use crate::model::{Point, Size, Team};

/// Room between boxes in a row, and between rows (where the arrows run).
pub(super) const GAP_X: f32 = 60.0;
pub(super) const GAP_Y: f32 = 100.0;
const ROW: f32 = Team::DEFAULT_SIZE.height + GAP_Y;
/// A link that skips rows keeps a lane this wide free in each row it crosses.
const LANE: f32 = 24.0;
/// Passes that pull each box toward the middle of its neighbours.
const STRAIGHTEN: usize = 6;
/// Most rows a layout may have before it is folded into a block (past the canvas otherwise).
const MAX_ROWS: usize = (MAX_COORDINATE / 2.0 / ROW) as usize;

/// What to lay out: the boxes' sizes, and links from the box that goes above to the one below.
pub(super) struct Block {
    pub sizes: Vec<Size>,
    pub edges: Vec<(usize, usize)>,
    /// Layouts tried from different starting orders; the one whose straight links cross least
    /// is kept.
    pub attempts: usize,
    /// How many of the attempts (the most promising) are polished move by move on the straight
    /// links: slow, for small maps. With none, boxes of a row only trade places.
    pub polished: usize,
}

/// The layout's graph: the boxes, then one lane node per row a long link skips.
struct Graph {
    boxes: usize,
    width: Vec<f32>,
    height: Vec<f32>,
    row: Vec<usize>,
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
}

impl Graph {
    fn add(&mut self, size: Size, row: usize) -> usize {
        self.width.push(size.width);
        self.height.push(size.height);
        self.row.push(row);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.row.len() - 1
    }

    fn is_box(&self, node: usize) -> bool {
        node < self.boxes
    }

    /// An edge from `upper` down to `lower`, through a lane node in each row between.
    fn connect(&mut self, upper: usize, lower: usize) {
        let mut from = upper;
        for row in self.row[upper] + 1..self.row[lower] {
            let lane = self.add(Size::new(LANE, 0.0), row);
            self.down[from].push(lane);
            self.up[lane].push(from);
            from = lane;
        }
        self.down[from].push(lower);
        self.up[lower].push(from);
    }
}

/// The layouts of `block` worth measuring as drawn, best first by their straight links: the
/// polished attempts when some are polished, otherwise the one best attempt. Each gives the
/// top-left corner of every box, the block's top-left corner at (0, 0). `tick` is told the share
/// done and may cancel.
pub(super) fn candidates(
    block: &Block,
    tick: &mut dyn FnMut(f32) -> Result<(), Cancelled>,
) -> Result<Vec<Vec<Point>>, Cancelled> {
    let n = block.sizes.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let edges: BTreeSet<(usize, usize)> = block
        .edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < n && b < n)
        .collect();
    let rows_of = box_rows(n, &edges);
    let folded = rows_of.iter().max().is_some_and(|r| *r > MAX_ROWS);
    let mut graph = Graph {
        boxes: n,
        width: Vec::with_capacity(n),
        height: Vec::with_capacity(n),
        row: Vec::with_capacity(n),
        up: Vec::with_capacity(n),
        down: Vec::with_capacity(n),
    };
    for (size, &row) in block.sizes.iter().zip(&rows_of) {
        graph.add(*size, row);
    }
    // Each link once, pointing down; links within a row (a folded chain) only order nothing.
    let downward: BTreeSet<(usize, usize)> = edges
        .iter()
        .filter_map(|&(a, b)| {
            let (upper, lower) = if graph.row[a] <= graph.row[b] {
                (a, b)
            } else {
                (b, a)
            };
            (graph.row[upper] != graph.row[lower] && !folded).then_some((upper, lower))
        })
        .collect();
    // Lanes keep long links clear of boxes; on a large tangled block they would outnumber the
    // boxes many times and spread the rows past the canvas, so there each long link is one edge
    // for the ordering only.
    let lanes: usize = downward
        .iter()
        .map(|&(upper, lower)| graph.row[lower] - graph.row[upper] - 1)
        .sum();
    let with_lanes = lanes <= 10 * n.max(100);
    for (upper, lower) in downward {
        if with_lanes {
            graph.connect(upper, lower);
        } else {
            graph.down[upper].push(lower);
            graph.up[lower].push(upper);
        }
    }
    let depth = graph.row.iter().max().map_or(0, |r| r + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for node in 0..graph.row.len() {
        rows[graph.row[node]].push(node);
    }
    tick(0.1)?;
    let links: Vec<(usize, usize)> = block
        .edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < n && b < n)
        .collect();
    let attempts = block.attempts.max(1);
    let mut best: Option<(usize, Vec<Point>)> = None;
    let mut tried: Vec<(usize, usize, Vec<Vec<usize>>)> = Vec::new();
    for attempt in 0..attempts {
        let mut rows = rows.clone();
        if attempt > 0 {
            let mut rng = fastrand::Rng::with_seed(attempt as u64);
            for row in &mut rows {
                rng.shuffle(row);
            }
        }
        order::order(
            &mut rows,
            &Layers {
                down: &graph.down,
                up: &graph.up,
            },
            &mut |done| tick(0.1 + 0.7 * (attempt as f32 + done) / attempts as f32),
        )?;
        let mut positions = place_rows(&rows, &graph);
        if block.polished > 0 {
            tried.push((
                polish::cost(&block.sizes, &positions, &links),
                attempt,
                rows,
            ));
            continue;
        }
        polish::polish(&block.sizes, &mut positions, &links);
        if attempts == 1 {
            return Ok(vec![at_origin(positions)]);
        }
        let cost = polish::cost(&block.sizes, &positions, &links);
        if best.as_ref().is_none_or(|(least, _)| cost < *least) {
            best = Some((cost, positions));
        }
    }
    if tried.is_empty() {
        tick(1.0)?;
        return Ok(best.map(|(_, p)| at_origin(p)).into_iter().collect());
    }
    // The most promising orders are polished move by move.
    tried.sort_by_key(|(cost, attempt, _)| (*cost, *attempt));
    let keep = block.polished;
    let mut polished: Vec<(usize, usize, Vec<Point>)> = Vec::with_capacity(keep);
    for (i, (_, attempt, mut rows)) in tried.into_iter().take(keep).enumerate() {
        tick(0.8 + 0.2 * i as f32 / keep as f32)?;
        let mut positions = polish::polish_orders(&mut rows, &block.sizes, &links, &|rows| {
            place_rows(rows, &graph)
        });
        polish::polish_shifts(&block.sizes, &mut positions, &links);
        let cost = polish::cost(&block.sizes, &positions, &links);
        polished.push((cost, attempt, at_origin(positions)));
    }
    tick(1.0)?;
    polished.sort_by_key(|(cost, attempt, _)| (*cost, *attempt));
    Ok(polished.into_iter().map(|(_, _, p)| p).collect())
}

/// The same layout with its top-left box corner at (0, 0) (lanes and shifts can leave room).
fn at_origin(mut positions: Vec<Point>) -> Vec<Point> {
    let (min_x, min_y) = positions
        .iter()
        .fold((f32::MAX, f32::MAX), |(x, y), p| (x.min(p.x), y.min(p.y)));
    for p in &mut positions {
        *p = p.offset(-min_x, -min_y);
    }
    positions
}

/// The top-left corner of every box, rows in order, each box at its column.
fn place_rows(rows: &[Vec<usize>], graph: &Graph) -> Vec<Point> {
    let x = columns(rows, graph);
    let mut positions = vec![Point::default(); graph.boxes];
    let mut y = 0.0;
    for row in rows {
        let tallest = row
            .iter()
            .filter(|&&node| graph.is_box(node))
            .map(|&node| graph.height[node])
            .fold(0.0, f32::max);
        for &node in row {
            if graph.is_box(node) {
                positions[node] = Point::new(super::snap(x[node]), y);
            }
        }
        // Rows on the grid, so the map measured here is the map the user gets.
        y += super::snap_up(if tallest > 0.0 {
            tallest + GAP_Y
        } else {
            GAP_Y
        });
    }
    positions
}

/// Each box's row, top first: its layer along the links, with layers wider than the block's
/// natural width wrapped onto several rows. A chain longer than the canvas allows becomes a
/// plain block.
fn box_rows(n: usize, edges: &BTreeSet<(usize, usize)>) -> Vec<usize> {
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        down[a].push(b);
        up[b].push(a);
    }
    let layer = layers(&down, &up);
    let depth = layer.iter().copied().max().map_or(0, |d| d + 1);
    let width = wrap_width(n);
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

/// Most boxes in a row before it wraps.
fn wrap_width(n: usize) -> usize {
    (((n as f32).sqrt() * 1.5).ceil() as usize).max(10)
}

/// Each node's layer. First an order in which every link points forward except the fewest that
/// close a cycle (taking, when every remaining node still waits for another, the one that waits
/// for the fewest); then the longest path along that order; then the boxes at the top of a chain
/// moved down to just above what they link to, so their links stay short. (Moving every box to
/// the median of its links' layers read worse: funded teams sank away from their source.)
pub(super) fn layers(down: &[Vec<usize>], up: &[Vec<usize>]) -> Vec<usize> {
    let n = down.len();
    let sequence = acyclic_order(down, up);
    let mut rank = vec![0usize; n];
    for (i, &node) in sequence.iter().enumerate() {
        rank[node] = i;
    }
    // The links along the order: what goes above what.
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut above: Vec<Vec<usize>> = vec![Vec::new(); n];
    for node in 0..n {
        for &m in down[node].iter().chain(&up[node]) {
            if rank[node] < rank[m] {
                below[node].push(m);
                above[m].push(node);
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &node in &sequence {
        for &m in &below[node] {
            layer[m] = layer[m].max(layer[node] + 1);
        }
    }
    // A box nothing links down to (a funding source, a team nobody depends on) sits right above
    // the highest box it links to, not at the top with long links down.
    for node in 0..n {
        if above[node].is_empty()
            && let Some(lowest) = below[node].iter().map(|&m| layer[m]).min()
        {
            layer[node] = lowest - 1;
        }
    }
    // Rows nobody uses are dropped.
    let mut used: Vec<usize> = layer.clone();
    used.sort_unstable();
    used.dedup();
    for l in &mut layer {
        *l = used.partition_point(|u| u < l);
    }
    layer
}

/// The nodes in an order where every link points forward except those that close a cycle.
fn acyclic_order(down: &[Vec<usize>], up: &[Vec<usize>]) -> Vec<usize> {
    let n = down.len();
    let mut waiting: Vec<usize> = up.iter().map(Vec::len).collect();
    let mut done = vec![false; n];
    let mut sequence = Vec::with_capacity(n);
    let mut ready: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).rev().collect();
    // The undone nodes by how many links they still wait for, so breaking a cycle takes the best
    // candidate in logarithmic time (a scan of every node per cycle was quadratic).
    let mut undone: BTreeSet<(usize, usize)> = (0..n).map(|i| (waiting[i], i)).collect();
    while let Some(node) = ready
        .pop()
        .or_else(|| undone.first().map(|&(_, node)| node))
    {
        if done[node] {
            continue;
        }
        done[node] = true;
        sequence.push(node);
        undone.remove(&(waiting[node], node));
        for &below in &down[node] {
            if done[below] {
                continue;
            }
            undone.remove(&(waiting[below], below));
            waiting[below] = waiting[below].saturating_sub(1);
            undone.insert((waiting[below], below));
            if waiting[below] == 0 {
                ready.push(below);
            }
        }
    }
    sequence
}

/// The left edge of every node: first packed in order, then each box pulled toward the middle of
/// its neighbours in the rows above and below, keeping the order and the gaps.
fn columns(rows: &[Vec<usize>], graph: &Graph) -> Vec<f32> {
    let n = graph.row.len();
    let gap = |node: usize| {
        if graph.is_box(node) {
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
                    let (first, second) = if downward {
                        (&graph.up[node], &graph.down[node])
                    } else {
                        (&graph.down[node], &graph.up[node])
                    };
                    let near = if first.is_empty() { second } else { first };
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
    // Straightening never spreads a block past the canvas: then the rows stay packed.
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
