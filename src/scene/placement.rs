//! Where a link's caption goes: on the link, away from the boxes it would otherwise hide.

use crate::model::{Point, Rect};
use crate::scene::grid::{Grid, overlaps};

/// Grid cell side, in canvas units: a little more than a team box, so a box touches few cells.
const CELL: f32 = 256.0;
/// How far past the nodes a caption may reach and still be found through the grid.
const MARGIN: f32 = 512.0;
/// Where along the visible link a caption may sit, best first.
const CANDIDATES: [f32; 9] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88];

/// Node rectangles, and the captions placed so far, bucketed in the scene's grid, so looking for
/// an overlap costs a few comparisons instead of one per node.
pub(super) struct Obstacles {
    grid: Grid,
    cells: Vec<Vec<Rect>>,
    /// What lies wholly outside the grid: checked on every lookup.
    beyond: Vec<Rect>,
}

impl Obstacles {
    pub(super) fn new(rects: impl IntoIterator<Item = Rect>) -> Self {
        let rects: Vec<Rect> = rects.into_iter().collect();
        let bounds = rects.iter().copied().reduce(Rect::union).map(|b| Rect {
            min: b.min.offset(-MARGIN, -MARGIN),
            max: b.max.offset(MARGIN, MARGIN),
        });
        let grid = Grid::over(bounds, CELL);
        let mut obstacles = Self {
            grid,
            cells: vec![Vec::new(); grid.cell_count()],
            beyond: Vec::new(),
        };
        for rect in rects {
            obstacles.add(rect);
        }
        obstacles
    }

    fn add(&mut self, rect: Rect) {
        let mut inside = false;
        for c in self.grid.cell_indices(rect) {
            self.cells[c].push(rect);
            inside = true;
        }
        if !inside {
            self.beyond.push(rect);
        }
    }

    /// How much of `rect` is covered by obstacles (overlaps counted once per obstacle).
    fn covered_area(&self, rect: Rect) -> f32 {
        let mut seen: Vec<Rect> = Vec::new();
        let mut area = 0.0;
        let near = self
            .grid
            .cell_indices(rect)
            .flat_map(|c| &self.cells[c])
            .chain(&self.beyond);
        for other in near {
            if overlaps(*other, rect) && !seen.contains(other) {
                seen.push(*other);
                let w = other.max.x.min(rect.max.x) - other.min.x.max(rect.min.x);
                let h = other.max.y.min(rect.max.y) - other.min.y.max(rect.min.y);
                area += w * h;
            }
        }
        area
    }

    /// The centre for a caption of `half_width` × `half_height` on the segment `from`–`to`: the
    /// middle when it is clear of every box and earlier caption, else the clear point nearest the
    /// middle, else the point where the least of it is covered. The caption then becomes an
    /// obstacle for the next ones.
    pub(super) fn caption_center(
        &mut self,
        from: Point,
        to: Point,
        half_width: f32,
        half_height: f32,
    ) -> Point {
        let at = |t: f32| Point::new(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
        let pill = |c: Point| Rect {
            min: c.offset(-half_width, -half_height),
            max: c.offset(half_width, half_height),
        };
        let mut best = (f32::INFINITY, at(0.5));
        for t in CANDIDATES {
            let center = at(t);
            let covered = self.covered_area(pill(center));
            if covered < best.0 {
                best = (covered, center);
            }
            if covered <= 0.0 {
                break;
            }
        }
        self.add(pill(best.1));
        best.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_slides_off_a_box_in_the_middle_of_its_link() {
        let blocker = Rect {
            min: Point::new(450.0, -20.0),
            max: Point::new(550.0, 20.0),
        };
        let mut obstacles = Obstacles::new([blocker]);
        let from = Point::new(0.0, 0.0);
        let to = Point::new(1000.0, 0.0);
        let center = obstacles.caption_center(from, to, 20.0, 10.0);
        assert_eq!(center, Point::new(400.0, 0.0));
        let mut open = Obstacles::new([]);
        assert_eq!(
            open.caption_center(from, to, 20.0, 10.0),
            Point::new(500.0, 0.0)
        );
        // A second caption on the same link does not land on the first.
        assert_eq!(
            open.caption_center(from, to, 20.0, 10.0),
            Point::new(400.0, 0.0)
        );
    }

    #[test]
    fn with_no_clear_spot_the_caption_goes_where_least_of_it_is_hidden() {
        let wall = Rect {
            min: Point::new(0.0, -20.0),
            max: Point::new(850.0, 20.0),
        };
        let mut obstacles = Obstacles::new([wall]);
        let center =
            obstacles.caption_center(Point::new(0.0, 0.0), Point::new(1000.0, 0.0), 40.0, 10.0);
        assert_eq!(center, Point::new(880.0, 0.0));
    }
}
