//! The one uniform grid over canvas space. The spatial index (built once per revision, for
//! painting and hit testing) and the caption obstacles (which grow as captions are placed) both
//! bucket rectangles in it, so a lookup looks only at what is near.

use std::ops::RangeInclusive;

use crate::model::{Point, Rect};

/// At most this many cells: a big or sparse map gets bigger cells so the grid stays small.
const MAX_CELLS: usize = 1 << 16;

/// Cells `(columns, rows)` a rectangle covers, clamped to the grid.
pub type CellRange = (RangeInclusive<usize>, RangeInclusive<usize>);

#[derive(Clone, Copy, Debug, Default)]
pub struct Grid {
    origin: Point,
    cell: f32,
    columns: usize,
    rows: usize,
}

impl Grid {
    /// A grid over `bounds` with cells of about `cell` canvas units (larger when there would be
    /// too many). Without bounds the grid has no cells and every lookup finds nothing.
    pub fn over(bounds: Option<Rect>, cell: f32) -> Self {
        let Some(bounds) = bounds else {
            return Self::default();
        };
        let size = |cell: f32| {
            (
                ((bounds.width() / cell).floor() as usize + 1).max(1),
                ((bounds.height() / cell).floor() as usize + 1).max(1),
            )
        };
        let mut cell = cell;
        let (mut columns, mut rows) = size(cell);
        while columns * rows > MAX_CELLS {
            cell *= 2.0;
            (columns, rows) = size(cell);
        }
        Self {
            origin: bounds.min,
            cell,
            columns,
            rows,
        }
    }

    pub fn cell_count(&self) -> usize {
        self.columns * self.rows
    }

    /// The cells `rect` touches; a part beyond the grid counts as the edge cell, and a rectangle
    /// wholly outside touches none.
    pub fn cells(&self, rect: Rect) -> Option<CellRange> {
        if self.columns == 0 {
            return None;
        }
        let far_x = self.origin.x + self.cell * self.columns as f32;
        let far_y = self.origin.y + self.cell * self.rows as f32;
        if rect.max.x < self.origin.x
            || rect.max.y < self.origin.y
            || rect.min.x > far_x
            || rect.min.y > far_y
        {
            return None;
        }
        let to_cell = |v: f32, origin: f32, count: usize| {
            // Saturating float-to-int casts clamp what lies outside the grid to its edge.
            (((v - origin) / self.cell).floor().max(0.0) as usize).min(count - 1)
        };
        Some((
            to_cell(rect.min.x, self.origin.x, self.columns)
                ..=to_cell(rect.max.x, self.origin.x, self.columns),
            to_cell(rect.min.y, self.origin.y, self.rows)
                ..=to_cell(rect.max.y, self.origin.y, self.rows),
        ))
    }

    /// The index of every cell `rect` touches, row by row.
    pub fn cell_indices(&self, rect: Rect) -> impl Iterator<Item = usize> + '_ {
        self.cells(rect).into_iter().flat_map(move |(xs, ys)| {
            ys.flat_map(move |y| xs.clone().map(move |x| y * self.columns + x))
        })
    }

    /// Which of `rects` touch each cell, stored flat.
    pub fn bucket(&self, rects: impl Iterator<Item = Rect> + Clone) -> Buckets {
        let mut counts = vec![0_u32; self.cell_count() + 1];
        for rect in rects.clone() {
            for c in self.cell_indices(rect) {
                counts[c + 1] += 1;
            }
        }
        for c in 1..counts.len() {
            counts[c] += counts[c - 1];
        }
        let mut fill = counts.clone();
        let mut entries = vec![0_u32; counts[self.cell_count()] as usize];
        for (i, rect) in rects.enumerate() {
            for c in self.cell_indices(rect) {
                entries[fill[c] as usize] = i as u32;
                fill[c] += 1;
            }
        }
        Buckets {
            starts: counts,
            entries,
        }
    }

    /// Indices in `buckets` touching cells that `area` touches, sorted and without repeats,
    /// written into `out` (cleared first) so a frame reuses one buffer. When most of the grid is
    /// in `area`, every index below `total` (counting up is cheaper than merging cells).
    pub fn query(&self, buckets: &Buckets, area: Rect, total: usize, out: &mut Vec<u32>) {
        out.clear();
        let Some((xs, ys)) = self.cells(area) else {
            return;
        };
        let covered = xs.clone().count() * ys.clone().count();
        if covered * 2 >= self.cell_count() {
            out.extend(0..total as u32);
            return;
        }
        for y in ys {
            let row = y * self.columns;
            let (from, to) = (
                buckets.starts[row + xs.start()] as usize,
                buckets.starts[row + xs.end() + 1] as usize,
            );
            out.extend_from_slice(&buckets.entries[from..to]);
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Lists of indices per cell, stored flat: cell `c` holds `entries[starts[c]..starts[c + 1]]`.
#[derive(Clone, Debug, Default)]
pub struct Buckets {
    starts: Vec<u32>,
    entries: Vec<u32>,
}

/// Whether two rectangles share a point (touching counts).
pub fn overlaps(a: Rect, b: Rect) -> bool {
    a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y && b.min.y <= a.max.y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect {
            min: Point::new(x0, y0),
            max: Point::new(x1, y1),
        }
    }

    #[test]
    fn a_query_finds_what_touches_the_area_and_what_lies_beyond_the_edge_counts_as_the_edge() {
        let grid = Grid::over(Some(rect(0.0, 0.0, 1000.0, 1000.0)), 100.0);
        assert_eq!(grid.cell_count(), 121);
        let rects = [
            rect(10.0, 10.0, 50.0, 50.0),
            rect(900.0, 900.0, 990.0, 990.0),
            rect(450.0, 10.0, 560.0, 40.0),
        ];
        let buckets = grid.bucket(rects.iter().copied());
        let mut out = Vec::new();
        grid.query(&buckets, rect(0.0, 0.0, 60.0, 60.0), 3, &mut out);
        assert_eq!(out, [0]);
        grid.query(&buckets, rect(520.0, 0.0, 530.0, 5.0), 3, &mut out);
        assert_eq!(out, [2]);
        // Past the far corner still finds the corner cell's rectangle.
        grid.query(&buckets, rect(995.0, 995.0, 1200.0, 1200.0), 3, &mut out);
        assert_eq!(out, [1]);
        grid.query(&buckets, rect(2000.0, 2000.0, 2100.0, 2100.0), 3, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_huge_area_gets_bigger_cells_and_no_bounds_means_no_cells() {
        let grid = Grid::over(Some(rect(0.0, 0.0, 1.0e6, 1.0e6)), 100.0);
        assert!(grid.cell_count() <= MAX_CELLS);
        let none = Grid::over(None, 100.0);
        assert_eq!(none.cell_count(), 0);
        assert!(none.cells(rect(0.0, 0.0, 1.0, 1.0)).is_none());
    }
}
