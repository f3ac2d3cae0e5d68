//! The SVG export of the bundled example map, pinned as a text snapshot.

use teamscape::export::{self, ExportOptions};
use teamscape::scene::Theme;

fn northwind() -> teamscape::model::Document {
    let example = teamscape::examples::default_example();
    teamscape::file::parse(example.text, example.file_name).expect("the example map loads")
}

#[test]
fn northwind_svg_matches_the_snapshot() {
    let svg = export::svg(&northwind(), &ExportOptions::default()).expect("exports");
    insta::assert_snapshot!("northwind_light", svg);
}

#[test]
fn dark_svg_uses_the_dark_background_and_keeps_model_colours() {
    let options = ExportOptions {
        theme: Theme::Dark,
        ..ExportOptions::default()
    };
    let svg = export::svg(&northwind(), &options).expect("exports");
    let background = Theme::Dark.colors().background;
    let hex = format!(
        "#{:02x}{:02x}{:02x}",
        background.r, background.g, background.b
    );
    assert!(svg.contains(&format!(r#"fill="{hex}""#)), "{hex}");
    assert!(svg.contains(r##"fill="#2563eb""##), "model colours stay");
}

#[test]
fn transparent_svg_has_no_background_rectangle() {
    let options = ExportOptions {
        transparent: true,
        ..ExportOptions::default()
    };
    let svg = export::svg(&northwind(), &options).expect("exports");
    let background = Theme::Light.colors().background;
    let first_rect = svg
        .lines()
        .find(|line| line.starts_with("<rect"))
        .expect("a rectangle");
    assert!(
        !first_rect.contains(&format!("#{:02x}{:02x}", background.r, background.g)),
        "{first_rect}"
    );
}

#[test]
fn title_and_legend_can_be_left_out() {
    let options = ExportOptions {
        title: false,
        legend: false,
        ..ExportOptions::default()
    };
    let svg = export::svg(&northwind(), &options).expect("exports");
    assert!(!svg.contains(r#"<g id="title">"#));
    assert!(!svg.contains(r#"<g id="legend">"#));
    let full = export::svg(&northwind(), &ExportOptions::default()).expect("exports");
    assert!(full.contains(r#"<g id="title">"#) && full.contains(r#"<g id="legend">"#));
}

#[test]
fn every_team_label_fits_inside_its_box() {
    let doc = northwind();
    let scene = teamscape::scene::build(&doc, teamscape::scene::SceneOptions::default());
    for (id, team) in &doc.teams {
        let owner = teamscape::scene::Owner::Item(*id);
        for (_, primitive) in scene.items.iter().filter(|(o, _)| *o == owner) {
            if let teamscape::scene::Primitive::Text {
                text, size, bold, ..
            } = primitive
            {
                let width = teamscape::scene::text_width(text, *size, *bold);
                assert!(
                    width <= team.size.width - 16.0,
                    "{text:?} is {width} wide in a {} box",
                    team.size.width
                );
            }
        }
    }
}

#[test]
fn a_long_title_is_shortened_to_the_width_of_the_map() {
    let mut doc = northwind();
    let plain = export::svg(&doc, &ExportOptions::default()).expect("exports");
    doc.title = "Quarterly map ".repeat(36);
    let long = export::svg(&doc, &ExportOptions::default()).expect("exports");
    let width = |svg: &str| {
        let at = svg.find("width=\"").expect("a width") + 7;
        svg[at..]
            .split('"')
            .next()
            .expect("value")
            .parse::<f32>()
            .expect("a number")
    };
    assert_eq!(width(&long), width(&plain), "the title widened the picture");
    assert!(long.contains('…'));
}

#[test]
fn the_svg_is_valid_xml_whatever_a_document_built_in_code_holds() {
    let mut doc = northwind();
    doc.title = "Bad \u{ffff}\u{fffe}\u{1b} title".to_owned();
    let svg = export::svg(&doc, &ExportOptions::default()).expect("exports");
    assert!(!svg.contains(['\u{ffff}', '\u{fffe}', '\u{1b}']));
}

#[test]
fn the_svg_names_the_bundled_fallback_fonts() {
    let svg = export::svg(&northwind(), &ExportOptions::default()).expect("exports");
    for (family, _) in teamscape::scene::font::FALLBACK_FONTS {
        assert!(svg.contains(&format!("'{family}'")), "{family}");
    }
}

/// The SVG draws each link along the scene's route, the line the canvas paints and hit-tests.
#[test]
fn a_routed_link_in_the_svg_follows_the_scenes_route() {
    use teamscape::model::{Document, Id, Link, ModelTypeId, Point, Team};
    use teamscape::scene::{self, SceneOptions};

    let mut doc = Document::new("Routed");
    for (id, x) in [(1, 0.0), (2, 300.0), (3, 600.0)] {
        doc.teams.insert(
            Id(id),
            Team::new(format!("Team {id}"), ModelTypeId(1), Point::new(x, 0.0)),
        );
    }
    doc.links.insert(Id(10), Link::dependency(Id(1), Id(3)));
    let scene = scene::build(&doc, SceneOptions::default());
    let points = scene::item_lines(&scene.items)
        .find_map(|(id, points)| (id == Id(10)).then(|| points.to_vec()))
        .expect("the link is drawn");
    assert!(points.len() > 2, "the link goes round team 2: {points:?}");
    let svg = teamscape::export::svg(&doc, &teamscape::export::ExportOptions::default())
        .expect("exports");
    let polyline = svg
        .lines()
        .find(|l| l.starts_with("<polyline"))
        .expect("the routed link is one polyline");
    // Every point but the tip (where the arrow head begins instead), to the SVG's precision.
    let num = |v: f32| {
        let text = format!("{:.2}", (v * 100.0).round() / 100.0);
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    for p in &points[..points.len() - 1] {
        let pair = format!("{},{}", num(p.x), num(p.y));
        assert!(polyline.contains(&pair), "{pair} missing from {polyline}");
    }
}
