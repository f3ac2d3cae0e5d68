//! Where the blocks of a small map go relative to each other. Packing them in reading order
//! ignores the links between blocks, and on a map of business units above a platform grouping
//! most links run between blocks. So the blocks are also laid out in rows along those links (a
//! block above the blocks it mostly links down to), each row in every order worth trying and
//! aligned left, centred or right, and with one block beside columns of the others
//! ([`super::beside`]); the placements whose straight links cross least are kept for refining.

use super::{BLOCK_GAP, Items, Laid};
use crate::layout::{layered, polish, snap_up};
use crate::model::Point;

/// More blocks than this and only the packed placement is used (the orders to try grow
/// factorially).
pub(super) const MAX_BLOCKS: usize = 8;
/// Most placements scored on their straight links.
const MAX_TRIED: usize = 5_000;
/// Placements in rows kept for refining, best first.
const KEEP: usize = 48;
/// Placements with a block beside columns of the others kept for refining, best first.
const KEEP_BESIDE: usize = 16;

/// The top-left corner of each of `laid` in the best placements in rows along the links
/// between blocks, and in the best with one block beside columns of the others, each best first
/// by their straight links (none for one block or too many).
pub(super) fn layered_offsets(items: &Items, laid: &[Laid]) -> (Vec<Vec<Point>>, Vec<Vec<Point>>) {
    let k = laid.len();
    if !(2..=MAX_BLOCKS).contains(&k) {
        return (Vec::new(), Vec::new());
    }
    let mut block_of = vec![usize::MAX; items.ids.len()];
    for (b, l) in laid.iter().enumerate() {
        for &m in &l.members {
            block_of[m] = b;
        }
    }
    let mut weight = vec![vec![0usize; k]; k];
    for &(a, b, _) in &items.links {
        let (ba, bb) = (block_of[a], block_of[b]);
        if ba != bb && ba < k && bb < k {
            weight[ba][bb] += 1;
        }
    }
    // A block goes above another when more links go down from it than up.
    let (mut down, mut up) = (vec![Vec::new(); k], vec![Vec::new(); k]);
    for u in 0..k {
        for v in 0..k {
            let (forth, back) = (weight[u][v], weight[v][u]);
            if forth > back || (forth == back && forth > 0 && u < v) {
                down[u].push(v);
                up[v].push(u);
            }
        }
    }
    let layer = layered::layers(&down, &up);
    let depth = layer.iter().max().map_or(1, |d| d + 1);
    let rows_of = |layer_to_row: &dyn Fn(usize) -> usize| {
        let mut rows: Vec<Vec<usize>> = Vec::new();
        for (b, &l) in layer.iter().enumerate() {
            let r = layer_to_row(l);
            if rows.len() <= r {
                rows.resize(r + 1, Vec::new());
            }
            rows[r].push(b);
        }
        rows.retain(|row| !row.is_empty());
        rows
    };
    let mut structures = vec![rows_of(&|l| l)];
    // Every block above the bottom layer in one row: a short block that only a few links tie
    // to another above it sits beside it rather than stacking the map ever taller.
    if depth >= 3 {
        structures.push(rows_of(&|l| usize::from(l + 1 == depth)));
    }
    let sizes = &items.sizes;
    let edges: Vec<(usize, usize)> = items.links.iter().map(|&(a, b, _)| (a, b)).collect();
    let mut scored: Vec<(usize, usize, Vec<Point>)> = Vec::new();
    let mut positions = vec![Point::default(); items.ids.len()];
    for rows in structures {
        let mut rows = rows;
        for row in &mut rows {
            row.sort_unstable();
        }
        let mut tried = 0;
        loop {
            for align in [0.0, 0.5, 1.0] {
                let offsets = place(laid, &rows, align);
                for (l, offset) in laid.iter().zip(&offsets) {
                    for (&m, p) in l.members.iter().zip(&l.positions) {
                        positions[m] = p.offset(offset.x, offset.y);
                    }
                }
                let cost = polish::cost(sizes, &positions, &edges);
                scored.push((cost, scored.len(), offsets));
            }
            tried += 1;
            if tried >= MAX_TRIED || !next_orders(&mut rows) {
                break;
            }
        }
    }
    let kept = best_kept(scored, KEEP);
    // Beside the rows, kept apart so they add to the row placements rather than push them out:
    // one block beside columns of the others, so links can come in from the side.
    let mut beside = Vec::new();
    for offsets in super::beside::offsets(laid, &down) {
        for (l, offset) in laid.iter().zip(&offsets) {
            for (&m, p) in l.members.iter().zip(&l.positions) {
                positions[m] = p.offset(offset.x, offset.y);
            }
        }
        let cost = polish::cost(sizes, &positions, &edges);
        beside.push((cost, beside.len(), offsets));
    }
    (kept, best_kept(beside, KEEP_BESIDE))
}

/// The indices of the `keep` placements of `laid_out` (cost on straight links, cost as drawn,
/// positions) with the least `cost`.
pub(super) fn best_by(
    laid_out: &[(usize, usize, Vec<Point>)],
    keep: usize,
    cost: impl Fn(&(usize, usize, Vec<Point>)) -> usize,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..laid_out.len()).collect();
    order.sort_by_key(|&i| (cost(&laid_out[i]), i));
    order.truncate(keep);
    order
}

/// The `keep` cheapest distinct placements of `scored` (cost, index, offsets), cheapest first.
fn best_kept(mut scored: Vec<(usize, usize, Vec<Point>)>, keep: usize) -> Vec<Vec<Point>> {
    scored.sort_by_key(|(cost, index, _)| (*cost, *index));
    let mut kept: Vec<Vec<Point>> = Vec::with_capacity(keep);
    for (_, _, offsets) in scored {
        if kept.len() == keep {
            break;
        }
        if !kept.contains(&offsets) {
            kept.push(offsets);
        }
    }
    kept
}

/// The top-left corner of each block with the blocks in `rows`, left to right, each row under
/// the one before; `align` puts a narrower row at the left (0), middle (0.5) or right (1).
fn place(laid: &[Laid], rows: &[Vec<usize>], align: f32) -> Vec<Point> {
    let width = |row: &[usize]| {
        row.iter()
            .map(|&b| snap_up(laid[b].size.width + BLOCK_GAP))
            .sum::<f32>()
            - BLOCK_GAP
    };
    let widest = rows.iter().map(|r| width(r)).fold(0.0, f32::max);
    let mut offsets = vec![Point::default(); laid.len()];
    let mut y = 0.0;
    for row in rows {
        let mut x = snap_up((widest - width(row)) * align);
        let mut height = 0.0f32;
        for &b in row {
            offsets[b] = Point::new(x, y);
            x += snap_up(laid[b].size.width + BLOCK_GAP);
            height = height.max(laid[b].size.height);
        }
        y += snap_up(height + BLOCK_GAP);
    }
    offsets
}

/// The next combination of orders of the rows (the last row changing fastest); false when
/// every combination has been seen (the rows are then back in their first orders).
fn next_orders(rows: &mut [Vec<usize>]) -> bool {
    for row in rows.iter_mut().rev() {
        if next_permutation(row) {
            return true;
        }
        // This row wrapped round to its first order: carry to the row before.
    }
    false
}

/// The next order of `row` in lexicographic order; false (and the first order) after the last.
pub(super) fn next_permutation(row: &mut [usize]) -> bool {
    let n = row.len();
    if n < 2 {
        return false;
    }
    let Some(i) = (0..n - 1).rev().find(|&i| row[i] < row[i + 1]) else {
        row.reverse();
        return false;
    };
    let Some(j) = (i + 1..n).rev().find(|&j| row[j] > row[i]) else {
        return false;
    };
    row.swap(i, j);
    row[i + 1..].reverse();
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_of_row_orders_is_visited_once() {
        let mut rows = vec![vec![0, 1, 2], vec![3], vec![4, 5]];
        let mut seen = vec![rows.clone()];
        while next_orders(&mut rows) {
            seen.push(rows.clone());
        }
        assert_eq!(seen.len(), 6 * 2);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 12);
        assert_eq!(rows, vec![vec![0, 1, 2], vec![3], vec![4, 5]]);
    }
}
