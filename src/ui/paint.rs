//! Paints a scene onto the screen through the camera.

use eframe::egui::{
    Align2, Color32, CornerRadius, FontFamily, FontId, Painter, Pos2, Rect, Shape, Stroke,
    StrokeKind, Vec2,
};

use super::camera::{Camera, to_pos};
use crate::scene::{Align, Primitive, Rgba, Scene};

pub fn color32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// Below this on-screen size text is not drawn: it would be unreadable and costs time.
const MIN_TEXT_PX: f32 = 5.0;

pub fn paint_scene(painter: &Painter, viewport: Rect, camera: &Camera, scene: &Scene) {
    let zoom = camera.zoom_factor;
    let visible = painter.clip_rect().expand(40.0);
    for (_, primitive) in &scene.items {
        match primitive {
            Primitive::Rect {
                rect,
                corner_radius,
                fill,
                stroke,
            } => {
                let on_screen = camera.rect_on_screen(viewport, *rect);
                if !visible.intersects(on_screen) {
                    continue;
                }
                let stroke = stroke.map_or(Stroke::NONE, |(w, c)| {
                    Stroke::new(w * zoom.clamp(0.5, 1.0), color32(c))
                });
                painter.rect(
                    on_screen,
                    CornerRadius::same(((corner_radius * zoom).round().clamp(0.0, 255.0)) as u8),
                    color32(*fill),
                    stroke,
                    StrokeKind::Inside,
                );
            }
            Primitive::Line {
                from,
                to,
                width,
                color,
                dashed,
                arrow_head,
            } => {
                let a = camera.screen_from_canvas(viewport, to_pos(*from));
                let b = camera.screen_from_canvas(viewport, to_pos(*to));
                if !visible.intersects(Rect::from_two_pos(a, b)) {
                    continue;
                }
                let stroke = Stroke::new((width * zoom).clamp(1.0, 4.0), color32(*color));
                if *dashed {
                    painter.extend(Shape::dashed_line(&[a, b], stroke, 7.0, 5.0));
                } else {
                    painter.line_segment([a, b], stroke);
                }
                if *arrow_head {
                    arrow_head_shape(painter, a, b, (9.0 * zoom).clamp(4.0, 14.0), stroke.color);
                }
            }
            Primitive::Text {
                pos,
                text,
                size,
                color,
                align,
                bold: _,
            } => {
                let px = size * zoom;
                if px < MIN_TEXT_PX {
                    continue;
                }
                let at = camera.screen_from_canvas(viewport, to_pos(*pos));
                if !visible.contains(at) && !visible.expand(px * text.len() as f32).contains(at) {
                    continue;
                }
                let anchor = match align {
                    Align::Left => Align2::LEFT_CENTER,
                    Align::Center => Align2::CENTER_CENTER,
                };
                painter.text(
                    at,
                    anchor,
                    text,
                    FontId::new(px, FontFamily::Proportional),
                    color32(*color),
                );
            }
        }
    }
}

fn arrow_head_shape(painter: &Painter, from: Pos2, tip: Pos2, length: f32, color: Color32) {
    let direction = tip - from;
    if direction.length_sq() < 1.0 {
        return;
    }
    let dir = direction.normalized();
    let normal = Vec2::new(-dir.y, dir.x);
    let base = tip - dir * length;
    painter.add(Shape::convex_polygon(
        vec![
            tip,
            base + normal * length * 0.5,
            base - normal * length * 0.5,
        ],
        color,
        Stroke::NONE,
    ));
}
