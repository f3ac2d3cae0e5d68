//! The cells of a page as draw.io stores them: boxes (vertices) and arrows (edges) under one
//! `<root>`, each with a style string, a parent and a geometry relative to that parent.

use std::collections::HashMap;

use roxmltree::Node;

use super::{cell_place, format_error, quoted};
use crate::import::{ImportError, Report};
use crate::model::cut_for_message;
use crate::model::limits::{MAX_GROUPS, MAX_LINKS, MAX_SOURCES, MAX_TEAMS};
use crate::text::format_count;

/// Deepest nesting of shapes in groups and containers that is followed. Real diagrams nest a
/// few levels; a deeper chain is a broken or hostile file.
pub(super) const MAX_DEPTH: usize = 100;

/// Most boxes a page may have: every team, funding source and group a map may hold, so a map at
/// the limits comes back from its own export.
const MAX_VERTICES: usize = MAX_TEAMS + MAX_SOURCES + MAX_GROUPS;

/// A cell's style: `name;key=value;…`, where a bare name (`text`, `ellipse`, `group`) names a
/// built-in style and keys draw.io does not know are kept as they are.
#[derive(Clone, Copy, Debug)]
pub(super) struct Style<'a>(pub &'a str);

impl<'a> Style<'a> {
    fn tokens(self) -> impl Iterator<Item = &'a str> {
        self.0.split(';').map(str::trim).filter(|t| !t.is_empty())
    }

    /// The value of `key`; the last one wins, as in draw.io.
    pub fn get(self, key: &str) -> Option<&'a str> {
        self.tokens()
            .filter_map(|token| token.split_once('='))
            .filter(|(k, _)| k.trim() == key)
            .map(|(_, value)| value.trim())
            .last()
    }

    pub fn has_name(self, name: &str) -> bool {
        self.tokens()
            .any(|token| !token.contains('=') && token == name)
    }

    /// Whether the shape is `shape`, named either way draw.io writes it (`ellipse;` or `shape=ellipse`).
    pub fn shape_is(self, shape: &str) -> bool {
        self.has_name(shape) || self.get("shape") == Some(shape)
    }

    pub fn is_on(self, key: &str) -> bool {
        self.get(key) == Some("1")
    }

    /// The fill colour, for comparing with a known one.
    pub fn fill_is(self, color: &str) -> bool {
        self.get("fillColor")
            .is_some_and(|fill| fill.eq_ignore_ascii_case(color))
    }
}

/// A geometry's numbers as written; read with [`number`].
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Geometry<'a> {
    pub x: Option<&'a str>,
    pub y: Option<&'a str>,
    pub width: Option<&'a str>,
    pub height: Option<&'a str>,
    /// x and y are fractions of the parent (edge labels); they give no position of their own.
    pub relative: bool,
}

/// One `<mxCell>`, or an `<object>`/`<UserObject>` with its cell inside: then the id, label and
/// tooltip are the wrapper's.
#[derive(Clone, Debug)]
pub(super) struct Cell<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub tooltip: &'a str,
    pub style: Style<'a>,
    pub vertex: bool,
    pub edge: bool,
    pub parent: Option<&'a str>,
    pub source: Option<&'a str>,
    pub target: Option<&'a str>,
    pub geometry: Option<Geometry<'a>>,
}

/// Every cell of a page in file order, found by id.
pub(super) struct Cells<'a> {
    pub list: Vec<Cell<'a>>,
    index: HashMap<&'a str, usize>,
}

/// The cells under the page's `<root>`. Elements that are not cells, cells without an id and
/// second cells with an id are skipped and reported; more boxes or arrows than a map may hold
/// refuse the file.
pub(super) fn collect<'a>(
    origin: &str,
    model: Node<'a, '_>,
    report: &mut Report,
) -> Result<Cells<'a>, ImportError> {
    let mut cells = Cells {
        list: Vec::new(),
        index: HashMap::new(),
    };
    let Some(root) = model.children().find(|node| node.has_tag_name("root")) else {
        return Err(ImportError::Nothing {
            origin: origin.to_owned(),
            detail: "its page has no cells (no <root> element)".to_owned(),
        });
    };
    let (mut vertices, mut edges) = (0_usize, 0_usize);
    for node in root.children().filter(Node::is_element) {
        // Found only for a report line: each lookup scans the text from its start.
        let line = || node.document().text_pos_at(node.range().start).row;
        let Some(cell) = read_cell(node) else {
            report.skip(
                format!("{origin}, line {}", line()),
                format!(
                    "a <{}> element, not a cell",
                    cut_for_message(node.tag_name().name(), 40)
                ),
            );
            continue;
        };
        if cell.id.is_empty() {
            report.skip(format!("{origin}, line {}", line()), "a cell without an id");
            continue;
        }
        if cells.index.contains_key(cell.id) {
            report.skip(
                cell_place(origin, cell.id),
                format!("a second cell with this id (line {})", line()),
            );
            continue;
        }
        vertices += usize::from(cell.vertex);
        edges += usize::from(cell.edge);
        if vertices > MAX_VERTICES {
            return Err(too_many(origin, "shapes", MAX_VERTICES));
        }
        if edges > MAX_LINKS {
            return Err(too_many(origin, "arrows", MAX_LINKS));
        }
        cells.index.insert(cell.id, cells.list.len());
        cells.list.push(cell);
    }
    Ok(cells)
}

fn too_many(origin: &str, what: &str, max: usize) -> ImportError {
    format_error(
        origin,
        format!(
            "its page has more than {} {what}, the most a map may hold",
            format_count(max)
        ),
    )
}

fn read_cell<'a>(node: Node<'a, '_>) -> Option<Cell<'a>> {
    let (wrapper, cell) = match node.tag_name().name() {
        "mxCell" => (None, node),
        "object" | "UserObject" => (
            Some(node),
            node.children().find(|child| child.has_tag_name("mxCell"))?,
        ),
        _ => return None,
    };
    let holder = wrapper.unwrap_or(cell);
    let geometry = cell
        .children()
        .find(|child| child.has_tag_name("mxGeometry"))
        .map(|geometry| Geometry {
            x: geometry.attribute("x"),
            y: geometry.attribute("y"),
            width: geometry.attribute("width"),
            height: geometry.attribute("height"),
            relative: geometry.attribute("relative") == Some("1"),
        });
    Some(Cell {
        id: holder.attribute("id").unwrap_or(""),
        label: match wrapper {
            Some(wrapper) => wrapper.attribute("label").unwrap_or(""),
            None => cell.attribute("value").unwrap_or(""),
        },
        tooltip: holder.attribute("tooltip").unwrap_or(""),
        style: Style(cell.attribute("style").unwrap_or("")),
        vertex: cell.attribute("vertex") == Some("1"),
        edge: cell.attribute("edge") == Some("1"),
        parent: cell.attribute("parent"),
        source: cell.attribute("source"),
        target: cell.attribute("target"),
        geometry,
    })
}

/// A side as written: `None` when missing, `Err` when not a number.
pub(super) fn number(text: Option<&str>) -> Option<Result<f32, ()>> {
    text.map(|text| text.trim().parse::<f32>().map_err(|_| ()))
}

/// A coordinate as written, in double precision as draw.io keeps it: a box inside a container
/// is placed by adding the containers' corners, and our export writes each offset so that the
/// sum in double precision is the map's position exactly.
pub(super) fn coordinate(text: Option<&str>) -> Option<Result<f64, ()>> {
    text.map(|text| text.trim().parse::<f64>().map_err(|_| ()))
}

impl<'a> Cells<'a> {
    pub fn get(&self, id: &str) -> Option<&Cell<'a>> {
        self.index.get(id).map(|&at| &self.list[at])
    }

    /// Refuses a page where some cell's parents go round in a circle or nest deeper than
    /// [`MAX_DEPTH`], naming the cell, so that every later walk up the parents ends. The depth of
    /// every cell checked is remembered, so this is linear in the number of cells.
    pub fn check_parents(&self, origin: &str) -> Result<(), ImportError> {
        // Cells from this one up to the top, this one included.
        let mut depths: HashMap<&str, usize> = HashMap::new();
        for cell in &self.list {
            let mut chain = vec![cell.id];
            let mut above = 0;
            let mut next = cell.parent;
            while let Some(id) = next {
                if let Some(&depth) = depths.get(id) {
                    above = depth;
                    break;
                }
                if let Some(start) = chain.iter().position(|&seen| seen == id) {
                    return Err(format_error(origin, circle(&chain[start..], id)));
                }
                let Some(parent) = self.get(id) else {
                    break;
                };
                chain.push(id);
                if chain.len() > MAX_DEPTH {
                    break;
                }
                next = parent.parent;
            }
            if chain.len() + above > MAX_DEPTH {
                return Err(format_error(
                    origin,
                    format!(
                        "cell {} is nested more than {MAX_DEPTH} levels deep; a diagram nests a few",
                        quoted_id(cell.id)
                    ),
                ));
            }
            for (index, id) in chain.iter().enumerate() {
                depths.insert(id, chain.len() - index + above);
            }
        }
        Ok(())
    }

    /// Where a cell's coordinates count from: draw.io stores a shape in a group or container
    /// relative to it, so the parents' positions add up. Call after [`Self::check_parents`].
    pub fn parent_offset(&self, cell: &Cell<'_>) -> (f64, f64) {
        let (mut x, mut y) = (0.0, 0.0);
        let mut next = cell.parent;
        for _ in 0..MAX_DEPTH {
            let Some(parent) = next.and_then(|id| self.get(id)) else {
                break;
            };
            if parent.vertex
                && let Some(geometry) = parent.geometry.filter(|g| !g.relative)
            {
                x += offset(geometry.x);
                y += offset(geometry.y);
            }
            next = parent.parent;
        }
        (x, y)
    }

    /// Whether `id` is an arrow (edge labels are boxes inside one).
    pub fn is_edge(&self, id: &str) -> bool {
        self.get(id).is_some_and(|cell| cell.edge)
    }
}

/// "cell a is inside itself: its parents go round in a circle (a → b → a)".
fn circle(path: &[&str], back_to: &str) -> String {
    const SHOWN: usize = 6;
    let mut steps: Vec<String> = path.iter().take(SHOWN).map(|id| quoted_id(id)).collect();
    if path.len() > SHOWN {
        steps.push("…".to_owned());
    }
    steps.push(quoted_id(back_to));
    format!(
        "cell {} is inside itself: its parents go round in a circle ({})",
        quoted_id(back_to),
        steps.join(" → ")
    )
}

/// A parent's coordinate; one that cannot be read counts as 0 (the child reports its own).
fn offset(text: Option<&str>) -> f64 {
    match coordinate(text) {
        Some(Ok(value)) if value.is_finite() => value,
        _ => 0.0,
    }
}

/// A cell id inside a message: as it is when short and plain, else quoted and cut.
pub(super) fn quoted_id(id: &str) -> String {
    if id.len() <= 40 && id.chars().all(|c| c.is_ascii_graphic()) {
        id.to_owned()
    } else {
        quoted(id)
    }
}
