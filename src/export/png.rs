//! Rasterises our SVG with resvg, using only the bundled font, and encodes it as PNG.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::{ExportError, ExportOptions};
use crate::model::Rect;
use crate::scene::font;

/// Largest side of an exported PNG, in pixels (what common image viewers and slide tools open).
pub const MAX_SIDE_PX: u64 = 32_000;
/// Largest exported PNG in pixels: 1 GB of RGBA while drawing.
pub const MAX_PIXELS: u64 = 250_000_000;
/// Bands drawn at once; this machine and most laptops have at least two cores.
const BANDS: u32 = 2;

/// The pixel size of `area` at `scale`, refused when too large to draw.
pub(super) fn size_px(area: Rect, scale: f32) -> Result<(u32, u32), ExportError> {
    let side = |units: f32| (f64::from(units) * f64::from(scale)).ceil().max(1.0) as u64;
    let (width, height) = (side(area.width()), side(area.height()));
    if width > MAX_SIDE_PX || height > MAX_SIDE_PX || width * height > MAX_PIXELS {
        return Err(ExportError::TooLarge { width, height });
    }
    // Both sides are at most MAX_SIDE_PX, so they fit in u32.
    Ok((width as u32, height as u32))
}

pub(super) fn check_size(area: Rect, scale: f32) -> Result<(), ExportError> {
    size_px(area, scale).map(|_| ())
}

/// The font database with only the bundled fonts, built once and shared by every export.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(font::REGULAR.to_vec());
            db.load_font_data(font::BOLD.to_vec());
            db.set_sans_serif_family(font::FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Draws `svg` (which shows `area`) at `options.scale` and encodes it as PNG.
pub(super) fn render(
    svg: &str,
    area: Rect,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let (width, height) = size_px(area, options.scale)?;
    let parse_options = usvg::Options {
        font_family: font::FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &parse_options)
        .map_err(|error| ExportError::Render(error.to_string()))?;
    let background = (!options.transparent).then(|| {
        let c = options.theme.colors().background;
        tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a)
    });
    let mut pixels = draw_in_bands(&tree, (width, height), options.scale, background)?;
    if options.transparent {
        demultiply(&mut pixels);
    }
    encode(&pixels, width, height, options.scale)
}

/// Draws the tree in horizontal bands on separate threads and joins them into one RGBA buffer
/// (premultiplied). Bands start on whole pixel rows, so the seams are invisible.
fn draw_in_bands(
    tree: &usvg::Tree,
    (width, height): (u32, u32),
    scale: f32,
    background: Option<tiny_skia::Color>,
) -> Result<Vec<u8>, ExportError> {
    let band_height = height.div_ceil(BANDS);
    let bands: Vec<(u32, u32)> = (0..BANDS)
        .map(|i| (i * band_height, ((i + 1) * band_height).min(height)))
        .filter(|(top, bottom)| bottom > top)
        .collect();
    let drawn: Vec<Option<tiny_skia::Pixmap>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bands
            .iter()
            .map(|&(top, bottom)| {
                scope.spawn(move || {
                    let mut pixmap = tiny_skia::Pixmap::new(width, bottom - top)?;
                    if let Some(color) = background {
                        pixmap.fill(color);
                    }
                    let transform = tiny_skia::Transform::from_scale(scale, scale)
                        .post_translate(0.0, -(top as f32));
                    resvg::render(tree, transform, &mut pixmap.as_mut());
                    Some(pixmap)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().ok().flatten())
            .collect()
    });
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 4);
    for band in drawn {
        let Some(band) = band else {
            return Err(ExportError::Render(format!(
                "could not allocate a {width} × {height} picture"
            )));
        };
        pixels.extend_from_slice(band.data());
    }
    Ok(pixels)
}

/// Premultiplied to straight alpha, as PNG stores it. Opaque pixels are the same in both.
fn demultiply(pixels: &mut [u8]) {
    for pixel in pixels.chunks_exact_mut(4) {
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

/// Encodes RGBA pixels as PNG with fast compression, tagged with the density that makes a slide
/// tool place the picture at its 1× size (96 dpi × scale).
fn encode(pixels: &[u8], width: u32, height: u32, scale: f32) -> Result<Vec<u8>, ExportError> {
    let encode_error = |error: png::EncodingError| ExportError::Encode(error.to_string());
    let mut out = Vec::with_capacity(pixels.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let pixels_per_meter = (96.0 * f64::from(scale) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: pixels_per_meter,
        yppu: pixels_per_meter,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(pixels).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(out)
}
