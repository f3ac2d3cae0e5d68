//! Teams and funding sources as boxes with their text: a long team name takes two lines before
//! it is cut, a source's name shrinks first, and every size follows the scene's text scale.

use super::{
    Align, Owner, Primitive, Rgba, Style, TEAM_NAME_MIN_SIZE, TEAM_NAME_SIZE, TEAM_TYPE_SIZE,
    TEXT_PADDING, fit_width, format_amount, text_width,
};
use crate::model::{Document, FundingSource, Id, Point, Rect, Team};

pub(super) fn push_team(
    items: &mut Vec<(Owner, Primitive)>,
    doc: &Document,
    id: Id,
    team: &Team,
    style: &Style,
) {
    let (colors, scale) = (&style.colors, style.scale);
    let rect = Rect::from_min_size(team.position, team.size);
    let model_type = doc.model_type(team.model_type);
    let fill = model_type.map_or(colors.muted, |t| Rgba::from(t.color));
    let text = fill.legible_text();
    let owner = Owner::Item(id);
    items.push((
        owner,
        Primitive::Rect {
            rect,
            corner_radius: 10.0,
            fill,
            stroke: Some((1.0, colors.node_stroke)),
        },
    ));
    let center = rect.center();
    let inner_width = rect.width() - 2.0 * TEXT_PADDING;
    let (lines, mut name_size) = name_lines(&team.name, inner_width, scale);
    let type_size = TEAM_TYPE_SIZE * scale;
    let subtitle_y = center.y + 13.0 * scale;
    let mut name_y = center.y - 9.0 * scale;
    if lines.len() > 1 {
        // Two lines share the room between the box's top and the subtitle.
        let top = rect.min.y + 3.0;
        let bottom = subtitle_y - type_size * 0.6;
        name_size = name_size.min((bottom - top) / 2.2);
        name_y = (top + bottom) / 2.0;
    }
    let line_step = name_size * 1.1;
    let first_y = name_y - line_step * (lines.len() - 1) as f32 / 2.0;
    for (n, line) in lines.into_iter().enumerate() {
        items.push((
            owner,
            Primitive::Text {
                pos: Point::new(center.x, first_y + n as f32 * line_step),
                text: line,
                size: name_size,
                color: text,
                align: Align::Center,
                bold: true,
            },
        ));
    }
    let type_name = model_type.map_or("Unknown type", |t| t.name.as_str());
    // The headcount stays whole; the type name gives way.
    let headcount = if team.headcount > 0 {
        format!(" · {}", team.headcount)
    } else {
        String::new()
    };
    let type_width = inner_width - text_width(&headcount, type_size, false);
    let detail = fit_width(type_name, type_size, false, type_width) + &headcount;
    items.push((
        owner,
        Primitive::Text {
            pos: Point::new(center.x, subtitle_y),
            text: detail,
            size: type_size,
            color: text.with_alpha(220),
            align: Align::Center,
            bold: false,
        },
    ));
}

/// A team name in one line when it fits (shrunk down to [`TEAM_NAME_MIN_SIZE`]), else in two lines
/// split at the space nearest its middle, each cut with "…" only when even that does not fit: a
/// long name stays readable whole.
pub(super) fn name_lines(name: &str, width: f32, scale: f32) -> (Vec<String>, f32) {
    let (one, size) = shrink_to_fit(name, width, scale);
    if one == name {
        return (vec![one], size);
    }
    let middle = name.len() / 2;
    let split = name
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle));
    let Some(split) = split else {
        return (vec![one], size);
    };
    let (first, second) = (name[..split].trim(), name[split..].trim());
    // Two lines may go down to the subtitle's size: still as readable as the rest of the box.
    let largest = TEAM_NAME_SIZE * scale * 0.9;
    let smallest = TEAM_TYPE_SIZE * scale;
    let widest = text_width(first, largest, true).max(text_width(second, largest, true));
    let size = if widest <= width {
        largest
    } else {
        (((largest * width / widest) * 2.0).floor() / 2.0).max(smallest)
    };
    let lines = [first, second]
        .iter()
        .map(|line| fit_width(line, size, true, width))
        .collect();
    (lines, size)
}

/// A team name at the largest size from [`TEAM_NAME_SIZE`] down to [`TEAM_NAME_MIN_SIZE`] (in half
/// points) that fits `width`, cut with "…" when even the smallest does not.
fn shrink_to_fit(name: &str, width: f32, scale: f32) -> (String, f32) {
    shrink(
        name,
        TEAM_NAME_SIZE * scale,
        TEAM_NAME_MIN_SIZE * scale,
        width,
    )
}

/// `text` at the largest size from `largest` down to `smallest` (in half points) that fits `width`,
/// cut with "…" at the smallest when none does.
fn shrink(text: &str, largest: f32, smallest: f32, width: f32) -> (String, f32) {
    let full = text_width(text, largest, true);
    if full <= width {
        return (text.to_owned(), largest);
    }
    let size = ((largest * width / full) * 2.0).floor() / 2.0;
    if size >= smallest {
        return (text.to_owned(), size);
    }
    (fit_width(text, smallest, true, width), smallest)
}

pub(super) fn push_source(
    items: &mut Vec<(Owner, Primitive)>,
    id: Id,
    source: &FundingSource,
    style: &Style,
) {
    let (colors, scale) = (&style.colors, style.scale);
    let rect = Rect::from_min_size(source.position, FundingSource::SIZE);
    let owner = Owner::Item(id);
    items.push((
        owner,
        Primitive::Rect {
            rect,
            corner_radius: rect.height() / 2.0,
            fill: colors.source_fill,
            stroke: Some((2.0, colors.funding)),
        },
    ));
    let center = rect.center();
    let has_budget = source.budget.is_some();
    let (source_name, source_name_size) = shrink(
        &source.name,
        15.0 * scale,
        TEAM_TYPE_SIZE * scale,
        rect.width() - 2.0 * (TEXT_PADDING + 8.0),
    );
    items.push((
        owner,
        Primitive::Text {
            pos: Point::new(
                center.x,
                if has_budget {
                    center.y - 8.0 * scale
                } else {
                    center.y
                },
            ),
            text: source_name,
            size: source_name_size,
            color: colors.ink,
            align: Align::Center,
            bold: true,
        },
    ));
    if let Some(budget) = &source.budget {
        items.push((
            owner,
            Primitive::Text {
                pos: Point::new(center.x, center.y + 12.0 * scale),
                text: format!("{} {}", format_amount(budget.amount), budget.currency),
                size: 12.0 * scale,
                color: colors.ink_soft,
                align: Align::Center,
                bold: false,
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_team_name_takes_two_lines_instead_of_being_cut_even_in_large_type() {
        let width = Team::DEFAULT_SIZE.width - 2.0 * TEXT_PADDING;
        for (name, scale) in [
            ("Customer Support Tools and Services", 1.0),
            ("Customer Support Tools", 1.6),
            ("Security & Compliance", 1.6),
        ] {
            let (lines, size) = name_lines(name, width, scale);
            assert_eq!(lines.join(" "), name, "at {scale}×: {lines:?}");
            assert_eq!(lines.len(), 2, "at {scale}×: {lines:?}");
            assert!(size >= TEAM_TYPE_SIZE * scale);
            assert!(lines.iter().all(|l| text_width(l, size, true) <= width));
        }
        assert_eq!(name_lines("Checkout", width, 1.6).0, ["Checkout"]);
        // One word that does not fit is cut, as before.
        let (lines, _) = name_lines("Supercalifragilisticexpialidocious", width, 1.6);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with('…'));
    }
}
