//! The document as drawing primitives in canvas coordinates: the one place that decides the look.
//! The canvas paints a scene and the exporters write one, so an export looks like the screen.

pub mod font;
mod grid;
pub mod hit;
mod legend;
mod moved;
mod placement;
pub mod raster;
pub mod spatial;
mod theme;

pub use font::{fit_width, text_width};
pub use hit::{Hit, hit_test, nodes_inside};
pub use moved::MovedScene;
pub use spatial::SpatialIndex;
pub use theme::{Colors, Rgba, Theme};

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
/// Long team names shrink down to this size before they are cut.
pub const TEAM_NAME_MIN_SIZE: f32 = 12.5;
pub const TEAM_TYPE_SIZE: f32 = 11.0;
pub const TITLE_SIZE: f32 = 26.0;
/// A title may always be this wide, however narrow the map, in canvas units.
pub const TITLE_MIN_WIDTH: f32 = 600.0;
const LINK_WIDTH: f32 = 1.75;
const LINK_CAPTION_SIZE: f32 = 12.0;
const LINK_CAPTION_MIN_WIDTH: f32 = 48.0;
const LINK_CAPTION_MAX_WIDTH: f32 = 320.0;
/// Space between a box's edge and its text.
const TEXT_PADDING: f32 = 10.0;

/// The visible ends of a link: from the edge of one node to the edge of the other.
pub fn link_ends(doc: &Document, link: &Link) -> Option<(Point, Point)> {
    let from = doc.node_rect(link.from)?;
    let to = doc.node_rect(link.to)?;
    Some((
        from.boundary_toward(to.center()),
        to.boundary_toward(from.center()),
    ))
}

/// Options that change the picture but not the document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SceneOptions {
    pub theme: Theme,
    pub legend: bool,
    pub title: bool,
    /// Text on teams, funding sources and links at this multiple of its usual size (present mode
    /// makes it readable from the back of a room); 1 elsewhere.
    pub text_scale: f32,
}

impl Default for SceneOptions {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            legend: true,
            title: true,
            text_scale: 1.0,
        }
    }
}

/// Draws the whole document.
pub fn build(doc: &Document, options: SceneOptions) -> Scene {
    let colors = options.theme.colors();
    let style = Style {
        colors,
        scale: options.text_scale,
    };
    let mut items = Vec::new();
    let bounds = doc.nodes_bounds();

    // Link captions go above the nodes, so a short link's label is never hidden under a box.
    let mut captions = Vec::new();
    let mut obstacles = placement::Obstacles::new(
        doc.teams
            .keys()
            .chain(doc.sources.keys())
            .filter_map(|id| doc.node_rect(*id)),
    );
    for (id, link) in &doc.links {
        let link_items = LinkItems {
            lines: &mut items,
            captions: &mut captions,
        };
        push_link(link_items, &mut obstacles, doc, (*id, link), &style);
    }
    for (id, source) in &doc.sources {
        push_source(&mut items, *id, source, &style);
    }
    for (id, team) in &doc.teams {
        push_team(&mut items, doc, *id, team, &style);
    }
    items.append(&mut captions);
    let mut covered = bounds;
    if let Some(content) = bounds {
        if options.title && !doc.title.is_empty() {
            let pos = Point::new(content.min.x, content.min.y - 44.0);
            // A long title is cut to the map's width, so it never stretches the picture into a
            // wide strip with the map in a corner.
            let room = content.width().max(TITLE_MIN_WIDTH);
            let title = fit_width(&doc.title, TITLE_SIZE, true, room);
            let width = text_width(&title, TITLE_SIZE, true);
            items.push((
                Owner::Title,
                Primitive::Text {
                    pos,
                    text: title,
                    size: TITLE_SIZE,
                    color: colors.ink,
                    align: Align::Left,
                    bold: true,
                },
            ));
            let half_height = TITLE_SIZE * 0.6;
            covered = covered.map(|c| {
                c.union(Rect {
                    min: pos.offset(0.0, -half_height),
                    max: pos.offset(width, half_height),
                })
            });
        }
        if options.legend {
            let legend = legend::push_legend(
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

/// The colours, and how large text is.
struct Style {
    colors: theme::Colors,
    scale: f32,
}

fn push_team(
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
fn name_lines(name: &str, width: f32, scale: f32) -> (Vec<String>, f32) {
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

fn push_source(items: &mut Vec<(Owner, Primitive)>, id: Id, source: &FundingSource, style: &Style) {
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

/// Where a link's primitives go: its line below the nodes, its caption above them.
struct LinkItems<'a> {
    lines: &'a mut Vec<(Owner, Primitive)>,
    captions: &'a mut Vec<(Owner, Primitive)>,
}

fn push_link(
    out: LinkItems<'_>,
    obstacles: &mut placement::Obstacles,
    doc: &Document,
    (id, link): (Id, &Link),
    style: &Style,
) {
    let (colors, scale) = (&style.colors, style.scale);
    let Some((from, to)) = link_ends(doc, link) else {
        return;
    };
    let owner = Owner::Item(id);
    let (color, dashed) = match link.kind {
        LinkKind::Dependency => (colors.dependency, false),
        LinkKind::Funding { .. } => (colors.funding, true),
    };
    out.lines.push((
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
        let bold = link.kind.is_funding();
        // As wide as the visible part of the link allows, leaving room for the arrow head.
        let visible_length = (to.x - from.x).hypot(to.y - from.y);
        let max_width =
            (visible_length - 40.0).clamp(LINK_CAPTION_MIN_WIDTH, LINK_CAPTION_MAX_WIDTH);
        let caption_size = LINK_CAPTION_SIZE * scale;
        let half_h = 10.0 * scale;
        let caption = fit_width(&caption, caption_size, bold, max_width);
        let half_w = text_width(&caption, caption_size, bold) / 2.0 + 8.0;
        let mid = obstacles.caption_center(from, to, half_w, half_h);
        out.captions.push((
            owner,
            Primitive::Rect {
                rect: Rect {
                    min: mid.offset(-half_w, -half_h),
                    max: mid.offset(half_w, half_h),
                },
                corner_radius: half_h,
                fill: colors.background,
                stroke: Some((1.0, color)),
            },
        ));
        out.captions.push((
            owner,
            Primitive::Text {
                pos: mid,
                text: caption,
                size: caption_size,
                color,
                align: Align::Center,
                bold,
            },
        ));
    }
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

// Kept under their old names for ui/; new code calls `crate::text` directly.
pub use crate::text::{format_amount_short as format_amount, format_percent};

#[cfg(test)]
mod tests {
    use super::*;

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
