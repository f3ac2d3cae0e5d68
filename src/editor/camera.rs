//! The view onto the canvas: which canvas point is at the viewport's centre, and the zoom factor.
//! Screen positions are in points (egui's logical pixels), canvas positions in canvas units.

use crate::model::{Point, Rect};

pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 8.0;
/// The margin `fit` leaves around the content, on screen.
const FIT_MARGIN: f32 = 40.0;

/// Session state: never saved and never undone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub center_in_canvas: Point,
    pub zoom_factor: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            center_in_canvas: Point::new(0.0, 0.0),
            zoom_factor: 1.0,
        }
    }
}

impl Camera {
    pub fn screen_from_canvas(&self, viewport: Rect, pos_in_canvas: Point) -> Point {
        let center = viewport.center();
        Point::new(
            center.x + (pos_in_canvas.x - self.center_in_canvas.x) * self.zoom_factor,
            center.y + (pos_in_canvas.y - self.center_in_canvas.y) * self.zoom_factor,
        )
    }

    pub fn canvas_from_screen(&self, viewport: Rect, pos_on_screen: Point) -> Point {
        let center = viewport.center();
        Point::new(
            self.center_in_canvas.x + (pos_on_screen.x - center.x) / self.zoom_factor,
            self.center_in_canvas.y + (pos_on_screen.y - center.y) / self.zoom_factor,
        )
    }

    pub fn rect_on_screen(&self, viewport: Rect, rect_in_canvas: Rect) -> Rect {
        Rect {
            min: self.screen_from_canvas(viewport, rect_in_canvas.min),
            max: self.screen_from_canvas(viewport, rect_in_canvas.max),
        }
    }

    /// The canvas area `viewport` shows.
    pub fn view_in_canvas(&self, viewport: Rect) -> Rect {
        Rect {
            min: self.canvas_from_screen(viewport, viewport.min),
            max: self.canvas_from_screen(viewport, viewport.max),
        }
    }

    /// Moves the view by a distance on screen (dragging the canvas with the pointer).
    pub fn pan_by_screen(&mut self, dx_on_screen: f32, dy_on_screen: f32) {
        self.center_in_canvas = self.center_in_canvas.offset(
            -dx_on_screen / self.zoom_factor,
            -dy_on_screen / self.zoom_factor,
        );
    }

    /// Zooms by `factor`, keeping the canvas point under `anchor_on_screen` where it is.
    pub fn zoom_around(&mut self, viewport: Rect, anchor_on_screen: Point, factor: f32) {
        let anchor_in_canvas = self.canvas_from_screen(viewport, anchor_on_screen);
        self.zoom_factor = (self.zoom_factor * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let center = viewport.center();
        self.center_in_canvas = Point::new(
            anchor_in_canvas.x - (anchor_on_screen.x - center.x) / self.zoom_factor,
            anchor_in_canvas.y - (anchor_on_screen.y - center.y) / self.zoom_factor,
        );
    }

    /// Shows all of `content` with a margin, never zooming in past 100 %.
    pub fn fit(&mut self, viewport: Rect, content: Rect) {
        self.fit_within(viewport, viewport, content);
    }

    /// Shows all of `content` with a margin inside `clear`, the part of `viewport` nothing
    /// covers (the legend takes the bottom), never zooming in past 100 %.
    pub fn fit_within(&mut self, viewport: Rect, clear: Rect, content: Rect) {
        let available_x = (clear.width() - 2.0 * FIT_MARGIN).max(1.0);
        let available_y = (clear.height() - 2.0 * FIT_MARGIN).max(1.0);
        let zoom_x = available_x / content.width().max(1.0);
        let zoom_y = available_y / content.height().max(1.0);
        self.zoom_factor = zoom_x.min(zoom_y).clamp(MIN_ZOOM, 1.0);
        // The viewport's centre is the camera's: the content's centre goes to the clear part's.
        let (center, clear_center) = (content.center(), clear.center());
        let shift = viewport.center();
        self.center_in_canvas = Point::new(
            center.x + (shift.x - clear_center.x) / self.zoom_factor,
            center.y + (shift.y - clear_center.y) / self.zoom_factor,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewport() -> Rect {
        Rect {
            min: Point::new(0.0, 0.0),
            max: Point::new(800.0, 600.0),
        }
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer_still() {
        let mut camera = Camera::default();
        let anchor = Point::new(650.0, 120.0);
        let before = camera.canvas_from_screen(viewport(), anchor);
        camera.zoom_around(viewport(), anchor, 1.7);
        let after = camera.canvas_from_screen(viewport(), anchor);
        assert!(
            (before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3,
            "{before:?} moved to {after:?}"
        );
        assert_eq!(camera.zoom_factor, 1.7);
    }

    #[test]
    fn fit_shows_the_whole_content() {
        let content = Rect {
            min: Point::new(-1000.0, 0.0),
            max: Point::new(3000.0, 500.0),
        };
        let mut camera = Camera::default();
        camera.fit(viewport(), content);
        let on_screen = camera.rect_on_screen(viewport(), content);
        assert!(
            on_screen.min.x >= 0.0
                && on_screen.min.y >= 0.0
                && on_screen.max.x <= 800.0
                && on_screen.max.y <= 600.0,
            "{on_screen:?}"
        );
    }

    #[test]
    fn fit_within_keeps_the_content_out_of_the_covered_part() {
        // A tall map, and a legend over the bottom 100 points of the viewport.
        let content = Rect {
            min: Point::new(0.0, 0.0),
            max: Point::new(1000.0, 1200.0),
        };
        let mut clear = viewport();
        clear.max.y -= 100.0;
        let mut camera = Camera::default();
        camera.fit_within(viewport(), clear, content);
        let on_screen = camera.rect_on_screen(viewport(), content);
        let margin = |a: f32, b: f32| (a - b).abs() < 0.5;
        // Height-limited: the margin above and below it, inside the clear part.
        assert!(margin(on_screen.min.y, FIT_MARGIN), "{on_screen:?}");
        assert!(margin(on_screen.max.y, 500.0 - FIT_MARGIN), "{on_screen:?}");
        assert!(margin(on_screen.center().x, 400.0), "{on_screen:?}");
    }
}
