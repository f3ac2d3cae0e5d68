//! The canvas: pan and zoom, selection, dragging, drawing links, naming teams in place, and painting.

use std::collections::BTreeSet;

use eframe::egui::{
    self, Color32, CursorIcon, FontId, Key, PointerButton, Pos2, Rect, Role, Sense, Stroke,
    StrokeKind, TextEdit, Vec2, WidgetInfo, vec2,
};

use crate::ui::Action;

mod input;
mod moved;
mod naming;
mod overlay;
use crate::edit::{Edit, SourceField, TeamField};
use crate::model::{self, Document, Id, Link, LinkKind, ModelTypeId, NodeKind, Point, Team};
use crate::scene::{self, Scene, Theme};
use crate::ui::camera::{Camera, to_point, to_pos};
use crate::ui::far_view::{FarSource, FarView};
use crate::ui::hit::{Hit, hit_test, nodes_inside};
use crate::ui::paint::{Items, color32, paint_arrow, paint_scene};
use crate::ui::spatial::SpatialIndex;
pub use moved::MovedScene;

/// Grid spacing in canvas units; snapping rounds positions to it.
pub const GRID: f32 = 20.0;
/// How close to a node's rim (in screen pixels) a drag starts a link instead of a move.
const EDGE_BAND_PX: f32 = 7.0;
const LINK_TOLERANCE_PX: f32 = 6.0;

/// What dragging with the primary button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Select,
    /// Drag from a team to the team it depends on.
    Dependency,
    /// Drag from a funding source (or a team) to the team it funds.
    Funding,
}

/// A drag in progress: previewed here, turned into one edit on release.
#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    Idle,
    Pan,
    Move {
        ids: Vec<Id>,
        grab_in_canvas: Pos2,
        delta: Vec2,
    },
    Marquee {
        start_in_canvas: Pos2,
        end_in_canvas: Pos2,
        additive: bool,
    },
    Link {
        from: Id,
        kind: LinkKindChoice,
        end_in_canvas: Pos2,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKindChoice {
    Dependency,
    Funding,
}

/// A name being typed on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct NameEdit {
    pub target: NameTarget,
    pub text: String,
    focused_once: bool,
    /// Escape was pressed: when the field lets go of focus, nothing is kept.
    cancelled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NameTarget {
    /// A team that exists only once Enter is pressed.
    NewTeam {
        position: Point,
        model_type: ModelTypeId,
    },
    Existing(Id),
}

/// What the canvas paints: the scene with its index and, during a drag, what the drag moves.
pub struct Drawing<'a> {
    pub scene: &'a Scene,
    pub index: &'a SpatialIndex,
    pub moved: Option<&'a MovedScene>,
    /// Changes whenever `scene` is rebuilt, so what was drawn from it can be kept until then.
    pub stamp: u64,
}

/// Session state of the canvas: never saved, never undone.
pub struct Canvas {
    pub camera: Camera,
    pub selection: BTreeSet<Id>,
    pub hover: Hit,
    pub drag: Drag,
    pub tool: Tool,
    pub show_grid: bool,
    pub snap: bool,
    pub show_legend: bool,
    pub name_edit: Option<NameEdit>,
    pub fit_pending: bool,
    /// The canvas area on screen in the last frame.
    pub viewport: Rect,
    /// The model type new teams get: the last one picked.
    pub new_team_type: Option<ModelTypeId>,
    /// Screen height the legend took last frame; fitting keeps content clear of it.
    legend_height: f32,
    /// The scene items in view, reused from frame to frame.
    in_view: Vec<u32>,
    /// The zoomed-out scene as a picture, reused from frame to frame.
    far: FarView,
    grid: overlay::GridDots,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            selection: BTreeSet::new(),
            hover: Hit::Nothing,
            drag: Drag::Idle,
            tool: Tool::Select,
            show_grid: true,
            snap: true,
            show_legend: true,
            name_edit: None,
            fit_pending: true,
            viewport: Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0)),
            new_team_type: None,
            legend_height: 0.0,
            in_view: Vec::new(),
            far: FarView::default(),
            grid: overlay::GridDots::default(),
        }
    }
}

pub fn snap_point(p: Point) -> Point {
    Point::new((p.x / GRID).round() * GRID, (p.y / GRID).round() * GRID)
}

impl Canvas {
    /// Where the nodes being dragged would be if the drag ended now.
    pub fn drag_preview(&self, doc: &Document) -> Option<Vec<(Id, Point)>> {
        let Drag::Move { ids, delta, .. } = &self.drag else {
            return None;
        };
        Some(self.moved_positions(doc, ids, *delta))
    }

    fn moved_positions(&self, doc: &Document, ids: &[Id], delta: Vec2) -> Vec<(Id, Point)> {
        let position = |id: &Id| {
            doc.teams
                .get(id)
                .map(|t| t.position)
                .or_else(|| doc.sources.get(id).map(|s| s.position))
        };
        // Snap the first node and move the rest by the same amount, so a group keeps its shape.
        let mut delta = delta;
        if self.snap
            && let Some(anchor) = ids.first().and_then(position)
        {
            let snapped = snap_point(anchor.offset(delta.x, delta.y));
            delta = vec2(snapped.x - anchor.x, snapped.y - anchor.y);
        }
        ids.iter()
            .filter_map(|id| position(id).map(|p| (*id, p.offset(delta.x, delta.y))))
            .collect()
    }

    /// The edit that moves `ids` by `delta`, or `None` when nothing moves.
    pub fn move_edit(&self, doc: &Document, ids: &[Id], delta: Vec2) -> Option<(Edit, String)> {
        let moves = self.moved_positions(doc, ids, delta);
        let edits: Vec<Edit> = moves
            .into_iter()
            .filter_map(|(id, to)| match doc.node_kind(id) {
                Some(NodeKind::Team) if doc.teams[&id].position != to => Some(Edit::SetTeam {
                    id,
                    field: TeamField::Position(to),
                }),
                Some(NodeKind::FundingSource) if doc.sources[&id].position != to => {
                    Some(Edit::SetSource {
                        id,
                        field: SourceField::Position(to),
                    })
                }
                _ => None,
            })
            .collect();
        if edits.is_empty() {
            return None;
        }
        let edit = Edit::Batch(edits);
        let label = edit.describe();
        Some((edit, label))
    }

    /// Selected teams and funding sources (not links).
    pub fn selected_nodes(&self, doc: &Document) -> Vec<Id> {
        self.selection
            .iter()
            .filter(|id| doc.node_kind(**id).is_some())
            .copied()
            .collect()
    }

    /// Starts typing the name of a new team centred on `center`.
    pub fn start_new_team(&mut self, doc: &Document, center: Point) -> Result<(), String> {
        let model_type = self
            .new_team_type
            .filter(|t| doc.model_type(*t).is_some())
            .or_else(|| doc.palette.first().map(|t| t.id))
            .ok_or("Add a model type first (Edit ▸ Model types…)")?;
        let size = Team::DEFAULT_SIZE;
        let mut position = center.offset(-size.width / 2.0, -size.height / 2.0);
        if self.snap {
            position = snap_point(position);
        }
        self.name_edit = Some(NameEdit {
            target: NameTarget::NewTeam {
                position,
                model_type,
            },
            text: String::new(),
            focused_once: false,
            cancelled: false,
        });
        Ok(())
    }

    pub fn start_rename(&mut self, doc: &Document, id: Id) {
        let Some(name) = doc.node_name(id) else {
            return;
        };
        self.name_edit = Some(NameEdit {
            target: NameTarget::Existing(id),
            text: name.to_owned(),
            focused_once: false,
            cancelled: false,
        });
    }

    pub fn pointer_in_canvas(&self, pos_on_screen: Pos2) -> Point {
        to_point(self.camera.canvas_from_screen(self.viewport, pos_on_screen))
    }

    /// The canvas area the viewport shows.
    pub fn view_in_canvas(&self) -> model::Rect {
        model::Rect {
            min: self.pointer_in_canvas(self.viewport.min),
            max: self.pointer_in_canvas(self.viewport.max),
        }
    }

    /// Zoomed out, draws the picture for a new view on a worker thread and shows the old one
    /// until it is ready, instead of drawing it before the frame. Off by default, so tests see
    /// every frame complete.
    pub fn draw_far_view_in_background(&mut self) {
        self.far = FarView::in_background();
    }

    pub fn view_center(&self) -> Point {
        to_point(self.camera.center_in_canvas)
    }

    /// The canvas: handles the pointer, paints `scene` and the overlays, and pushes what the user did.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        drawing: &Drawing<'_>,
        analysis: &crate::analysis::Analysis,
        theme: Theme,
        actions: &mut Vec<Action>,
    ) {
        let started = std::time::Instant::now();
        let Drawing {
            scene,
            index,
            moved,
            stamp,
        } = *drawing;
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let viewport = response.rect;
        if self.viewport != viewport {
            // Keep what is at the top-left corner in place when panels open, close or resize.
            let top_left_in_canvas = self
                .camera
                .canvas_from_screen(self.viewport, self.viewport.min);
            self.camera.center_in_canvas =
                top_left_in_canvas + (viewport.center() - viewport.min) / self.camera.zoom_factor;
            self.viewport = viewport;
        }
        let colors = theme.colors();
        painter.rect_filled(viewport, 0.0, color32(colors.background));

        let legend_measured = !self.show_legend || self.legend_height > 0.0;
        if self.fit_pending && !legend_measured {
            ui.ctx().request_repaint();
        }
        if self.fit_pending && legend_measured {
            self.fit_pending = false;
            if let Some(bounds) = scene.bounds {
                let mut clear = viewport;
                if self.show_legend {
                    clear.max.y -= self.legend_height;
                }
                self.camera.fit(clear, bounds);
            }
        }
        self.pan_and_zoom_input(ui, &response);

        let zoom = self.camera.zoom_factor;
        let pointer = response.hover_pos().or(response.interact_pointer_pos());
        let pointer_in_canvas = pointer.map(|p| self.camera.canvas_from_screen(viewport, p));
        self.hover = pointer_in_canvas.map_or(Hit::Nothing, |p| {
            hit_test(
                index,
                to_point(p),
                EDGE_BAND_PX / zoom,
                LINK_TOLERANCE_PX / zoom,
            )
        });
        if !response.contains_pointer() && matches!(self.drag, Drag::Idle) {
            self.hover = Hit::Nothing;
        }

        self.drag_input(ui, &response, (doc, index), pointer_in_canvas, actions);
        self.click_input(ui, &response, doc, pointer_in_canvas, actions);
        self.set_cursor(ui);

        if self.show_grid {
            self.grid
                .paint(&painter, viewport, &self.camera, color32(colors.grid));
        }
        let view_in_canvas = self.view_in_canvas().expand(40.0 / zoom);
        let mut in_view = std::mem::take(&mut self.in_view);
        index.items_in(scene, view_in_canvas, &mut in_view);
        let items = Items {
            items: &scene.items,
            which: &in_view,
            hidden: moved.map(|m| &m.hidden),
        };
        let far = FarSource {
            scene,
            index,
            stamp,
            hidden_key: moved.map_or(0, |m| m.hidden_key),
        };
        paint_scene(
            &painter,
            viewport,
            &self.camera,
            &items,
            Some((&mut self.far, &far)),
        );
        self.in_view = in_view;
        if let Some(moved) = moved {
            let all: Vec<u32> = (0..moved.items.len() as u32).collect();
            let items = Items {
                items: &moved.items,
                which: &all,
                hidden: None,
            };
            paint_scene(&painter, viewport, &self.camera, &items, None);
        }
        self.paint_overlays(&painter, doc, theme);
        self.paint_problem_badges(&painter, index, analysis);
        self.accessibility_nodes(ui, doc, index);
        if self.show_legend {
            self.legend_height = overlay::legend_ui(ui, doc, analysis, viewport, theme);
        }
        self.name_edit_ui(ui, doc, theme, actions);
        if frame_log_enabled() {
            // Canvas time, and the time since the last frame began (what the user feels).
            eprintln!(
                "frame: canvas {:.2} ms, since last frame {:.1} ms, zoom {:.3}",
                started.elapsed().as_secs_f64() * 1e3,
                ui.input(|i| i.unstable_dt) * 1e3,
                self.camera.zoom_factor
            );
        }
    }
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

/// "Checkout depends on Payments", "Retail P&L funds Checkout (12 %)".
pub fn link_label(doc: &Document, link: &Link) -> String {
    let from = doc.node_name(link.from).unwrap_or("?");
    let to = doc.node_name(link.to).unwrap_or("?");
    match link.kind {
        LinkKind::Dependency => format!("{from} depends on {to}"),
        LinkKind::Funding { allocation_percent } => {
            format!(
                "{from} funds {to} ({})",
                scene::format_percent(allocation_percent)
            )
        }
    }
}

/// The edit for a link drawn from `from` to `to`, or a message when it cannot be drawn.
fn new_link_action(doc: &Document, from: Id, to: Id, kind: LinkKindChoice) -> Option<Action> {
    if doc.node_kind(to) != Some(NodeKind::Team) {
        return Some(Action::Notify(
            "Links end at a team; funding sources only give funding.".to_owned(),
        ));
    }
    let kind = match kind {
        LinkKindChoice::Dependency if doc.node_kind(from) == Some(NodeKind::Team) => {
            LinkKind::Dependency
        }
        _ => LinkKind::Funding {
            allocation_percent: unallocated_percent(doc, from),
        },
    };
    let exists = doc
        .links
        .values()
        .any(|l| l.from == from && l.to == to && l.kind.is_funding() == kind.is_funding());
    if exists {
        return Some(Action::Notify(
            "Those two are already linked that way.".to_owned(),
        ));
    }
    let id = doc.next_id();
    let link = Link {
        kind,
        from,
        to,
        label: String::new(),
    };
    let label = if kind.is_funding() {
        "Add funding link"
    } else {
        "Add dependency"
    };
    Some(Action::Edit {
        edit: Edit::InsertLink { id, link },
        label: label.to_owned(),
        select: Some(BTreeSet::from([id])),
    })
}

/// What `source` has not yet allocated, as the default share for a new funding link.
pub fn unallocated_percent(doc: &Document, source: Id) -> f64 {
    let allocated: f64 = doc
        .links
        .values()
        .filter(|l| l.from == source)
        .filter_map(|l| match l.kind {
            LinkKind::Funding { allocation_percent } => Some(allocation_percent),
            LinkKind::Dependency => None,
        })
        .sum();
    (100.0 - allocated).clamp(0.0, 100.0)
}
