//! Draws a parsed picture in horizontal bands of rows, ready to be written as PNG rows.

use resvg::{tiny_skia, usvg};

/// Rows per band. Each band walks the items that reach into it, so taller bands repeat less work
/// for items that span several (long links); 512 rows of a 17,000-pixel-wide map is 35 MB.
pub(super) const BAND_ROWS: u32 = 512;

/// Everything a worker needs to draw any band.
pub(super) struct Draw<'a> {
    /// Drawn in order, later ones on top.
    pub trees: &'a [usvg::Tree],
    pub scale: f32,
    pub width: u32,
    pub height: u32,
    /// `None` leaves the background transparent.
    pub background: Option<tiny_skia::Color>,
}

impl Draw<'_> {
    pub(super) fn band_count(&self) -> usize {
        self.height.div_ceil(BAND_ROWS) as usize
    }

    /// Band `index` as PNG rows: RGB when there is a background, else straight RGBA. `buffer`
    /// is a used band to draw into again (fresh pages cost more than the drawing of an empty
    /// band). Bands start on whole pixel rows, so seams differ from drawing in one piece by at
    /// most a few anti-aliasing levels.
    pub(super) fn band(&self, index: usize, buffer: Option<Vec<u8>>) -> Option<Vec<u8>> {
        let top = u32::try_from(index).ok()? * BAND_ROWS;
        let rows = BAND_ROWS.min(self.height.checked_sub(top)?);
        let size = tiny_skia::IntSize::from_wh(self.width, rows)?;
        let bytes = self.width as usize * rows as usize * 4;
        let mut pixmap = match buffer {
            Some(mut data) => {
                data.resize(bytes, 0);
                tiny_skia::Pixmap::from_vec(data, size)?
            }
            None => tiny_skia::Pixmap::new(self.width, rows)?,
        };
        pixmap.fill(self.background.unwrap_or(tiny_skia::Color::TRANSPARENT));
        let transform = tiny_skia::Transform::from_scale(self.scale, self.scale)
            .post_translate(0.0, -(top as f32));
        // Only the items that reach into this band.
        let band_top = top as f32 / self.scale;
        let band_bottom = (top + rows) as f32 / self.scale;
        let mut canvas = pixmap.as_mut();
        for node in self.trees.iter().flat_map(|tree| tree.root().children()) {
            let Some(bounds) = node.abs_layer_bounding_box() else {
                continue;
            };
            if bounds.bottom() < band_top || bounds.top() > band_bottom {
                continue;
            }
            // `render_node` draws a node relative to its own corner; move it back into place.
            resvg::render_node(
                node,
                transform.pre_translate(bounds.x(), bounds.y()),
                &mut canvas,
            );
        }
        let mut data = pixmap.take();
        if self.background.is_some() {
            to_rgb_in_place(&mut data);
        } else {
            demultiply_in_place(&mut data);
        }
        Some(data)
    }
}

/// Premultiplied RGBA to RGB in the same buffer (opaque pixels are the same premultiplied or not).
fn to_rgb_in_place(data: &mut Vec<u8>) {
    let pixels = data.len() / 4;
    for i in 0..pixels {
        let (from, to) = (i * 4, i * 3);
        data[to] = data[from];
        data[to + 1] = data[from + 1];
        data[to + 2] = data[from + 2];
    }
    data.truncate(pixels * 3);
}

/// Premultiplied to straight alpha, as PNG stores it.
fn demultiply_in_place(data: &mut [u8]) {
    for pixel in data.chunks_exact_mut(4) {
        let alpha = u32::from(pixel[3]);
        if alpha == 0 || alpha == 255 {
            continue;
        }
        for channel in &mut pixel[..3] {
            let straight = (u32::from(*channel) * 255 + alpha / 2) / alpha;
            *channel = u8::try_from(straight.min(255)).unwrap_or(u8::MAX);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgb_drops_alpha_and_demultiply_restores_straight_colour() {
        let mut opaque = vec![10, 20, 30, 255, 40, 50, 60, 255];
        to_rgb_in_place(&mut opaque);
        assert_eq!(opaque, [10, 20, 30, 40, 50, 60]);
        let mut half = vec![50, 0, 100, 128, 0, 0, 0, 0];
        demultiply_in_place(&mut half);
        assert_eq!(half, [100, 0, 199, 128, 0, 0, 0, 0]);
    }
}
