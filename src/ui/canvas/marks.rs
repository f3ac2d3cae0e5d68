//! The compare view's marks on the canvas: every team, funding source and link that differs from
//! the other version gets an outline in its mark's colour and a badge with its symbol, and what
//! was removed shows as a dashed ghost where it was. Colour and symbol together, never colour
//! alone.

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::editor::{Compared, Mark};

/// The colour of a mark; the same in the change list.
pub fn mark_color(mark: Mark) -> Color32 {
    match mark {
        Mark::Added => Color32::from_rgb(0x16, 0xa3, 0x4a),
        Mark::Removed => Color32::from_rgb(0xdc, 0x26, 0x26),
        Mark::Changed => Color32::from_rgb(0xd9, 0x77, 0x06),
        Mark::Moved => Color32::from_rgb(0x64, 0x74, 0x8b),
    }
}

pub(super) fn paint_compare_marks(
    painter: &egui::Painter,
    session: &SessionState,
    doc: &Document,
    index: &SpatialIndex,
    compared: &Compared,
    background: Color32,
) {
    let viewport = to_egui_rect(session.viewport);
    let camera = &session.camera;
    let zoom = camera.zoom_factor;
    let near_view = session.view_in_canvas().expand(40.0 / zoom);
    let badge = (9.0 * zoom.sqrt()).clamp(6.0, 11.0);

    for removed in &compared.removed_links {
        let (a, b) = (
            camera.to_screen(viewport, to_pos(removed.from)),
            camera.to_screen(viewport, to_pos(removed.to)),
        );
        if !viewport.intersects(Rect::from_two_pos(a, b)) {
            continue;
        }
        let color = mark_color(Mark::Removed);
        painter.extend(egui::Shape::dashed_line(
            &[a, b],
            Stroke::new(2.0, color),
            8.0,
            6.0,
        ));
        paint_badge(painter, a.lerp(b, 0.5), badge, Mark::Removed);
    }
    for removed in &compared.removed_nodes {
        let rect = camera.rect_to_screen(viewport, removed.rect);
        if !viewport.intersects(rect) {
            continue;
        }
        let color = mark_color(Mark::Removed);
        painter.rect_filled(rect, 6.0 * zoom, color.gamma_multiply(0.06));
        let corners = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        painter.extend(egui::Shape::dashed_line(
            &corners,
            Stroke::new(2.0, color),
            8.0,
            6.0,
        ));
        if zoom >= crate::ui::lod::SIMPLE_BELOW_ZOOM {
            let size = (14.0 * zoom).clamp(9.0, 18.0);
            let name = scene::fit_width(&removed.name, 14.0, false, removed.rect.width() - 16.0);
            // On a pill of the canvas colour, so it reads even where a box now stands.
            let name = crate::text::rtl_words_in_display_order(&name).into_owned();
            let galley = painter.layout_no_wrap(name, FontId::proportional(size), color);
            let pill = Rect::from_center_size(
                Pos2::new(rect.center().x, rect.top() + size),
                galley.size() + vec2(10.0, 4.0),
            );
            painter.rect_filled(pill, 4.0, background.gamma_multiply(0.9));
            painter.galley(pill.center() - galley.size() / 2.0, galley, color);
        }
        paint_badge(painter, rect.left_top(), badge, Mark::Removed);
    }

    for (id, path) in index.links_in(near_view) {
        let Some(&mark) = compared.marks.get(&id) else {
            continue;
        };
        let on_screen: Vec<Pos2> = path
            .iter()
            .map(|p| camera.to_screen(viewport, to_pos(*p)))
            .collect();
        painter.add(egui::Shape::line(
            on_screen,
            Stroke::new(5.0, mark_color(mark).gamma_multiply(0.45)),
        ));
        let middle = camera.to_screen(viewport, to_pos(crate::scene::route::halfway(path)));
        paint_badge(painter, middle, badge, mark);
    }
    for (id, rect) in index.nodes_in(near_view) {
        let Some(&mark) = compared.marks.get(&id) else {
            continue;
        };
        if doc.node_rect(id).is_none() {
            continue;
        }
        let on_screen = camera.rect_to_screen(viewport, rect).expand(4.0);
        painter.rect_stroke(
            on_screen,
            12.0 * zoom,
            Stroke::new(2.5, mark_color(mark)),
            StrokeKind::Outside,
        );
        paint_badge(painter, on_screen.left_top(), badge, mark);
    }
}

/// A round badge in the mark's colour holding its symbol.
fn paint_badge(painter: &egui::Painter, center: Pos2, radius: f32, mark: Mark) {
    painter.circle(
        center,
        radius,
        mark_color(mark),
        Stroke::new(1.5, Color32::WHITE),
    );
    painter.text(
        center,
        egui::Align2::CENTER_CENTER,
        mark.symbol(),
        FontId::proportional(radius * 1.5),
        Color32::WHITE,
    );
}
