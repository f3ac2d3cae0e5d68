//! Rasterises our SVG with resvg, using only the bundled fonts, and encodes it as PNG.

use std::io::Write as _;
use std::sync::{Arc, OnceLock, mpsc};

use resvg::{tiny_skia, usvg};

use super::bands::Draw;
use super::{ExportError, ExportOptions};
use crate::model::Rect;
use crate::scene::font;

/// Largest side of an exported PNG, in pixels (what common image viewers and slide tools open).
pub const MAX_SIDE_PX: u64 = 32_000;
/// Largest exported PNG in pixels. Drawing streams in bands, so memory is not the limit; time is
/// (about 10 s at this size on two cores).
pub const MAX_PIXELS: u64 = 400_000_000;

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
pub(super) fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(font::REGULAR.to_vec());
            db.load_font_data(font::BOLD.to_vec());
            for (_, bytes) in font::FALLBACK_FONTS {
                db.load_font_data(bytes.to_vec());
            }
            db.set_sans_serif_family(font::FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Draws the SVG documents `parts` (each showing `area`; later ones on top) at `options.scale`
/// and encodes them as one PNG.
///
/// The picture is drawn in bands of rows on worker threads and encoded band by band as they
/// arrive, so a large map never needs the whole picture in memory and drawing overlaps encoding.
pub(super) fn render(
    parts: &[String],
    area: Rect,
    options: &ExportOptions,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Vec<u8>, ExportError> {
    let (width, height) = size_px(area, options.scale)?;
    let parse_options = usvg::Options {
        font_family: font::FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let trees = std::thread::scope(|scope| {
        let parsing: Vec<_> = parts
            .iter()
            .map(|svg| scope.spawn(|| usvg::Tree::from_str(svg, &parse_options)))
            .collect();
        parsing
            .into_iter()
            .map(|handle| match handle.join() {
                Ok(parsed) => parsed.map_err(|error| ExportError::Render(error.to_string())),
                Err(_) => Err(ExportError::Render("the SVG parser failed".to_owned())),
            })
            .collect::<Result<Vec<_>, _>>()
    })?;
    let background = (!options.transparent).then(|| {
        let c = options.theme.colors().background;
        tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a)
    });
    let draw = Draw {
        trees: &trees,
        scale: options.scale,
        width,
        height,
        background,
    };
    let mut out = Vec::new();
    let encode_error = |error: png::EncodingError| ExportError::Encode(error.to_string());
    let mut encoder = png::Encoder::new(&mut out, width, height);
    // Opaque pictures need no alpha channel: a quarter less to filter and compress.
    encoder.set_color(if options.transparent {
        png::ColorType::Rgba
    } else {
        png::ColorType::Rgb
    });
    encoder.set_depth(png::BitDepth::Eight);
    // The Up filter with the fastest deflate: several times faster than adaptive filtering, and
    // flat map backgrounds compress well anyway.
    encoder.set_compression(png::Compression::Fastest);
    // Tagged with the density that makes slide tools place the picture at its 1× size.
    let pixels_per_meter = (96.0 * f64::from(options.scale) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: pixels_per_meter,
        yppu: pixels_per_meter,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(encode_error)?;
    let mut stream = writer.stream_writer().map_err(encode_error)?;
    std::thread::scope(|scope| -> Result<(), ExportError> {
        // Each worker draws every WORKERS-th band and gets its buffers back once written.
        let workers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let (band_sender, bands) = mpsc::sync_channel(2);
                let (recycle, recycled) = mpsc::channel::<Vec<u8>>();
                let draw = &draw;
                scope.spawn(move || {
                    for band in (worker..draw.band_count()).step_by(WORKERS) {
                        let drawn = draw.band(band, recycled.try_recv().ok());
                        if band_sender.send(drawn).is_err() {
                            return;
                        }
                    }
                });
                (bands, recycle)
            })
            .collect();
        for band in 0..draw.band_count() {
            let (bands, recycle) = &workers[band % WORKERS];
            let Ok(Some(rows)) = bands.recv() else {
                return Err(ExportError::Render(format!(
                    "could not draw a {width} × {height} picture"
                )));
            };
            stream
                .write_all(&rows)
                .map_err(|error| ExportError::Encode(error.to_string()))?;
            // The worker may have finished; then the buffer is simply dropped.
            let _ = recycle.send(rows);
            // Returning drops the receivers, which stops the workers at their next band.
            if !progress((band + 1) as f32 / draw.band_count() as f32) {
                return Err(ExportError::Cancelled);
            }
        }
        Ok(())
    })?;
    stream.finish().map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(out)
}

/// Threads drawing bands; this machine and most laptops have at least two cores, and the calling
/// thread encodes meanwhile.
const WORKERS: usize = 2;
