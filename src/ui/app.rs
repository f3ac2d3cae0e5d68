//! The app: a read-only view of one map with pan, zoom and a status bar.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Sense};

use super::camera::Camera;
use super::paint::{color32, paint_scene};
use crate::model::Document;
use crate::scene::{self, Scene, SceneOptions, Theme};

pub struct TeamscapeApp {
    doc: Document,
    path: Option<PathBuf>,
    camera: Camera,
    /// Fit the view to the content on the next frame (first frame, or after "Fit").
    fit_pending: bool,
    scene: Scene,
    scene_theme: Theme,
}

pub fn window_title(doc: &Document, path: Option<&Path>) -> String {
    let name = path
        .and_then(Path::file_name)
        .map_or_else(|| doc.title.clone(), |n| n.to_string_lossy().into_owned());
    format!("{name} — Teamscape")
}

impl TeamscapeApp {
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        let scene = scene::build(&doc, SceneOptions::default());
        Self {
            doc,
            path,
            camera: Camera::default(),
            fit_pending: true,
            scene,
            scene_theme: Theme::Light,
        }
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn camera(&self) -> Camera {
        self.camera
    }

    fn status_bar_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(format!("{:.0} %", self.camera.zoom_factor * 100.0));
            ui.separator();
            ui.label(format!(
                "{} teams · {} funding sources · {} links",
                self.doc.teams.len(),
                self.doc.sources.len(),
                self.doc.links.len()
            ));
            ui.separator();
            ui.label("Read-only view: drag to pan, scroll or Ctrl+scroll to zoom, F to fit");
        });
    }

    fn canvas_ui(&mut self, ui: &mut egui::Ui) {
        let theme = if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        };
        if theme != self.scene_theme {
            self.scene_theme = theme;
            self.scene = scene::build(
                &self.doc,
                SceneOptions {
                    theme,
                    ..SceneOptions::default()
                },
            );
        }
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let viewport = response.rect;
        painter.rect_filled(viewport, 0.0, color32(theme.colors().background));

        if self.fit_pending || ui.input(|i| i.key_pressed(egui::Key::F)) {
            if let Some(bounds) = self.scene.bounds {
                self.camera.fit(viewport, bounds);
            }
            self.fit_pending = false;
        }
        if response.dragged() {
            self.camera.pan_by_screen(response.drag_delta());
        }
        if response.hovered() {
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
                } else if scroll != egui::Vec2::ZERO {
                    self.camera.pan_by_screen(scroll);
                }
            }
        }
        paint_scene(&painter, viewport, &self.camera, &self.scene);
    }
}

impl eframe::App for TeamscapeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::CentralPanel::no_frame().show(ui, |ui| self.canvas_ui(ui));
    }
}
