//! Names in any script, and very long ones, stay inside their boxes on the canvas and in exports.

use teamscape::export::{self, ExportOptions};
use teamscape::model::limits::{MAX_NAME_CHARS, MIN_TEAM_SIDE};
use teamscape::model::{
    Budget, Document, FundingSource, Id, Link, ModelTypeId, Point, Rect, Size, Team,
};
use teamscape::scene::{self, Align, Owner, Primitive, SceneOptions, text_width};

/// Emoji (with joiners and skin tones), right-to-left, CJK, combining marks, no spaces at all,
/// and names at the length limit.
fn hard_names() -> Vec<String> {
    vec![
        "🚀🔥💸 Launch 👩‍👩‍👧‍👦 Family 🏳️‍🌈 👍🏽".to_owned(),
        "فريق الدفع والمخاطر".to_owned(),
        "צוות התשלומים".to_owned(),
        "検索チームとレコメンデーションのプラットフォーム".to_owned(),
        "데이터 플랫폼 팀".to_owned(),
        "Z̷̢a̸l̵g̶o̷ ̸t̵e̶x̷t̸ ̶w̷i̵t̶h̵ ̸m̷a̶r̷k̸s".to_owned(),
        "Payments-and-risk-and-fraud-and-compliance-without-any-spaces".to_owned(),
        "W".repeat(MAX_NAME_CHARS),
        "🚀".repeat(MAX_NAME_CHARS),
        "名".repeat(MAX_NAME_CHARS),
        "Checkout 🛒 فريق 検索 mixed".to_owned(),
    ]
}

/// Teams in three widths (default, narrow, the narrowest with room for text) and funding sources,
/// all named with [`hard_names`], linked so captions with the same names are drawn too.
fn hard_map() -> Document {
    let mut doc = Document::new("🗺️ Карта · 地図 · خريطة ".repeat(10));
    let widths = [Team::DEFAULT_SIZE.width, 110.0, 3.0 * MIN_TEAM_SIDE];
    let mut next = 1;
    for (row, name) in hard_names().into_iter().enumerate() {
        let y = row as f32 * 120.0;
        let mut first = None;
        for (column, width) in widths.into_iter().enumerate() {
            let mut team = Team::new(
                name.clone(),
                ModelTypeId(1 + (row as u64 % 6)),
                Point::new(column as f32 * 260.0, y),
            );
            team.size = Size::new(width, Team::DEFAULT_SIZE.height);
            // The headcount is never cut (the type name gives way), so a seven-digit one only
            // fits a box of ordinary width.
            team.headcount = if column == 0 { 1_000_000 } else { 12 };
            doc.teams.insert(Id(next), team);
            first.get_or_insert(Id(next));
            next += 1;
        }
        let mut source = FundingSource::new(name.clone(), Point::new(800.0, y));
        source.budget = Some(Budget {
            amount: 1e15,
            currency: "¥€$".into(),
        });
        doc.sources.insert(Id(next), source);
        let mut link = Link::funding(Id(next), first.expect("a team"), 12.5);
        link.label.clone_from(&name);
        doc.links.insert(Id(next + 1), link);
        next += 2;
    }
    doc.palette[0].name = "🧪 Экспериментальная команда · 実験チーム".repeat(5);
    assert_eq!(doc.validate(), Ok(()));
    doc
}

/// The horizontal extent of a text primitive, measured in the bundled font.
fn text_span(pos: Point, text: &str, size: f32, bold: bool, align: Align) -> (f32, f32) {
    let width = text_width(text, size, bold);
    match align {
        Align::Left => (pos.x, pos.x + width),
        Align::Center => (pos.x - width / 2.0, pos.x + width / 2.0),
    }
}

#[test]
fn names_in_any_script_stay_inside_their_boxes_and_caption_pills() {
    let doc = hard_map();
    let scene = scene::build(&doc, SceneOptions::default());
    let mut checked = 0;
    // A link's box is its caption's pill.
    for id in doc
        .teams
        .keys()
        .chain(doc.sources.keys())
        .chain(doc.links.keys())
    {
        let owned = scene.items.iter().filter(|(o, _)| *o == Owner::Item(*id));
        let mut boxes = owned.clone().filter_map(|(_, p)| match p {
            Primitive::Rect { rect, .. } => Some(*rect),
            _ => None,
        });
        let rect: Rect = boxes.next().expect("every node has a box");
        for (_, primitive) in owned {
            let Primitive::Text {
                pos,
                text,
                size,
                bold,
                align,
                ..
            } = primitive
            else {
                continue;
            };
            let (left, right) = text_span(*pos, text, *size, *bold, *align);
            assert!(
                left >= rect.min.x - 0.01 && right <= rect.max.x + 0.01,
                "{id}: {text:?} spans {left}–{right}, outside its box {}–{}",
                rect.min.x,
                rect.max.x
            );
            assert!(
                pos.y > rect.min.y && pos.y < rect.max.y,
                "{id}: {text:?} sits outside its box vertically"
            );
            assert!(!text.is_empty(), "{id}: a name vanished entirely");
            checked += 1;
        }
    }
    // Name (one or two lines) and type on every team, name and budget on every source, every
    // caption.
    let expected = 2 * doc.teams.len() + 2 * doc.sources.len() + doc.links.len();
    assert!(
        (expected..=expected + doc.teams.len()).contains(&checked),
        "{checked} texts checked, {expected} expected"
    );
}

#[test]
fn a_map_named_in_every_script_exports_to_svg_and_png() {
    let doc = hard_map();
    let svg = export::svg(&doc, &ExportOptions::default()).expect("SVG export");
    assert!(
        svg.contains("فريق الدفع والمخاطر"),
        "the RTL name is in the SVG"
    );
    assert!(
        svg.contains("데이터 플랫폼 팀"),
        "the Korean name is in the SVG"
    );
    let options = ExportOptions {
        scale: 1.0,
        ..ExportOptions::default()
    };
    let png = export::png(&doc, &options).expect("PNG export");
    assert!(png.starts_with(b"\x89PNG"), "a PNG came out");
}
