//! What the canvas draws over the scene: grid, hover, selection, drag previews, legend, and accessibility nodes.

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::editor::Camera;
use crate::editor::rules::GRID;
use crate::scene::raster::{Paint, Pixmap, Shape};
use crate::scene::{Rgba, groups};
use crate::ui::lod::SIMPLE_BELOW_ZOOM;

/// Below this zoom the grid is not drawn.
const GRID_BELOW_ZOOM: f32 = 0.3;

/// A red badge with the number of problems on each team or funding source in view that has any.
pub(super) fn paint_problem_badges(
    painter: &egui::Painter,
    session: &SessionState,
    index: &SpatialIndex,
    analysis: &crate::analysis::Analysis,
) {
    if analysis.problems.is_empty() {
        return;
    }
    let viewport = to_egui_rect(session.viewport);
    let fill = Color32::from_rgb(0xdc, 0x26, 0x26);
    let zoom = session.camera.zoom_factor;
    let radius = (9.0 * zoom.sqrt()).clamp(5.0, 10.0);
    let near_view = session.view_in_canvas().expand(radius / zoom);
    // Zoomed out, a badge is a plain red square in one mesh: thousands of outlined circles
    // would cost more than the map itself.
    let simple = zoom < SIMPLE_BELOW_ZOOM;
    let mut squares = egui::Mesh::default();
    for (id, rect) in index.nodes_in(near_view) {
        let count = analysis.problem_count(id);
        if count == 0 {
            continue;
        }
        let corner = session
            .camera
            .to_screen(viewport, Pos2::new(rect.max.x, rect.min.y));
        if !viewport.expand(10.0).contains(corner) {
            continue;
        }
        if simple {
            squares.add_colored_rect(Rect::from_center_size(corner, vec2(4.0, 4.0)), fill);
            continue;
        }
        painter.circle(corner, radius, fill, Stroke::new(1.5, Color32::WHITE));
        if radius >= 7.0 {
            painter.text(
                corner,
                egui::Align2::CENTER_CENTER,
                count.to_string(),
                FontId::proportional(radius * 1.25),
                Color32::WHITE,
            );
        }
    }
    if !squares.is_empty() {
        painter.add(egui::Shape::mesh(squares));
    }
}

pub(super) fn paint_overlays(
    painter: &egui::Painter,
    session: &SessionState,
    (doc, index): (&Document, &SpatialIndex),
    theme: Theme,
) {
    let colors = theme.colors();
    let selection = color32(colors.selection);
    let viewport = to_egui_rect(session.viewport);
    let preview = super::drag_preview(session, doc);
    let node_rect_now = |id: Id| -> Option<model::Rect> {
        let moved = preview
            .as_ref()
            .and_then(|moves| moves.iter().find(|(m, _)| *m == id))
            .map(|(_, p)| *p);
        let rect = doc.node_rect(id)?;
        Some(moved.map_or(rect, |p| {
            model::Rect::from_min_size(p, model::Size::new(rect.width(), rect.height()))
        }))
    };

    // Group frames where the boxes are now (a drag moves them), when a group is shown as hovered
    // or selected.
    let shown: Vec<Id> = session
        .selection
        .iter()
        .copied()
        .chain(session.hover.id())
        .filter(|id| doc.groups.contains_key(id))
        .collect();
    let frames = if shown.is_empty() {
        Default::default()
    } else {
        groups::frames_of(doc, shown, &node_rect_now)
    };
    // How far a drag has carried what it moves (snapped), for a collapsed group's box.
    let carried = preview.as_ref().and_then(|moves| {
        let (id, to) = moves.first()?;
        let from = doc.node_rect(*id)?.min;
        Some((to.x - from.x, to.y - from.y))
    });
    let collapsed_rect_now = |id: Id| {
        if !index.is_collapsed_group(id) {
            return None;
        }
        let rect = index.node_rect(id)?;
        let dragged = matches!(&session.drag, Drag::Move { .. }) && session.selection.contains(&id);
        let (dx, dy) = carried.filter(|_| dragged).unwrap_or_default();
        Some(model::Rect {
            min: rect.min.offset(dx, dy),
            max: rect.max.offset(dx, dy),
        })
    };
    let item_rect_now = |id: Id| {
        node_rect_now(id)
            .or_else(|| collapsed_rect_now(id))
            .or_else(|| frames.get(&id).map(|frame| frame.rect))
    };
    if let Hit::Node(id) | Hit::NodeEdge(id) | Hit::Link(id) | Hit::Group(id) = session.hover
        && !session.selection.contains(&id)
        && let Some(rect) = item_rect_now(id)
    {
        let on_screen = session.camera.rect_to_screen(viewport, rect).expand(2.0);
        painter.rect_stroke(
            on_screen,
            10.0 * session.camera.zoom_factor,
            Stroke::new(1.5, selection.gamma_multiply(0.6)),
            StrokeKind::Outside,
        );
    }
    for id in &session.selection {
        if let Some(rect) = item_rect_now(*id) {
            let on_screen = session.camera.rect_to_screen(viewport, rect).expand(3.0);
            painter.rect_stroke(
                on_screen,
                12.0 * session.camera.zoom_factor,
                Stroke::new(2.5, selection),
                StrokeKind::Outside,
            );
        } else if let Some(path) = index.link_path(*id) {
            let on_screen: Vec<Pos2> = path
                .iter()
                .map(|p| session.camera.to_screen(viewport, to_pos(*p)))
                .collect();
            painter.add(egui::Shape::line(
                on_screen,
                Stroke::new(5.0, selection.gamma_multiply(0.45)),
            ));
        }
    }
    if let Hit::NodeEdge(id) = session.hover
        && session.drag == Drag::Idle
        && let Some(rect) = node_rect_now(id)
    {
        // The link handle: a dot on the right edge says "drag from here to link".
        let handle = session
            .camera
            .to_screen(viewport, Pos2::new(rect.max.x, rect.center().y));
        painter.circle(handle, 5.0, selection, Stroke::new(2.0, Color32::WHITE));
    }
    match &session.drag {
        Drag::Marquee {
            start_in_canvas,
            end_in_canvas,
            ..
        } => {
            let rect = Rect::from_two_pos(
                session.camera.to_screen(viewport, to_pos(*start_in_canvas)),
                session.camera.to_screen(viewport, to_pos(*end_in_canvas)),
            );
            painter.rect(
                rect,
                2.0,
                selection.gamma_multiply(0.08),
                Stroke::new(1.0, selection),
                StrokeKind::Inside,
            );
        }
        Drag::Link {
            from,
            kind,
            end_in_canvas,
        } => {
            if let Some(rect) = doc.node_rect(*from) {
                let start = rect.boundary_toward(*end_in_canvas);
                let a = session.camera.to_screen(viewport, to_pos(start));
                let b = session.camera.to_screen(viewport, to_pos(*end_in_canvas));
                let color = match kind {
                    LinkKindChoice::Dependency => color32(colors.dependency),
                    LinkKindChoice::Funding => color32(colors.funding),
                };
                paint_arrow(
                    painter,
                    a,
                    b,
                    Stroke::new(2.0, color),
                    *kind == LinkKindChoice::Funding,
                );
            }
            if let Hit::Node(target) | Hit::NodeEdge(target) = session.hover
                && target != *from
                && let Some(rect) = doc.node_rect(target)
            {
                let on_screen = session.camera.rect_to_screen(viewport, rect).expand(3.0);
                painter.rect_stroke(
                    on_screen,
                    12.0 * session.camera.zoom_factor,
                    Stroke::new(2.5, selection),
                    StrokeKind::Outside,
                );
            }
        }
        Drag::Idle | Drag::Pan | Drag::Move { .. } => {}
    }
}

/// Gives every team, funding source and link in view a node in the accessibility tree,
/// labelled with its name and described in words (type, horizon, people, funding, links,
/// problems), so screen readers (and UI tests) can find it. Only at zooms where
/// the canvas draws items in full: zoomed out, names are too small to read on screen too,
/// and a whole large map would be tens of thousands of nodes each frame.
pub(super) fn accessibility_nodes(
    ui: &egui::Ui,
    session: &SessionState,
    doc: &Document,
    index: &SpatialIndex,
    analysis: &crate::analysis::Analysis,
) {
    // What a screen reader says after the name; only worked out while one is listening.
    let describe = |id: Id| {
        ui.ctx().accesskit_node_builder(item_id(id), |node| {
            let touching = index.links_at(id);
            node.set_description(editor::describe::item_description(
                doc, analysis, id, touching,
            ));
        });
    };
    if session.camera.zoom_factor < SIMPLE_BELOW_ZOOM {
        return;
    }
    let viewport = to_egui_rect(session.viewport);
    let view = session.view_in_canvas();
    let visible = |rect: crate::model::Rect| {
        let on_screen = session
            .camera
            .rect_to_screen(viewport, rect)
            .intersect(viewport);
        on_screen.is_positive().then_some(on_screen)
    };
    // Groups first, as they are drawn: a frame is announced by its name band, the part that
    // selects it; a collapsed group is a box among the teams.
    for (id, frame) in index.frames_in(view) {
        let (Some(group), Some(band)) = (doc.groups.get(&id), visible(frame.label_band())) else {
            continue;
        };
        let response = ui.interact(band, item_id(id), Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Group, true, &group.name));
        describe(id);
    }
    for (id, rect) in index.nodes_in(view) {
        let name = doc
            .node_name(id)
            .or_else(|| doc.groups.get(&id).map(|g| g.name.as_str()));
        let (Some(name), Some(rect)) = (name, visible(rect)) else {
            continue;
        };
        let response = ui.interact(rect, item_id(id), Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, name));
        describe(id);
    }
    for (id, path) in index.links_in(view) {
        let mid = session
            .camera
            .to_screen(viewport, to_pos(scene::route::halfway(path)));
        let rect = Rect::from_center_size(mid, vec2(8.0, 8.0));
        if viewport.intersects(rect)
            && let Some(link) = doc.links.get(&id)
        {
            let response = ui.interact(rect, item_id(id), Sense::hover());
            response.widget_info(|| {
                WidgetInfo::labeled(Role::Button, true, editor::rules::link_label(doc, link))
            });
            describe(id);
        }
    }
}

/// The snapping grid's dots, as one rectangle with a repeating one-dot picture: thousands of dots
/// as shapes cost a CPU renderer (Mesa without a GPU) more than the rest of a frame.
#[derive(Default)]
pub(super) struct GridDots {
    texture: Option<egui::TextureHandle>,
    /// What the picture holds: its size and the dot's size in device pixels, and the colour.
    key: Option<(usize, u32, Color32)>,
}

impl GridDots {
    pub(super) fn paint(
        &mut self,
        painter: &egui::Painter,
        viewport: Rect,
        camera: &Camera,
        color: Color32,
    ) {
        // Zoomed far out the dots say nothing about where things snap.
        if camera.zoom_factor < GRID_BELOW_ZOOM {
            return;
        }
        let mut step = GRID;
        while step * camera.zoom_factor < 14.0 {
            step *= 5.0;
        }
        let pixels_per_point = painter.ctx().pixels_per_point();
        // One cell of the grid with a dot in its middle; drawn stretched by at most a few
        // percent to the exact spacing, so the dots stay on the snapping points.
        let cell = (step * camera.zoom_factor * pixels_per_point)
            .round()
            .max(2.0) as usize;
        let side = (2.4 * camera.zoom_factor.sqrt()).clamp(1.6, 3.0) * pixels_per_point;
        let key = (cell, side.to_bits(), color);
        if self.key != Some(key) || self.texture.is_none() {
            let mut pixmap = Pixmap::new(cell, cell);
            let middle = cell as f32 / 2.0;
            let [r, g, b, a] = color.to_srgba_unmultiplied();
            pixmap.draw(&[Shape::Rect {
                min: (middle - side / 2.0, middle - side / 2.0),
                max: (middle + side / 2.0, middle + side / 2.0),
                paint: Paint::new(Rgba::rgb(r, g, b).with_alpha(a)),
            }]);
            let image = egui::ColorImage::from_rgba_premultiplied(
                [cell, cell],
                pixmap.pixels().as_flattened(),
            );
            let options = egui::TextureOptions {
                wrap_mode: egui::TextureWrapMode::Repeat,
                ..egui::TextureOptions::LINEAR
            };
            match &mut self.texture {
                Some(texture) => texture.set(image, options),
                None => {
                    self.texture = Some(painter.ctx().load_texture("grid dots", image, options))
                }
            }
            self.key = Some(key);
        }
        let Some(texture) = &self.texture else {
            return;
        };
        // In cells: a dot sits at every whole canvas multiple of `step`, in a cell's middle.
        let top_left = camera.to_canvas(viewport, viewport.min);
        let bottom_right = camera.to_canvas(viewport, viewport.max);
        let uv = Rect::from_min_max(
            Pos2::new(top_left.x / step + 0.5, top_left.y / step + 0.5),
            Pos2::new(bottom_right.x / step + 0.5, bottom_right.y / step + 0.5),
        );
        painter.image(texture.id(), viewport, uv, Color32::WHITE);
    }
}

/// The legend: a strip along the bottom of the canvas with each model type's colour and team
/// count, and the two link styles. Drawn at screen size, so it reads at any zoom.
/// Returns the height it took on screen.
pub(super) fn legend_ui(
    ui: &egui::Ui,
    doc: &Document,
    analysis: &crate::analysis::Analysis,
    viewport: Rect,
    theme: Theme,
) -> f32 {
    let colors = theme.colors();
    let area = egui::Area::new(egui::Id::unique("legend"))
        .fixed_pos(viewport.left_bottom() + vec2(10.0, -10.0))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .order(egui::Order::Middle)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            ui.set_max_width(viewport.width() - 20.0);
            egui::Frame::popup(ui.style())
                .fill(color32(colors.panel).gamma_multiply(0.96))
                .inner_margin(egui::Margin::symmetric(10, 6))
                .show(ui, |ui| {
                    ui.set_max_width(viewport.width() - 40.0);
                    ui.horizontal_wrapped(|ui| {
                        ui.spacing_mut().item_spacing = vec2(14.0, 4.0);
                        for (n, model_type) in doc.palette.iter().enumerate() {
                            // Counted once per document change, by the analysis.
                            let count = analysis
                                .model_mix
                                .by_type
                                .iter()
                                .find(|m| m.model_type == Some(model_type.id))
                                .map_or(0, |m| m.figures.teams);
                            let color = color32(scene::Rgba::from(model_type.color));
                            // The key that gives the selected teams this type.
                            let key = if n < 9 {
                                format!("{} ", n + 1)
                            } else {
                                String::new()
                            };
                            legend_entry(
                                ui,
                                &format!("{key}{} ({count})", model_type.name),
                                |painter, r| {
                                    painter.rect_filled(r, 3.0, color);
                                },
                            );
                        }
                        for (text, color, dashed) in [
                            ("depends on", colors.dependency, false),
                            ("funds", colors.funding, true),
                        ] {
                            let stroke = Stroke::new(1.75, color32(color));
                            legend_entry(ui, text, |painter, r| {
                                let (from, to) =
                                    (r.left_center() - vec2(8.0, 0.0), r.right_center());
                                paint_arrow(painter, from, to, stroke, dashed);
                            });
                        }
                    });
                });
        });
    area.response.rect.height() + 10.0
}

/// One legend entry: a 12-point mark drawn by `mark`, then `text`. Allocated as one piece, so a
/// wrapping row never separates the mark from its name.
fn legend_entry(ui: &mut egui::Ui, text: &str, mark: impl FnOnce(&egui::Painter, Rect)) {
    let color = ui.visuals().text_color();
    let galley = ui
        .painter()
        .layout_no_wrap(text.to_owned(), FontId::proportional(13.0), color);
    let size = vec2(12.0 + 6.0 + galley.size().x, galley.size().y.max(12.0));
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let mark_rect = Rect::from_center_size(rect.left_center() + vec2(6.0, 0.0), vec2(12.0, 12.0));
    mark(ui.painter(), mark_rect);
    let text_pos = rect.left_top() + vec2(18.0, (rect.height() - galley.size().y) / 2.0);
    ui.painter().galley(text_pos, galley, color);
}
