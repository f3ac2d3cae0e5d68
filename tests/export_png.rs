//! PNG export of the example map: size, model colours, text, theme and transparency, read back
//! from the encoded bytes.

use teamscape::export::{self, ExportOptions, MARGIN};
use teamscape::model::{Document, Id};
use teamscape::scene::{self, Rgba, SceneOptions, Theme};

fn northwind() -> Document {
    let example = teamscape::examples::default_example();
    teamscape::file::parse(example.text, example.file_name).expect("the example map loads")
}

/// A decoded RGBA picture.
struct Picture {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

impl Picture {
    fn decode(bytes: &[u8]) -> Self {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().expect("a PNG");
        let mut rgba = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut rgba).expect("one frame");
        rgba.truncate(info.buffer_size());
        // Opaque pictures are written without an alpha channel.
        let rgba = match info.color_type {
            png::ColorType::Rgba => rgba,
            png::ColorType::Rgb => rgba
                .chunks_exact(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect(),
            other => panic!("unexpected colour type {other:?}"),
        };
        Self {
            width: info.width,
            height: info.height,
            rgba,
        }
    }

    fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = (y * self.width + x) as usize * 4;
        [
            self.rgba[i],
            self.rgba[i + 1],
            self.rgba[i + 2],
            self.rgba[i + 3],
        ]
    }

    /// How many pixels in the rectangle (in pixels) have exactly this opaque colour.
    fn count(&self, (x0, y0, x1, y1): (u32, u32, u32, u32), color: Rgba) -> usize {
        (y0..y1.min(self.height))
            .flat_map(|y| (x0..x1.min(self.width)).map(move |x| (x, y)))
            .filter(|&(x, y)| self.pixel(x, y) == [color.r, color.g, color.b, 255])
            .count()
    }

    fn everywhere(&self) -> (u32, u32, u32, u32) {
        (0, 0, self.width, self.height)
    }
}

/// 1× keeps these tests quick in debug builds; the size test covers the other scales.
fn one_x() -> ExportOptions {
    ExportOptions {
        scale: 1.0,
        ..ExportOptions::default()
    }
}

fn export(doc: &Document, options: &ExportOptions) -> Picture {
    Picture::decode(&export::png(doc, options).expect("exports"))
}

/// A team's box in picture pixels at `scale`.
fn team_pixels(doc: &Document, id: Id, scale: f32) -> (u32, u32, u32, u32) {
    let bounds = scene::build(doc, SceneOptions::default())
        .bounds
        .expect("bounds");
    let rect = doc.node_rect(id).expect("team");
    let px = |v: f32, origin: f32| ((v - origin + MARGIN) * scale) as u32;
    (
        px(rect.min.x, bounds.min.x),
        px(rect.min.y, bounds.min.y),
        px(rect.max.x, bounds.min.x),
        px(rect.max.y, bounds.min.y),
    )
}

#[test]
fn png_size_is_scale_times_the_bounds_with_margin() {
    let doc = northwind();
    let bounds = scene::build(&doc, SceneOptions::default())
        .bounds
        .expect("bounds");
    for scale in [1.0, 1.5, 2.0] {
        let options = ExportOptions {
            scale,
            ..ExportOptions::default()
        };
        let picture = export(&doc, &options);
        let expected = |units: f32| ((units + 2.0 * MARGIN) * scale).ceil() as u32;
        assert_eq!(
            (picture.width, picture.height),
            (expected(bounds.width()), expected(bounds.height())),
            "at {scale}×"
        );
        assert_eq!(
            export::png_size(&doc, &options).expect("size"),
            (picture.width, picture.height)
        );
    }
}

#[test]
fn every_model_type_colour_is_in_the_picture() {
    let doc = northwind();
    let picture = export(&doc, &one_x());
    for model_type in &doc.palette {
        let pixels = picture.count(picture.everywhere(), Rgba::from(model_type.color));
        assert!(
            pixels > 1_000,
            "{} ({}) has {pixels} pixels",
            model_type.name,
            model_type.color
        );
    }
}

#[test]
fn team_names_are_drawn_inside_their_boxes() {
    let doc = northwind();
    let checkout = Id(12);
    let team = &doc.teams[&checkout];
    let fill = Rgba::from(doc.model_type(team.model_type).expect("type").color);
    let ink = fill.legible_text();
    let picture = export(&doc, &ExportOptions::default());
    let inside = team_pixels(&doc, checkout, 2.0);
    let text_pixels = picture.count(inside, ink);
    assert!(text_pixels > 200, "{text_pixels} text pixels in Checkout");

    let unnamed = {
        let mut doc = doc.clone();
        doc.teams.get_mut(&checkout).expect("team").name = String::new();
        export(&doc, &ExportOptions::default())
    };
    assert!(
        unnamed.count(inside, ink) < text_pixels / 2,
        "the name accounts for most of the text pixels"
    );
}

#[test]
fn dark_theme_paints_a_dark_background_and_light_a_light_one() {
    let doc = northwind();
    for theme in [Theme::Light, Theme::Dark] {
        let picture = export(
            &doc,
            &ExportOptions {
                theme,
                scale: 1.0,
                ..ExportOptions::default()
            },
        );
        let bg = theme.colors().background;
        for (x, y) in [
            (0, 0),
            (picture.width - 1, 0),
            (0, picture.height - 1),
            (picture.width - 1, picture.height - 1),
        ] {
            assert_eq!(picture.pixel(x, y), [bg.r, bg.g, bg.b, 255], "{theme:?}");
        }
    }
}

#[test]
fn transparent_background_leaves_the_margin_clear_and_the_teams_opaque() {
    let doc = northwind();
    let picture = export(
        &doc,
        &ExportOptions {
            transparent: true,
            ..one_x()
        },
    );
    assert_eq!(picture.pixel(0, 0)[3], 0);
    assert_eq!(picture.pixel(picture.width - 1, picture.height - 1)[3], 0);
    let (x0, y0, x1, _) = team_pixels(&doc, Id(12), 1.0);
    let center = picture.pixel((x0 + x1) / 2, y0 + 4);
    assert_eq!(center[3], 255, "team box is opaque");
}

#[test]
fn exports_run_on_several_threads_at_once_with_the_same_result() {
    let doc = northwind();
    let options = one_x();
    let expected = export::png(&doc, &options).expect("exports");
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| export::png(&doc, &options).expect("exports")))
            .collect();
        for run in runs {
            assert!(run.join().expect("thread") == expected);
        }
    });
}

#[test]
fn names_in_every_script_are_drawn_with_real_glyphs() {
    let doc = northwind();
    let checkout = Id(12);
    let with_name = |name: &str| {
        let mut doc = doc.clone();
        doc.teams.get_mut(&checkout).expect("team").name = name.to_owned();
        export(&doc, &one_x())
    };
    // Private-use characters have no glyph in any font: what a missing glyph looks like.
    let missing = with_name("\u{e000}\u{e001}");
    for name in ["سلام", "שלום", "中文", "日本語", "한국어", "🚀🎉"] {
        let picture = with_name(name);
        assert!(
            picture.rgba != missing.rgba,
            "{name} is drawn like characters no font has"
        );
    }
}
