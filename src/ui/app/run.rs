//! Running commands: the keyboard shortcuts, and what each command of the table does.

#[allow(clippy::wildcard_imports)]
use super::*;

impl TeamscapeApp {
    pub fn is_enabled(&self, command: Command) -> bool {
        let doc = self.session.doc();
        let has_nodes = self
            .canvas
            .selection
            .iter()
            .any(|id| doc.node_kind(*id).is_some());
        match command {
            Command::Undo => self.session.history().can_undo(),
            Command::Redo | Command::RedoAlt => self.session.history().can_redo(),
            Command::Cut | Command::Copy | Command::Duplicate => has_nodes,
            Command::Delete | Command::DeleteBackspace => !self.canvas.selection.is_empty(),
            Command::Rename => self.canvas.selection.len() == 1 && has_nodes,
            nudge if nudge.nudge_steps().is_some() => has_nodes,
            _ => true,
        }
    }

    pub(super) fn keyboard_input(&mut self, ctx: &egui::Context) {
        // Escape drops focus before the frame starts, so a name edit counts as typing on its own.
        let typing = ctx.egui_wants_keyboard_input() || self.canvas.name_edit.is_some();
        let clipboard_events: Vec<egui::Event> = ctx.input(|i| {
            i.events
                .iter()
                .filter(|e| {
                    matches!(
                        e,
                        egui::Event::Copy | egui::Event::Cut | egui::Event::Paste(_)
                    )
                })
                .cloned()
                .collect()
        });
        if !typing {
            for event in clipboard_events {
                self.actions.push(match event {
                    egui::Event::Copy => Action::Command(Command::Copy),
                    egui::Event::Cut => Action::Command(Command::Cut),
                    egui::Event::Paste(text) => Action::Paste(text),
                    _ => continue,
                });
            }
        }
        for info in by_shortcut_specificity() {
            let Some(shortcut) = info.shortcut else {
                continue;
            };
            if typing && !matches!(info.command, Command::Save | Command::SaveAs) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.actions.push(Action::Command(info.command));
            }
        }
    }

    pub(super) fn paste(&mut self, ctx: &egui::Context, text: &str) {
        let doc = self.session.doc();
        let target = ctx
            .pointer_hover_pos()
            .filter(|p| self.canvas.viewport.contains(*p))
            .map_or_else(
                || self.canvas.view_center(),
                |p| self.canvas.pointer_in_canvas(p),
            );
        let snap = self.canvas.snap;
        let result = clipboard::paste(doc, text, |bounds| {
            let center = bounds.center();
            let mut offset = (target.x - center.x, target.y - center.y);
            if snap {
                offset = (
                    (offset.0 / GRID).round() * GRID,
                    (offset.1 / GRID).round() * GRID,
                );
            }
            offset
        });
        match result {
            Ok(paste) => {
                let count = paste.new_nodes.len();
                let select = paste.new_nodes.into_iter().collect();
                self.apply(
                    ctx,
                    Action::Edit {
                        edit: paste.edit,
                        label: format!("Paste {count} items"),
                        select: Some(select),
                    },
                );
            }
            Err(error) => self.notify(ctx, format!("Cannot paste: {error}"), true),
        }
    }

    pub(super) fn run(&mut self, ctx: &egui::Context, command: Command) {
        if !self.is_enabled(command) {
            return;
        }
        let doc = self.session.doc();
        match command {
            Command::New => self.request(ctx, Intent::New),
            Command::Open => self.request(ctx, Intent::Open),
            Command::Quit => self.request(ctx, Intent::Quit),
            Command::Save => self.save(ctx, None),
            Command::SaveAs => self.save_as(None),
            Command::Export => self.export_settings.open = true,
            Command::SaveViewAsPng => self.request_view_screenshot(ctx),
            Command::CopyAsImage => self.copy_as_image(ctx),
            Command::Undo => match self.session.undo() {
                Ok(Some(label)) => self.notify(ctx, format!("Undid: {label}"), false),
                Ok(None) => {}
                Err(error) => self.notify(ctx, format!("Cannot undo: {error}"), true),
            },
            Command::Redo | Command::RedoAlt => match self.session.redo() {
                Ok(Some(label)) => self.notify(ctx, format!("Redid: {label}"), false),
                Ok(None) => {}
                Err(error) => self.notify(ctx, format!("Cannot redo: {error}"), true),
            },
            Command::Copy | Command::Cut => {
                if let Some(text) = copy_text(doc, &self.canvas.selection) {
                    ctx.copy_text(text.clone());
                    self.copied_text = Some(text);
                    if command == Command::Cut {
                        self.run(ctx, Command::Delete);
                    }
                }
            }
            Command::Paste => {
                // The real window answers this with an Event::Paste holding the system clipboard.
                ctx.send_viewport_cmd(ViewportCommand::RequestPaste);
                if ctx.input(|i| i.modifiers.command) {
                    // Ctrl+V reached us as a key press, so the platform did not paste: use our own copy.
                    if let Some(text) = self.copied_text.clone() {
                        self.paste(ctx, &text);
                    }
                }
            }
            Command::Duplicate => {
                if let Some(text) = copy_text(doc, &self.canvas.selection) {
                    match clipboard::paste(doc, &text, |_| (2.0 * GRID, 2.0 * GRID)) {
                        Ok(paste) => {
                            let select = paste.new_nodes.into_iter().collect();
                            self.apply(
                                ctx,
                                Action::Edit {
                                    edit: paste.edit,
                                    label: "Duplicate".into(),
                                    select: Some(select),
                                },
                            );
                        }
                        Err(error) => self.notify(ctx, format!("Cannot duplicate: {error}"), true),
                    }
                }
            }
            Command::Delete | Command::DeleteBackspace => {
                if let Some(edit) = delete_edit(doc, &self.canvas.selection) {
                    let count = self.canvas.selection.len();
                    let label = if count == 1 {
                        "Delete".to_owned()
                    } else {
                        format!("Delete {count} items")
                    };
                    self.apply(
                        ctx,
                        Action::Edit {
                            edit,
                            label,
                            select: Some(BTreeSet::new()),
                        },
                    );
                }
            }
            Command::SelectAll => {
                self.canvas.selection = doc
                    .teams
                    .keys()
                    .chain(doc.sources.keys())
                    .chain(doc.links.keys())
                    .copied()
                    .collect();
            }
            Command::ClearSelection => {
                if self.canvas.tool == Tool::Select {
                    self.canvas.selection.clear();
                } else {
                    self.canvas.tool = Tool::Select;
                }
            }
            Command::Rename => {
                if let Some(id) = self.canvas.selection.first().copied() {
                    self.canvas.start_rename(doc, id);
                }
            }
            Command::AddTeam => {
                if let Err(message) = self.canvas.start_new_team(doc, self.canvas.view_center()) {
                    self.notify(ctx, message, true);
                }
            }
            Command::AddFundingSource => {
                let id = doc.next_id();
                let center = self.canvas.view_center();
                let size = FundingSource::SIZE;
                let position = crate::ui::canvas::snap_point(Point::new(
                    center.x - size.width / 2.0,
                    center.y - size.height / 2.0,
                ));
                let edit = Edit::InsertSource {
                    id,
                    source: FundingSource::new("New funding source", position),
                };
                self.apply(
                    ctx,
                    Action::Edit {
                        edit,
                        label: "Add funding source".into(),
                        select: Some(BTreeSet::from([id])),
                    },
                );
                let doc = self.session.doc();
                self.canvas.start_rename(doc, id);
            }
            Command::SelectTool => self.canvas.tool = Tool::Select,
            Command::DependencyTool => self.canvas.tool = Tool::Dependency,
            Command::FundingTool => self.canvas.tool = Tool::Funding,
            Command::NudgeLeft
            | Command::NudgeRight
            | Command::NudgeUp
            | Command::NudgeDown
            | Command::NudgeLeftFar
            | Command::NudgeRightFar
            | Command::NudgeUpFar
            | Command::NudgeDownFar => {
                if let Some(steps) = command.nudge_steps() {
                    self.nudge(steps);
                }
            }
            Command::ZoomIn | Command::ZoomOut => {
                let factor = if command == Command::ZoomIn {
                    1.25
                } else {
                    0.8
                };
                let viewport = self.canvas.viewport;
                self.canvas
                    .camera
                    .zoom_around(viewport, viewport.center(), factor);
            }
            Command::ZoomToFit => self.canvas.fit_pending = true,
            Command::ZoomTo100 => self.canvas.camera.zoom_factor = 1.0,
            Command::ToggleGrid => self.canvas.show_grid = !self.canvas.show_grid,
            Command::ToggleSnap => self.canvas.snap = !self.canvas.snap,
            Command::ToggleLegend => self.canvas.show_legend = !self.canvas.show_legend,
            Command::EditModelTypes => self.palette_editor.open = true,
            Command::ShowShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::ShowInsights => self.show_insights = !self.show_insights,
            Command::ThemeSystem => ctx.set_theme(egui::ThemePreference::System),
            Command::ThemeLight => ctx.set_theme(egui::ThemePreference::Light),
            Command::ThemeDark => ctx.set_theme(egui::ThemePreference::Dark),
        }
    }

    /// Moves the selected nodes by `(dx, dy)` steps: a grid cell with snap on, a unit without.
    pub(super) fn nudge(&mut self, (dx, dy): (f32, f32)) {
        let step = if self.canvas.snap { GRID } else { 1.0 };
        let delta = egui::vec2(dx * step, dy * step);
        let doc = self.session.doc();
        let ids = self.canvas.selected_nodes(doc);
        // A nudge moves by exactly one step, even when the nodes are off the grid.
        let snap = std::mem::replace(&mut self.canvas.snap, false);
        let edit = self.canvas.move_edit(doc, &ids, delta);
        self.canvas.snap = snap;
        if let Some((edit, label)) = edit {
            self.actions.push(Action::Edit {
                edit,
                label,
                select: None,
            });
        }
    }
}
