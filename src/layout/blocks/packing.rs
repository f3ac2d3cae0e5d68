//! Packing laid-out blocks row by row, in the reading order they had, into a roughly 16:9 area;
//! and boxes without links in a grid.

use super::{BLOCK_GAP, Items, Laid, laid_group};
use crate::layout::layered::{GAP_X, GAP_Y};
use crate::model::{Point, Size};

/// Packs laid-out blocks row by row, in the reading order they had, into a roughly 16:9 area:
/// one block holding them all, its top-left corner at (0, 0).
pub(super) fn pack_laid(items: &Items, mut laid: Vec<Laid>) -> Laid {
    if laid.len() == 1 {
        return laid
            .pop()
            .unwrap_or_else(|| laid_group(items, Vec::new(), Vec::new()));
    }
    let offsets = packed_offsets(&laid);
    combine(items, &laid, &offsets)
}

/// One block holding all of `laid`, each with its top-left corner at its offset.
fn combine(items: &Items, laid: &[Laid], offsets: &[Point]) -> Laid {
    let (mut members, mut positions) = (Vec::new(), Vec::new());
    for (l, offset) in laid.iter().zip(offsets) {
        for (&m, p) in l.members.iter().zip(&l.positions) {
            members.push(m);
            positions.push(p.offset(offset.x, offset.y));
        }
    }
    laid_group(items, members, positions)
}

/// The top-left corner of each of `laid` packed row by row, in the reading order the blocks
/// had, into a roughly 16:9 area.
pub(super) fn packed_offsets(laid: &[Laid]) -> Vec<Point> {
    // Reading order: by band (the typical block height), then left to right.
    let mut heights: Vec<f32> = laid.iter().map(|l| l.old_height).collect();
    heights.sort_by(f32::total_cmp);
    let band = heights
        .get(heights.len() / 2)
        .copied()
        .unwrap_or(1.0)
        .max(1.0);
    let mut order: Vec<usize> = (0..laid.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |l: &Laid| {
            (
                (l.old_center.y / band).floor(),
                l.old_center.x,
                l.members.first().copied().unwrap_or(0),
            )
        };
        let (ka, kb) = (key(&laid[a]), key(&laid[b]));
        ka.0.total_cmp(&kb.0)
            .then(ka.1.total_cmp(&kb.1))
            .then(ka.2.cmp(&kb.2))
    });
    let area: f32 = laid
        .iter()
        .map(|l| (l.size.width + BLOCK_GAP) * (l.size.height + BLOCK_GAP))
        .sum();
    let widest = laid.iter().map(|l| l.size.width).fold(0.0, f32::max);
    let row_width = (area * 16.0 / 9.0).sqrt().max(widest);
    let mut offsets = vec![Point::default(); laid.len()];
    let (mut x, mut y, mut row_height) = (0.0f32, 0.0f32, 0.0f32);
    for b in order {
        let l = &laid[b];
        if x > 0.0 && x + l.size.width > row_width {
            (x, y, row_height) = (0.0, y + row_height + BLOCK_GAP, 0.0);
        }
        offsets[b] = Point::new(x, y);
        x += l.size.width + BLOCK_GAP;
        row_height = row_height.max(l.size.height);
    }
    offsets
}

/// Boxes without links, in a square grid in their order.
pub(super) fn grid(sizes: &[Size]) -> Vec<Point> {
    let columns = ((sizes.len() as f32).sqrt().ceil() as usize).max(1);
    let cell_width = sizes.iter().map(|s| s.width).fold(0.0, f32::max) + GAP_X;
    let mut positions = Vec::with_capacity(sizes.len());
    let mut y = 0.0;
    for row in sizes.chunks(columns) {
        for (i, _) in row.iter().enumerate() {
            positions.push(Point::new(i as f32 * cell_width, y));
        }
        y += row.iter().map(|s| s.height).fold(0.0, f32::max) + GAP_Y / 2.0;
    }
    positions
}
