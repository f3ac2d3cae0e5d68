//! The app: the editor (open map and session state), the caches drawn from it, the windows, one
//! modal and the jobs. Each frame it reads input, lays out the panels, and applies what they
//! asked for in one place.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{self, ViewportCommand};

mod actions;
mod arranging;
mod caches;
mod exporting;
mod files;
mod panels;
mod recovery;

use super::Action;
use super::canvas::Canvas;
use super::dialogs::PaletteEditor;
use super::export_dialog::{ExportSettings, Job};
use super::modal::Modal;
use super::picker::{FilePicker, PendingDialog};
use super::prefs::Preferences;
pub use super::prefs::SideTab;
use crate::analysis::Analysis;
use crate::editor::{Compared, Editor, OpenMap, SessionState};
use crate::file::recent::RecentFiles;
use crate::model::{Document, Id};
use caches::Caches;
use exporting::PendingScreenshot;
use recovery::RecoveryWriter;

/// What the app uses from the outside world: file dialogs, the data folder, and the preferences
/// the last run left.
pub struct Services {
    pub picker: Arc<dyn FilePicker>,
    /// Recovery files and the recent list live here; `None` keeps neither.
    pub data_dir: Option<PathBuf>,
    pub preferences: Preferences,
}

impl Services {
    /// No file dialogs (every request answers "no file"), no data folder (no recovery files, no
    /// recent list) and default preferences. For tests that must not touch the user's data.
    pub fn none() -> Self {
        Self {
            picker: Arc::new(NoPicker),
            data_dir: None,
            preferences: Preferences::default(),
        }
    }

    /// Native dialogs, the platform data folder, and the preferences in eframe's storage.
    pub fn native(storage: Option<&dyn eframe::Storage>) -> Self {
        Self {
            picker: Arc::new(crate::ui::picker::NativePicker),
            data_dir: crate::file::recovery::data_dir(),
            preferences: Preferences::load(storage),
        }
    }
}

/// The windows that may be open beside the canvas, and the side panel's tab.
#[derive(Default)]
struct Windows {
    palette_editor: PaletteEditor,
    shortcuts: bool,
    export: ExportSettings,
    side_tab: SideTab,
    panel_width: f32,
    /// Present mode: the map alone, fitted to the window, in large type.
    presenting: bool,
    /// Whether the legend showed before present mode hid it; it shows again after.
    legend_before_presenting: bool,
}

/// Work that finishes later: a file dialog, an export, a screenshot, an arrange, the recovery
/// file.
struct Jobs {
    dialog: Option<PendingDialog>,
    export: Option<Job>,
    screenshot: Option<PendingScreenshot>,
    arrange: Option<arranging::ArrangeJob>,
    recovery: RecoveryWriter,
}

/// The app's place on the desktop: dialogs, data folder, recent files, clipboard, close.
struct Desk {
    picker: Arc<dyn FilePicker>,
    data_dir: Option<PathBuf>,
    recent: RecentFiles,
    /// The last text this window copied: pasted when the system clipboard gives nothing.
    copied_text: Option<String>,
    /// The user chose to close; the next close request goes through.
    allow_close: bool,
}

/// How long a status message stays, in seconds.
const MESSAGE_SECONDS: f64 = 6.0;

#[derive(Default)]
struct Status {
    message: Option<Message>,
    window_title: String,
}

struct Message {
    text: String,
    is_error: bool,
    shown_at: f64,
}

pub struct TeamscapeApp {
    editor: Editor,
    caches: Caches,
    canvas: Canvas,
    windows: Windows,
    modal: Option<Modal>,
    jobs: Jobs,
    desk: Desk,
    status: Status,
    theme: egui::ThemePreference,
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
    /// dialogs, the recent list, recovery files and the last run's preferences.
    pub fn create(
        creation: &eframe::CreationContext<'_>,
        doc: Document,
        path: Option<PathBuf>,
    ) -> Self {
        let services = Services::native(creation.storage);
        let mut app = Self::create_with(creation, doc, path, services);
        app.work_in_background();
        app
    }

    /// Like [`Self::create`], with the file dialogs, data folder and preferences given (tests
    /// inject them).
    pub fn create_with(
        creation: &eframe::CreationContext<'_>,
        doc: Document,
        path: Option<PathBuf>,
        services: Services,
    ) -> Self {
        let ctx = &creation.egui_ctx;
        super::paint::install_fonts(ctx);
        // Ctrl+plus/minus/0 zoom the canvas (our command table), not the whole interface.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let prefs = services.preferences;
        ctx.set_theme(egui::ThemePreference::from(prefs.theme));
        let opened_path = path.clone().filter(|p| p.exists());
        let mut editor = Editor::new(OpenMap::new(doc, path));
        editor.session.view = prefs.view();
        let mut app = Self {
            editor,
            caches: Caches::default(),
            canvas: Canvas::default(),
            windows: Windows {
                side_tab: prefs.side_tab,
                panel_width: prefs.panel_width,
                ..Windows::default()
            },
            modal: None,
            jobs: Jobs {
                dialog: None,
                export: None,
                screenshot: None,
                arrange: None,
                recovery: RecoveryWriter::new(services.data_dir.as_deref()),
            },
            desk: Desk {
                picker: services.picker,
                data_dir: services.data_dir,
                recent: RecentFiles::default(),
                copied_text: None,
                allow_close: false,
            },
            status: Status::default(),
            theme: prefs.theme.into(),
            actions: Vec::new(),
        };
        app.startup(opened_path.as_deref());
        app
    }

    /// Does what a frame need not wait for on worker threads, as the window does: the zoomed-out
    /// picture for a new view, and the routes of a drag's links. Tests see every frame complete
    /// without it.
    pub fn work_in_background(&mut self) {
        self.canvas.draw_far_view_in_background();
        self.caches.route_drags_in_background();
    }

    pub fn document(&self) -> &Document {
        self.editor.doc()
    }

    pub fn map(&self) -> &OpenMap {
        self.editor.map()
    }

    pub fn session(&self) -> &SessionState {
        &self.editor.session
    }

    /// The session state, for tests and embedders that set up a view (camera, selection).
    pub fn session_mut(&mut self) -> &mut SessionState {
        &mut self.editor.session
    }

    pub fn selection(&self) -> &std::collections::BTreeSet<Id> {
        &self.editor.session.selection
    }

    /// The findings for the open map, computed once per document change.
    pub fn analysis(&mut self) -> Arc<Analysis> {
        self.caches.analysis(self.editor.map())
    }

    pub fn is_presenting(&self) -> bool {
        self.windows.presenting
    }

    /// Enters or leaves present mode: the side panel, toolbar and legend hide (L shows the legend
    /// again), the map is fitted to the window and its text is larger.
    fn set_presenting(&mut self, on: bool) {
        if self.windows.presenting == on {
            return;
        }
        self.windows.presenting = on;
        let view = &mut self.editor.session.view;
        if on {
            self.windows.legend_before_presenting = view.legend;
            view.legend = false;
            // The room sees the whole map first; a click on an item shows its card.
            self.editor.session.selection.clear();
        } else {
            view.legend = self.windows.legend_before_presenting;
        }
        self.editor.session.fit_pending = true;
    }

    /// While comparing, what differs from the other version, as the canvas marks it.
    pub fn compared(&mut self) -> Option<Arc<Compared>> {
        self.caches
            .compared(self.editor.map(), &self.editor.session)
    }

    /// The preferences as they would be kept now.
    pub fn preferences(&self) -> Preferences {
        let mut prefs = Preferences {
            theme: self.theme.into(),
            panel_width: self.windows.panel_width,
            side_tab: self.windows.side_tab,
            ..Preferences::default()
        };
        let mut view = self.editor.session.view;
        if self.windows.presenting {
            view.legend = self.windows.legend_before_presenting;
        }
        prefs.set_view(view);
        prefs
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.desk.recent.paths
    }

    /// The open modal, if any: what the app is waiting for the user to answer.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The message of a map that could not be opened, while it is shown.
    pub fn load_error(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::LoadError(message)) => Some(message),
            _ => None,
        }
    }

    /// True while a path is being typed because no file dialog could be shown.
    pub fn is_typing_a_path(&self) -> bool {
        matches!(self.modal, Some(Modal::TypedPath { .. }))
    }

    /// True while the unsaved-changes prompt is shown.
    pub fn is_asking_to_save(&self) -> bool {
        matches!(self.modal, Some(Modal::UnsavedChanges { .. }))
    }

    /// The map a crashed session left behind, while the user is being asked about it.
    pub fn recovery_offer(&self) -> Option<&crate::file::recovery::Recovered> {
        match &self.modal {
            Some(Modal::RecoveryOffer(offer)) => Some(offer),
            _ => None,
        }
    }

    pub fn side_tab(&self) -> SideTab {
        self.windows.side_tab
    }

    pub fn is_showing_shortcuts(&self) -> bool {
        self.windows.shortcuts
    }

    /// The status message shown now, if any.
    pub fn message(&self) -> Option<&str> {
        self.status.message.as_ref().map(|m| m.text.as_str())
    }

    /// True while an export or image copy is running.
    pub fn is_exporting(&self) -> bool {
        self.jobs.export.is_some()
    }

    fn notify(&mut self, ctx: &egui::Context, text: impl Into<String>, is_error: bool) {
        self.status.message = Some(Message {
            text: text.into(),
            is_error,
            shown_at: ctx.input(|i| i.time),
        });
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let map = self.editor.map();
        let title = window_title(map.doc(), map.path(), map.is_dirty());
        if title != self.status.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.status.window_title = title;
        }
    }
}

impl eframe::App for TeamscapeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.file_events(&ctx);
        self.keyboard_input(&ctx);
        self.panels_ui(ui);
        self.windows_ui(&ctx);
        self.apply_actions(&ctx);
        self.jobs.recovery.tick(
            &ctx,
            self.editor.map(),
            self.editor.session.is_interacting(),
        );
        self.update_window_title(&ctx);
        self.canvas.end_frame(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.preferences().save(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean end leaves no recovery file: the user saved, chose not to, or had nothing.
        if self.desk.allow_close || !self.editor.map().is_dirty() {
            self.jobs.recovery.discard(self.editor.map().key());
        }
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
