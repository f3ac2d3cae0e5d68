//! Where a link's caption goes: on the link, away from the boxes it would otherwise hide.

use std::collections::HashMap;

use crate::model::{Point, Rect};

/// Grid cell side, in canvas units: a little more than a team box, so a box touches few cells.
const CELL: f32 = 256.0;
/// Where along the visible link a caption may sit, best first.
const CANDIDATES: [f32; 9] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88];

/// Node rectangles bucketed in a coarse grid, so looking for an overlap costs a few comparisons
/// instead of one per node.
pub(super) struct Obstacles {
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

fn cell_range(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
    let cell = |v: f32| (v / CELL).floor() as i32;
    let (x0, x1) = (cell(rect.min.x), cell(rect.max.x));
    let (y0, y1) = (cell(rect.min.y), cell(rect.max.y));
    (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

impl Obstacles {
    pub(super) fn new(rects: impl IntoIterator<Item = Rect>) -> Self {
        let mut cells: HashMap<(i32, i32), Vec<Rect>> = HashMap::new();
        for rect in rects {
            for key in cell_range(rect) {
                cells.entry(key).or_default().push(rect);
            }
        }
        Self { cells }
    }

    fn add(&mut self, rect: Rect) {
        for key in cell_range(rect) {
            self.cells.entry(key).or_default().push(rect);
        }
    }

    /// How much of `rect` is covered by obstacles (overlaps counted once per obstacle).
    fn covered_area(&self, rect: Rect) -> f32 {
        let mut seen: Vec<Rect> = Vec::new();
        let mut area = 0.0;
        for key in cell_range(rect) {
            for other in self.cells.get(&key).into_iter().flatten() {
                if overlaps(*other, rect) && !seen.contains(other) {
                    seen.push(*other);
                    let w = other.max.x.min(rect.max.x) - other.min.x.max(rect.min.x);
                    let h = other.max.y.min(rect.max.y) - other.min.y.max(rect.min.y);
                    area += w * h;
                }
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
