//! Level of detail: what the canvas leaves out or simplifies when zoomed out. Shared by the
//! painter and the zoomed-out picture, so both draw the same things the same way.

use std::collections::HashSet;

use eframe::egui::{Pos2, Vec2};

use crate::model::Id;
use crate::scene::{Owner, Primitive};

/// Below this on-screen size text is not drawn: it would be unreadable and costs time.
pub const MIN_TEXT_PX: f32 = 5.0;
/// Below this zoom boxes and lines are plain (no rounded corners, outlines, dashes or small
/// arrow heads) and are drawn once into a picture (the far view): at that size the details do not
/// show, and a zoomed-out 10,000-team map would otherwise cost tens of thousands of shapes.
pub const SIMPLE_BELOW_ZOOM: f32 = 0.35;

/// A zoomed-out line as plain geometry: where the line stops and the arrow head, if it has room.
pub struct PlainLine {
    pub end: Pos2,
    pub width: f32,
    pub head: Option<[Pos2; 3]>,
}

impl PlainLine {
    /// `None` for a line so short that it hides in the gap between two boxes.
    pub fn new(a: Pos2, b: Pos2, width: f32, arrow_head: bool) -> Option<Self> {
        let direction = b - a;
        let length = direction.length();
        if length < 2.0 {
            return None;
        }
        let dir = direction / length;
        let head_length = (width * 5.0).clamp(6.0, 14.0);
        // A head longer than a third of its line would hide the line.
        if arrow_head && length > 3.0 * head_length {
            let normal = Vec2::new(-dir.y, dir.x) * head_length * 0.5;
            let base = b - dir * head_length;
            Some(Self {
                end: b - dir * (head_length * 0.8),
                width,
                head: Some([b, base + normal, base - normal]),
            })
        } else {
            Some(Self {
                end: b,
                width,
                head: None,
            })
        }
    }
}

/// A zoomed-out line through `points` as plain pieces: each stretch from where it starts, the
/// arrow head (if any) on the last. Stretches too short to show are left out.
pub fn plain_stretches(
    points: &[Pos2],
    width: f32,
    arrow_head: bool,
) -> impl Iterator<Item = (Pos2, PlainLine)> + '_ {
    let last = points.len().saturating_sub(2);
    points.windows(2).enumerate().filter_map(move |(i, w)| {
        PlainLine::new(w[0], w[1], width, arrow_head && i == last).map(|line| (w[0], line))
    })
}

/// The scene item at `index`, unless it is not drawn at `zoom`: one of `hidden`'s (a drag draws
/// it elsewhere) or a caption box too small for its text.
pub fn drawn<'a>(
    items: &'a [(Owner, Primitive)],
    index: usize,
    hidden: Option<&HashSet<Id>>,
    zoom: f32,
) -> Option<&'a Primitive> {
    let (owner, primitive) = items.get(index)?;
    let is_hidden = matches!(owner, Owner::Item(id) if hidden.is_some_and(|h| h.contains(id)));
    (!is_hidden && !is_unreadable_caption(items, index, *owner, zoom)).then_some(primitive)
}

/// A line's width on screen, in points: never thinner than a pixel, never thicker than four.
pub fn line_width_on_screen(width: f32, zoom: f32) -> f32 {
    (width * zoom).clamp(1.0, 4.0)
}

/// A small box whose only purpose is to hold the text after it (a link's "40 %" pill) is not
/// drawn when that text is too small to draw: an empty pill reads as noise.
fn is_unreadable_caption(
    items: &[(Owner, Primitive)],
    index: usize,
    owner: Owner,
    zoom: f32,
) -> bool {
    let Some((_, Primitive::Rect { rect, .. })) = items.get(index) else {
        return false;
    };
    let Some((next_owner, Primitive::Text { size, .. })) = items.get(index + 1) else {
        return false;
    };
    *next_owner == owner && size * zoom < MIN_TEXT_PX && rect.height() <= 2.0 * size
}
