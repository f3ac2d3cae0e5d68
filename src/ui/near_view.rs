//! The scene in view as one mesh: its boxes, links and names are laid out and tessellated once,
//! and the mesh is handed to egui again every frame while the view, the scene and the fonts stay
//! the same. A frame where only the pointer moves (hover) or a drag moves a few teams then costs a
//! copy of the mesh instead of laying out and tessellating every box, link and name in view again:
//! that was most of a frame on a map with groups and routed links.
//!
//! The mesh remembers which triangles draw which item, so when a drag hides other items (the
//! links the moved teams now block change as they go), the mesh without them is put together
//! from the pieces instead of tessellated again.
//!
//! A kept mesh holds text coordinates in the font atlas, so it is only good while the atlas keeps
//! its glyphs and its size. egui clears the atlas (and its laid-out text) between frames, which
//! [`NearView::paint`] notices from a probe text coming back as a new layout; the atlas can also
//! grow within a frame after the mesh was made, which [`NearView::end_frame`] notices and answers
//! by swapping the mesh for its shapes, so egui tessellates them with the atlas as it ends up.

use std::collections::HashSet;
use std::sync::Arc;

use eframe::egui::epaint::Tessellator;
use eframe::egui::layers::ShapeIdx;
use eframe::egui::{self, Color32, FontId, Galley, Mesh, Painter, Rect, Shape, TextureId};

use super::paint::SceneShapes;
use crate::editor::Camera;
use crate::model::Id;
use crate::scene::Owner;

/// What the kept mesh shows, but for what a drag hides. Anything else that changes the picture
/// changes the key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Key {
    /// The scene's stamp: changes whenever the scene is rebuilt.
    pub stamp: u64,
    pub camera: Camera,
    pub viewport: Rect,
}

/// Items a drag draws elsewhere, and a key that changes with the set.
#[derive(Clone, Copy)]
pub struct Hidden<'a> {
    pub ids: &'a HashSet<Id>,
    pub key: u64,
}

/// The mesh of every item in view, and what it was made from.
struct Kept {
    key: Key,
    /// Where it was painted: the clip rectangle and the device pixel size.
    painted: (Rect, f32),
    /// A text laid out when the mesh was made: a new layout of it means egui cleared its fonts.
    probe: Arc<Galley>,
    /// The font atlas size the mesh's text coordinates are scaled to.
    atlas_size: [usize; 2],
    shapes: SceneShapes,
    all: Arc<Mesh>,
    /// Each item's owner and where its vertices and indices end in `all`.
    pieces: Vec<(Owner, usize, usize)>,
    /// The mesh without what a drag hides, the key of that set (0: nothing hidden), and which
    /// pieces it draws (empty: all).
    shown: (u64, Arc<Mesh>, Vec<bool>),
}

/// Keeps the scene in view as one mesh between frames. See the module notes.
#[derive(Default)]
pub struct NearView {
    kept: Option<Kept>,
    /// This frame's mesh, to check against the font atlas at the end of the frame.
    painted: Option<(Painter, ShapeIdx)>,
}

impl NearView {
    /// Paints the scene without `hidden`: from the kept mesh when `key` and the fonts are as they
    /// were, otherwise from the mesh of `shapes()` (every item in view), kept for the frames after.
    pub fn paint(
        &mut self,
        painter: &Painter,
        key: Key,
        hidden: Option<Hidden<'_>>,
        shapes: impl FnOnce() -> SceneShapes,
    ) {
        let ctx = painter.ctx();
        let painted = (painter.clip_rect(), ctx.pixels_per_point());
        let probe = painter.layout_no_wrap("Teamscape".into(), FontId::default(), Color32::WHITE);
        let atlas_size = ctx.fonts(|fonts| fonts.font_image_size());
        let still_good = self.kept.as_ref().is_some_and(|kept| {
            kept.key == key
                && kept.painted == painted
                && kept.atlas_size == atlas_size
                && Arc::ptr_eq(&kept.probe, &probe)
        });
        let kept = if still_good && let Some(kept) = &mut self.kept {
            kept
        } else {
            let shapes = shapes();
            let (all, pieces) = tessellate(ctx, painted, atlas_size, &shapes);
            let all = Arc::new(all);
            self.kept.insert(Kept {
                key,
                painted,
                probe,
                atlas_size,
                shapes,
                all: all.clone(),
                pieces,
                shown: (0, all, Vec::new()),
            })
        };
        let hidden_key = hidden.map_or(0, |h| h.key);
        if kept.shown.0 != hidden_key {
            kept.shown = match hidden {
                Some(hidden) => {
                    let drawn: Vec<bool> = kept
                        .pieces
                        .iter()
                        .map(|(owner, ..)| !is_hidden(*owner, hidden.ids))
                        .collect();
                    let mesh = without(&kept.all, &kept.pieces, &drawn);
                    (hidden_key, Arc::new(mesh), drawn)
                }
                None => (0, kept.all.clone(), Vec::new()),
            };
        }
        // egui appends each shape to the mesh before it when they share a clip rectangle, growing
        // (and copying) this big mesh again for every small shape drawn after it. A clip a hair
        // smaller, which rounds to the same pixels, gives it a draw call of its own.
        let own = painter.with_clip_rect(painter.clip_rect().shrink(0.001));
        let index = own.add(Shape::Mesh(kept.shown.1.clone()));
        self.painted = Some((own, index));
    }

    /// Call once the frame has laid out all its text: if the font atlas grew after this frame's
    /// mesh was made, the mesh's text would sample the wrong places, so this frame draws the
    /// shapes instead and the next one makes a new mesh.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        let Some((painter, index)) = self.painted.take() else {
            return;
        };
        let atlas_size = ctx.fonts(|fonts| fonts.font_image_size());
        if let Some(kept) = self.kept.take_if(|kept| kept.atlas_size != atlas_size) {
            let mut shapes = Vec::with_capacity(kept.shapes.shapes.len());
            let mut start = 0;
            let drawn = &kept.shown.2;
            for (run, &(_, end)) in kept.shapes.runs.iter().enumerate() {
                if drawn.get(run).copied().unwrap_or(true) {
                    shapes.extend_from_slice(&kept.shapes.shapes[start..end]);
                }
                start = end;
            }
            painter.set(index, Shape::Vec(shapes));
        }
    }
}

fn is_hidden(owner: Owner, hidden: &HashSet<Id>) -> bool {
    matches!(owner, Owner::Item(id) if hidden.contains(&id))
}

/// `shapes` as one mesh, as egui would tessellate them at the end of this frame, with where each
/// item's vertices and indices end.
fn tessellate(
    ctx: &egui::Context,
    (clip_rect, pixels_per_point): (Rect, f32),
    atlas_size: [usize; 2],
    shapes: &SceneShapes,
) -> (Mesh, Vec<(Owner, usize, usize)>) {
    let options = ctx.tessellation_options(|options| *options);
    // Without prepared discs small circles are tessellated as paths; the scene has none.
    let mut tessellator = Tessellator::new(pixels_per_point, options, atlas_size, Vec::new());
    tessellator.set_clip_rect(clip_rect);
    let mut mesh = Mesh::default();
    let mut pieces = Vec::with_capacity(shapes.runs.len());
    let mut start = 0;
    for &(owner, end) in &shapes.runs {
        for shape in &shapes.shapes[start..end] {
            // Boxes, lines and text all draw from the font texture, so they make one mesh.
            debug_assert_eq!(shape.texture_id(), TextureId::default());
            tessellator.tessellate_shape(shape.clone(), &mut mesh);
        }
        pieces.push((owner, mesh.vertices.len(), mesh.indices.len()));
        start = end;
    }
    (mesh, pieces)
}

/// `all` with only the pieces marked `drawn`.
fn without(all: &Mesh, pieces: &[(Owner, usize, usize)], drawn: &[bool]) -> Mesh {
    let mut mesh = Mesh {
        texture_id: all.texture_id,
        ..Default::default()
    };
    mesh.vertices.reserve(all.vertices.len());
    mesh.indices.reserve(all.indices.len());
    let (mut vertex_start, mut index_start) = (0, 0);
    for (&(_, vertex_end, index_end), &drawn) in pieces.iter().zip(drawn) {
        if drawn {
            // Indices point at this piece's own vertices, which move to where the mesh ends.
            let offset = (mesh.vertices.len() as u32).wrapping_sub(vertex_start as u32);
            mesh.vertices
                .extend_from_slice(&all.vertices[vertex_start..vertex_end]);
            mesh.indices.extend(
                all.indices[index_start..index_end]
                    .iter()
                    .map(|index| index.wrapping_add(offset)),
            );
        }
        (vertex_start, index_start) = (vertex_end, index_end);
    }
    mesh
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::epaint::{ClippedPrimitive, Primitive, RectShape};
    use eframe::egui::{CornerRadius, RawInput, Stroke, StrokeKind, pos2, vec2};

    const CLIP: Rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(800.0, 600.0));

    /// Three items: a box with its name, a dashed link, another box.
    fn shapes(painter: &Painter) -> SceneShapes {
        let mut out = SceneShapes::default();
        let team = Rect::from_min_size(pos2(40.0, 40.0), vec2(200.0, 80.0));
        out.shapes.push(Shape::Rect(RectShape::new(
            team,
            CornerRadius::same(8),
            Color32::LIGHT_BLUE,
            Stroke::new(1.0, Color32::DARK_BLUE),
            StrokeKind::Inside,
        )));
        let galley = painter.layout_no_wrap(
            "Payments Platform".into(),
            FontId::proportional(14.0),
            Color32::BLACK,
        );
        out.shapes.push(Shape::galley(
            team.min + vec2(10.0, 30.0),
            galley,
            Color32::BLACK,
        ));
        out.runs.push((Owner::Item(Id(1)), out.shapes.len()));
        out.shapes.extend(Shape::dashed_line(
            &[pos2(240.0, 80.0), pos2(400.0, 80.0), pos2(400.0, 300.0)],
            Stroke::new(1.5, Color32::BROWN),
            7.0,
            5.0,
        ));
        out.runs.push((Owner::Item(Id(2)), out.shapes.len()));
        out.shapes.push(Shape::rect_filled(
            Rect::from_min_size(pos2(300.0, 300.0), vec2(200.0, 80.0)),
            8.0,
            Color32::LIGHT_GREEN,
        ));
        out.runs.push((Owner::Item(Id(3)), out.shapes.len()));
        out
    }

    fn key() -> Key {
        Key {
            stamp: 1,
            camera: Camera::default(),
            viewport: CLIP,
        }
    }

    /// One frame of `paint` on a canvas-sized painter; what egui would hand the GPU.
    fn frame(ctx: &egui::Context, mut paint: impl FnMut(&Painter)) -> Vec<ClippedPrimitive> {
        let input = RawInput {
            screen_rect: Some(CLIP),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            let painter = ui.painter_at(CLIP);
            paint(&painter);
        });
        output.textures_delta.clear();
        ctx.tessellate(output.shapes, output.pixels_per_point)
    }

    fn vertices(primitives: &[ClippedPrimitive]) -> Vec<(Pos, [u8; 4])> {
        primitives
            .iter()
            .flat_map(|p| match &p.primitive {
                Primitive::Mesh(mesh) => mesh
                    .indices
                    .iter()
                    .map(|i| {
                        let v = mesh.vertices[*i as usize];
                        ((v.pos.x, v.pos.y, v.uv.x, v.uv.y), v.color.to_array())
                    })
                    .collect(),
                Primitive::Callback(_) => Vec::new(),
            })
            .collect()
    }

    type Pos = (f32, f32, f32, f32);

    /// What egui draws from `shapes` without the items in `hidden`.
    fn drawn_directly(ctx: &egui::Context, hidden: &HashSet<Id>) -> Vec<(Pos, [u8; 4])> {
        vertices(&frame(ctx, |painter| {
            let all = shapes(painter);
            let mut start = 0;
            for &(owner, end) in &all.runs {
                if !is_hidden(owner, hidden) {
                    painter.extend(all.shapes[start..end].iter().cloned());
                }
                start = end;
            }
        }))
    }

    #[test]
    fn the_kept_mesh_draws_what_the_shapes_draw_and_is_not_rebuilt_while_the_key_holds() {
        let ctx = egui::Context::default();
        let expected = drawn_directly(&ctx, &HashSet::new());
        let mut near = NearView::default();
        let builds = std::cell::Cell::new(0);
        for _ in 0..3 {
            let drawn = frame(&ctx, |painter| {
                near.paint(painter, key(), None, || {
                    builds.set(builds.get() + 1);
                    shapes(painter)
                });
            });
            near.end_frame(&ctx);
            assert_eq!(vertices(&drawn), expected);
        }
        assert_eq!(builds.get(), 1, "the mesh is made once and kept");

        let moved = Key {
            camera: Camera {
                zoom_factor: 2.0,
                ..Camera::default()
            },
            ..key()
        };
        frame(&ctx, |painter| {
            near.paint(painter, moved, None, || {
                builds.set(builds.get() + 1);
                shapes(painter)
            })
        });
        assert_eq!(builds.get(), 2, "a new view makes a new mesh");
    }

    #[test]
    fn what_a_drag_hides_is_left_out_of_the_kept_mesh_without_tessellating_again() {
        let ctx = egui::Context::default();
        let mut near = NearView::default();
        let builds = std::cell::Cell::new(0);
        let cases = [
            vec![Id(2)],
            vec![Id(1), Id(3)],
            vec![],
            vec![Id(1), Id(2), Id(3)],
        ];
        let expected: Vec<_> = cases
            .iter()
            .map(|hide| drawn_directly(&ctx, &hide.iter().copied().collect()))
            .collect();
        for (hide, expected) in cases.iter().zip(expected) {
            let ids: HashSet<Id> = hide.iter().copied().collect();
            let hidden = (!ids.is_empty()).then_some(Hidden {
                ids: &ids,
                key: hide.iter().map(|id| id.0 + 1).product(),
            });
            let drawn = frame(&ctx, |painter| {
                near.paint(painter, key(), hidden, || {
                    builds.set(builds.get() + 1);
                    shapes(painter)
                });
            });
            near.end_frame(&ctx);
            assert_eq!(vertices(&drawn), expected, "hiding {hide:?}");
        }
        assert_eq!(builds.get(), 1);
    }

    #[test]
    fn new_fonts_or_a_grown_font_atlas_make_a_new_mesh() {
        let ctx = egui::Context::default();
        let mut near = NearView::default();
        let builds = std::cell::Cell::new(0);
        let paint = |ctx: &egui::Context, near: &mut NearView, more_text: bool| {
            let drawn = frame(ctx, |painter| {
                near.paint(painter, key(), None, || {
                    builds.set(builds.get() + 1);
                    shapes(painter)
                });
                if more_text {
                    // Glyphs at many new sizes, laid out after the mesh was made: the atlas grows.
                    for size in 10..200 {
                        let _ = painter.layout_no_wrap(
                            "The quick brown fox jumps over the lazy dog".into(),
                            FontId::proportional(size as f32),
                            Color32::BLACK,
                        );
                    }
                }
            });
            near.end_frame(ctx);
            vertices(&drawn)
        };
        paint(&ctx, &mut near, false);
        let atlas = ctx.fonts(|fonts| fonts.font_image_size());
        paint(&ctx, &mut near, true);
        assert_ne!(
            atlas,
            ctx.fonts(|fonts| fonts.font_image_size()),
            "the atlas grew"
        );
        assert!(
            near.kept.is_none(),
            "the frame drew the shapes, not the mesh"
        );
        let after_growth = paint(&ctx, &mut near, false);
        assert_eq!(after_growth, drawn_directly(&ctx, &HashSet::new()));
        assert_eq!(builds.get(), 2);

        ctx.set_pixels_per_point(2.0);
        let before = builds.get();
        for _ in 0..3 {
            paint(&ctx, &mut near, false);
        }
        let built = builds.get();
        assert!(
            built > before,
            "new fonts for a new pixel size make a new mesh"
        );
        let sharper = paint(&ctx, &mut near, false);
        assert_eq!(builds.get(), built, "and it is kept once the fonts settle");
        assert_eq!(sharper, drawn_directly(&ctx, &HashSet::new()));
    }

    #[test]
    fn the_kept_mesh_is_a_draw_call_of_its_own_so_shapes_after_it_do_not_grow_it() {
        let ctx = egui::Context::default();
        let mut near = NearView::default();
        let drawn = frame(&ctx, |painter| {
            painter.rect_filled(CLIP, 0.0, Color32::WHITE);
            near.paint(painter, key(), None, || shapes(painter));
            painter.circle_filled(pos2(20.0, 20.0), 5.0, Color32::RED);
        });
        near.end_frame(&ctx);
        let meshes: Vec<usize> = drawn
            .iter()
            .filter_map(|p| match &p.primitive {
                Primitive::Mesh(mesh) => Some(mesh.vertices.len()),
                Primitive::Callback(_) => None,
            })
            .collect();
        let kept = near.kept.as_ref().expect("kept").all.vertices.len();
        assert_eq!(meshes.len(), 3, "{meshes:?}");
        assert_eq!(meshes[1], kept);
    }
}
