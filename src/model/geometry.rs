//! Positions and sizes in canvas coordinates (canvas units; 1 unit = 1 point at 100 % zoom).

/// A position on the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// A size on the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Size {
    pub width: f32,
    pub height: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    #[must_use]
    pub fn offset(self, dx: f32, dy: f32) -> Self {
        Self::new(self.x + dx, self.y + dy)
    }
}

impl Size {
    pub const fn new(width: f32, height: f32) -> Self {
        Self { width, height }
    }
}

impl Default for Size {
    fn default() -> Self {
        crate::model::Team::DEFAULT_SIZE
    }
}

/// An axis-aligned rectangle on the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub fn from_min_size(min: Point, size: Size) -> Self {
        Self {
            min,
            max: Point::new(min.x + size.width, min.y + size.height),
        }
    }

    pub fn center(self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    pub fn width(self) -> f32 {
        self.max.x - self.min.x
    }

    pub fn height(self) -> f32 {
        self.max.y - self.min.y
    }

    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    #[must_use]
    /// Whether the two share more than an edge.
    pub fn intersects(self, other: Self) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    pub fn expand(self, margin: f32) -> Self {
        Self {
            min: self.min.offset(-margin, -margin),
            max: self.max.offset(margin, margin),
        }
    }

    /// Where the segment from the centre towards `toward` leaves the rectangle.
    pub fn boundary_toward(self, toward: Point) -> Point {
        let c = self.center();
        let (dx, dy) = (toward.x - c.x, toward.y - c.y);
        if dx == 0.0 && dy == 0.0 {
            return c;
        }
        let half_w = self.width() / 2.0;
        let half_h = self.height() / 2.0;
        let scale_x = if dx == 0.0 {
            f32::INFINITY
        } else {
            half_w / dx.abs()
        };
        let scale_y = if dy == 0.0 {
            f32::INFINITY
        } else {
            half_h / dy.abs()
        };
        let t = scale_x.min(scale_y).min(1.0);
        Point::new(c.x + dx * t, c.y + dy * t)
    }
}
