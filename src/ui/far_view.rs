//! The zoomed-out canvas as one picture: boxes and lines drawn on the CPU ([`crate::scene::raster`])
//! and kept as a texture while the zoom, the scene and what a drag hides stay the same and the
//! view stays inside it. A CPU renderer (Mesa without a GPU) then draws one rectangle a frame
//! instead of a triangle for every box and line of a big map.
//!
//! When only the view changed (a zoom or a pan past the picture's edge), or a drag has just
//! started, the new picture is drawn on a worker thread while the old one is shown moved and
//! scaled to the new view, so a wheel or a drag is answered at once even on a 10,000-team map.
//! When the map changed (an edit, a drag ending), the picture is drawn before the frame: an old
//! one would show the map as it was.

use std::collections::HashSet;

use eframe::egui::{
    self, Color32, ColorImage, Painter, Pos2, Rect, TextureHandle, TextureOptions, pos2,
};

use super::lod::{drawn, line_width_on_screen, plain_stretches};
use super::view::{CameraOnScreen as _, to_point};
use super::worker::Latest;
use crate::editor::Camera;
use crate::model::{self, Id};
use crate::scene::SpatialIndex;
use crate::scene::raster::{Paint, Pixmap, Shape};
use crate::scene::{Owner, Primitive, Scene};

/// The picture reaches this far past each side of the view (as a share of the view's size), so
/// panning shows what is already drawn instead of drawing again.
const MARGIN: f32 = 0.25;

/// Where the zoomed-out picture comes from: the whole scene, found through its index.
pub struct FarSource<'a> {
    pub scene: &'a Scene,
    pub index: &'a SpatialIndex,
    /// Changes whenever the scene is rebuilt.
    pub stamp: u64,
    /// Changes with the set of items a drag hides from the scene.
    pub hidden_key: u64,
}

/// What a picture shows.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Key {
    zoom: f32,
    /// What is drawn: the scene's stamp, what a drag hides, and the device pixel size.
    content: (u64, u64, u32),
}

/// A picture, drawn or asked for: its key and the canvas area it covers.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Framing {
    key: Key,
    area: model::Rect,
}

impl Framing {
    fn covers(&self, key: Key, view: model::Rect) -> bool {
        self.key == key
            && self.area.min.x <= view.min.x
            && self.area.min.y <= view.min.y
            && self.area.max.x >= view.max.x
            && self.area.max.y >= view.max.y
    }
}

/// The zoomed-out picture and, in the app, the thread that draws the next one. The default
/// draws every picture in the frame, as tests and benches want.
#[derive(Default)]
pub struct FarView {
    texture: Option<TextureHandle>,
    shown: Option<Framing>,
    /// Draws pictures for view changes off the UI thread; `None` draws every picture in the frame.
    worker: Option<Latest<(Job, f32), (Framing, ColorImage)>>,
    /// The last picture asked of the worker.
    asked: Option<Framing>,
}

impl FarView {
    /// A far view that draws pictures for view changes on a worker thread.
    pub fn in_background() -> Self {
        Self {
            worker: Latest::start("far view", |(job, pixels_per_point): (Job, f32)| {
                let image = draw(&job.framing, &job.shapes, pixels_per_point);
                (job.framing, image)
            }),
            ..Self::default()
        }
    }

    /// Paints the picture of `source` for `camera`, drawing it first when the shown one will not do.
    pub fn paint(
        &mut self,
        painter: &Painter,
        viewport: Rect,
        camera: &Camera,
        source: &FarSource<'_>,
        hidden: Option<&HashSet<Id>>,
    ) {
        let ctx = painter.ctx();
        let zoom = camera.zoom_factor;
        let pixels_per_point = ctx.pixels_per_point();
        let key = Key {
            zoom,
            content: (source.stamp, source.hidden_key, pixels_per_point.to_bits()),
        };
        if let Some((framing, image)) = self.worker.as_ref().and_then(Latest::take_finished)
            && framing.key.content == key.content
        {
            self.show(ctx, framing, image);
        }
        let view = model::Rect {
            min: to_point(camera.to_canvas(viewport, viewport.min)),
            max: to_point(camera.to_canvas(viewport, viewport.max)),
        };
        if !self.shown.is_some_and(|shown| shown.covers(key, view)) {
            let framing = framing_around(view, key, pixels_per_point);
            let (stamp, hides, device) = key.content;
            // The old picture may stand in while the new one is drawn when only the view moved,
            // or when a drag has just started: the dragged items then show at both places for a
            // moment, a ghost where they were. Never when the map changed, or when a drag ends
            // or is cancelled: the old picture would lack the items.
            let old_will_do = self.shown.is_some_and(|shown| {
                let (shown_stamp, shown_hides, shown_device) = shown.key.content;
                shown_stamp == stamp
                    && shown_device == device
                    && (shown_hides == hides || hides != 0)
            });
            match &self.worker {
                Some(worker) if old_will_do => {
                    if !self.asked.is_some_and(|asked| asked.covers(key, view)) {
                        let shapes = shapes(source, hidden, framing, pixels_per_point);
                        worker.ask((Job { framing, shapes }, pixels_per_point), ctx);
                        self.asked = Some(framing);
                    }
                }
                _ => {
                    if let Some(worker) = &self.worker {
                        worker.cancel();
                        self.asked = None;
                    }
                    let shapes = shapes(source, hidden, framing, pixels_per_point);
                    let image = draw(&framing, &shapes, pixels_per_point);
                    self.show(ctx, framing, image);
                }
            }
        }
        let (Some(texture), Some(shown)) = (&self.texture, self.shown) else {
            return;
        };
        let mut rect = camera.rect_to_screen(viewport, shown.area);
        if shown.key.zoom == zoom {
            // On whole device pixels, so the picture is as sharp as it was drawn.
            let snap = |v: f32| (v * pixels_per_point).round() / pixels_per_point;
            rect = Rect::from_min_size(pos2(snap(rect.min.x), snap(rect.min.y)), rect.size());
        }
        painter.image(
            texture.id(),
            rect,
            Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
            Color32::WHITE,
        );
    }

    fn show(&mut self, ctx: &egui::Context, framing: Framing, image: ColorImage) {
        match &mut self.texture {
            Some(texture) => texture.set(image, TextureOptions::LINEAR),
            None => {
                self.texture = Some(ctx.load_texture("far view", image, TextureOptions::LINEAR));
            }
        }
        self.shown = Some(framing);
    }
}

/// The picture for `view`: the view and a margin, on whole device pixels.
fn framing_around(view: model::Rect, key: Key, pixels_per_point: f32) -> Framing {
    let scale = key.zoom * pixels_per_point;
    let margin_x = view.width() * MARGIN;
    let margin_y = view.height() * MARGIN;
    let min = model::Point::new(view.min.x - margin_x, view.min.y - margin_y);
    let width = ((view.width() + 2.0 * margin_x) * scale).ceil().max(1.0);
    let height = ((view.height() + 2.0 * margin_y) * scale).ceil().max(1.0);
    Framing {
        key,
        area: model::Rect {
            min,
            max: model::Point::new(min.x + width / scale, min.y + height / scale),
        },
    }
}

/// The scene's boxes and lines in `framing`, in the picture's pixels.
fn shapes(
    source: &FarSource<'_>,
    hidden: Option<&HashSet<Id>>,
    framing: Framing,
    pixels_per_point: f32,
) -> Vec<Shape> {
    let zoom = framing.key.zoom;
    let scale = zoom * pixels_per_point;
    let min = framing.area.min;
    let mut which = Vec::new();
    source
        .index
        .items_in(source.scene, framing.area, &mut which);
    let to_pixels = |p: model::Point| ((p.x - min.x) * scale, (p.y - min.y) * scale);
    let mut shapes = Vec::with_capacity(which.len());
    for index in which {
        let Some(primitive) = drawn(&source.scene.items, index as usize, hidden, zoom) else {
            continue;
        };
        let owner = source.scene.items[index as usize].0;
        match primitive {
            // A group's frame is outlined only: tinting its whole area pixel by pixel would cost
            // more than the rest of a big map's picture.
            Primitive::Rect {
                rect,
                stroke: Some((_, color)),
                ..
            } if matches!(owner, Owner::Item(id) if source.index.group_frame(id).is_some()) => {
                let (a, b) = (to_pixels(rect.min), to_pixels(rect.max));
                let paint = Paint::new(*color);
                let width = pixels_per_point.max(1.0);
                for (from, to) in [
                    (a, (b.0, a.1)),
                    ((b.0, a.1), b),
                    (b, (a.0, b.1)),
                    ((a.0, b.1), a),
                ] {
                    shapes.push(Shape::Line {
                        from,
                        to,
                        width,
                        paint,
                    });
                }
            }
            Primitive::Rect { rect, fill, .. } => shapes.push(Shape::Rect {
                min: to_pixels(rect.min),
                max: to_pixels(rect.max),
                paint: Paint::new(*fill),
            }),
            Primitive::Line {
                points,
                width,
                color,
                arrow_head,
                ..
            } => {
                let in_pixels: Vec<_> = points
                    .iter()
                    .map(|p| {
                        let (x, y) = to_pixels(*p);
                        pos2(x, y)
                    })
                    .collect();
                let width = line_width_on_screen(*width, zoom) * pixels_per_point;
                let paint = Paint::new(*color);
                for (a, line) in plain_stretches(&in_pixels, width, *arrow_head) {
                    shapes.push(Shape::Line {
                        from: (a.x, a.y),
                        to: (line.end.x, line.end.y),
                        width: line.width,
                        paint,
                    });
                    if let Some(head) = line.head {
                        shapes.push(Shape::Triangle {
                            corners: head.map(|p| (p.x, p.y)),
                            paint,
                        });
                    }
                }
            }
            Primitive::Text { .. } => {}
        }
    }
    shapes
}

fn draw(framing: &Framing, shapes: &[Shape], pixels_per_point: f32) -> ColorImage {
    let scale = framing.key.zoom * pixels_per_point;
    let width = (framing.area.width() * scale).round().max(1.0) as usize;
    let height = (framing.area.height() * scale).round().max(1.0) as usize;
    let mut pixmap = Pixmap::new(width, height);
    pixmap.draw(shapes);
    ColorImage::from_rgba_premultiplied(pixmap.size(), pixmap.pixels().as_flattened())
}

struct Job {
    framing: Framing,
    shapes: Vec<Shape>,
}
