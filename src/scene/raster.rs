//! A small CPU rasteriser for the zoomed-out canvas: filled boxes, lines and arrow heads with
//! smooth edges, into premultiplied RGBA pixels.
//!
//! Zoomed out, a big map is tens of thousands of boxes and lines a few pixels long. Sent to the
//! GPU as triangles they cost little on a graphics card but a great deal on a CPU renderer (Mesa
//! without a GPU spends about two microseconds on each triangle). Drawn here once into a picture,
//! they cost one textured rectangle on every frame until the view or the map changes.

use crate::scene::Rgba;

/// Premultiplied RGBA pixels, row by row.
pub struct Pixmap {
    width: usize,
    height: usize,
    pixels: Vec<[u8; 4]>,
}

/// A colour with its alpha already multiplied in, as blending wants it (0–255 per channel).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint([u32; 4]);

impl Paint {
    pub fn new(color: Rgba) -> Self {
        let alpha = u32::from(color.a);
        let times_alpha = |channel: u8| div_255(u32::from(channel) * alpha);
        Self([
            times_alpha(color.r),
            times_alpha(color.g),
            times_alpha(color.b),
            alpha,
        ])
    }
}

/// `value / 255`, rounded, for `value` up to 255 × 255.
fn div_255(value: u32) -> u32 {
    let value = value + 128;
    (value + (value >> 8)) >> 8
}

/// `x.floor()` for `x >= 0` without a call into libm (which `f32::floor` is on plain x86-64).
fn floor_positive(x: f32) -> usize {
    x as usize
}

/// `x.ceil()` for `x >= 0`.
fn ceil_positive(x: f32) -> usize {
    let whole = x as usize;
    if (whole as f32) < x { whole + 1 } else { whole }
}

impl Pixmap {
    /// A transparent picture.
    pub fn new(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            pixels: vec![[0; 4]; width * height],
        }
    }

    pub fn size(&self) -> [usize; 2] {
        [self.width, self.height]
    }

    pub fn pixels(&self) -> &[[u8; 4]] {
        &self.pixels
    }

    #[cfg(test)]
    pub fn pixel(&self, x: usize, y: usize) -> [u8; 4] {
        self.pixels[y * self.width + x]
    }

    /// Draws `shapes` in order. The picture is drawn in bands of rows, each small enough to
    /// stay in the processor's cache while every shape that reaches into it is drawn (a big map's
    /// lines otherwise touch a new cache line at almost every pixel), and the bands are shared
    /// between two threads.
    pub fn draw(&mut self, shapes: &[Shape]) {
        const BAND_ROWS: usize = 32;
        let width = self.width;
        if width == 0 {
            return;
        }
        let mut bands: Vec<Band<'_>> = self
            .pixels
            .chunks_mut(width * BAND_ROWS)
            .enumerate()
            .map(|(i, pixels)| Band {
                width,
                height: pixels.len() / width,
                top: (i * BAND_ROWS) as f32,
                pixels,
            })
            .collect();
        let draw_bands = |bands: &mut [Band<'_>]| {
            for band in bands {
                band.draw(shapes);
            }
        };
        if bands.len() < 4 {
            draw_bands(&mut bands);
            return;
        }
        let half = bands.len() / 2;
        let (first, second) = bands.split_at_mut(half);
        std::thread::scope(|scope| {
            scope.spawn(|| draw_bands(first));
            draw_bands(second);
        });
    }
}

/// One thing to draw, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// A box from one corner to the other; pixels the edges cut are partly covered.
    Rect {
        min: (f32, f32),
        max: (f32, f32),
        paint: Paint,
    },
    /// A line `width` pixels wide with square (butt) ends.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        paint: Paint,
    },
    /// A triangle, each pixel sampled at four points.
    Triangle {
        corners: [(f32, f32); 3],
        paint: Paint,
    },
}

impl Shape {
    /// The rows the shape may reach: top and bottom.
    fn rows(&self) -> (f32, f32) {
        match self {
            Shape::Rect { min, max, .. } => (min.1.min(max.1), min.1.max(max.1)),
            Shape::Line {
                from, to, width, ..
            } => (from.1.min(to.1) - width, from.1.max(to.1) + width),
            Shape::Triangle { corners, .. } => {
                let ys = corners.map(|c| c.1);
                (ys[0].min(ys[1]).min(ys[2]), ys[0].max(ys[1]).max(ys[2]))
            }
        }
    }
}

/// Some whole rows of a picture, from `top` down.
struct Band<'a> {
    width: usize,
    height: usize,
    top: f32,
    pixels: &'a mut [[u8; 4]],
}

impl Band<'_> {
    fn draw(&mut self, shapes: &[Shape]) {
        let (top, bottom) = (self.top, self.top + self.height as f32);
        let local = |(x, y): (f32, f32)| (x, y - top);
        for shape in shapes {
            let (first_row, last_row) = shape.rows();
            if last_row < top || first_row > bottom {
                continue;
            }
            match *shape {
                Shape::Rect { min, max, paint } => self.fill_rect(local(min), local(max), paint),
                Shape::Line {
                    from,
                    to,
                    width,
                    paint,
                } => self.line(local(from), local(to), width, paint),
                Shape::Triangle { corners, paint } => {
                    self.fill_triangle(corners.map(local), paint);
                }
            }
        }
    }

    /// Draws `paint` over pixel (`x`, `y`), covering `coverage` (0–1) of it.
    #[inline]
    fn blend(&mut self, x: usize, y: usize, paint: Paint, coverage: f32) {
        let coverage = (coverage.min(1.0) * 255.0 + 0.5) as u32;
        if coverage == 0 {
            return;
        }
        let pixel = &mut self.pixels[y * self.width + x];
        if coverage == 255 && paint.0[3] == 255 {
            *pixel = paint.0.map(|c| c as u8);
            return;
        }
        let keep = 255 - div_255(paint.0[3] * coverage);
        for (channel, source) in pixel.iter_mut().zip(paint.0) {
            let blended = div_255(source * coverage) + div_255(u32::from(*channel) * keep);
            *channel = blended.min(255) as u8;
        }
    }

    /// Fills the box from `(x0, y0)` to `(x1, y1)`; pixels the edges cut are partly covered.
    fn fill_rect(&mut self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), paint: Paint) {
        let (x0, x1) = (x0.min(x1).max(0.0), x0.max(x1).min(self.width as f32));
        let (y0, y1) = (y0.min(y1).max(0.0), y0.max(y1).min(self.height as f32));
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        let (first_column, last_column) = (floor_positive(x0), ceil_positive(x1).min(self.width));
        let (first_row, last_row) = (floor_positive(y0), ceil_positive(y1).min(self.height));
        for row in first_row..last_row {
            let row_coverage = overlap(y0, y1, row as f32);
            for column in first_column..last_column {
                let coverage = row_coverage * overlap(x0, x1, column as f32);
                self.blend(column, row, paint, coverage);
            }
        }
    }

    /// Draws a line `width` pixels wide from `a` to `b`, with square (butt) ends.
    fn line(&mut self, a: (f32, f32), b: (f32, f32), width: f32, paint: Paint) {
        let margin = width + 1.0;
        let Some((a, b)) = clip_segment(
            a,
            b,
            (-margin, -margin),
            (self.width as f32 + margin, self.height as f32 + margin),
        ) else {
            return;
        };
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        if dx.abs() >= dy.abs() {
            self.line_along(a, b, width, paint, Axis::X);
        } else {
            self.line_along(a, b, width, paint, Axis::Y);
        }
    }

    /// Walks the line one pixel at a time along its major axis; at each step the line covers an
    /// interval of the minor axis, and each pixel gets the part of that interval it holds.
    fn line_along(&mut self, a: (f32, f32), b: (f32, f32), width: f32, paint: Paint, major: Axis) {
        let (a_major, a_minor) = major.split(a);
        let (b_major, b_minor) = major.split(b);
        let (start, end, start_minor, end_minor) = if a_major <= b_major {
            (a_major, b_major, a_minor, b_minor)
        } else {
            (b_major, a_major, b_minor, a_minor)
        };
        let length = end - start;
        let slope = if length > 0.0 {
            (end_minor - start_minor) / length
        } else {
            0.0
        };
        // Measured across the minor axis, a slanted line is wider than it is thick.
        let half = 0.5 * width * (1.0 + slope * slope).sqrt();
        let (major_size, minor_size) = major.split((self.width as f32, self.height as f32));
        let first = floor_positive(start.max(0.0));
        let last = ceil_positive(end.clamp(0.0, major_size)).max(first);
        for step in first..last {
            // The part of this pixel column (or row) the line runs through.
            let along = if step == first || step + 1 == last {
                overlap(start, end.max(start + 1e-3), step as f32)
            } else {
                1.0
            };
            if along <= 0.0 {
                continue;
            }
            let middle = (step as f32 + 0.5).clamp(start, end);
            let centre = start_minor + (middle - start) * slope;
            let (low, high) = (centre - half, centre + half);
            let from = floor_positive(low.max(0.0));
            let to = ceil_positive(high.clamp(0.0, minor_size)).max(from);
            for across in from..to {
                let coverage = along * overlap(low, high, across as f32);
                let (x, y) = major.join(step, across);
                self.blend(x, y, paint, coverage);
            }
        }
    }

    /// Fills a triangle, sampling each pixel at four points.
    fn fill_triangle(&mut self, corners: [(f32, f32); 3], paint: Paint) {
        let [p0, p1, p2] = corners;
        let area = edge(p0, p1, p2);
        if area.abs() < 1e-6 {
            return;
        }
        let min_x = floor_positive(p0.0.min(p1.0).min(p2.0).max(0.0));
        let min_y = floor_positive(p0.1.min(p1.1).min(p2.1).max(0.0));
        let max_x = ceil_positive(p0.0.max(p1.0).max(p2.0).max(0.0)).min(self.width);
        let max_y = ceil_positive(p0.1.max(p1.1).max(p2.1).max(0.0)).min(self.height);
        const SAMPLES: [(f32, f32); 4] = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)];
        for y in min_y..max_y {
            for x in min_x..max_x {
                let inside = SAMPLES
                    .iter()
                    .filter(|(sx, sy)| {
                        let p = (x as f32 + sx, y as f32 + sy);
                        let w0 = edge(p1, p2, p) * area;
                        let w1 = edge(p2, p0, p) * area;
                        let w2 = edge(p0, p1, p) * area;
                        w0 >= 0.0 && w1 >= 0.0 && w2 >= 0.0
                    })
                    .count();
                self.blend(x, y, paint, inside as f32 / SAMPLES.len() as f32);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Axis {
    X,
    Y,
}

impl Axis {
    /// (along this axis, across it)
    fn split(self, (x, y): (f32, f32)) -> (f32, f32) {
        match self {
            Axis::X => (x, y),
            Axis::Y => (y, x),
        }
    }

    fn join(self, along: usize, across: usize) -> (usize, usize) {
        match self {
            Axis::X => (along, across),
            Axis::Y => (across, along),
        }
    }
}

/// How much of the unit interval starting at `cell` lies between `low` and `high`.
fn overlap(low: f32, high: f32, cell: f32) -> f32 {
    (high.min(cell + 1.0) - low.max(cell)).clamp(0.0, 1.0)
}

/// Twice the signed area of the triangle (a, b, p).
fn edge(a: (f32, f32), b: (f32, f32), p: (f32, f32)) -> f32 {
    (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0)
}

/// The part of the segment inside the box from `min` to `max` (Liang–Barsky), if any. Works in
/// f64: a line from far off screen would otherwise land pixels away from where it should.
fn clip_segment(
    a: (f32, f32),
    b: (f32, f32),
    min: (f32, f32),
    max: (f32, f32),
) -> Option<((f32, f32), (f32, f32))> {
    let wide = |(x, y): (f32, f32)| (f64::from(x), f64::from(y));
    let (a, b, min, max) = (wide(a), wide(b), wide(min), wide(max));
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut enter, mut leave) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - min.0),
        (dx, max.0 - a.0),
        (-dy, a.1 - min.1),
        (dy, max.1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                enter = enter.max(t);
            } else {
                leave = leave.min(t);
            }
        }
    }
    (enter <= leave).then_some((
        ((a.0 + dx * enter) as f32, (a.1 + dy * enter) as f32),
        ((a.0 + dx * leave) as f32, (a.1 + dy * leave) as f32),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shapes one at a time, as the tests draw them.
    impl Pixmap {
        fn fill_rect(&mut self, min: (f32, f32), max: (f32, f32), paint: Paint) {
            self.draw(&[Shape::Rect { min, max, paint }]);
        }

        fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, paint: Paint) {
            self.draw(&[Shape::Line {
                from,
                to,
                width,
                paint,
            }]);
        }

        fn fill_triangle(&mut self, corners: [(f32, f32); 3], paint: Paint) {
            self.draw(&[Shape::Triangle { corners, paint }]);
        }
    }

    const RED: Rgba = Rgba::rgb(255, 0, 0);

    fn alpha_sum(pixmap: &Pixmap) -> f32 {
        pixmap
            .pixels()
            .iter()
            .map(|p| f32::from(p[3]) / 255.0)
            .sum()
    }

    #[test]
    fn a_box_on_whole_pixels_covers_exactly_them() {
        let mut pixmap = Pixmap::new(10, 10);
        pixmap.fill_rect((2.0, 3.0), (5.0, 4.0), Paint::new(RED));
        assert_eq!(pixmap.pixel(2, 3), [255, 0, 0, 255]);
        assert_eq!(pixmap.pixel(4, 3), [255, 0, 0, 255]);
        assert_eq!(pixmap.pixel(5, 3), [0; 4]);
        assert_eq!(pixmap.pixel(2, 4), [0; 4]);
        assert_eq!(alpha_sum(&pixmap), 3.0);
    }

    #[test]
    fn a_box_between_pixels_shares_them() {
        let mut pixmap = Pixmap::new(10, 10);
        pixmap.fill_rect((2.5, 2.0), (3.5, 3.0), Paint::new(RED));
        assert_eq!(pixmap.pixel(2, 2)[3], 128);
        assert_eq!(pixmap.pixel(3, 2)[3], 128);
        // Premultiplied: half covered red is half red.
        assert_eq!(pixmap.pixel(2, 2)[0], 128);
    }

    #[test]
    fn boxes_past_the_edges_are_cut_not_wrapped() {
        let mut pixmap = Pixmap::new(4, 4);
        pixmap.fill_rect((-10.0, -10.0), (1.0, 100.0), Paint::new(RED));
        pixmap.fill_rect((50.0, 1.0), (60.0, 2.0), Paint::new(RED));
        assert_eq!(alpha_sum(&pixmap), 4.0);
        assert_eq!(pixmap.pixel(1, 0), [0; 4]);
    }

    #[test]
    fn a_line_covers_its_length_times_its_width() {
        for (a, b) in [
            ((1.0, 5.0), (9.0, 5.0)),
            ((5.0, 1.0), (5.0, 9.0)),
            ((1.0, 2.0), (7.0, 8.0)),
            ((8.3, 1.7), (2.1, 6.6)),
        ] {
            let mut pixmap = Pixmap::new(12, 12);
            pixmap.line(a, b, 1.0, Paint::new(RED));
            let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let covered = alpha_sum(&pixmap);
            assert!(
                (covered - length).abs() < 0.1 * length,
                "{a:?}–{b:?}: {covered} for a length of {length}"
            );
        }
    }

    #[test]
    fn a_line_on_a_pixel_row_is_crisp() {
        let mut pixmap = Pixmap::new(10, 10);
        pixmap.line((1.0, 4.5), (8.0, 4.5), 1.0, Paint::new(RED));
        for x in 1..8 {
            assert_eq!(pixmap.pixel(x, 4), [255, 0, 0, 255], "x = {x}");
            assert_eq!(pixmap.pixel(x, 3), [0; 4]);
            assert_eq!(pixmap.pixel(x, 5), [0; 4]);
        }
    }

    #[test]
    fn a_line_far_off_the_picture_draws_nothing_and_a_crossing_one_is_cut() {
        let mut pixmap = Pixmap::new(10, 10);
        pixmap.line((-1e9, -50.0), (1e9, -50.0), 2.0, Paint::new(RED));
        assert_eq!(alpha_sum(&pixmap), 0.0);
        pixmap.line((-1e9, 5.0), (1e9, 5.0), 1.0, Paint::new(RED));
        let covered = alpha_sum(&pixmap);
        assert!((covered - 10.0).abs() < 0.1, "{covered}");
    }

    #[test]
    fn a_triangle_covers_its_area() {
        let mut pixmap = Pixmap::new(20, 20);
        pixmap.fill_triangle([(2.0, 2.0), (18.0, 2.0), (2.0, 18.0)], Paint::new(RED));
        let covered = alpha_sum(&pixmap);
        assert!((covered - 128.0).abs() < 8.0, "{covered}");
        assert_eq!(pixmap.pixel(3, 3), [255, 0, 0, 255]);
        assert_eq!(pixmap.pixel(17, 17), [0; 4]);
    }

    #[test]
    fn bands_and_threads_draw_what_one_pass_would() {
        // Tall enough for several bands on two threads; shapes cross the bands' edges.
        let shapes = [
            Shape::Rect {
                min: (3.5, 20.25),
                max: (40.0, 70.75),
                paint: Paint::new(RED.with_alpha(200)),
            },
            Shape::Line {
                from: (1.0, 1.0),
                to: (60.0, 150.0),
                width: 1.5,
                paint: Paint::new(Rgba::rgb(0, 90, 255)),
            },
            Shape::Triangle {
                corners: [(10.0, 25.0), (50.0, 40.0), (20.0, 90.0)],
                paint: Paint::new(Rgba::rgb(0, 200, 0).with_alpha(128)),
            },
        ];
        let mut banded = Pixmap::new(64, 160);
        banded.draw(&shapes);
        let mut one_pass = Pixmap::new(64, 160);
        let mut whole = Band {
            width: 64,
            height: 160,
            top: 0.0,
            pixels: &mut one_pass.pixels,
        };
        whole.draw(&shapes);
        // Clipping a line to a band moves its ends by a rounding error: allow one step in 255.
        for (i, (a, b)) in banded.pixels().iter().zip(one_pass.pixels()).enumerate() {
            let off = a.iter().zip(b).any(|(a, b)| a.abs_diff(*b) > 1);
            assert!(!off, "pixel ({}, {}): {a:?} ≠ {b:?}", i % 64, i / 64);
        }
        assert!(alpha_sum(&banded) > 1000.0);
    }

    #[test]
    fn see_through_colours_blend_over_what_is_there() {
        let mut pixmap = Pixmap::new(2, 2);
        pixmap.fill_rect((0.0, 0.0), (1.0, 1.0), Paint::new(Rgba::rgb(0, 0, 255)));
        pixmap.fill_rect(
            (0.0, 0.0),
            (1.0, 1.0),
            Paint::new(Rgba::rgb(255, 0, 0).with_alpha(128)),
        );
        let [r, g, b, a] = pixmap.pixel(0, 0);
        assert_eq!((r, g, a), (128, 0, 255));
        assert!((126..=128).contains(&b), "{b}");
    }
}
