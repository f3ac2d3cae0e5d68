//! The one place actions are applied, once per frame, in the order they were sent; and the
//! keyboard, which turns shortcuts from the command table into actions.

use eframe::egui::{self, Key, Modifiers, ViewportCommand};

use super::TeamscapeApp;
use crate::editor::{self, Notice};
use crate::ui::Action;
use crate::ui::commands::{Command, CommandState, by_shortcut_specificity};
use crate::ui::intent::{DialogPurpose, Intent};
use crate::ui::modal::{Answer, Modal};
use crate::ui::prefs::SideTab;
use crate::ui::view::to_point;

impl TeamscapeApp {
    /// What commands look at to say whether they are enabled or checked.
    pub fn command_state(&self) -> CommandState<'_> {
        CommandState {
            editor: &self.editor,
            theme: self.theme,
            insights_shown: self.windows.side_tab == SideTab::Insights,
            shortcuts_shown: self.windows.shortcuts,
            presenting: self.windows.presenting,
            arranging: self.jobs.arrange.is_some(),
        }
    }

    pub fn is_enabled(&self, command: Command) -> bool {
        (command.info().enabled)(&self.command_state())
    }

    /// Keys reach the modal alone while one is open, and an open menu or the `?` overlay before
    /// the canvas: Escape closes them. Otherwise each shortcut runs its command.
    pub(super) fn keyboard_input(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || egui::Popup::is_any_open(ctx) {
            return;
        }
        if self.windows.shortcuts
            && ctx.input_mut(|i| {
                i.consume_key(Modifiers::NONE, Key::Escape)
                    || i.consume_key(Modifiers::NONE, Key::Questionmark)
            })
        {
            self.windows.shortcuts = false;
            return;
        }
        let typing = ctx.egui_wants_keyboard_input() || self.editor.session.name_edit.is_some();
        if self.windows.presenting
            && !typing
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.set_presenting(false);
            return;
        }
        if !typing {
            let clipboard: Vec<Action> = ctx.input(|i| {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Copy => Some(Action::Command(Command::Copy)),
                        egui::Event::Cut => Some(Action::Command(Command::Cut)),
                        egui::Event::Paste(text) => Some(Action::Paste(text.clone())),
                        _ => None,
                    })
                    .collect()
            });
            self.actions.extend(clipboard);
        }
        for (shortcut, command) in by_shortcut_specificity() {
            if typing && !matches!(command, Command::Save | Command::SaveAs) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                let action = match command {
                    // 1 … 9: which type is which key.
                    Command::SetModelType => {
                        let index = command
                            .info()
                            .shortcuts
                            .iter()
                            .position(|s| *s == shortcut)
                            .unwrap_or(0);
                        editor::Action::SetTypeOfSelection(index).into()
                    }
                    _ => Action::Command(command),
                };
                self.actions.push(action);
            }
        }
    }

    /// Applies every action sent this frame. An action may send more; they are applied after
    /// it, in the same loop, never from inside it.
    pub(super) fn apply_actions(&mut self, ctx: &egui::Context) {
        let mut queue = std::collections::VecDeque::from(std::mem::take(&mut self.actions));
        while let Some(action) = queue.pop_front() {
            self.apply(ctx, action);
            queue.extend(self.actions.drain(..));
        }
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Editor(action) => self.apply_to_editor(ctx, action),
            Action::Command(command) => self.run(ctx, command),
            Action::Request(intent) => self.request(ctx, intent),
            Action::Notify(text) => self.notify(ctx, text, false),
            Action::Paste(text) => {
                let target = ctx
                    .pointer_hover_pos()
                    .filter(|p| {
                        crate::ui::view::to_egui_rect(self.editor.session.viewport).contains(*p)
                    })
                    .map(|p| {
                        let viewport = self.editor.session.viewport;
                        self.editor
                            .session
                            .camera
                            .canvas_from_screen(viewport, to_point(p))
                    });
                self.apply_to_editor(ctx, editor::Action::Paste { text, target });
            }
            Action::Answer(answer) => self.answer_modal(ctx, answer),
        }
    }

    fn apply_to_editor(&mut self, ctx: &egui::Context, action: editor::Action) {
        match self.editor.apply(action) {
            Some(Notice::Info(text)) => self.notify(ctx, text, false),
            Some(Notice::Error(text)) => self.notify(ctx, text, true),
            None => {}
        }
    }

    /// Runs a command of the table, if it is enabled now.
    fn run(&mut self, ctx: &egui::Context, command: Command) {
        if !self.is_enabled(command) {
            return;
        }
        if let Some(action) = command.editor_action() {
            self.apply_to_editor(ctx, action);
            return;
        }
        match command {
            Command::New => self.request(ctx, Intent::New),
            Command::Open => self.request(ctx, Intent::Open),
            Command::Quit => self.request(ctx, Intent::Quit),
            Command::Save => self.save(ctx, None),
            Command::SaveAs => self.start_dialog(DialogPurpose::SaveAs { then: None }),
            Command::CompareWith => self.start_dialog(DialogPurpose::Compare),
            Command::Import => self.start_dialog(DialogPurpose::Import),
            Command::Arrange => self.start_arrange(ctx, false),
            Command::ArrangeSelection => self.start_arrange(ctx, true),
            Command::CompareWithSaved => self.compare_with_saved(),
            Command::Export => self.windows.export.open = true,
            Command::SaveViewAsPng => self.request_view_screenshot(ctx),
            Command::CopyAsImage => self.copy_as_image(ctx),
            Command::Copy | Command::Cut => {
                if let Some(text) = self.editor.copy_text() {
                    ctx.copy_text(text.clone());
                    self.desk.copied_text = Some(text);
                    if command == Command::Cut {
                        self.actions.push(editor::Action::DeleteSelection.into());
                    }
                }
            }
            Command::Paste => {
                // The real window answers this with an Event::Paste holding the system clipboard.
                ctx.send_viewport_cmd(ViewportCommand::RequestPaste);
                if ctx.input(|i| i.modifiers.command) {
                    // Ctrl+V reached us as a key press, so the platform did not paste: use our own copy.
                    if let Some(text) = self.desk.copied_text.clone() {
                        self.actions.push(Action::Paste(text));
                    }
                }
            }
            Command::EditModelTypes => self.windows.palette_editor.open = true,
            Command::ShowShortcuts => self.windows.shortcuts = !self.windows.shortcuts,
            Command::PresentMode => self.set_presenting(!self.windows.presenting),
            // From the menu: the first type (the keys say which).
            Command::SetModelType => {
                self.apply_to_editor(ctx, editor::Action::SetTypeOfSelection(0));
            }
            Command::ShowInsights => {
                self.windows.side_tab = match self.windows.side_tab {
                    SideTab::Insights => SideTab::Inspector,
                    SideTab::Inspector => SideTab::Insights,
                };
            }
            Command::ThemeSystem => self.set_theme(ctx, egui::ThemePreference::System),
            Command::ThemeLight => self.set_theme(ctx, egui::ThemePreference::Light),
            Command::ThemeDark => self.set_theme(ctx, egui::ThemePreference::Dark),
            // Editor actions, applied above.
            _ => {}
        }
    }

    fn set_theme(&mut self, ctx: &egui::Context, theme: egui::ThemePreference) {
        self.theme = theme;
        ctx.set_theme(theme);
    }

    /// What the user answered the modal.
    fn answer_modal(&mut self, ctx: &egui::Context, answer: Answer) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        match (modal, answer) {
            (Modal::UnsavedChanges { then }, Answer::Save) => self.save(ctx, Some(then)),
            (Modal::UnsavedChanges { then }, Answer::DontSave) => {
                self.jobs.recovery.discard(self.editor.map().key());
                self.perform(ctx, then);
            }
            (Modal::ChangedOnDisk { then }, Answer::Overwrite) => {
                self.write_to_current_path(ctx, then);
            }
            (Modal::ChangedOnDisk { then }, Answer::SaveElsewhere) => {
                self.start_dialog(DialogPurpose::SaveAs { then });
            }
            (Modal::TypedPath { purpose, .. }, Answer::Path(path)) => {
                self.dialog_answered(ctx, purpose, path);
            }
            (Modal::RecoveryOffer(offer), Answer::Restore) => self.restore(ctx, offer, true),
            (Modal::RecoveryOffer(offer), Answer::Discard) => self.restore(ctx, offer, false),
            (Modal::ImportReport(review), Answer::OpenImported) => {
                self.request(ctx, Intent::OpenImported(Box::new(review.imported.doc)));
            }
            (Modal::ImportReport(review), Answer::AddImported) => {
                let action = editor::Action::AddMap {
                    doc: Box::new(review.imported.doc),
                    label: format!("Import {}", review.name),
                };
                self.actions.push(action.into());
            }
            // Escape, Cancel, OK: nothing more to do.
            (_, _) => {}
        }
    }
}
