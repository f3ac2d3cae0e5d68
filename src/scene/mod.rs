//! The document as drawing primitives in canvas coordinates: the one place that decides the look.
//! The canvas paints a scene and the exporters write one, so an export looks like the screen.

mod theme;

pub use theme::{Rgba, Theme};

use crate::model::{Document, FundingSource, Id, Link, LinkKind, Point, Rect, Team};

/// Horizontal placement of a text run relative to its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive {
    Rect {
        rect: Rect,
        corner_radius: f32,
        fill: Rgba,
        stroke: Option<(f32, Rgba)>,
    },
    /// A straight line, optionally dashed, optionally with an arrow head at `to`.
    Line {
        from: Point,
        to: Point,
        width: f32,
        color: Rgba,
        dashed: bool,
        arrow_head: bool,
    },
    /// One line of text; `pos` is the left or centre of its vertical middle.
    Text {
        pos: Point,
        text: String,
        size: f32,
        color: Rgba,
        align: Align,
        bold: bool,
    },
}

/// What a primitive belongs to, so the canvas can hit-test and label it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Item(Id),
    Legend,
    Title,
}

/// A drawn document: primitives in paint order, and the canvas area they cover.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    pub items: Vec<(Owner, Primitive)>,
    /// `None` for an empty document.
    pub bounds: Option<Rect>,
}

pub const TEAM_NAME_SIZE: f32 = 16.0;
pub const TEAM_TYPE_SIZE: f32 = 11.0;
const LINK_WIDTH: f32 = 1.75;
const LEGEND_WIDTH: f32 = 300.0;
const LEGEND_ROW: f32 = 22.0;

/// The rectangle a node (team or funding source) covers.
pub fn node_rect(doc: &Document, id: Id) -> Option<Rect> {
    doc.teams
        .get(&id)
        .map(|t| Rect::from_min_size(t.position, t.size))
        .or_else(|| {
            doc.sources
                .get(&id)
                .map(|s| Rect::from_min_size(s.position, FundingSource::SIZE))
        })
}

/// The visible ends of a link: from the edge of one node to the edge of the other.
pub fn link_ends(doc: &Document, link: &Link) -> Option<(Point, Point)> {
    let from = node_rect(doc, link.from)?;
    let to = node_rect(doc, link.to)?;
    Some((
        from.boundary_toward(to.center()),
        to.boundary_toward(from.center()),
    ))
}

/// The canvas area covered by teams and funding sources.
pub fn content_bounds(doc: &Document) -> Option<Rect> {
    doc.teams
        .keys()
        .chain(doc.sources.keys())
        .filter_map(|id| node_rect(doc, *id))
        .reduce(Rect::union)
}

/// Options that change the picture but not the document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SceneOptions {
    pub theme: Theme,
    pub legend: bool,
    pub title: bool,
}

impl Default for SceneOptions {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            legend: true,
            title: true,
        }
    }
}

/// Draws the whole document.
pub fn build(doc: &Document, options: SceneOptions) -> Scene {
    let colors = options.theme.colors();
    let mut items = Vec::new();
    let bounds = content_bounds(doc);

    for (id, link) in &doc.links {
        push_link(&mut items, doc, *id, link, &colors);
    }
    for (id, source) in &doc.sources {
        push_source(&mut items, *id, source, &colors);
    }
    for (id, team) in &doc.teams {
        push_team(&mut items, doc, *id, team, &colors);
    }
    let mut covered = bounds;
    if let Some(content) = bounds {
        if options.title && !doc.title.is_empty() {
            let pos = Point::new(content.min.x, content.min.y - 44.0);
            items.push((
                Owner::Title,
                Primitive::Text {
                    pos,
                    text: doc.title.clone(),
                    size: 26.0,
                    color: colors.ink,
                    align: Align::Left,
                    bold: true,
                },
            ));
            covered = covered.map(|c| {
                c.union(Rect {
                    min: Point::new(pos.x, pos.y - 18.0),
                    max: pos,
                })
            });
        }
        if options.legend {
            let legend = push_legend(
                &mut items,
                doc,
                Point::new(content.max.x + 60.0, content.min.y),
                &colors,
            );
            covered = covered.map(|c| c.union(legend));
        }
    }
    Scene {
        items,
        bounds: covered,
    }
}

fn push_team(
    items: &mut Vec<(Owner, Primitive)>,
    doc: &Document,
    id: Id,
    team: &Team,
    colors: &theme::Colors,
) {
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
    let name_chars = max_chars(rect.width() - 16.0, TEAM_NAME_SIZE);
    items.push((
        owner,
        Primitive::Text {
            pos: Point::new(center.x, center.y - 9.0),
            text: fit(&team.name, name_chars),
            size: TEAM_NAME_SIZE,
            color: text,
            align: Align::Center,
            bold: true,
        },
    ));
    let mut detail = model_type.map_or_else(|| "Unknown type".to_owned(), |t| t.name.clone());
    if team.headcount > 0 {
        detail = format!("{detail} · {}", team.headcount);
    }
    items.push((
        owner,
        Primitive::Text {
            pos: Point::new(center.x, center.y + 13.0),
            text: fit(&detail, max_chars(rect.width() - 16.0, TEAM_TYPE_SIZE)),
            size: TEAM_TYPE_SIZE,
            color: text.with_alpha(220),
            align: Align::Center,
            bold: false,
        },
    ));
}

fn push_source(
    items: &mut Vec<(Owner, Primitive)>,
    id: Id,
    source: &FundingSource,
    colors: &theme::Colors,
) {
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
    items.push((
        owner,
        Primitive::Text {
            pos: Point::new(center.x, if has_budget { center.y - 8.0 } else { center.y }),
            text: fit(&source.name, max_chars(rect.width() - 28.0, 15.0)),
            size: 15.0,
            color: colors.ink,
            align: Align::Center,
            bold: true,
        },
    ));
    if let Some(budget) = &source.budget {
        items.push((
            owner,
            Primitive::Text {
                pos: Point::new(center.x, center.y + 12.0),
                text: format!("{} {}", format_amount(budget.amount), budget.currency),
                size: 12.0,
                color: colors.ink_soft,
                align: Align::Center,
                bold: false,
            },
        ));
    }
}

fn push_link(
    items: &mut Vec<(Owner, Primitive)>,
    doc: &Document,
    id: Id,
    link: &Link,
    colors: &theme::Colors,
) {
    let Some((from, to)) = link_ends(doc, link) else {
        return;
    };
    let owner = Owner::Item(id);
    let (color, dashed) = match link.kind {
        LinkKind::Dependency => (colors.dependency, false),
        LinkKind::Funding { .. } => (colors.funding, true),
    };
    items.push((
        owner,
        Primitive::Line {
            from,
            to,
            width: LINK_WIDTH,
            color,
            dashed,
            arrow_head: true,
        },
    ));
    let caption = match link.kind {
        LinkKind::Funding { allocation_percent } if link.label.is_empty() => {
            format_percent(allocation_percent)
        }
        LinkKind::Funding { allocation_percent } => {
            format!("{} · {}", format_percent(allocation_percent), link.label)
        }
        LinkKind::Dependency => link.label.clone(),
    };
    if !caption.is_empty() {
        let mid = Point::new((from.x + to.x) / 2.0, (from.y + to.y) / 2.0);
        let chars = caption.chars().count().min(40);
        let half_w = approx_text_width(chars, 12.0) / 2.0 + 6.0;
        items.push((
            owner,
            Primitive::Rect {
                rect: Rect {
                    min: mid.offset(-half_w, -10.0),
                    max: mid.offset(half_w, 10.0),
                },
                corner_radius: 10.0,
                fill: colors.background,
                stroke: Some((1.0, color)),
            },
        ));
        items.push((
            owner,
            Primitive::Text {
                pos: mid,
                text: fit(&caption, 40),
                size: 12.0,
                color,
                align: Align::Center,
                bold: link.kind.is_funding(),
            },
        ));
    }
}

/// The legend box: each model type with its colour and team count. Returns the area it covers.
fn push_legend(
    items: &mut Vec<(Owner, Primitive)>,
    doc: &Document,
    top_left: Point,
    colors: &theme::Colors,
) -> Rect {
    let rows = doc.palette.len() + 2;
    let rect = Rect::from_min_size(
        top_left,
        crate::model::Size::new(LEGEND_WIDTH, 40.0 + LEGEND_ROW * rows as f32),
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
    let x = top_left.x + 14.0;
    let mut y = top_left.y + 22.0;
    items.push((
        Owner::Legend,
        Primitive::Text {
            pos: Point::new(x, y),
            text: "Model types".to_owned(),
            size: 14.0,
            color: colors.ink,
            align: Align::Left,
            bold: true,
        },
    ));
    y += LEGEND_ROW + 4.0;
    for model_type in &doc.palette {
        let count = doc.teams_of_type(model_type.id).count();
        items.push((
            Owner::Legend,
            Primitive::Rect {
                rect: Rect {
                    min: Point::new(x, y - 7.0),
                    max: Point::new(x + 14.0, y + 7.0),
                },
                corner_radius: 3.0,
                fill: Rgba::from(model_type.color),
                stroke: None,
            },
        ));
        items.push((
            Owner::Legend,
            Primitive::Text {
                pos: Point::new(x + 22.0, y),
                text: format!("{} ({count})", fit(&model_type.name, 34)),
                size: 12.5,
                color: colors.ink,
                align: Align::Left,
                bold: false,
            },
        ));
        y += LEGEND_ROW;
    }
    for (label, color, dashed) in [
        ("depends on", colors.dependency, false),
        ("funds (share of budget)", colors.funding, true),
    ] {
        items.push((
            Owner::Legend,
            Primitive::Line {
                from: Point::new(x, y),
                to: Point::new(x + 22.0, y),
                width: LINK_WIDTH,
                color,
                dashed,
                arrow_head: true,
            },
        ));
        items.push((
            Owner::Legend,
            Primitive::Text {
                pos: Point::new(x + 30.0, y),
                text: label.to_owned(),
                size: 12.5,
                color: colors.ink_soft,
                align: Align::Left,
                bold: false,
            },
        ));
        y += LEGEND_ROW;
    }
    rect
}

/// A rough width for `chars` characters of UI text; good enough to decide where to cut.
pub fn approx_text_width(chars: usize, size: f32) -> f32 {
    chars as f32 * size * 0.52
}

fn max_chars(width: f32, size: f32) -> usize {
    ((width / (size * 0.52)).floor().max(1.0)) as usize
}

/// Cuts `text` to at most `max` characters, ending in "…" when cut.
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// "40 %", "12.5 %": no trailing zeros.
pub fn format_percent(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} %")
    } else {
        format!("{rounded:.1} %")
    }
}

/// "2.5M", "750k", "1,200": budget amounts at a glance.
pub fn format_amount(amount: f64) -> String {
    let trim = |v: f64| {
        let s = format!("{v:.1}");
        s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
    };
    if amount >= 1e9 {
        format!("{}B", trim(amount / 1e9))
    } else if amount >= 1e6 {
        format!("{}M", trim(amount / 1e6))
    } else if amount >= 1e4 {
        format!("{}k", trim(amount / 1e3))
    } else {
        format!("{amount:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_and_amount_formats_read_naturally() {
        assert_eq!(format_percent(40.0), "40 %");
        assert_eq!(format_percent(12.5), "12.5 %");
        assert_eq!(format_amount(2_500_000.0), "2.5M");
        assert_eq!(format_amount(750_000.0), "750k");
        assert_eq!(format_amount(1_200.0), "1200");
    }

    #[test]
    fn fit_cuts_long_text_with_an_ellipsis() {
        assert_eq!(fit("Payments", 20), "Payments");
        assert_eq!(fit("Payments platform", 8), "Payment…");
    }

    #[test]
    fn link_ends_sit_on_node_edges() {
        let mut doc = Document::new("t");
        let a = Team::new("A", crate::model::ModelTypeId(1), Point::new(0.0, 0.0));
        let b = Team::new("B", crate::model::ModelTypeId(1), Point::new(400.0, 0.0));
        doc.teams.insert(Id(1), a);
        doc.teams.insert(Id(2), b);
        let (from, to) = link_ends(&doc, &Link::dependency(Id(1), Id(2))).expect("both ends exist");
        assert_eq!(from, Point::new(180.0, 36.0));
        assert_eq!(to, Point::new(400.0, 36.0));
    }
}
