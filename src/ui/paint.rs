//! Paints a scene onto the screen through the camera.

use std::collections::HashSet;

use eframe::egui::{
    Align2, Color32, CornerRadius, FontFamily, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke,
    StrokeKind, Vec2,
};

use super::camera::{Camera, to_pos};
use super::far_view::{FarSource, FarView};
use crate::model::Id;
use crate::scene::{Align, Owner, Primitive, Rgba};

pub fn color32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// Below this on-screen size text is not drawn: it would be unreadable and costs time.
pub const MIN_TEXT_PX: f32 = 5.0;
/// Below this zoom boxes and lines are plain (no rounded corners, outlines, dashes or small
/// arrow heads) and are drawn once into a picture ([`FarView`]): at that size the details do not
/// show, and a zoomed-out 10,000-team map would otherwise cost tens of thousands of shapes.
pub const SIMPLE_BELOW_ZOOM: f32 = 0.35;

/// Scene items, some of which a drag is drawing elsewhere.
pub struct Items<'a> {
    pub items: &'a [(Owner, Primitive)],
    /// Indices into `items` to paint, in paint order.
    pub which: &'a [u32],
    /// Items owned by these are skipped.
    pub hidden: Option<&'a HashSet<Id>>,
}

/// A zoomed-out line as plain geometry: where the line stops and the arrow head, if it has room.
pub struct PlainLine {
    pub end: Pos2,
    pub width: f32,
    pub head: Option<[Pos2; 3]>,
}

impl PlainLine {
    /// `None` for a line so short that it hides in the gap between two boxes.
    pub fn new(a: Pos2, b: Pos2, width: f32, arrow_head: bool) -> Option<Self> {
        let direction = b - a;
        let length = direction.length();
        if length < 2.0 {
            return None;
        }
        let dir = direction / length;
        let head_length = (width * 5.0).clamp(6.0, 14.0);
        // A head longer than a third of its line would hide the line.
        if arrow_head && length > 3.0 * head_length {
            let normal = Vec2::new(-dir.y, dir.x) * head_length * 0.5;
            let base = b - dir * head_length;
            Some(Self {
                end: b - dir * (head_length * 0.8),
                width,
                head: Some([b, base + normal, base - normal]),
            })
        } else {
            Some(Self {
                end: b,
                width,
                head: None,
            })
        }
    }
}

/// Paints `scene`. Zoomed out, its boxes and lines come from `far`'s picture when given, and
/// otherwise go to the GPU as plain triangles (a drag's moved part: a few items).
pub fn paint_scene(
    painter: &Painter,
    viewport: Rect,
    camera: &Camera,
    scene: &Items<'_>,
    far: Option<(&mut FarView, &FarSource<'_>)>,
) {
    let zoom = camera.zoom_factor;
    let visible = painter.clip_rect().expand(40.0);
    let shown = scene
        .which
        .iter()
        .filter_map(|index| drawn(scene.items, *index as usize, scene.hidden, zoom));
    if zoom < SIMPLE_BELOW_ZOOM {
        match far {
            Some((far, source)) => far.paint(painter, viewport, camera, source, scene.hidden),
            None => {
                let mut mesh = Mesh::default();
                for primitive in shown.clone() {
                    mesh_shape(&mut mesh, visible, viewport, camera, primitive);
                }
                painter.add(Shape::Mesh(mesh.into()));
            }
        }
        if zoom * crate::scene::TITLE_SIZE >= MIN_TEXT_PX {
            for primitive in shown {
                if matches!(primitive, Primitive::Text { .. }) {
                    paint_shape(painter, visible, viewport, camera, primitive);
                }
            }
        }
    } else {
        for primitive in shown {
            paint_shape(painter, visible, viewport, camera, primitive);
        }
    }
}

/// Adds a box or line to `mesh` as plain triangles (text is painted separately).
fn mesh_shape(
    mesh: &mut Mesh,
    visible: Rect,
    viewport: Rect,
    camera: &Camera,
    primitive: &Primitive,
) {
    match primitive {
        Primitive::Rect { rect, fill, .. } => {
            let on_screen = camera.rect_on_screen(viewport, *rect);
            if visible.intersects(on_screen) {
                mesh.add_colored_rect(on_screen, color32(*fill));
            }
        }
        Primitive::Line {
            from,
            to,
            width,
            color,
            arrow_head,
            ..
        } => {
            let Some((a, b)) = segment_on_screen(camera, viewport, visible, (*from, *to)) else {
                return;
            };
            let width = line_width_on_screen(*width, camera.zoom_factor);
            let Some(PlainLine { end, width, head }) = PlainLine::new(a, b, width, *arrow_head)
            else {
                return;
            };
            let color = color32(*color);
            if let Some(corners) = head {
                let first = mesh.vertices.len() as u32;
                for corner in corners {
                    mesh.colored_vertex(corner, color);
                }
                mesh.add_triangle(first, first + 1, first + 2);
            }
            let dir = (end - a).normalized();
            let normal = Vec2::new(-dir.y, dir.x) * (width / 2.0);
            let first = mesh.vertices.len() as u32;
            mesh.colored_vertex(a + normal, color);
            mesh.colored_vertex(a - normal, color);
            mesh.colored_vertex(end - normal, color);
            mesh.colored_vertex(end + normal, color);
            mesh.add_triangle(first, first + 1, first + 2);
            mesh.add_triangle(first, first + 2, first + 3);
        }
        Primitive::Text { .. } => {}
    }
}

fn paint_shape(
    painter: &Painter,
    visible: Rect,
    viewport: Rect,
    camera: &Camera,
    primitive: &Primitive,
) {
    let zoom = camera.zoom_factor;
    match primitive {
        Primitive::Rect {
            rect,
            corner_radius,
            fill,
            stroke,
        } => {
            let on_screen = camera.rect_on_screen(viewport, *rect);
            if !visible.intersects(on_screen) {
                return;
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
            let Some((a, b)) = segment_on_screen(camera, viewport, visible, (*from, *to)) else {
                return;
            };
            let stroke = Stroke::new(line_width_on_screen(*width, zoom), color32(*color));
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
                return;
            }
            let at = camera.screen_from_canvas(viewport, to_pos(*pos));
            if !visible.contains(at) && !visible.expand(px * text.len() as f32).contains(at) {
                return;
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

/// A segment's ends on screen, or `None` when it is nowhere near `visible`.
fn segment_on_screen(
    camera: &Camera,
    viewport: Rect,
    visible: Rect,
    (from, to): (crate::model::Point, crate::model::Point),
) -> Option<(Pos2, Pos2)> {
    let a = camera.screen_from_canvas(viewport, to_pos(from));
    let b = camera.screen_from_canvas(viewport, to_pos(to));
    visible
        .intersects(Rect::from_two_pos(a, b))
        .then_some((a, b))
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

/// The scene item at `index`, unless it is not drawn at `zoom`: one of `hidden`'s (a drag draws
/// it elsewhere) or a caption box too small for its text.
pub fn drawn<'a>(
    items: &'a [(Owner, Primitive)],
    index: usize,
    hidden: Option<&HashSet<Id>>,
    zoom: f32,
) -> Option<&'a Primitive> {
    let (owner, primitive) = items.get(index)?;
    let is_hidden = matches!(owner, Owner::Item(id) if hidden.is_some_and(|h| h.contains(id)));
    (!is_hidden && !is_unreadable_caption(items, index, *owner, zoom)).then_some(primitive)
}

/// A line's width on screen, in points: never thinner than a pixel, never thicker than four.
pub fn line_width_on_screen(width: f32, zoom: f32) -> f32 {
    (width * zoom).clamp(1.0, 4.0)
}

/// A small box whose only purpose is to hold the text after it (a link's "40 %" pill) is not
/// drawn when that text is too small to draw: an empty pill reads as noise.
fn is_unreadable_caption(
    items: &[(Owner, Primitive)],
    index: usize,
    owner: Owner,
    zoom: f32,
) -> bool {
    let Some((_, Primitive::Rect { rect, .. })) = items.get(index) else {
        return false;
    };
    let Some((next_owner, Primitive::Text { size, .. })) = items.get(index + 1) else {
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
