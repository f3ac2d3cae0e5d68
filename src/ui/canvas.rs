//! The canvas: pan and zoom, selection, dragging, drawing links, naming teams in place, and painting.

use std::collections::BTreeSet;

use eframe::egui::{
    self, Color32, CursorIcon, FontId, Key, PointerButton, Pos2, Rect, Role, Sense, Stroke,
    StrokeKind, TextEdit, Vec2, WidgetInfo, vec2,
};

use super::Action;
use super::camera::{Camera, to_point, to_pos};
use super::hit::{Hit, hit_test, nodes_inside};
use super::paint::{color32, paint_arrow, paint_scene};
use crate::edit::{Edit, SourceField, TeamField};
use crate::model::{
    self, Document, FundingSource, Id, Link, LinkKind, ModelTypeId, NodeKind, Point, Team,
};
use crate::scene::{self, Scene, Theme};

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

    pub fn view_center(&self) -> Point {
        to_point(self.camera.center_in_canvas)
    }

    /// The canvas: handles the pointer, paints `scene` and the overlays, and pushes what the user did.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        scene: &Scene,
        theme: Theme,
        actions: &mut Vec<Action>,
    ) {
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
                doc,
                to_point(p),
                EDGE_BAND_PX / zoom,
                LINK_TOLERANCE_PX / zoom,
            )
        });
        if !response.contains_pointer() && matches!(self.drag, Drag::Idle) {
            self.hover = Hit::Nothing;
        }

        self.drag_input(ui, &response, doc, pointer_in_canvas, actions);
        self.click_input(ui, &response, doc, pointer_in_canvas, actions);
        self.set_cursor(ui);

        if self.show_grid {
            paint_grid(&painter, viewport, &self.camera, color32(colors.grid));
        }
        paint_scene(&painter, viewport, &self.camera, scene);
        self.paint_overlays(&painter, doc, scene, theme);
        self.accessibility_nodes(ui, doc);
        if self.show_legend {
            self.legend_height = legend_ui(ui, doc, viewport, theme);
        }
        self.name_edit_ui(ui, doc, theme, actions);
    }

    fn pan_and_zoom_input(&mut self, ui: &egui::Ui, response: &egui::Response) {
        let viewport = response.rect;
        if response.contains_pointer() {
            let (scroll, zoom, pointer) = ui.input(|i| {
                (
                    i.smooth_scroll_delta(),
                    i.zoom_delta(),
                    i.pointer.hover_pos(),
                )
            });
            if let Some(pointer) = pointer {
                if zoom != 1.0 {
                    self.camera.zoom_around(viewport, pointer, zoom);
                } else if scroll != Vec2::ZERO {
                    self.camera.pan_by_screen(scroll);
                }
            }
        }
        let space_held =
            ui.input(|i| i.key_down(Key::Space)) && !ui.ctx().egui_wants_keyboard_input();
        let panning = response.dragged_by(PointerButton::Middle)
            || (space_held && response.dragged_by(PointerButton::Primary))
            || self.drag == Drag::Pan;
        if panning {
            self.camera.pan_by_screen(response.drag_delta());
        }
    }

    fn drag_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        doc: &Document,
        pointer_in_canvas: Option<Pos2>,
        actions: &mut Vec<Action>,
    ) {
        let shift = ui.input(|i| i.modifiers.shift);
        if response.drag_started_by(PointerButton::Primary)
            && let Some(start) = response
                .interact_pointer_pos()
                .map(|p| self.camera.canvas_from_screen(response.rect, p))
        {
            // Where the press happened, not where the pointer is after the drag threshold.
            let press = ui
                .input(|i| i.pointer.press_origin())
                .map_or(start, |p| self.camera.canvas_from_screen(response.rect, p));
            let zoom = self.camera.zoom_factor;
            let hit = hit_test(
                doc,
                to_point(press),
                EDGE_BAND_PX / zoom,
                LINK_TOLERANCE_PX / zoom,
            );
            self.drag = self.start_drag(ui, doc, hit, press, start, shift);
        }

        if let Some(p) = pointer_in_canvas {
            match &mut self.drag {
                Drag::Move {
                    grab_in_canvas,
                    delta,
                    ..
                } => *delta = p - *grab_in_canvas,
                Drag::Marquee { end_in_canvas, .. } | Drag::Link { end_in_canvas, .. } => {
                    *end_in_canvas = p;
                }
                Drag::Idle | Drag::Pan => {}
            }
        }

        let released = response.drag_stopped()
            || (!ui.input(|i| i.pointer.any_down()) && self.drag != Drag::Idle);
        if released {
            let drag = std::mem::replace(&mut self.drag, Drag::Idle);
            self.finish_drag(doc, drag, actions);
        }
    }

    fn start_drag(
        &mut self,
        ui: &egui::Ui,
        doc: &Document,
        hit: Hit,
        press: Pos2,
        now: Pos2,
        shift: bool,
    ) -> Drag {
        if ui.input(|i| i.key_down(Key::Space)) && !ui.ctx().egui_wants_keyboard_input() {
            return Drag::Pan;
        }
        let link_from = match (self.tool, hit) {
            (Tool::Select, Hit::NodeEdge(id))
            | (Tool::Dependency | Tool::Funding, Hit::Node(id) | Hit::NodeEdge(id)) => Some(id),
            _ => None,
        };
        if let Some(from) = link_from {
            let kind = if self.tool == Tool::Funding
                || doc.node_kind(from) == Some(NodeKind::FundingSource)
            {
                LinkKindChoice::Funding
            } else {
                LinkKindChoice::Dependency
            };
            return Drag::Link {
                from,
                kind,
                end_in_canvas: now,
            };
        }
        match hit {
            Hit::Node(id) | Hit::NodeEdge(id) => {
                if !self.selection.contains(&id) {
                    if !shift {
                        self.selection.clear();
                    }
                    self.selection.insert(id);
                }
                Drag::Move {
                    ids: self.selected_nodes(doc),
                    grab_in_canvas: press,
                    delta: now - press,
                }
            }
            Hit::Link(_) | Hit::Nothing => Drag::Marquee {
                start_in_canvas: press,
                end_in_canvas: now,
                additive: shift,
            },
        }
    }

    fn finish_drag(&mut self, doc: &Document, drag: Drag, actions: &mut Vec<Action>) {
        match drag {
            Drag::Idle | Drag::Pan => {}
            Drag::Move { ids, delta, .. } => {
                if let Some((edit, label)) = self.move_edit(doc, &ids, delta) {
                    actions.push(Action::Edit {
                        edit,
                        label,
                        select: None,
                    });
                }
            }
            Drag::Marquee {
                start_in_canvas,
                end_in_canvas,
                additive,
            } => {
                let area = model::Rect {
                    min: to_point(start_in_canvas.min(end_in_canvas)),
                    max: to_point(start_in_canvas.max(end_in_canvas)),
                };
                let inside = nodes_inside(doc, area);
                if !additive {
                    self.selection.clear();
                }
                self.selection.extend(inside);
            }
            Drag::Link {
                from,
                kind,
                end_in_canvas,
            } => {
                let zoom = self.camera.zoom_factor;
                let target = hit_test(doc, to_point(end_in_canvas), EDGE_BAND_PX / zoom, 0.0);
                if let Some(to) = target.id().filter(|to| *to != from)
                    && let Some(action) = new_link_action(doc, from, to, kind)
                {
                    actions.push(action);
                }
            }
        }
    }

    fn click_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        doc: &Document,
        pointer_in_canvas: Option<Pos2>,
        actions: &mut Vec<Action>,
    ) {
        let shift = ui.input(|i| i.modifiers.shift);
        if response.double_clicked() {
            match self.hover {
                Hit::Node(id) | Hit::NodeEdge(id) => {
                    self.selection = BTreeSet::from([id]);
                    self.start_rename(doc, id);
                }
                Hit::Link(_) => {}
                Hit::Nothing => {
                    if let Some(p) = pointer_in_canvas
                        && let Err(message) = self.start_new_team(doc, to_point(p))
                    {
                        actions.push(Action::Notify(message));
                    }
                }
            }
            return;
        }
        if response.clicked() {
            match self.hover.id() {
                Some(id) if shift => {
                    if !self.selection.remove(&id) {
                        self.selection.insert(id);
                    }
                }
                Some(id) => self.selection = BTreeSet::from([id]),
                None if shift => {}
                None => self.selection.clear(),
            }
            if let Some(team) = self.hover.id().and_then(|id| doc.teams.get(&id)) {
                self.new_team_type = Some(team.model_type);
            }
        }
    }

    fn set_cursor(&self, ui: &egui::Ui) {
        let icon = match (&self.drag, self.hover) {
            (Drag::Pan, _) => CursorIcon::Grabbing,
            (Drag::Move { .. }, _) => CursorIcon::Grabbing,
            (Drag::Link { .. }, _) => CursorIcon::Crosshair,
            (Drag::Marquee { .. }, _) => CursorIcon::Default,
            (Drag::Idle, Hit::NodeEdge(_)) => CursorIcon::Crosshair,
            (Drag::Idle, Hit::Node(_)) if self.tool != Tool::Select => CursorIcon::Crosshair,
            (Drag::Idle, Hit::Node(_) | Hit::Link(_)) => CursorIcon::PointingHand,
            (Drag::Idle, Hit::Nothing) => return,
        };
        ui.ctx().set_cursor_icon(icon);
    }

    fn paint_overlays(
        &self,
        painter: &egui::Painter,
        doc: &Document,
        _scene: &Scene,
        theme: Theme,
    ) {
        let colors = theme.colors();
        let selection = color32(colors.selection);
        let viewport = self.viewport;
        let preview = self.drag_preview(doc);
        let node_rect_now = |id: Id| -> Option<model::Rect> {
            let moved = preview
                .as_ref()
                .and_then(|moves| moves.iter().find(|(m, _)| *m == id))
                .map(|(_, p)| *p);
            let rect = scene::node_rect(doc, id)?;
            Some(moved.map_or(rect, |p| {
                model::Rect::from_min_size(p, model::Size::new(rect.width(), rect.height()))
            }))
        };

        if let Hit::Node(id) | Hit::NodeEdge(id) | Hit::Link(id) = self.hover
            && !self.selection.contains(&id)
            && let Some(rect) = node_rect_now(id)
        {
            let on_screen = self.camera.rect_on_screen(viewport, rect).expand(2.0);
            painter.rect_stroke(
                on_screen,
                10.0 * self.camera.zoom_factor,
                Stroke::new(1.5, selection.gamma_multiply(0.6)),
                StrokeKind::Outside,
            );
        }
        for id in &self.selection {
            if let Some(rect) = node_rect_now(*id) {
                let on_screen = self.camera.rect_on_screen(viewport, rect).expand(3.0);
                painter.rect_stroke(
                    on_screen,
                    12.0 * self.camera.zoom_factor,
                    Stroke::new(2.5, selection),
                    StrokeKind::Outside,
                );
            } else if let Some(link) = doc.links.get(id)
                && let Some((a, b)) = scene::link_ends(doc, link)
            {
                let (a, b) = (
                    self.camera.screen_from_canvas(viewport, to_pos(a)),
                    self.camera.screen_from_canvas(viewport, to_pos(b)),
                );
                painter.line_segment([a, b], Stroke::new(5.0, selection.gamma_multiply(0.45)));
            }
        }
        if let Hit::NodeEdge(id) = self.hover
            && self.drag == Drag::Idle
            && let Some(rect) = node_rect_now(id)
        {
            // The link handle: a dot on the right edge says "drag from here to link".
            let handle = self
                .camera
                .screen_from_canvas(viewport, Pos2::new(rect.max.x, rect.center().y));
            painter.circle(handle, 5.0, selection, Stroke::new(2.0, Color32::WHITE));
        }
        match &self.drag {
            Drag::Marquee {
                start_in_canvas,
                end_in_canvas,
                ..
            } => {
                let rect = Rect::from_two_pos(
                    self.camera.screen_from_canvas(viewport, *start_in_canvas),
                    self.camera.screen_from_canvas(viewport, *end_in_canvas),
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
                if let Some(rect) = scene::node_rect(doc, *from) {
                    let start = rect.boundary_toward(to_point(*end_in_canvas));
                    let a = self.camera.screen_from_canvas(viewport, to_pos(start));
                    let b = self.camera.screen_from_canvas(viewport, *end_in_canvas);
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
                if let Hit::Node(target) | Hit::NodeEdge(target) = self.hover
                    && target != *from
                    && let Some(rect) = scene::node_rect(doc, target)
                {
                    let on_screen = self.camera.rect_on_screen(viewport, rect).expand(3.0);
                    painter.rect_stroke(
                        on_screen,
                        12.0 * self.camera.zoom_factor,
                        Stroke::new(2.5, selection),
                        StrokeKind::Outside,
                    );
                }
            }
            Drag::Idle | Drag::Pan | Drag::Move { .. } => {}
        }
    }

    /// Gives every visible team, funding source and link a node in the accessibility tree,
    /// labelled with its name, so screen readers (and UI tests) can find it.
    fn accessibility_nodes(&self, ui: &egui::Ui, doc: &Document) {
        let viewport = self.viewport;
        let visible = |rect: Rect| viewport.intersects(rect);
        for (id, team) in &doc.teams {
            let rect = self.camera.rect_on_screen(
                viewport,
                model::Rect::from_min_size(team.position, team.size),
            );
            if visible(rect) {
                let response = ui.interact(rect.intersect(viewport), item_id(*id), Sense::hover());
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &team.name));
            }
        }
        for (id, source) in &doc.sources {
            let rect = self.camera.rect_on_screen(
                viewport,
                model::Rect::from_min_size(source.position, FundingSource::SIZE),
            );
            if visible(rect) {
                let response = ui.interact(rect.intersect(viewport), item_id(*id), Sense::hover());
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &source.name));
            }
        }
        for (id, link) in &doc.links {
            let Some((a, b)) = scene::link_ends(doc, link) else {
                continue;
            };
            let mid = self
                .camera
                .screen_from_canvas(viewport, Pos2::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0));
            let rect = Rect::from_center_size(mid, vec2(8.0, 8.0));
            if visible(rect) {
                let response = ui.interact(rect, item_id(*id), Sense::hover());
                response
                    .widget_info(|| WidgetInfo::labeled(Role::Button, true, link_label(doc, link)));
            }
        }
    }

    fn name_edit_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        theme: Theme,
        actions: &mut Vec<Action>,
    ) {
        let Some(edit) = &mut self.name_edit else {
            return;
        };
        let (rect_in_canvas, fill) = match edit.target {
            NameTarget::NewTeam {
                position,
                model_type,
            } => (
                model::Rect::from_min_size(position, Team::DEFAULT_SIZE),
                doc.model_type(model_type)
                    .map(|t| scene::Rgba::from(t.color)),
            ),
            NameTarget::Existing(id) => match scene::node_rect(doc, id) {
                Some(rect) => (rect, None),
                None => {
                    self.name_edit = None;
                    return;
                }
            },
        };
        let rect = self.camera.rect_on_screen(self.viewport, rect_in_canvas);
        if let Some(fill) = fill {
            ui.painter()
                .rect_filled(rect, 10.0 * self.camera.zoom_factor, color32(fill));
        }
        let font_size = (scene::TEAM_NAME_SIZE * self.camera.zoom_factor).clamp(12.0, 28.0);
        let field_height = font_size + 12.0;
        let field =
            Rect::from_center_size(rect.center(), vec2(rect.width().max(160.0), field_height));
        if edit.focused_once && ui.input(|i| i.key_pressed(Key::Escape)) {
            edit.cancelled = true;
        }
        let response = ui.put(
            field,
            TextEdit::singleline(&mut edit.text)
                .font(FontId::proportional(font_size))
                .align(egui::Align2::CENTER_CENTER)
                .hint_text("Team name")
                .background_color(color32(theme.colors().panel)),
        );
        // Until the field has had focus once, keep asking for it; after that, losing it ends the edit.
        if !edit.focused_once {
            if response.has_focus() {
                edit.focused_once = true;
            } else {
                response.request_focus();
                return;
            }
        }
        if (response.lost_focus() || !response.has_focus())
            && let Some(edit) = self.name_edit.take()
            && !edit.cancelled
        {
            actions.extend(commit_name(doc, edit));
        }
    }
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

fn commit_name(doc: &Document, edit: NameEdit) -> Option<Action> {
    let name = edit.text.trim().to_owned();
    match edit.target {
        NameTarget::NewTeam {
            position,
            model_type,
        } => {
            let name = if name.is_empty() {
                "New team".to_owned()
            } else {
                name
            };
            let id = doc.next_id();
            Some(Action::Edit {
                edit: Edit::InsertTeam {
                    id,
                    team: Team::new(name, model_type, position),
                },
                label: "Add team".to_owned(),
                select: Some(BTreeSet::from([id])),
            })
        }
        NameTarget::Existing(id) => {
            if doc.node_name(id) == Some(name.as_str()) {
                return None;
            }
            let edit = match doc.node_kind(id)? {
                NodeKind::Team => Edit::SetTeam {
                    id,
                    field: TeamField::Name(name),
                },
                NodeKind::FundingSource => Edit::SetSource {
                    id,
                    field: SourceField::Name(name),
                },
            };
            let label = edit.describe();
            Some(Action::Edit {
                edit,
                label,
                select: None,
            })
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

fn paint_grid(painter: &egui::Painter, viewport: Rect, camera: &Camera, color: Color32) {
    let mut step = GRID;
    while step * camera.zoom_factor < 14.0 {
        step *= 5.0;
    }
    let top_left = camera.canvas_from_screen(viewport, viewport.min);
    let bottom_right = camera.canvas_from_screen(viewport, viewport.max);
    let radius = (1.2 * camera.zoom_factor.sqrt()).clamp(0.8, 1.6);
    let mut x = (top_left.x / step).floor() * step;
    while x <= bottom_right.x {
        let mut y = (top_left.y / step).floor() * step;
        while y <= bottom_right.y {
            painter.circle_filled(
                camera.screen_from_canvas(viewport, Pos2::new(x, y)),
                radius,
                color,
            );
            y += step;
        }
        x += step;
    }
}

/// The legend: a strip along the bottom of the canvas with each model type's colour and team
/// count, and the two link styles. Drawn at screen size, so it reads at any zoom.
/// Returns the height it took on screen.
fn legend_ui(ui: &egui::Ui, doc: &Document, viewport: Rect, theme: Theme) -> f32 {
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
                    ui.horizontal_wrapped(|ui| {
                        ui.spacing_mut().item_spacing.x = 6.0;
                        for model_type in &doc.palette {
                            let count = doc.teams_of_type(model_type.id).count();
                            // One unit per type, so a line never breaks between swatch and name.
                            ui.horizontal(|ui| {
                                let (swatch, _) =
                                    ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                                ui.painter().rect_filled(
                                    swatch,
                                    3.0,
                                    color32(scene::Rgba::from(model_type.color)),
                                );
                                ui.label(format!("{} ({count})", model_type.name));
                            });
                            ui.add_space(8.0);
                        }
                        for (text, color, dashed) in [
                            ("depends on", colors.dependency, false),
                            ("funds", colors.funding, true),
                        ] {
                            ui.horizontal(|ui| {
                                let (line, _) =
                                    ui.allocate_exact_size(vec2(24.0, 12.0), Sense::hover());
                                paint_arrow(
                                    ui.painter(),
                                    line.left_center(),
                                    line.right_center(),
                                    Stroke::new(1.75, color32(color)),
                                    dashed,
                                );
                                ui.label(text);
                            });
                            ui.add_space(8.0);
                        }
                    });
                });
        });
    area.response.rect.height() + 10.0
}
