//! The window's parts: menu bar and toolbar (from the command table), status bar, side panel,
//! the canvas, and the windows and modal over them. Each sends actions; none changes the map.

use eframe::egui::{self, Button, RichText};

use super::{MESSAGE_SECONDS, TeamscapeApp, files};
use crate::scene::Theme;
use crate::text::plural;
use crate::ui::Action;
use crate::ui::canvas::CanvasInput;
use crate::ui::changes::changes_ui;
use crate::ui::commands::{Command, Menu, shortcut_label};
use crate::ui::help::shortcuts_ui;
use crate::ui::insights::insights_ui;
use crate::ui::inspector::inspector_ui;
use crate::ui::modal::modal_ui;
use crate::ui::prefs::{PANEL_WIDTHS, SideTab};

impl TeamscapeApp {
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) {
        let presenting = self.windows.presenting;
        if !presenting {
            egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui));
            egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
            let panel = egui::Panel::right("side_panel")
                .resizable(true)
                .default_size(self.windows.panel_width)
                .size_range(PANEL_WIDTHS)
                .show(ui, |ui| self.side_panel_ui(ui));
            self.windows.panel_width = panel.response.rect.width();
        }
        let theme = if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        };
        let text_scale = if presenting {
            crate::ui::present::PRESENT_TEXT_SCALE
        } else {
            1.0
        };
        self.caches.refresh_scene(
            ui.ctx(),
            (self.editor.map(), &self.editor.session),
            (theme, text_scale),
        );
        let analysis = self.caches.analysis(self.editor.map());
        let compared = self
            .caches
            .compared(self.editor.map(), &self.editor.session);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let (map, session) = self.editor.map_and_session_mut();
            let input = CanvasInput {
                doc: map.doc(),
                drawing: self.caches.drawing(),
                analysis: &analysis,
                compared: compared.as_deref(),
                theme,
            };
            self.canvas.ui(ui, session, &input, &mut self.actions);
        });
        if presenting {
            crate::ui::present::card_ui(
                ui.ctx(),
                self.editor.doc(),
                &analysis,
                &self.editor.session.selection,
            );
        }
    }

    pub(super) fn windows_ui(&mut self, ctx: &egui::Context) {
        self.windows
            .palette_editor
            .ui(ctx, self.editor.doc(), &mut self.actions);
        shortcuts_ui(ctx, &mut self.windows.shortcuts);
        self.exporting_ui(ctx);
        self.arranging_ui(ctx);
        if let Some(modal) = &mut self.modal {
            let name = self.editor.map().display_name();
            if let Some(answer) = modal_ui(ctx, modal, &name) {
                self.actions.push(Action::Answer(answer));
            }
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in [Menu::File, Menu::Edit, Menu::Insert, Menu::View, Menu::Help] {
                ui.menu_button(menu.title(), |ui| self.menu_ui(ui, menu));
            }
            ui.separator();
            self.toolbar_ui(ui);
        });
    }

    /// One menu: its commands in groups, with a separator between groups.
    fn menu_ui(&mut self, ui: &mut egui::Ui, menu: Menu) {
        let mut group = None;
        for command in Command::all().filter(|c| c.info().menu == menu) {
            let info = command.info();
            if group.is_some_and(|g| g != info.group) {
                ui.separator();
            }
            group = Some(info.group);
            if command == Command::Save {
                files::file_submenus_ui(self, ui);
                ui.separator();
            }
            let state = self.command_state();
            let name = match command {
                Command::Undo => self
                    .editor
                    .map()
                    .history()
                    .undo_label()
                    .map_or("Undo".to_owned(), |l| format!("Undo {l}")),
                Command::Redo => self
                    .editor
                    .map()
                    .history()
                    .redo_label()
                    .map_or("Redo".to_owned(), |l| format!("Redo {l}")),
                _ => info.name.to_owned(),
            };
            let mut button = match info.checked {
                Some(checked) => Button::selectable(checked(&state), name),
                None => Button::new(name),
            };
            if let Some(shortcut) = info.shortcuts.first() {
                button = button.shortcut_text(shortcut_label(ui.ctx(), shortcut));
            }
            let enabled = (info.enabled)(&state);
            if ui.add_enabled(enabled, button).clicked() {
                self.actions.push(Action::Command(command));
                ui.close();
            }
        }
    }

    /// The tools, from the command table, with their hints and keys.
    fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
        for command in [
            Command::SelectTool,
            Command::DependencyTool,
            Command::FundingTool,
        ] {
            let info = command.info();
            let state = self.command_state();
            let on = info.checked.is_some_and(|checked| checked(&state));
            let key = info
                .shortcuts
                .first()
                .map(|s| shortcut_label(ui.ctx(), s))
                .unwrap_or_default();
            if ui
                .selectable_label(on, info.name)
                .on_hover_text(format!("{} ({key})", info.hint))
                .clicked()
            {
                self.actions.push(Action::Command(command));
            }
        }
    }

    /// The right panel: the selection's inspector, or the insights; while comparing, the changes.
    fn side_panel_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(comparison) = &self.editor.session.compare
            && let Some(compared) = self
                .caches
                .compared(self.editor.map(), &self.editor.session)
        {
            changes_ui(
                ui,
                self.editor.doc(),
                comparison,
                &compared,
                &self.editor.session.selection,
                &mut self.actions,
            );
            return;
        }
        let analysis = self.caches.analysis(self.editor.map());
        ui.horizontal(|ui| {
            if ui
                .selectable_label(self.windows.side_tab == SideTab::Inspector, "Inspector")
                .clicked()
            {
                self.windows.side_tab = SideTab::Inspector;
            }
            let problems = analysis.total_problems() + analysis.conflicts.len();
            let insights = if problems == 0 {
                "Insights".to_owned()
            } else {
                format!("Insights ({problems})")
            };
            if ui
                .selectable_label(self.windows.side_tab == SideTab::Insights, insights)
                .clicked()
            {
                self.windows.side_tab = SideTab::Insights;
            }
        });
        ui.separator();
        match self.windows.side_tab {
            SideTab::Insights => {
                insights_ui(
                    ui,
                    self.editor.doc(),
                    &analysis,
                    &self.editor.session.selection,
                    &mut self.actions,
                );
            }
            SideTab::Inspector => inspector_ui(
                ui,
                self.editor.doc(),
                &analysis,
                &self.editor.session,
                &mut self.actions,
            ),
        }
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        let analysis = self.caches.analysis(self.editor.map());
        let map = self.editor.map();
        let doc = map.doc();
        let zoom_percent = self.editor.session.camera.zoom_factor * 100.0;
        let now = ui.input(|i| i.time);
        let mut show_insights = false;
        ui.horizontal(|ui| {
            ui.label(format!("{zoom_percent:.0} %"));
            ui.separator();
            ui.label(format!(
                "{} · {} · {}",
                plural(doc.teams.len(), "team", "teams"),
                plural(doc.sources.len(), "funding source", "funding sources"),
                plural(doc.links.len(), "link", "links"),
            ));
            ui.separator();
            let problems = analysis.total_problems() + analysis.conflicts.len();
            let text = match problems {
                0 => "No problems".to_owned(),
                n => plural(n, "problem", "problems"),
            };
            let label = if problems == 0 {
                RichText::new(text)
            } else {
                RichText::new(text).color(ui.visuals().warn_fg_color)
            };
            if ui
                .add(egui::Label::new(label).sense(egui::Sense::click()))
                .on_hover_text("Show insights (Ctrl+I)")
                .clicked()
            {
                show_insights = true;
            }
            ui.separator();
            if map.is_dirty() {
                ui.label(RichText::new("Unsaved changes").strong());
            } else if map.path().is_some() {
                ui.label("Saved");
            } else {
                ui.label("Not saved to a file");
            }
            if let Some(message) = &self.status.message
                && now - message.shown_at < MESSAGE_SECONDS
            {
                ui.separator();
                if message.is_error {
                    ui.colored_label(ui.visuals().error_fg_color, &message.text);
                } else {
                    ui.label(&message.text);
                }
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(MESSAGE_SECONDS));
            }
        });
        if show_insights {
            self.windows.side_tab = SideTab::Insights;
        }
    }
}
