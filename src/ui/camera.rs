//! The view onto the canvas: which canvas point is at the viewport's centre, and the zoom factor.

use eframe::egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model;

pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 8.0;

/// Session state: never saved and never undone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub center_in_canvas: Pos2,
    pub zoom_factor: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            center_in_canvas: Pos2::ZERO,
            zoom_factor: 1.0,
        }
    }
}

impl Camera {
    pub fn screen_from_canvas(&self, viewport: Rect, pos_in_canvas: Pos2) -> Pos2 {
        viewport.center() + (pos_in_canvas - self.center_in_canvas) * self.zoom_factor
    }

    pub fn canvas_from_screen(&self, viewport: Rect, pos_on_screen: Pos2) -> Pos2 {
        self.center_in_canvas + (pos_on_screen - viewport.center()) / self.zoom_factor
    }

    pub fn rect_on_screen(&self, viewport: Rect, rect_in_canvas: model::Rect) -> Rect {
        Rect::from_min_max(
            self.screen_from_canvas(viewport, to_pos(rect_in_canvas.min)),
            self.screen_from_canvas(viewport, to_pos(rect_in_canvas.max)),
        )
    }

    /// Moves the view by a distance on screen (dragging the canvas with the pointer).
    pub fn pan_by_screen(&mut self, delta_on_screen: Vec2) {
        self.center_in_canvas -= delta_on_screen / self.zoom_factor;
    }

    /// Zooms by `factor`, keeping the canvas point under `anchor_on_screen` where it is.
    pub fn zoom_around(&mut self, viewport: Rect, anchor_on_screen: Pos2, factor: f32) {
        let anchor_in_canvas = self.canvas_from_screen(viewport, anchor_on_screen);
        self.zoom_factor = (self.zoom_factor * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.center_in_canvas =
            anchor_in_canvas - (anchor_on_screen - viewport.center()) / self.zoom_factor;
    }

    /// Shows all of `content` with a margin, never zooming in past 100 %.
    pub fn fit(&mut self, viewport: Rect, content: model::Rect) {
        let margin = 40.0;
        let available = (viewport.size() - vec2(2.0 * margin, 2.0 * margin)).max(vec2(1.0, 1.0));
        let zoom_x = available.x / content.width().max(1.0);
        let zoom_y = available.y / content.height().max(1.0);
        self.zoom_factor = zoom_x.min(zoom_y).clamp(MIN_ZOOM, 1.0);
        self.center_in_canvas = to_pos(content.center());
    }
}

pub fn to_pos(p: model::Point) -> Pos2 {
    pos2(p.x, p.y)
}

pub fn to_point(p: Pos2) -> model::Point {
    model::Point::new(p.x, p.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_pointer_still() {
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let mut camera = Camera::default();
        let anchor = pos2(650.0, 120.0);
        let before = camera.canvas_from_screen(viewport, anchor);
        camera.zoom_around(viewport, anchor, 1.7);
        let after = camera.canvas_from_screen(viewport, anchor);
        assert!(
            (before - after).length() < 1e-3,
            "{before:?} moved to {after:?}"
        );
        assert_eq!(camera.zoom_factor, 1.7);
    }

    #[test]
    fn fit_shows_the_whole_content() {
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let content = model::Rect {
            min: model::Point::new(-1000.0, 0.0),
            max: model::Point::new(3000.0, 500.0),
        };
        let mut camera = Camera::default();
        camera.fit(viewport, content);
        let on_screen = camera.rect_on_screen(viewport, content);
        assert!(viewport.contains_rect(on_screen), "{on_screen:?}");
    }
}
