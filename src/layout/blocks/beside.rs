//! Placements of a small map's blocks that are not rows: one block beside a column of the
//! others (or between two columns). With the business units stacked beside the platform
//! grouping, their links come into the platform teams from the side, away from the fan of
//! funding links the platform's own source sends down to the same teams.

use super::{BLOCK_GAP, Laid};
use crate::layout::snap_up;
use crate::model::Point;

/// More blocks than this and no column placements are tried (the orders grow factorially).
pub(super) const MAX_BLOCKS: usize = 6;

/// The top-left corner of each of `laid` for every placement of one block between a column of
/// blocks on its left and one on its right (either may be empty), every order of the columns,
/// columns aligned top, centred or bottom and blocks within a column aligned to match. A block
/// never sits below a block in its column that it links down to (`down[u]` holds the blocks `u`
/// goes above), so dependencies still read downwards.
pub(super) fn offsets(laid: &[Laid], down: &[Vec<usize>]) -> Vec<Vec<Point>> {
    let k = laid.len();
    if !(2..=MAX_BLOCKS).contains(&k) {
        return Vec::new();
    }
    let mut placements = Vec::new();
    for side in 0..k {
        let mut others: Vec<usize> = (0..k).filter(|&b| b != side).collect();
        loop {
            for split in 0..=others.len() {
                let columns: Vec<Vec<usize>> = [&others[..split], &[side][..], &others[split..]]
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .map(<[usize]>::to_vec)
                    .collect();
                // A single column of every block is a row placement turned on its side: the
                // rows already cover the shape that reads along the links.
                if columns.len() < 2 || columns.iter().any(|c| !reads_down(c, down)) {
                    continue;
                }
                for align in [0.0, 0.5, 1.0] {
                    placements.push(place(laid, &columns, align));
                }
            }
            if !super::placement::next_permutation(&mut others) {
                break;
            }
        }
    }
    placements
}

/// Whether no block of `column` (top to bottom) sits below a block it goes above.
fn reads_down(column: &[usize], down: &[Vec<usize>]) -> bool {
    column.iter().enumerate().all(|(i, &upper)| {
        column[i + 1..]
            .iter()
            .all(|lower| !down[*lower].contains(&upper))
    })
}

/// The top-left corner of each block with the blocks in `columns`, left to right, each column
/// stacked top to bottom; `align` puts a shorter column (and a narrower block in its column) at
/// the top (0), middle (0.5) or bottom (1).
fn place(laid: &[Laid], columns: &[Vec<usize>], align: f32) -> Vec<Point> {
    let height = |column: &[usize]| {
        column
            .iter()
            .map(|&b| snap_up(laid[b].size.height + BLOCK_GAP))
            .sum::<f32>()
            - BLOCK_GAP
    };
    let width = |column: &[usize]| {
        column
            .iter()
            .map(|&b| laid[b].size.width)
            .fold(0.0, f32::max)
    };
    let tallest = columns.iter().map(|c| height(c)).fold(0.0, f32::max);
    let mut offsets = vec![Point::default(); laid.len()];
    let mut x = 0.0;
    for column in columns {
        let mut y = snap_up((tallest - height(column)) * align);
        let column_width = width(column);
        for &b in column {
            let inset = snap_up((column_width - laid[b].size.width) * align);
            offsets[b] = Point::new(x + inset, y);
            y += snap_up(laid[b].size.height + BLOCK_GAP);
        }
        x += snap_up(column_width + BLOCK_GAP);
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Size;

    fn block(width: f32, height: f32) -> Laid {
        Laid {
            members: Vec::new(),
            positions: Vec::new(),
            size: Size::new(width, height),
            old_center: Point::default(),
            old_height: height,
        }
    }

    fn side_by_side(offsets: &[Point], laid: &[Laid], a: usize, b: usize) -> bool {
        let (left, right) = if offsets[a].x < offsets[b].x {
            (a, b)
        } else {
            (b, a)
        };
        offsets[left].x + laid[left].size.width < offsets[right].x
    }

    #[test]
    fn one_block_goes_beside_a_column_of_the_others() {
        let laid = [
            block(400.0, 200.0),
            block(300.0, 200.0),
            block(600.0, 300.0),
        ];
        let placements = offsets(&laid, &[Vec::new(), Vec::new(), Vec::new()]);
        let beside_a_column = placements.iter().any(|o| {
            !side_by_side(o, &laid, 0, 1)
                && side_by_side(o, &laid, 0, 2)
                && side_by_side(o, &laid, 1, 2)
        });
        assert!(beside_a_column);
    }

    #[test]
    fn a_block_never_sits_below_a_block_of_its_column_that_it_links_down_to() {
        let laid = [
            block(400.0, 200.0),
            block(300.0, 200.0),
            block(600.0, 300.0),
        ];
        // Block 2 links down to block 0.
        let placements = offsets(&laid, &[Vec::new(), Vec::new(), vec![0]]);
        assert!(!placements.is_empty());
        for o in &placements {
            if !side_by_side(o, &laid, 0, 2) {
                assert!(o[2].y < o[0].y, "{o:?}");
            }
        }
    }
}
