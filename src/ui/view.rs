//! The camera in egui's types: canvas positions to screen positions and back.

use eframe::egui::{Pos2, Rect, pos2};

use crate::editor::Camera;
use crate::model;

pub fn to_pos(p: model::Point) -> Pos2 {
    pos2(p.x, p.y)
}

pub fn to_point(p: Pos2) -> model::Point {
    model::Point::new(p.x, p.y)
}

/// A screen rectangle as the editor keeps it.
pub fn to_model_rect(rect: Rect) -> model::Rect {
    model::Rect {
        min: to_point(rect.min),
        max: to_point(rect.max),
    }
}

pub fn to_egui_rect(rect: model::Rect) -> Rect {
    Rect::from_min_max(to_pos(rect.min), to_pos(rect.max))
}

/// [`Camera`]'s conversions with egui's positions and rectangles.
pub trait CameraOnScreen {
    fn to_screen(&self, viewport: Rect, pos_in_canvas: Pos2) -> Pos2;
    fn to_canvas(&self, viewport: Rect, pos_on_screen: Pos2) -> Pos2;
    fn rect_to_screen(&self, viewport: Rect, rect_in_canvas: model::Rect) -> Rect;
}

impl CameraOnScreen for Camera {
    fn to_screen(&self, viewport: Rect, pos_in_canvas: Pos2) -> Pos2 {
        to_pos(self.screen_from_canvas(to_model_rect(viewport), to_point(pos_in_canvas)))
    }

    fn to_canvas(&self, viewport: Rect, pos_on_screen: Pos2) -> Pos2 {
        to_pos(self.canvas_from_screen(to_model_rect(viewport), to_point(pos_on_screen)))
    }

    fn rect_to_screen(&self, viewport: Rect, rect_in_canvas: model::Rect) -> Rect {
        to_egui_rect(self.rect_on_screen(to_model_rect(viewport), rect_in_canvas))
    }
}
