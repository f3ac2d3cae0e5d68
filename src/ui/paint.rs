//! Paints a scene onto the screen through the camera.

use std::collections::HashSet;

use eframe::egui::epaint::RectShape;
use eframe::egui::{
    Align2, Color32, CornerRadius, FontFamily, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke,
    StrokeKind, Vec2,
};

use super::lod::{
    MIN_TEXT_PX, PlainLine, SIMPLE_BELOW_ZOOM, drawn, line_width_on_screen, plain_stretches,
};
use super::view::{CameraOnScreen as _, to_pos};
use crate::editor::Camera;
use crate::model::Id;
use crate::scene::{Align, Owner, Primitive, Rgba};

pub fn color32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// Scene items, some of which a drag is drawing elsewhere.
pub struct Items<'a> {
    pub items: &'a [(Owner, Primitive)],
    /// Indices into `items` to paint, in paint order.
    pub which: &'a [u32],
    /// Items owned by these are skipped.
    pub hidden: Option<&'a HashSet<Id>>,
}

/// Paints `scene` (a drag's moved part: a few items). Zoomed out, its boxes and lines go to the
/// GPU as plain triangles; the whole scene is painted through [`super::near_view::NearView`].
pub fn paint_scene(painter: &Painter, viewport: Rect, camera: &Camera, scene: &Items<'_>) {
    if camera.zoom_factor < SIMPLE_BELOW_ZOOM {
        let visible = painter.clip_rect().expand(40.0);
        let mut mesh = Mesh::default();
        for primitive in shown(scene, camera.zoom_factor) {
            mesh_shape(&mut mesh, visible, viewport, camera, primitive);
        }
        painter.add(Shape::Mesh(mesh.into()));
    }
    painter.extend(scene_shapes(painter, viewport, camera, scene).shapes);
}

/// The shapes that draw scene items, in paint order, with the item each run of them draws.
#[derive(Default)]
pub struct SceneShapes {
    pub shapes: Vec<Shape>,
    /// Each item's owner and where its shapes end in `shapes` (they start where the last ended).
    pub runs: Vec<(Owner, usize)>,
}

/// The shapes that draw `scene`: everything zoomed in, and only the names zoomed out (where
/// the boxes and lines are a picture or a plain mesh).
pub fn scene_shapes(
    painter: &Painter,
    viewport: Rect,
    camera: &Camera,
    scene: &Items<'_>,
) -> SceneShapes {
    let zoom = camera.zoom_factor;
    let visible = painter.clip_rect().expand(40.0);
    let text_only = zoom < SIMPLE_BELOW_ZOOM;
    let mut out = SceneShapes::default();
    if text_only && zoom * crate::scene::TITLE_SIZE < MIN_TEXT_PX {
        return out;
    }
    for &index in scene.which {
        let Some(primitive) = drawn(scene.items, index as usize, scene.hidden, zoom) else {
            continue;
        };
        if text_only && !matches!(primitive, Primitive::Text { .. }) {
            continue;
        }
        let before = out.shapes.len();
        push_shape(
            &mut out.shapes,
            painter,
            visible,
            (viewport, camera),
            primitive,
        );
        if out.shapes.len() > before {
            out.runs
                .push((scene.items[index as usize].0, out.shapes.len()));
        }
    }
    out
}

/// The items of `scene` drawn at `zoom`, in paint order.
fn shown<'a>(scene: &'a Items<'a>, zoom: f32) -> impl Iterator<Item = &'a Primitive> {
    scene
        .which
        .iter()
        .filter_map(move |index| drawn(scene.items, *index as usize, scene.hidden, zoom))
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
            let on_screen = camera.rect_to_screen(viewport, *rect);
            if visible.intersects(on_screen) {
                mesh.add_colored_rect(on_screen, color32(*fill));
            }
        }
        Primitive::Line {
            points,
            width,
            color,
            arrow_head,
            ..
        } => {
            let Some(on_screen) = line_on_screen(camera, viewport, visible, points) else {
                return;
            };
            let width = line_width_on_screen(*width, camera.zoom_factor);
            let color = color32(*color);
            for (a, PlainLine { end, width, head }) in
                plain_stretches(&on_screen, width, *arrow_head)
            {
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
        }
        Primitive::Text { .. } => {}
    }
}

/// Adds the shapes that draw `primitive` to `out`; `painter` lays out its text.
fn push_shape(
    out: &mut Vec<Shape>,
    painter: &Painter,
    visible: Rect,
    (viewport, camera): (Rect, &Camera),
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
            let on_screen = camera.rect_to_screen(viewport, *rect);
            if !visible.intersects(on_screen) {
                return;
            }
            let stroke = stroke.map_or(Stroke::NONE, |(w, c)| {
                Stroke::new(w * zoom.clamp(0.5, 1.0), color32(c))
            });
            out.push(Shape::Rect(RectShape::new(
                on_screen,
                CornerRadius::same(((corner_radius * zoom).round().clamp(0.0, 255.0)) as u8),
                color32(*fill),
                stroke,
                StrokeKind::Inside,
            )));
        }
        Primitive::Line {
            points,
            width,
            color,
            dashed,
            arrow_head,
        } => {
            let Some(mut shaft) = line_on_screen(camera, viewport, visible, points) else {
                return;
            };
            let stroke = Stroke::new(line_width_on_screen(*width, zoom), color32(*color));
            // The last stretch carries the arrow head; the rest is one line ending where it
            // starts, so dashes run on round a bend.
            let (Some(b), Some(&a)) = (shaft.pop(), shaft.last()) else {
                return;
            };
            if shaft.len() >= 2 {
                if *dashed {
                    out.extend(Shape::dashed_line(&shaft, stroke, 7.0, 5.0));
                } else {
                    out.push(Shape::line(shaft, stroke));
                }
            }
            if *arrow_head {
                push_arrow(out, a, b, stroke, *dashed);
            } else if *dashed {
                out.extend(Shape::dashed_line(&[a, b], stroke, 7.0, 5.0));
            } else {
                out.push(Shape::line_segment([a, b], stroke));
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
            let at = camera.to_screen(viewport, to_pos(*pos));
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
            // egui shapes each word but places words left to right: an Arabic or Hebrew name's
            // words are put in display order first.
            let text = crate::text::rtl_words_in_display_order(text).into_owned();
            let color = color32(*color);
            let galley = painter.layout_no_wrap(text, FontId::new(px, family), color);
            let rect = anchor.anchor_size(at, galley.size());
            out.push(Shape::galley(rect.min, galley, color));
        }
    }
}

/// A segment's ends on screen, or `None` when it is nowhere near `visible`.
/// `points` on screen, or `None` when no part of the line can be in `visible`.
fn line_on_screen(
    camera: &Camera,
    viewport: Rect,
    visible: Rect,
    points: &[crate::model::Point],
) -> Option<Vec<Pos2>> {
    let on_screen: Vec<Pos2> = points
        .iter()
        .map(|p| camera.to_screen(viewport, to_pos(*p)))
        .collect();
    let bounds = Rect::from_points(&on_screen);
    (on_screen.len() >= 2 && visible.intersects(bounds)).then_some(on_screen)
}

/// A line from `from` to `tip` with a filled arrow head; the line stops where the head begins.
pub fn paint_arrow(painter: &Painter, from: Pos2, tip: Pos2, stroke: Stroke, dashed: bool) {
    let mut shapes = Vec::new();
    push_arrow(&mut shapes, from, tip, stroke, dashed);
    painter.extend(shapes);
}

fn push_arrow(out: &mut Vec<Shape>, from: Pos2, tip: Pos2, stroke: Stroke, dashed: bool) {
    let direction = tip - from;
    if direction.length_sq() < 1.0 {
        return;
    }
    let length = (stroke.width * 5.0).clamp(6.0, 14.0);
    let dir = direction.normalized();
    let line_end = tip - dir * (length * 0.8);
    if dashed {
        out.extend(Shape::dashed_line(&[from, line_end], stroke, 7.0, 5.0));
    } else {
        out.push(Shape::line_segment([from, line_end], stroke));
    }
    let normal = Vec2::new(-dir.y, dir.x);
    let base = tip - dir * length;
    out.push(Shape::convex_polygon(
        vec![
            tip,
            base + normal * length * 0.5,
            base - normal * length * 0.5,
        ],
        stroke.color,
        Stroke::NONE,
    ));
}

/// The bundled bold face, registered by [`install_fonts`].
pub fn bold_family() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// Uses the bundled Inter for all UI text (the scene measures labels in it, so names fit their
/// boxes on screen as in exports), then the bundled fallback fonts (Arabic, Hebrew, CJK, emoji)
/// that pictures use too, then egui's own fonts for symbols.
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
    let mut fallbacks: Vec<String> = Vec::new();
    for (name, bytes) in crate::scene::font::FALLBACK_FONTS {
        fonts
            .font_data
            .insert((*name).to_owned(), Arc::new(FontData::from_static(bytes)));
        fallbacks.push((*name).to_owned());
    }
    fallbacks.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
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
