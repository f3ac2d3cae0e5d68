//! The canvas: pan and zoom, clicks and drags, the name field, and painting. It reads the document
//! and the session state, moves the camera and previews drags, and sends everything else as
//! actions.

use eframe::egui::{
    self, Color32, CursorIcon, FontId, Key, PointerButton, Pos2, Rect, Role, Sense, Stroke,
    StrokeKind, TextEdit, Vec2, WidgetInfo, vec2,
};

use crate::ui::Action;

mod input;
mod marks;
mod naming;
mod overlay;
use crate::editor::{self, Drag, LinkKindChoice, NameTarget, SessionState, Tool};
use crate::model::{self, Document, Id, NodeKind};
use crate::scene::{self, Hit, MovedScene, Scene, SpatialIndex, Theme, hit_test, nodes_inside};
use crate::ui::far_view::{FarSource, FarView};
use crate::ui::lod::SIMPLE_BELOW_ZOOM;
use crate::ui::near_view::{self, NearView};
use crate::ui::paint::{Items, color32, paint_arrow, paint_scene, scene_shapes};
use crate::ui::view::{CameraOnScreen as _, to_egui_rect, to_model_rect, to_point, to_pos};
pub use marks::mark_color;

/// How close to a node's rim (in screen pixels) a drag starts a link instead of a move.
const EDGE_BAND_PX: f32 = 7.0;
const LINK_TOLERANCE_PX: f32 = 6.0;

/// What the canvas paints: the scene with its index and, during a drag, what the drag moves.
pub struct Drawing<'a> {
    pub scene: &'a Scene,
    pub index: &'a SpatialIndex,
    pub moved: Option<&'a MovedScene>,
    /// Changes whenever `scene` is rebuilt, so what was drawn from it can be kept until then.
    pub stamp: u64,
}

/// What the canvas reads in a frame.
pub struct CanvasInput<'a> {
    pub doc: &'a Document,
    pub drawing: Drawing<'a>,
    pub analysis: &'a crate::analysis::Analysis,
    /// While comparing: what differs from the other version.
    pub compared: Option<&'a editor::Compared>,
    pub theme: Theme,
}

/// What the canvas keeps between frames to paint quickly; the session state lives in the editor.
#[derive(Default)]
pub struct Canvas {
    /// Screen height the legend took last frame; fitting keeps content clear of it.
    legend_height: f32,
    /// The scene items in view, reused from frame to frame.
    in_view: Vec<u32>,
    /// The zoomed-out scene as a picture, reused from frame to frame.
    far: FarView,
    /// The scene in view as a mesh, reused from frame to frame.
    near: NearView,
    grid: overlay::GridDots,
}

impl Canvas {
    /// Zoomed out, draws the picture for a new view on a worker thread and shows the old one
    /// until it is ready, instead of drawing it before the frame. Off by default, so tests see
    /// every frame complete.
    pub fn draw_far_view_in_background(&mut self) {
        self.far = FarView::in_background();
    }

    /// Call at the end of each frame, once all its text is laid out (see [`NearView::end_frame`]).
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.near.end_frame(ctx);
    }

    /// The canvas: handles the pointer, paints the scene and the overlays, and pushes what the
    /// user did.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut SessionState,
        input: &CanvasInput<'_>,
        actions: &mut Vec<Action>,
    ) {
        let started = std::time::Instant::now();
        let CanvasInput {
            doc,
            drawing,
            analysis,
            compared,
            theme,
        } = input;
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let viewport = response.rect;
        let old_viewport = to_egui_rect(session.viewport);
        if old_viewport != viewport {
            // Keep what is at the top-left corner in place when panels open, close or resize.
            let top_left_in_canvas = session.camera.to_canvas(old_viewport, old_viewport.min);
            let center = top_left_in_canvas
                + (viewport.center() - viewport.min) / session.camera.zoom_factor;
            session.camera.center_in_canvas = to_point(center);
            session.viewport = to_model_rect(viewport);
        }
        let colors = theme.colors();
        painter.rect_filled(viewport, 0.0, color32(colors.background));

        let legend_measured = !session.view.legend || self.legend_height > 0.0;
        if session.fit_pending && !legend_measured {
            ui.ctx().request_repaint();
        }
        if session.fit_pending && legend_measured {
            session.fit_pending = false;
            if let Some(bounds) = drawing.scene.bounds {
                let mut clear = viewport;
                if session.view.legend {
                    clear.max.y -= self.legend_height;
                }
                session
                    .camera
                    .fit_within(to_model_rect(viewport), to_model_rect(clear), bounds);
            }
        }
        input::pan_and_zoom(ui, &response, session);

        let zoom = session.camera.zoom_factor;
        let pointer = response.hover_pos().or(response.interact_pointer_pos());
        let pointer_in_canvas = pointer.map(|p| session.camera.to_canvas(viewport, p));
        let hover = pointer_in_canvas.map_or(Hit::Nothing, |p| {
            hit_test(
                drawing.index,
                to_point(p),
                EDGE_BAND_PX / zoom,
                LINK_TOLERANCE_PX / zoom,
            )
        });
        session.hover = if !response.contains_pointer() && session.drag == Drag::Idle {
            Hit::Nothing
        } else {
            hover
        };

        input::drag(
            ui,
            &response,
            session,
            (doc, drawing.index),
            pointer_in_canvas,
            actions,
        );
        input::clicks(ui, &response, session, doc, pointer_in_canvas, actions);
        input::set_cursor(ui, session);

        if session.view.grid {
            self.grid
                .paint(&painter, viewport, &session.camera, color32(colors.grid));
        }
        let far = FarSource {
            scene: drawing.scene,
            index: drawing.index,
            stamp: drawing.stamp,
            hidden_key: drawing.moved.map_or(0, |m| m.hidden_key),
        };
        if zoom < SIMPLE_BELOW_ZOOM {
            self.far.paint(
                &painter,
                viewport,
                &session.camera,
                &far,
                drawing.moved.map(|m| &m.hidden),
            );
        }
        let key = near_view::Key {
            stamp: far.stamp,
            camera: session.camera,
            viewport,
        };
        let hidden = drawing.moved.map(|m| near_view::Hidden {
            ids: &m.hidden,
            key: m.hidden_key,
        });
        self.near.paint(&painter, key, hidden, || {
            let view_in_canvas = session.view_in_canvas().expand(40.0 / zoom);
            drawing
                .index
                .items_in(drawing.scene, view_in_canvas, &mut self.in_view);
            let items = Items {
                items: &drawing.scene.items,
                which: &self.in_view,
                hidden: None,
            };
            scene_shapes(&painter, viewport, &session.camera, &items)
        });
        if let Some(moved) = drawing.moved {
            let all: Vec<u32> = (0..moved.items.len() as u32).collect();
            let items = Items {
                items: &moved.items,
                which: &all,
                hidden: None,
            };
            paint_scene(&painter, viewport, &session.camera, &items);
        }
        overlay::paint_overlays(&painter, session, (doc, drawing.index), *theme);
        if let Some(compared) = compared {
            marks::paint_compare_marks(
                &painter,
                session,
                doc,
                drawing.index,
                compared,
                color32(colors.background),
            );
        }
        overlay::paint_problem_badges(&painter, session, drawing.index, analysis);
        overlay::accessibility_nodes(ui, session, doc, drawing.index, analysis);
        if session.view.legend {
            self.legend_height = overlay::legend_ui(ui, doc, analysis, viewport, *theme);
        }
        naming::name_field_ui(ui, session, (doc, drawing.index), *theme, actions);
        if frame_log_enabled() {
            // Canvas time, and the time since the last frame began (what the user feels).
            eprintln!(
                "frame: canvas {:.2} ms, since last frame {:.1} ms, zoom {:.3}",
                started.elapsed().as_secs_f64() * 1e3,
                ui.input(|i| i.unstable_dt) * 1e3,
                session.camera.zoom_factor
            );
        }
    }
}

/// Where the nodes being dragged would be if the drag ended now.
pub fn drag_preview(session: &SessionState, doc: &Document) -> Option<Vec<(Id, model::Point)>> {
    let Drag::Move { ids, .. } = &session.drag else {
        return None;
    };
    let delta = session.drag.move_delta()?;
    Some(editor::rules::moved_positions(
        doc,
        ids,
        delta,
        session.view.snap,
    ))
}

/// `TEAMSCAPE_FRAME_LOG=1` prints each frame's canvas time to stderr, for trying big maps.
fn frame_log_enabled() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("TEAMSCAPE_FRAME_LOG").is_some_and(|v| v == "1"))
}

/// The egui id of an item's accessibility node.
pub fn item_id(id: Id) -> egui::Id {
    egui::Id::unique(("teamscape-item", id.0))
}
