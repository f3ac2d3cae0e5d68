//! The app: lays out the window, turns input into actions, and applies them in one place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eframe::egui::{self, Button, RichText, ViewportCommand};

mod exporting;
mod files;
mod prompts;
mod run;

pub use files::Intent;

use std::sync::Arc;
use std::time::Instant;

use super::Action;
use super::canvas::{Canvas, Drawing, GRID, MovedScene, Tool};
use super::commands::{COMMANDS, Command, Menu, by_shortcut_specificity};
use super::dialogs::{PaletteEditor, is_checked, shortcuts_ui};
use super::insights::{Focus, insights_ui};
use super::inspector::inspector_ui;
use super::picker::{FilePicker, PendingDialog};
use super::session::Session;
use super::spatial::SpatialIndex;
use crate::analysis::Analysis;
use crate::edit::Edit;
use crate::file::clipboard::{self, copy_text, delete_edit};
use crate::file::recent::RecentFiles;
use crate::file::recovery::{Recovered, RecoveryStore};
use crate::model::{Document, FundingSource, Id, Point};
use crate::scene::{self, Scene, SceneOptions, Theme};

/// What the app uses from the outside world: file dialogs and the data folder.
pub struct Services {
    pub picker: Arc<dyn FilePicker>,
    /// Recovery files and the recent list live here; `None` keeps neither.
    pub data_dir: Option<PathBuf>,
}

impl Services {
    /// No file dialogs (every request answers "no file") and no data folder: no recovery files,
    /// no recent list. For embedding and tests that must not touch the user's data.
    pub fn none() -> Self {
        Self {
            picker: Arc::new(NoPicker),
            data_dir: None,
        }
    }

    /// Native dialogs and the platform data folder.
    pub fn native() -> Self {
        Self {
            picker: files::default_picker(),
            data_dir: crate::file::recovery::data_dir(),
        }
    }
}

/// How long a status message stays, in seconds.
const MESSAGE_SECONDS: f64 = 6.0;

struct Message {
    text: String,
    is_error: bool,
    shown_at: f64,
}

pub struct TeamscapeApp {
    session: Session,
    canvas: Canvas,
    scene: Scene,
    /// What `scene` was built from: document revision, theme and legend flag.
    scene_key: Option<(u64, Theme, bool)>,
    /// Where the items of `scene` are, built with it.
    index: SpatialIndex,
    /// The moved part of the picture while a drag moves nodes.
    moved: Option<MovedScene>,
    /// Counts scene rebuilds, so the canvas knows when what it drew from the scene is stale.
    scene_stamp: u64,
    palette_editor: PaletteEditor,
    show_shortcuts: bool,
    /// The findings for the document state `.0`; recomputed only when the document changes.
    analysis: Option<(u64, Arc<Analysis>)>,
    show_insights: bool,
    export_settings: crate::ui::export_dialog::ExportSettings,
    job: Option<crate::ui::export_dialog::Job>,
    pending_screenshot: Option<exporting::PendingScreenshot>,
    message: Option<Message>,
    picker: Arc<dyn FilePicker>,
    pending_dialog: Option<PendingDialog>,
    typed_path: Option<files::TypedPath>,
    /// Unsaved changes stand in the way of this; the user is being asked what to do.
    unsaved_prompt: Option<Intent>,
    /// The file changed on disk; asking before overwriting it (then carrying on with this).
    overwrite_prompt: Option<Option<Intent>>,
    load_error: Option<String>,
    recovery_offer: Option<Recovered>,
    recovery: Option<RecoveryStore>,
    recovered_revision: Option<u64>,
    last_recovery_write: Instant,
    data_dir: Option<PathBuf>,
    recent: RecentFiles,
    /// The user chose to close; the next close request goes through.
    allow_close: bool,
    /// The last text this window copied: pasted when the system clipboard gives nothing.
    copied_text: Option<String>,
    window_title: String,
    actions: Vec<Action>,
}

pub fn window_title(doc: &Document, path: Option<&Path>, dirty: bool) -> String {
    let name = path
        .and_then(Path::file_name)
        .map_or_else(|| doc.title.clone(), |n| n.to_string_lossy().into_owned());
    let mark = if dirty { "● " } else { "" };
    format!("{mark}{name} — Teamscape")
}

impl TeamscapeApp {
    /// The app for a window: installs the bundled fonts, then opens `doc`, with native file
    /// dialogs, the recent list and recovery files in the platform data folder.
    pub fn create(
        creation: &eframe::CreationContext<'_>,
        doc: Document,
        path: Option<PathBuf>,
    ) -> Self {
        let mut app = Self::create_with(creation, doc, path, Services::native());
        app.canvas.draw_far_view_in_background();
        app
    }

    /// Like [`Self::create`], with the file dialogs and data folder given (tests inject them).
    pub fn create_with(
        creation: &eframe::CreationContext<'_>,
        doc: Document,
        path: Option<PathBuf>,
        services: Services,
    ) -> Self {
        super::paint::install_fonts(&creation.egui_ctx);
        // Ctrl+plus/minus/0 zoom the canvas (our command table), not the whole interface.
        creation
            .egui_ctx
            .options_mut(|o| o.zoom_with_keyboard = false);
        let mut app = Self::new(doc, path);
        app.picker = services.picker;
        app.recovery = services.data_dir.as_deref().map(RecoveryStore::new);
        app.data_dir = services.data_dir;
        files::startup(&mut app);
        app
    }

    /// An app with no recovery files and no recent list (for embedding).
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        let window_title = window_title(&doc, path.as_deref(), false);
        Self {
            session: Session::new(doc, path),
            canvas: Canvas::default(),
            scene: Scene::default(),
            scene_key: None,
            index: SpatialIndex::default(),
            moved: None,
            scene_stamp: 0,
            palette_editor: PaletteEditor::default(),
            show_shortcuts: false,
            analysis: None,
            show_insights: false,
            export_settings: crate::ui::export_dialog::ExportSettings::default(),
            job: None,
            pending_screenshot: None,
            message: None,
            picker: files::default_picker(),
            pending_dialog: None,
            typed_path: None,
            unsaved_prompt: None,
            overwrite_prompt: None,
            load_error: None,
            recovery_offer: None,
            recovery: None,
            recovered_revision: None,
            last_recovery_write: Instant::now(),
            data_dir: None,
            recent: RecentFiles::default(),
            allow_close: false,
            copied_text: None,
            window_title,
            actions: Vec::new(),
        }
    }

    pub fn document(&self) -> &Document {
        self.session.doc()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    pub fn canvas_mut(&mut self) -> &mut Canvas {
        &mut self.canvas
    }

    /// The findings for the current document, computed once per document change.
    pub fn analysis(&mut self) -> Arc<Analysis> {
        let revision = self.session.revision();
        match &self.analysis {
            Some((at, analysis)) if *at == revision => Arc::clone(analysis),
            _ => {
                let analysis = Arc::new(Analysis::of(self.session.doc()));
                self.analysis = Some((revision, Arc::clone(&analysis)));
                analysis
            }
        }
    }

    /// Selects `items` and moves the view so they are all in sight.
    fn focus_on(&mut self, Focus(items): Focus) {
        let doc = self.session.doc();
        let bounds = items
            .iter()
            .flat_map(|id| match doc.links.get(id) {
                Some(link) => vec![link.from, link.to],
                None => vec![*id],
            })
            .filter_map(|id| doc.node_rect(id))
            .reduce(crate::model::Rect::union);
        if let Some(bounds) = bounds {
            let viewport = self.canvas.viewport;
            self.canvas.camera.fit(viewport, bounds.expand(60.0));
        }
        self.canvas.selection = items;
    }

    pub fn selection(&self) -> &BTreeSet<Id> {
        &self.canvas.selection
    }

    /// The status message shown now, if any.
    /// The map a crashed session left behind, while the user is being asked about it.
    pub fn recovery_offer(&self) -> Option<&Recovered> {
        self.recovery_offer.as_ref()
    }

    /// The message of a map that could not be opened, while it is shown.
    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }

    /// True while a path is being typed because no file dialog could be shown.
    pub fn is_typing_a_path(&self) -> bool {
        self.typed_path.is_some()
    }

    /// True while the unsaved-changes prompt is shown.
    pub fn is_asking_to_save(&self) -> bool {
        self.unsaved_prompt.is_some()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.text.as_str())
    }

    fn notify(&mut self, ctx: &egui::Context, text: impl Into<String>, is_error: bool) {
        self.message = Some(Message {
            text: text.into(),
            is_error,
            shown_at: ctx.input(|i| i.time),
        });
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for (menu, title) in [
                (Menu::File, "File"),
                (Menu::Edit, "Edit"),
                (Menu::Insert, "Insert"),
                (Menu::View, "View"),
                (Menu::Help, "Help"),
            ] {
                ui.menu_button(title, |ui| {
                    for info in COMMANDS.iter().filter(|c| c.menu == menu) {
                        if info.command == Command::Save {
                            files::file_submenus_ui(self, ui);
                            ui.separator();
                        }
                        if info.command == Command::Quit {
                            ui.separator();
                        }
                        let name = match info.command {
                            Command::Undo => self
                                .session
                                .history()
                                .undo_label()
                                .map_or("Undo".to_owned(), |l| format!("Undo {l}")),
                            Command::Redo => self
                                .session
                                .history()
                                .redo_label()
                                .map_or("Redo".to_owned(), |l| format!("Redo {l}")),
                            _ => info.name.to_owned(),
                        };
                        let checked = is_checked(
                            info.command,
                            self.canvas.show_grid,
                            self.canvas.snap,
                            self.canvas.show_legend,
                        );
                        let mut button = Button::new(name);
                        if let Some(checked) = checked {
                            button = Button::selectable(checked, info.name);
                        }
                        if let Some(shortcut) = info.shortcut {
                            button = button.shortcut_text(super::commands::shortcut_label(
                                ui.ctx(),
                                &shortcut,
                            ));
                        }
                        if ui
                            .add_enabled(self.is_enabled(info.command), button)
                            .clicked()
                        {
                            self.actions.push(Action::Command(info.command));
                            ui.close();
                        }
                    }
                });
            }
            ui.separator();
            self.tools_ui(ui);
        });
    }

    fn tools_ui(&mut self, ui: &mut egui::Ui) {
        for (tool, label, hint) in [
            (Tool::Select, "Select", "Select and move (V)"),
            (
                Tool::Dependency,
                "Depends on",
                "Drag from a team to the team it depends on (D)",
            ),
            (
                Tool::Funding,
                "Funds",
                "Drag from a funding source or team to the team it funds (F)",
            ),
        ] {
            if ui
                .selectable_label(self.canvas.tool == tool, label)
                .on_hover_text(hint)
                .clicked()
            {
                self.canvas.tool = tool;
            }
        }
    }

    /// The right panel: the selection's inspector, or the insights.
    fn side_panel_ui(&mut self, ui: &mut egui::Ui) {
        let analysis = self.analysis();
        ui.horizontal(|ui| {
            if ui
                .selectable_label(!self.show_insights, "Inspector")
                .clicked()
            {
                self.show_insights = false;
            }
            let problems = analysis.problems.len();
            let insights = if problems == 0 {
                "Insights".to_owned()
            } else {
                format!("Insights ({problems})")
            };
            if ui.selectable_label(self.show_insights, insights).clicked() {
                self.show_insights = true;
            }
        });
        ui.separator();
        if self.show_insights {
            if let Some(focus) = insights_ui(ui, self.session.doc(), &analysis, &self.canvas) {
                self.focus_on(focus);
            }
        } else {
            inspector_ui(
                ui,
                self.session.doc(),
                &analysis,
                &mut self.canvas,
                &mut self.actions,
            );
        }
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        let analysis = self.analysis();
        let doc = self.session.doc();
        let zoom_percent = self.canvas.camera.zoom_factor * 100.0;
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
            let problems = analysis.problems.len();
            let text = match problems {
                0 => "No problems".to_owned(),
                1 => "1 problem".to_owned(),
                n => format!("{n} problems"),
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
            if self.session.is_dirty() {
                ui.label(RichText::new("Unsaved changes").strong());
            } else if self.session.path().is_some() {
                ui.label("Saved");
            } else {
                ui.label("Not saved to a file");
            }
            if let Some(message) = &self.message
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
            self.show_insights = true;
        }
    }

    fn refresh_scene(&mut self, theme: Theme) {
        let key = (self.session.revision(), theme, self.canvas.show_legend);
        let doc = self.session.doc();
        if self.scene_key != Some(key) {
            self.scene = scene::build(doc, self.scene_options(theme));
            self.index = SpatialIndex::build(doc, &self.scene);
            self.scene_key = Some(key);
            self.scene_stamp += 1;
            self.moved = None;
        }
        // A drag redraws only what it moves, and only when the (snapped) positions change; the
        // document itself changes once, on release.
        match self.canvas.drag_preview(doc) {
            Some(moves) if self.moved.as_ref().is_none_or(|m| m.moves != moves) => {
                let options = self.scene_options(theme);
                self.moved = Some(MovedScene::build(doc, &self.index, moves, options));
            }
            Some(_) => {}
            None => self.moved = None,
        }
    }

    fn scene_options(&self, theme: Theme) -> SceneOptions {
        SceneOptions {
            theme,
            // The canvas draws its own legend at screen size, readable at any zoom.
            legend: false,
            title: true,
        }
    }

    fn apply_actions(&mut self, ctx: &egui::Context) {
        while !self.actions.is_empty() {
            let actions = std::mem::take(&mut self.actions);
            for action in actions {
                self.apply(ctx, action);
            }
        }
        let doc = self.session.doc();
        self.canvas.selection.retain(|id| doc.contains(*id));
        let title = window_title(doc, self.session.path(), self.session.is_dirty());
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Edit {
                edit,
                label,
                select,
            } => match self.session.apply(edit, label) {
                Ok(()) => {
                    if let Some(select) = select {
                        self.canvas.selection = select;
                    }
                }
                Err(error) => self.notify(ctx, format!("Not changed: {error}"), true),
            },
            Action::Command(command) => self.run(ctx, command),
            Action::Notify(text) => self.notify(ctx, text, false),
            Action::Paste(text) => self.paste(ctx, &text),
        }
    }
}

impl eframe::App for TeamscapeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.file_events(&ctx);
        self.keyboard_input(&ctx);
        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(300.0)
            .size_range(260.0..=520.0)
            .show(ui, |ui| self.side_panel_ui(ui));
        let theme = if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        };
        self.refresh_scene(theme);
        let analysis = self.analysis();
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let drawing = Drawing {
                scene: &self.scene,
                index: &self.index,
                moved: self.moved.as_ref(),
                stamp: self.scene_stamp,
            };
            self.canvas.ui(
                ui,
                self.session.doc(),
                &drawing,
                &analysis,
                theme,
                &mut self.actions,
            );
        });
        self.palette_editor
            .ui(&ctx, self.session.doc(), &mut self.actions);
        shortcuts_ui(&ctx, &mut self.show_shortcuts);
        self.file_dialogs_ui(&ctx);
        self.exporting_ui(&ctx);
        self.apply_actions(&ctx);
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// A picker that never picks: see [`Services::none`].
struct NoPicker;

impl FilePicker for NoPicker {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save(&self, _suggested: &std::path::Path) -> Option<PathBuf> {
        None
    }
}
