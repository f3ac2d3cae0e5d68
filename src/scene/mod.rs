//! The document as drawing primitives in canvas coordinates: the one place that decides the look.
//! The canvas paints a scene and the exporters write one, so an export looks like the screen.

mod boxes;
pub mod collapse;
pub mod font;
mod grid;
pub mod groups;
pub mod hit;
mod legend;
mod moved;
mod placement;
pub mod raster;
pub mod route;
pub mod spatial;
mod theme;

pub use font::{fit_width, text_width};
pub use hit::{Hit, hit_test, nodes_inside};
pub use moved::{DragJob, DragRoutes, MovedScene};
pub use route::Routes;
pub use spatial::SpatialIndex;
pub use theme::{Colors, Rgba, Theme};

use crate::model::{Document, Id, Link, LinkKind, Point, Rect};

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
    /// A line through `points` (at least two), optionally dashed, optionally with an arrow head
    /// at the last point.
    Line {
        points: Vec<Point>,
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

/// The lines among `items` drawn for an item (a link's route), with the item's id.
pub fn item_lines(items: &[(Owner, Primitive)]) -> impl Iterator<Item = (Id, &[Point])> {
    items
        .iter()
        .filter_map(|(owner, primitive)| match (owner, primitive) {
            (Owner::Item(id), Primitive::Line { points, .. }) => Some((*id, points.as_slice())),
            _ => None,
        })
}

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

/// Draws the whole document, its links routed around the boxes.
pub fn build(doc: &Document, options: SceneOptions) -> Scene {
    build_routed(doc, &Routes::of(doc), options)
}

/// Draws the whole document with links along `routes` (kept per revision by the app); a link
/// without a route is drawn straight.
pub fn build_routed(doc: &Document, routes: &Routes, options: SceneOptions) -> Scene {
    build_part(doc, routes, options, &|_| true)
}

/// Like [`build_routed`], drawing only the boxes `drawn` accepts: the others still keep link
/// captions off them. A drag's moved part draws its own boxes and the links at them this way,
/// not the boxes at the links' other ends.
pub fn build_part(
    doc: &Document,
    routes: &Routes,
    options: SceneOptions,
    drawn: &dyn Fn(Id) -> bool,
) -> Scene {
    // The legend counts the map's own model types; everything else is drawn as shown, with
    // collapsed groups as one box each.
    let legend_doc = doc;
    let shown = collapse::shown(doc);
    let doc = &*shown;
    let colors = options.theme.colors();
    let style = Style {
        colors,
        scale: options.text_scale,
    };
    let mut items = Vec::new();
    // Group frames go first, behind everything; the map's title goes above them too.
    let frames = groups::frames(doc, &|id| doc.node_rect(id));
    let framed = groups::push_frames(&mut items, doc, &frames, &colors, options.text_scale);
    let bounds = match (doc.nodes_bounds(), framed) {
        (Some(nodes), Some(framed)) => Some(nodes.union(framed)),
        (nodes, framed) => nodes.or(framed),
    };

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
        let path = routes
            .drawn(*id)
            .or_else(|| link_ends(doc, link).map(|(a, b)| vec![a, b]));
        if let Some(path) = path {
            push_link(link_items, &mut obstacles, path, (*id, link), &style);
        }
    }
    for (id, source) in doc.sources.iter().filter(|(id, _)| drawn(**id)) {
        boxes::push_source(&mut items, *id, source, &style);
    }
    for (id, team) in doc.teams.iter().filter(|(id, _)| drawn(**id)) {
        boxes::push_team(&mut items, doc, *id, team, &style);
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
                legend_doc,
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

/// Where a link's primitives go: its line below the nodes, its caption above them.
struct LinkItems<'a> {
    lines: &'a mut Vec<(Owner, Primitive)>,
    captions: &'a mut Vec<(Owner, Primitive)>,
}

fn push_link(
    out: LinkItems<'_>,
    obstacles: &mut placement::Obstacles,
    path: Vec<Point>,
    (id, link): (Id, &Link),
    style: &Style,
) {
    let (colors, scale) = (&style.colors, style.scale);
    // The caption sits on the longest stretch of the route.
    let (from, to) = path
        .windows(2)
        .map(|w| (w[0], w[1]))
        .max_by(|a, b| length(*a).total_cmp(&length(*b)))
        .unwrap_or((path[0], path[0]));
    let owner = Owner::Item(id);
    let (color, dashed) = match link.kind {
        LinkKind::Dependency => (colors.dependency, false),
        LinkKind::Funding { .. } => (colors.funding, true),
    };
    out.lines.push((
        owner,
        Primitive::Line {
            points: path,
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
        let visible_length = length((from, to));
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

fn length((a, b): (Point, Point)) -> f32 {
    (b.x - a.x).hypot(b.y - a.y)
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
    use crate::model::Team;

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
