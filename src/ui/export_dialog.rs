//! Exporting from the app: the export window (format, scope, theme, background, scale), exports
//! and screenshots run on a worker thread with progress, and copying the map as an image.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use eframe::egui::{self, ColorImage, RichText};

use crate::export::{self, ExportOptions, Format, MAX_SCALE, MIN_SCALE};
use crate::model::Document;
use crate::scene::Theme;

/// What the export window has chosen so far. Session state: remembered until the app closes.
pub struct ExportSettings {
    pub open: bool,
    pub format: Format,
    pub selection_only: bool,
    pub dark: bool,
    pub transparent: bool,
    pub scale: f32,
    pub title: bool,
    pub legend: bool,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Png,
            selection_only: false,
            dark: false,
            transparent: false,
            scale: 2.0,
            title: true,
            legend: true,
        }
    }
}

impl ExportSettings {
    pub fn options(
        &self,
        selection: &std::collections::BTreeSet<crate::model::Id>,
    ) -> ExportOptions {
        ExportOptions {
            theme: if self.dark { Theme::Dark } else { Theme::Light },
            scale: self.scale,
            transparent: self.transparent,
            selection: (self.selection_only && !selection.is_empty()).then(|| selection.clone()),
            title: self.title,
            legend: self.legend,
        }
    }
}

/// What the export window asks the app to do.
pub enum ExportRequest {
    /// Choose a file, then export with these options in this format.
    ToFile(ExportOptions, Format),
}

/// The export window. Returns a request when the user presses Export.
pub fn export_window_ui(
    ctx: &egui::Context,
    settings: &mut ExportSettings,
    doc: &Document,
    selection: &std::collections::BTreeSet<crate::model::Id>,
) -> Option<ExportRequest> {
    // A selected group stands for everything in it.
    let has_selection = selection
        .iter()
        .any(|id| doc.node_kind(*id).is_some() || doc.groups.contains_key(id));
    if !settings.open {
        return None;
    }
    let mut request = None;
    let mut open = settings.open;
    egui::Window::new("Export")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(320.0)
        .show(ctx, |ui| {
            egui::Grid::new("export_options")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("Format");
                    // Pictures on one line, files other tools draw on the next, and the map's
                    // tables (read back by Import) on the last.
                    ui.vertical(|ui| {
                        for row in [&Format::ALL[..2], &Format::ALL[2..6], &Format::ALL[6..]] {
                            ui.horizontal(|ui| {
                                for format in row {
                                    ui.radio_value(&mut settings.format, *format, format.name());
                                }
                            });
                        }
                    });
                    ui.end_row();
                    ui.label("Show");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut settings.selection_only, false, "Whole map");
                        ui.add_enabled_ui(has_selection, |ui| {
                            ui.radio_value(&mut settings.selection_only, true, "Selection");
                        });
                    });
                    ui.end_row();
                    // Theme, background and what to include are a picture's; text formats
                    // leave the look to the tool that draws them.
                    if settings.format.is_picture() {
                        ui.label("Theme");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut settings.dark, false, "Light");
                            ui.radio_value(&mut settings.dark, true, "Dark");
                        });
                        ui.end_row();
                        ui.label("Background");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut settings.transparent, false, "Solid");
                            ui.radio_value(&mut settings.transparent, true, "Transparent");
                        });
                        ui.end_row();
                        ui.label("Include");
                        ui.horizontal(|ui| {
                            ui.checkbox(&mut settings.title, "Title");
                            ui.checkbox(&mut settings.legend, "Legend");
                        });
                        ui.end_row();
                    }
                    if settings.format == Format::Png {
                        let label = ui.label("Scale");
                        ui.add(
                            egui::Slider::new(&mut settings.scale, MIN_SCALE..=MAX_SCALE)
                                .step_by(0.5)
                                .suffix("×"),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            if !has_selection {
                settings.selection_only = false;
            }
            ui.add_space(6.0);
            let options = settings.options(selection);
            let summary = match settings.format {
                Format::Png => match export::png_size(doc, &options) {
                    Ok((w, h)) => format!("{w} × {h} pixels"),
                    Err(error) => error.to_string(),
                },
                Format::Svg => {
                    "Text stays text; opens in browsers, Inkscape and slide tools".to_owned()
                }
                Format::Mermaid => {
                    "A flowchart for Markdown, GitHub and wikis; Mermaid lays it out".to_owned()
                }
                Format::Dot => "Graphviz text: dot -Tsvg lays it out".to_owned(),
                Format::JsonCanvas => {
                    "Opens in Obsidian's canvas, each team where it sits here".to_owned()
                }
                Format::DrawIo => {
                    "Opens in draw.io to edit further, each team where it sits here".to_owned()
                }
                Format::Xlsx => {
                    "A sheet each for teams, funding sources and links; Import… in the File menu reads it back"
                        .to_owned()
                }
            };
            ui.label(RichText::new(summary).weak());
            ui.add_space(6.0);
            if ui.button("Export…").clicked() {
                request = Some(ExportRequest::ToFile(options, settings.format));
            }
        });
    settings.open = open;
    request
}

/// Work running on a worker thread: an export, a screenshot being saved, or an image for the
/// clipboard.
pub struct Job {
    pub what: String,
    started: Instant,
    result: Receiver<JobResult>,
    /// Share done, in thousandths, for jobs that report it.
    progress: Option<Arc<AtomicU32>>,
    cancel: Arc<AtomicBool>,
}

pub enum JobResult {
    Wrote(PathBuf),
    Image(ColorImage),
    Failed(String),
}

/// Jobs shorter than this show no progress at all.
const QUIET_FOR: Duration = Duration::from_millis(300);

impl Job {
    pub fn spawn(
        what: impl Into<String>,
        work: impl FnOnce() -> JobResult + Send + 'static,
    ) -> Self {
        Self::spawn_with_progress(what, None, Arc::new(AtomicBool::new(false)), work)
    }

    /// A job that reports its progress in `progress` (thousandths) and stops when `cancel` is set.
    fn spawn_with_progress(
        what: impl Into<String>,
        progress: Option<Arc<AtomicU32>>,
        cancel: Arc<AtomicBool>,
        work: impl FnOnce() -> JobResult + Send + 'static,
    ) -> Self {
        let (send, result) = mpsc::channel();
        std::thread::spawn(move || {
            // Nobody listening any more is fine: the app moved on.
            let _ = send.send(work());
        });
        Self {
            what: what.into(),
            started: Instant::now(),
            result,
            progress,
            cancel,
        }
    }

    pub fn poll(&self) -> Option<JobResult> {
        match self.result.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(JobResult::Failed(format!(
                "{} stopped unexpectedly",
                self.what
            ))),
        }
    }

    /// A small window with a spinner, once the job has taken more than a moment.
    pub fn progress_ui(&self, ctx: &egui::Context) {
        ctx.request_repaint_after(Duration::from_millis(100));
        if self.started.elapsed() < QUIET_FOR {
            return;
        }
        let done = self
            .progress
            .as_ref()
            .map(|progress| progress.load(Ordering::Relaxed) as f32 / 1000.0);
        if progress_window_ui(ctx, "Working", &self.what, done) {
            self.cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// A small window at the bottom of the screen: a spinner and "`what`…", and when the share done
/// is known, a progress bar and Cancel. True when Cancel was pressed.
pub fn progress_window_ui(ctx: &egui::Context, title: &str, what: &str, done: Option<f32>) -> bool {
    let mut cancel = false;
    egui::Window::new(title)
        .title_bar(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -48.0))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("{what}…"));
            });
            if let Some(done) = done {
                ui.add(
                    egui::ProgressBar::new(done)
                        .show_percentage()
                        .desired_width(260.0),
                );
                cancel = ui.button("Cancel").clicked();
            }
        });
    cancel
}

/// Writes `doc` as a picture at `path`, atomically.
pub fn export_job(doc: Document, options: ExportOptions, format: Format, path: PathBuf) -> Job {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let progress = Arc::new(AtomicU32::new(0));
    let cancel = Arc::new(AtomicBool::new(false));
    let (progress_for_work, cancel_for_work) = (Arc::clone(&progress), Arc::clone(&cancel));
    Job::spawn_with_progress(
        format!("Exporting {name}"),
        Some(progress),
        cancel,
        move || {
            let bytes = match format {
                Format::Svg => export::svg(&doc, &options).map(String::into_bytes),
                Format::Xlsx => export::xlsx(&doc, &options),
                Format::Mermaid | Format::Dot | Format::JsonCanvas | Format::DrawIo => {
                    Ok(export::graph_text(&doc, &options, format)
                        .unwrap_or_default()
                        .into_bytes())
                }
                Format::Png => export::png_with_progress(&doc, &options, &mut |done| {
                    progress_for_work.store((done * 1000.0) as u32, Ordering::Relaxed);
                    !cancel_for_work.load(Ordering::Relaxed)
                }),
            };
            match bytes {
                Ok(bytes) => match crate::file::write_atomically(&path, &bytes) {
                    Ok(()) => JobResult::Wrote(path),
                    Err(error) => JobResult::Failed(format!(
                        "Cannot write the picture: {error} ({})",
                        path.display()
                    )),
                },
                Err(export::ExportError::Cancelled) => {
                    JobResult::Failed("Export cancelled; nothing was written".to_owned())
                }
                Err(error) => JobResult::Failed(error.to_string()),
            }
        },
    )
}

/// Renders the whole map (light theme, 2×) for the clipboard.
pub fn clipboard_image_job(doc: Document, options: ExportOptions) -> Job {
    Job::spawn("Copying the map as an image", move || {
        let bytes = match export::png(&doc, &options) {
            Ok(bytes) => bytes,
            Err(error) => return JobResult::Failed(error.to_string()),
        };
        match decode_png(&bytes) {
            Ok(image) => JobResult::Image(image),
            Err(error) => JobResult::Failed(format!("Cannot copy the image: {error}")),
        }
    })
}

/// Saves the part of a window screenshot that shows the canvas.
pub fn screenshot_job(
    image: Arc<ColorImage>,
    crop: egui::Rect,
    pixels_per_point: f32,
    path: PathBuf,
) -> Job {
    Job::spawn("Saving the view", move || {
        let region = crop_to(&image, crop, pixels_per_point);
        match encode_png(&region).and_then(|bytes| {
            crate::file::write_atomically(&path, &bytes).map_err(|e| e.to_string())
        }) {
            Ok(()) => JobResult::Wrote(path),
            Err(error) => JobResult::Failed(format!("Cannot save the view: {error}")),
        }
    })
}

/// The pixels of `image` inside `rect` (in points).
pub fn crop_to(image: &ColorImage, rect: egui::Rect, pixels_per_point: f32) -> ColorImage {
    let [width, height] = image.size;
    let x0 = ((rect.min.x * pixels_per_point).round().max(0.0) as usize).min(width);
    let y0 = ((rect.min.y * pixels_per_point).round().max(0.0) as usize).min(height);
    let x1 = ((rect.max.x * pixels_per_point).round().max(0.0) as usize).clamp(x0, width);
    let y1 = ((rect.max.y * pixels_per_point).round().max(0.0) as usize).clamp(y0, height);
    let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0));
    for y in y0..y1 {
        pixels.extend_from_slice(&image.pixels[y * width + x0..y * width + x1]);
    }
    ColorImage::new([x1 - x0, y1 - y0], pixels)
}

pub fn encode_png(image: &ColorImage) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        let rgba: Vec<u8> = image
            .pixels
            .iter()
            .flat_map(|c| c.to_srgba_unmultiplied())
            .collect();
        writer.write_image_data(&rgba).map_err(|e| e.to_string())?;
    }
    Ok(bytes)
}

fn decode_png(bytes: &[u8]) -> Result<ColorImage, String> {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buffer = vec![0; reader.output_buffer_size().ok_or("image too large")?];
    let info = reader.next_frame(&mut buffer).map_err(|e| e.to_string())?;
    let size = [info.width as usize, info.height as usize];
    let data = &buffer[..info.buffer_size()];
    match (info.color_type, info.bit_depth) {
        (png::ColorType::Rgba, png::BitDepth::Eight) => {
            Ok(ColorImage::from_rgba_unmultiplied(size, data))
        }
        (png::ColorType::Rgb, png::BitDepth::Eight) => Ok(ColorImage::from_rgb(size, data)),
        (color, depth) => Err(format!("unexpected PNG layout {color:?} {depth:?}")),
    }
}

/// A file for `doc` with `extension`: next to its map file when it has one, else named after its
/// title in the current folder.
pub fn suggested_file(doc: &Document, map_path: Option<&Path>, extension: &str) -> PathBuf {
    if let Some(path) = map_path {
        return path.with_extension(extension);
    }
    let stem: String = doc
        .title
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .collect();
    let stem = stem
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase();
    let stem = if stem.is_empty() {
        "map".to_owned()
    } else {
        stem
    };
    std::env::current_dir()
        .unwrap_or_default()
        .join(format!("{stem}.{extension}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crop_keeps_the_canvas_pixels_at_the_display_scale() {
        let mut pixels = vec![egui::Color32::BLACK; 8 * 6];
        pixels[2 * 8 + 3] = egui::Color32::RED;
        let image = ColorImage::new([8, 6], pixels);
        let rect = egui::Rect::from_min_max(egui::pos2(1.5, 1.0), egui::pos2(3.0, 2.5));
        let cropped = crop_to(&image, rect, 2.0);
        assert_eq!(cropped.size, [3, 3]);
        assert_eq!(cropped.pixels[0], egui::Color32::RED);
    }

    #[test]
    fn png_round_trips_through_encode_and_decode() {
        let image = ColorImage::new([3, 2], vec![egui::Color32::from_rgb(10, 200, 30); 6]);
        let bytes = encode_png(&image).expect("encodes");
        let decoded = decode_png(&bytes).expect("decodes");
        assert_eq!(decoded.size, [3, 2]);
        assert_eq!(decoded.pixels[5], egui::Color32::from_rgb(10, 200, 30));
    }
}
