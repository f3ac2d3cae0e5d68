//! The app's side of exporting: the export window, the worker jobs, the view screenshot and the
//! image clipboard.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, TryRecvError};

use eframe::egui::{self, ColorImage};

use super::TeamscapeApp;
use crate::export::{ExportOptions, Format};
use crate::ui::export_dialog::{
    ExportRequest, JobResult, clipboard_image_job, export_job, export_window_ui, screenshot_job,
};
use crate::ui::intent::DialogPurpose;
use crate::ui::view::to_egui_rect;

/// A screenshot asked of the window, and the canvas area to keep from it.
pub struct PendingScreenshot {
    pub(super) image: mpsc::Receiver<Arc<ColorImage>>,
    crop: egui::Rect,
    pixels_per_point: f32,
}

impl TeamscapeApp {
    pub(super) fn start_export(
        &mut self,
        ctx: &egui::Context,
        options: ExportOptions,
        format: Format,
        path: PathBuf,
    ) {
        if self.jobs.export.is_some() {
            self.notify(ctx, "Another export is still running", true);
            return;
        }
        let path = if Format::from_path(&path).is_none() {
            path.with_extension(format.extension())
        } else {
            path
        };
        let format = Format::from_path(&path).unwrap_or(format);
        self.jobs.export = Some(export_job(self.editor.doc().clone(), options, format, path));
    }

    pub(super) fn save_view(
        &mut self,
        ctx: &egui::Context,
        image: Arc<ColorImage>,
        crop: egui::Rect,
        pixels_per_point: f32,
        path: PathBuf,
    ) {
        if self.jobs.export.is_some() {
            self.notify(ctx, "Another export is still running", true);
            return;
        }
        let path = if path.extension().is_none() {
            path.with_extension("png")
        } else {
            path
        };
        self.jobs.export = Some(screenshot_job(image, crop, pixels_per_point, path));
    }

    /// Asks the window for a screenshot; the canvas part of it is saved once it arrives.
    pub(super) fn request_view_screenshot(&mut self, ctx: &egui::Context) {
        let (send, image) = mpsc::channel();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |shot| {
            let _ = send.send(shot);
            repaint.request_repaint();
        });
        self.jobs.screenshot = Some(PendingScreenshot {
            image,
            crop: to_egui_rect(self.editor.session.viewport),
            pixels_per_point: ctx.pixels_per_point(),
        });
    }

    pub(super) fn copy_as_image(&mut self, ctx: &egui::Context) {
        if self.jobs.export.is_some() {
            self.notify(ctx, "Another export is still running", true);
            return;
        }
        let options = ExportOptions {
            scale: 2.0,
            ..self.windows.export.options(&self.editor.session.selection)
        };
        self.jobs.export = Some(clipboard_image_job(self.editor.doc().clone(), options));
    }

    /// Shows the export window and progress; collects finished jobs and screenshots.
    pub(super) fn exporting_ui(&mut self, ctx: &egui::Context) {
        if let Some(ExportRequest::ToFile(options, format)) = export_window_ui(
            ctx,
            &mut self.windows.export,
            self.editor.doc(),
            &self.editor.session.selection,
        ) {
            self.start_dialog(DialogPurpose::Export { options, format });
        }

        if let Some(pending) = &self.jobs.screenshot {
            match pending.image.try_recv() {
                Ok(image) => {
                    let purpose = DialogPurpose::SaveView {
                        image,
                        crop: pending.crop,
                        pixels_per_point: pending.pixels_per_point,
                    };
                    self.jobs.screenshot = None;
                    self.start_dialog(purpose);
                }
                Err(TryRecvError::Empty) => ctx.request_repaint(),
                Err(TryRecvError::Disconnected) => {
                    self.jobs.screenshot = None;
                    self.notify(ctx, "The window could not take a screenshot", true);
                }
            }
        }

        let Some(job) = &self.jobs.export else {
            return;
        };
        match job.poll() {
            None => job.progress_ui(ctx),
            Some(result) => {
                self.jobs.export = None;
                match result {
                    JobResult::Wrote(path) => {
                        self.notify(ctx, format!("Exported {}", path.display()), false);
                    }
                    JobResult::Image(image) => {
                        ctx.copy_image(image);
                        self.notify(ctx, "Copied the map as an image", false);
                    }
                    JobResult::Failed(message) => self.notify(ctx, message, true),
                }
            }
        }
    }
}
