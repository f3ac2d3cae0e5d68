//! The legend: each model type with its colour and team count, and the two kinds of link.

use super::theme::Colors;
use super::{Align, LINK_WIDTH, Owner, Primitive, Rgba, fit_width, text_width};
use crate::model::{Document, Point, Rect};

const ROW: f32 = 22.0;
const HEADING_SIZE: f32 = 14.0;
const ROW_SIZE: f32 = 12.5;
const PADDING: f32 = 14.0;
/// Where a row's text starts, after its swatch.
const SWATCH_TEXT_X: f32 = 22.0;
const LINE_TEXT_X: f32 = 30.0;
const MIN_WIDTH: f32 = 200.0;
const MAX_TEXT_WIDTH: f32 = 320.0;

/// Draws the legend with its top-left corner at `top_left`. Returns the area it covers.
pub(super) fn push_legend(
    items: &mut Vec<(Owner, Primitive)>,
    doc: &Document,
    top_left: Point,
    colors: &Colors,
) -> Rect {
    let type_rows: Vec<(String, Rgba)> = doc
        .palette
        .iter()
        .map(|model_type| {
            let count = doc.teams_of_type(model_type.id).count();
            let suffix = format!(" ({count})");
            let name_width = MAX_TEXT_WIDTH - text_width(&suffix, ROW_SIZE, false);
            let name = fit_width(&model_type.name, ROW_SIZE, false, name_width);
            (name + &suffix, Rgba::from(model_type.color))
        })
        .collect();
    let link_rows = [
        ("depends on", colors.dependency, false),
        ("funds (share of budget)", colors.funding, true),
    ];
    let widest = type_rows
        .iter()
        .map(|(text, _)| SWATCH_TEXT_X + text_width(text, ROW_SIZE, false))
        .chain(
            link_rows
                .iter()
                .map(|(text, ..)| LINE_TEXT_X + text_width(text, ROW_SIZE, false)),
        )
        .fold(0.0, f32::max);
    let width = (widest + 2.0 * PADDING).ceil().max(MIN_WIDTH);
    let rows = type_rows.len() + link_rows.len();
    let rect = Rect::from_min_size(
        top_left,
        crate::model::Size::new(width, 40.0 + ROW * rows as f32),
    );
    items.push((
        Owner::Legend,
        Primitive::Rect {
            rect,
            corner_radius: 8.0,
            fill: colors.panel,
            stroke: Some((1.0, colors.node_stroke)),
        },
    ));
    let x = top_left.x + PADDING;
    let mut y = top_left.y + 22.0;
    items.push((
        Owner::Legend,
        Primitive::Text {
            pos: Point::new(x, y),
            text: "Model types".to_owned(),
            size: HEADING_SIZE,
            color: colors.ink,
            align: Align::Left,
            bold: true,
        },
    ));
    y += ROW + 4.0;
    for (text, color) in type_rows {
        items.push((
            Owner::Legend,
            Primitive::Rect {
                rect: Rect {
                    min: Point::new(x, y - 7.0),
                    max: Point::new(x + 14.0, y + 7.0),
                },
                corner_radius: 3.0,
                fill: color,
                stroke: None,
            },
        ));
        items.push((
            Owner::Legend,
            Primitive::Text {
                pos: Point::new(x + SWATCH_TEXT_X, y),
                text,
                size: ROW_SIZE,
                color: colors.ink,
                align: Align::Left,
                bold: false,
            },
        ));
        y += ROW;
    }
    for (label, color, dashed) in link_rows {
        items.push((
            Owner::Legend,
            Primitive::Line {
                points: vec![Point::new(x, y), Point::new(x + 22.0, y)],
                width: LINK_WIDTH,
                color,
                dashed,
                arrow_head: true,
            },
        ));
        items.push((
            Owner::Legend,
            Primitive::Text {
                pos: Point::new(x + LINE_TEXT_X, y),
                text: label.to_owned(),
                size: ROW_SIZE,
                color: colors.ink_soft,
                align: Align::Left,
                bold: false,
            },
        ));
        y += ROW;
    }
    rect
}
