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
    for (index, (owner, primitive)) in scene.items.iter().enumerate() {
        if is_unreadable_caption(scene, index, *owner, zoom) {
            continue;
        }
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
                if *arrow_head {
                    paint_arrow(painter, a, b, stroke, *dashed);
                } else if *dashed {
                    painter.extend(Shape::dashed_line(&[a, b], stroke, 7.0, 5.0));
                } else {
                    painter.line_segment([a, b], stroke);
                }
            }
            Primitive::Text {
                pos,
                text,
                size,
                color,
                align,
                bold,
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
                let family = if *bold {
                    bold_family()
                } else {
                    FontFamily::Proportional
                };
                painter.text(at, anchor, text, FontId::new(px, family), color32(*color));
            }
        }
    }
}

/// A line from `from` to `tip` with a filled arrow head; the line stops where the head begins.
pub fn paint_arrow(painter: &Painter, from: Pos2, tip: Pos2, stroke: Stroke, dashed: bool) {
    let direction = tip - from;
    if direction.length_sq() < 1.0 {
        return;
    }
    let length = (stroke.width * 5.0).clamp(6.0, 14.0);
    let dir = direction.normalized();
    let line_end = tip - dir * (length * 0.8);
    if dashed {
        painter.extend(Shape::dashed_line(&[from, line_end], stroke, 7.0, 5.0));
    } else {
        painter.line_segment([from, line_end], stroke);
    }
    let color = stroke.color;
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

/// A small box whose only purpose is to hold the text after it (a link's "40 %" pill) is not
/// drawn when that text is too small to draw: an empty pill reads as noise.
fn is_unreadable_caption(
    scene: &Scene,
    index: usize,
    owner: crate::scene::Owner,
    zoom: f32,
) -> bool {
    let Some((_, Primitive::Rect { rect, .. })) = scene.items.get(index) else {
        return false;
    };
    let Some((next_owner, Primitive::Text { size, .. })) = scene.items.get(index + 1) else {
        return false;
    };
    *next_owner == owner && size * zoom < MIN_TEXT_PX && rect.height() <= 2.0 * size
}

/// The bundled bold face, registered by [`install_fonts`].
pub fn bold_family() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// Uses the bundled Inter for all UI text (the scene measures labels in it, so names fit their
/// boxes on screen as in exports), keeping egui's own fonts as fallbacks for emoji and symbols.
pub fn install_fonts(ctx: &eframe::egui::Context) {
    use eframe::egui::{FontData, FontDefinitions};
    use std::sync::Arc;
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "Inter".into(),
        Arc::new(FontData::from_static(crate::scene::font::REGULAR)),
    );
    fonts.font_data.insert(
        "Inter-Bold".into(),
        Arc::new(FontData::from_static(crate::scene::font::BOLD)),
    );
    let fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut proportional = vec!["Inter".to_owned()];
    proportional.extend(fallbacks.iter().cloned());
    let mut bold = vec!["Inter-Bold".to_owned()];
    bold.extend(fallbacks);
    fonts
        .families
        .insert(FontFamily::Proportional, proportional);
    fonts.families.insert(bold_family(), bold);
    ctx.set_fonts(fonts);
}
