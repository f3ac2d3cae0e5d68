//! Pointer input on the canvas: pan and zoom, clicks, and drags that move, select or link.

#[allow(clippy::wildcard_imports)]
use super::*;

impl Canvas {
    pub(super) fn pan_and_zoom_input(&mut self, ui: &egui::Ui, response: &egui::Response) {
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

    pub(super) fn drag_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        (doc, index): (&Document, &SpatialIndex),
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
                index,
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
            self.finish_drag((doc, index), drag, actions);
        }
    }

    pub(super) fn start_drag(
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

    pub(super) fn finish_drag(
        &mut self,
        (doc, index): (&Document, &SpatialIndex),
        drag: Drag,
        actions: &mut Vec<Action>,
    ) {
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
                let inside = nodes_inside(index, area);
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
                let target = hit_test(index, to_point(end_in_canvas), EDGE_BAND_PX / zoom, 0.0);
                if let Some(to) = target.id().filter(|to| *to != from)
                    && let Some(action) = new_link_action(doc, from, to, kind)
                {
                    actions.push(action);
                }
            }
        }
    }

    pub(super) fn click_input(
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

    pub(super) fn set_cursor(&self, ui: &egui::Ui) {
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
}
