//! Writes a scene as SVG: one element per line, each item in its own group, text as `<text>`.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::ExportOptions;
use crate::model::{Point, Rect};
use crate::scene::{Align, Owner, Primitive, Rgba, Scene, font};

/// Arrow heads as on the canvas at 100 % zoom.
const ARROW_LENGTH: f32 = 9.0;
const DASH: &str = "7 5";

/// The whole SVG document for `scene`, showing the canvas area `area`.
pub(super) fn write(scene: &Scene, area: Rect, options: &ExportOptions) -> String {
    write_items(&scene.items, &title_of(scene), area, options)
}

/// An SVG document drawing only `items` (a run of a scene's items, in paint order).
pub(super) fn write_items(
    items: &[(Owner, Primitive)],
    title: &str,
    area: Rect,
    options: &ExportOptions,
) -> String {
    let colors = options.theme.colors();
    // About 150 bytes per primitive; growing the string is most of the cost otherwise.
    let mut out = String::with_capacity(512 + items.len() * 160);
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{family}">"#,
        x = num(area.min.x),
        y = num(area.min.y),
        w = num(area.width()),
        h = num(area.height()),
        family = font::FALLBACK_FAMILIES,
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    if !options.transparent {
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{}/>"#,
            num(area.min.x),
            num(area.min.y),
            num(area.width()),
            num(area.height()),
            paint("fill", colors.background),
        );
    }
    let mut open_group: Option<Owner> = None;
    // An item drawn in two passes (a link's line, later its caption) gets a second group; ids
    // must stay unique.
    let mut seen: HashSet<Owner> = HashSet::new();
    for (owner, primitive) in items {
        if open_group != Some(*owner) {
            if open_group.is_some() {
                out.push_str("</g>\n");
            }
            let suffix = if seen.insert(*owner) { "" } else { "-label" };
            let _ = writeln!(out, r#"<g id="{}{suffix}">"#, group_id(*owner));
            open_group = Some(*owner);
        }
        write_primitive(&mut out, primitive);
    }
    if open_group.is_some() {
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn write_primitive(out: &mut String, primitive: &Primitive) {
    match primitive {
        Primitive::Rect {
            rect,
            corner_radius,
            fill,
            stroke,
        } => {
            // The canvas strokes inside the rectangle; SVG strokes on the outline, so inset by half.
            let inset = stroke.map_or(0.0, |(width, _)| width / 2.0);
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"{}"#,
                num(rect.min.x + inset),
                num(rect.min.y + inset),
                num((rect.width() - 2.0 * inset).max(0.0)),
                num((rect.height() - 2.0 * inset).max(0.0)),
                num((corner_radius - inset).max(0.0)),
                paint("fill", *fill),
            );
            if let Some((width, color)) = stroke {
                let _ = write!(
                    out,
                    r#"{} stroke-width="{}""#,
                    paint("stroke", *color),
                    num(*width)
                );
            }
            out.push_str("/>\n");
        }
        Primitive::Line {
            points,
            width,
            color,
            dashed,
            arrow_head,
        } => write_line(out, points, *width, *color, *dashed, *arrow_head),
        Primitive::Text {
            pos,
            text,
            size,
            color,
            align,
            bold,
        } => {
            let anchor = match align {
                Align::Left => "start",
                Align::Center => "middle",
            };
            let baseline = pos.y + font::baseline_below_middle(*size, *bold);
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="{}"{} text-anchor="{anchor}"{}>{}</text>"#,
                num(pos.x),
                num(baseline),
                num(*size),
                if *bold { r#" font-weight="700""# } else { "" },
                paint("fill", *color),
                escape(text),
            );
        }
    }
}

fn write_line(
    out: &mut String,
    points: &[Point],
    width: f32,
    color: Rgba,
    dashed: bool,
    arrow_head: bool,
) {
    let [.., from, tip] = points else {
        return;
    };
    let (from, tip) = (*from, *tip);
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let length = (dx * dx + dy * dy).sqrt();
    let has_head = arrow_head && length >= 1.0;
    // The shaft stops at the head's base, so a wide line never pokes through its tip.
    let (ux, uy) = if length > 0.0 {
        (dx / length, dy / length)
    } else {
        (0.0, 0.0)
    };
    let head = if has_head {
        ARROW_LENGTH.min(length)
    } else {
        0.0
    };
    let base = Point::new(tip.x - ux * head, tip.y - uy * head);
    if let [start, _] = points {
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{} stroke-width="{}""#,
            num(start.x),
            num(start.y),
            num(base.x),
            num(base.y),
            paint("stroke", color),
            num(width),
        );
    } else {
        // A routed link: one polyline, so its dashes run on round the bends.
        out.push_str(r#"<polyline points=""#);
        for p in &points[..points.len() - 1] {
            let _ = write!(out, "{},{} ", num(p.x), num(p.y));
        }
        let _ = write!(
            out,
            r#"{},{}" fill="none"{} stroke-width="{}" stroke-linejoin="round""#,
            num(base.x),
            num(base.y),
            paint("stroke", color),
            num(width),
        );
    }
    if dashed {
        let _ = write!(out, r#" stroke-dasharray="{DASH}""#);
    }
    out.push_str("/>\n");
    if has_head {
        let (nx, ny) = (-uy * head / 2.0, ux * head / 2.0);
        let _ = writeln!(
            out,
            r#"<polygon points="{},{} {},{} {},{}"{}/>"#,
            num(tip.x),
            num(tip.y),
            num(base.x + nx),
            num(base.y + ny),
            num(base.x - nx),
            num(base.y - ny),
            paint("fill", color),
        );
    }
}

/// ` fill="#rrggbb"` (or stroke), with an opacity attribute when the colour is translucent.
fn paint(attribute: &str, color: Rgba) -> String {
    let mut out = format!(
        r##" {attribute}="#{:02x}{:02x}{:02x}""##,
        color.r, color.g, color.b
    );
    if color.a < 255 {
        let _ = write!(
            out,
            r#" {attribute}-opacity="{}""#,
            num(f32::from(color.a) / 255.0)
        );
    }
    out
}

/// A number with at most two decimals and no trailing zeros: short, stable text for snapshots.
fn num(value: f32) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    // Avoid "-0".
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

/// Text made safe for XML: markup characters escaped, and control characters (which XML 1.0
/// forbids) turned into spaces.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 has no way to write these, so a hand-built document cannot break the file.
            c if c.is_control() || crate::text::is_noncharacter(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn group_id(owner: Owner) -> String {
    match owner {
        Owner::Item(id) => format!("item-{id}"),
        Owner::Legend => "legend".to_owned(),
        Owner::Title => "title".to_owned(),
    }
}

/// The title text when the scene shows one, else a neutral name, for the SVG `<title>`.
pub(super) fn title_of(scene: &Scene) -> String {
    scene
        .items
        .iter()
        .find_map(|(owner, primitive)| match (owner, primitive) {
            (Owner::Title, Primitive::Text { text, .. }) => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "Teamscape map".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
    }

    #[test]
    fn text_is_escaped_and_control_characters_removed() {
        assert_eq!(
            escape("R&D <core> \"x\"\u{7}"),
            "R&amp;D &lt;core&gt; &quot;x&quot; "
        );
    }
}
