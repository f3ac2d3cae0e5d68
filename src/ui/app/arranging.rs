//! Edit > Arrange and Arrange selection: the layout runs on a worker thread over a copy of the
//! map; a progress bar with Cancel shows once it takes more than a moment; the new positions are
//! applied as one undo step, unless the map changed meanwhile (then nothing moves).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use eframe::egui;

use super::TeamscapeApp;
use crate::editor::{self, MapKey};
use crate::layout::{self, Cancelled, Progress};
use crate::model::{Id, Point};
use crate::ui::export_dialog::progress_window_ui;

/// Arranges shorter than this show no progress at all.
const QUIET_FOR: Duration = Duration::from_millis(300);

/// An arrange running on a worker thread.
pub(super) struct ArrangeJob {
    /// The undo label: "Arrange" or "Arrange selection".
    label: &'static str,
    /// The whole map is laid out: the view fits the result, which may be wider than before.
    whole_map: bool,
    /// The map it lays out, at the revision it started from.
    key: MapKey,
    started: Instant,
    progress: Arc<Progress>,
    result: Receiver<Result<Vec<(Id, Point)>, Cancelled>>,
}

impl TeamscapeApp {
    /// Starts arranging the whole map, or only the selected teams and funding sources.
    pub(super) fn start_arrange(&mut self, ctx: &egui::Context, selection_only: bool) {
        if self.jobs.arrange.is_some() {
            return;
        }
        let doc = self.editor.doc();
        let ids: BTreeSet<Id> = if selection_only {
            self.editor
                .session
                .selected_nodes(doc)
                .into_iter()
                .collect()
        } else {
            doc.node_ids().collect()
        };
        if ids.is_empty() {
            return;
        }
        let doc = doc.clone();
        let progress = Arc::new(Progress::new());
        let (send, result) = mpsc::channel();
        let (worker_progress, repaint) = (Arc::clone(&progress), ctx.clone());
        std::thread::spawn(move || {
            // Nobody listening any more is fine: the user cancelled or the app moved on.
            let _ = send.send(layout::arrange_positions(&doc, &ids, &worker_progress));
            repaint.request_repaint();
        });
        self.jobs.arrange = Some(ArrangeJob {
            label: if selection_only {
                "Arrange selection"
            } else {
                "Arrange"
            },
            whole_map: !selection_only,
            key: self.editor.map().key(),
            started: Instant::now(),
            progress,
            result,
        });
    }

    /// True while an arrange runs.
    pub fn is_arranging(&self) -> bool {
        self.jobs.arrange.is_some()
    }

    /// Shows the progress of a running arrange and applies its positions when it is done.
    pub(super) fn arranging_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.jobs.arrange else {
            return;
        };
        let finished = match job.result.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Cancelled)),
        };
        let Some(result) = finished else {
            if progress_ui(ctx, job) {
                job.progress.cancel();
                self.jobs.arrange = None;
                self.notify(ctx, "Arrange cancelled: nothing moved", false);
            }
            return;
        };
        let (label, key, whole_map) = (job.label, job.key, job.whole_map);
        self.jobs.arrange = None;
        match result {
            Ok(_) if self.editor.map().key() != key => self.notify(
                ctx,
                format!("{label} not applied: the map changed while it ran"),
                true,
            ),
            Ok(moves) => {
                let action = editor::Action::PlaceNodes {
                    moves,
                    label: label.to_owned(),
                };
                self.actions.push(action.into());
                // The new layout may be wider than the old one: show all of it.
                if whole_map {
                    self.actions.push(editor::Action::ZoomToFit.into());
                }
            }
            Err(Cancelled) => self.notify(ctx, format!("{label} stopped: nothing moved"), true),
        }
    }
}

/// A progress bar with Cancel, once the arrange has taken more than a moment. True when Cancel
/// was pressed.
fn progress_ui(ctx: &egui::Context, job: &ArrangeJob) -> bool {
    ctx.request_repaint_after(Duration::from_millis(100));
    job.started.elapsed() >= QUIET_FOR
        && progress_window_ui(ctx, "Arranging", job.label, Some(job.progress.fraction()))
}
