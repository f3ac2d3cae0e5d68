//! A draw.io diagram (`.drawio`, or `.xml` as draw.io also saves) as a map: boxes with text become
//! teams, arrows between them dependencies, swimlanes and containers groups, placed where they sit
//! in the diagram. Our own export comes back exactly (its cells carry markers); other diagrams come
//! back as far as a box and an arrow can say, Team Topologies shapes with their model types
//! ([`TEAM_SHAPES`]).

mod adjustments;
mod cells;
mod groups;
mod label;
mod links;
mod nodes;
mod pages;
pub mod team_topologies;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use roxmltree::Node;

pub use team_topologies::TEAM_SHAPES;

use self::adjustments::Adjustments;
use self::cells::{Cells, quoted_id};
use self::groups::GroupDraft;
use self::links::{Ends, LinkDraft};
use self::nodes::{NodeDraft, NodeKind, TypeChoice, Vertex};
use super::{ImportError, Imported, Report};
use crate::model::limits::{MAX_FILE_BYTES, MAX_ID, MAX_MODEL_TYPES, MAX_NAME_CHARS};
use crate::model::{
    Color, Document, FundingSource, Id, Link, ModelType, ModelTypeId, Team, cut_for_message,
    name_key,
};
use crate::text::{format_count, plural};

/// The model type of a team nothing else types.
const DEFAULT_TYPE: &str = "Independent Team with Clear Impact";

/// Reads a draw.io file: an `<mxfile>` (its first page; the others are reported as skipped),
/// inline or compressed, or a bare `<mxGraphModel>`. `origin` names the file in the report and
/// in every message.
pub fn read(origin: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            origin: origin.to_owned(),
            bytes: size,
            max: MAX_FILE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|error| format_error(origin, format!("it is not UTF-8 text ({error})")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(format_error(origin, "the file is empty"));
    }
    let xml = pages::parse(origin, text, None)?;
    let mut report = Report::new(origin);
    let root = xml.root_element();
    match root.tag_name().name() {
        "mxGraphModel" => import_model(origin, &file_stem(origin), root, report),
        "mxfile" => {
            let page = pages::first_page(origin, root, &mut report)?;
            match page.content {
                pages::Content::Inline(model) => import_model(origin, &page.name, model, report),
                pages::Content::Compressed(packed) => {
                    let unpacked = pages::decompress(origin, &packed)?;
                    let inner = pages::parse(origin, &unpacked, Some("in the compressed page"))?;
                    let model = inner.root_element();
                    if !model.has_tag_name("mxGraphModel") {
                        return Err(not_a_diagram(origin, model));
                    }
                    import_model(origin, &page.name, model, report)
                }
            }
        }
        _ => Err(not_a_diagram(origin, root)),
    }
}

fn not_a_diagram(origin: &str, root: Node<'_, '_>) -> ImportError {
    format_error(
        origin,
        format!(
            "it is XML but not a draw.io diagram: it holds <{}>, not <mxfile> or <mxGraphModel>",
            cut_for_message(root.tag_name().name(), 40)
        ),
    )
}

/// The map a page's `<mxGraphModel>` draws, titled `title`.
fn import_model(
    origin: &str,
    title: &str,
    model: Node<'_, '_>,
    mut report: Report,
) -> Result<Imported, ImportError> {
    let cells = cells::collect(origin, model, &mut report)?;
    cells.check_parents(origin)?;
    let mut adjust = Adjustments::default();
    let (vertices, labels) = read_vertices(origin, &cells, &mut adjust, &mut report);
    let links = read_edges(
        origin,
        &cells,
        &vertices.nodes,
        labels,
        &mut adjust,
        &mut report,
    );
    let mut doc = Document::new(map_title(title, origin));
    let unplaced = insert(&mut doc, &cells, &vertices, &links, &mut report);
    if !unplaced.is_empty() {
        crate::layout::place(&mut doc, &unplaced);
        report.guess(format!(
            "{} without a position in the diagram placed by the layout",
            plural(unplaced.len(), "shape", "shapes")
        ));
    }
    adjust.write_to(&mut report);
    report.read(counts(&doc, title));
    if doc.teams.is_empty() && doc.sources.is_empty() {
        return Err(ImportError::Nothing {
            origin: origin.to_owned(),
            detail: format!(
                "no shape with text became a team ({} skipped)",
                format_count(report.skipped.len())
            ),
        });
    }
    doc.validate().map_err(|problems| ImportError::Invalid {
        origin: origin.to_owned(),
        problems,
    })?;
    Ok(Imported { doc, report })
}

/// The boxes that become teams, funding sources and groups.
#[derive(Default)]
struct Boxes {
    nodes: Vec<NodeDraft>,
    groups: Vec<GroupDraft>,
}

/// The boxes that become teams, funding sources and groups, and the text of labels inside arrows.
fn read_vertices(
    origin: &str,
    cells: &Cells<'_>,
    adjust: &mut Adjustments,
    report: &mut Report,
) -> (Boxes, HashMap<String, Vec<String>>) {
    let containers: HashSet<&str> = cells
        .list
        .iter()
        .filter(|cell| cell.vertex)
        .filter_map(|cell| cell.parent)
        .filter(|parent| cells.get(parent).is_some_and(|p| p.vertex))
        .collect();
    let mut boxes = Boxes::default();
    let mut labels: HashMap<String, Vec<String>> = HashMap::new();
    for cell in cells.list.iter().filter(|cell| cell.vertex) {
        if groups::is_group(cell.style) {
            match groups::read(cell, adjust) {
                Ok(group) => boxes.groups.push(group),
                Err(why) => report.skip(cell_place(origin, cell.id), why),
            }
            continue;
        }
        match nodes::read(cells, cell, &containers, adjust) {
            Vertex::Node(node) => boxes.nodes.push(node),
            Vertex::EdgeLabel { edge, text } => labels.entry(edge).or_default().push(text),
            Vertex::Skipped(why) => report.skip(cell_place(origin, cell.id), why),
        }
    }
    (boxes, labels)
}

fn read_edges(
    origin: &str,
    cells: &Cells<'_>,
    nodes: &[NodeDraft],
    labels: HashMap<String, Vec<String>>,
    adjust: &mut Adjustments,
    report: &mut Report,
) -> Vec<LinkDraft> {
    let mut ends = Ends {
        cells,
        nodes: nodes
            .iter()
            .map(|node| {
                let is_source = matches!(node.kind, NodeKind::Source { .. });
                (node.cell.as_str(), is_source)
            })
            .collect(),
        labels,
        seen: HashSet::new(),
    };
    let mut links = Vec::new();
    for cell in cells.list.iter().filter(|cell| cell.edge && !cell.vertex) {
        match links::read(cell, &mut ends, adjust) {
            Ok(link) => links.push(link),
            Err(why) => report.skip(cell_place(origin, cell.id), why),
        }
    }
    links
}

/// Puts the drafts into `doc` with their ids and model types; returns the items the layout
/// still has to place.
fn insert(
    doc: &mut Document,
    cells: &Cells<'_>,
    boxes: &Boxes,
    links: &[LinkDraft],
    report: &mut Report,
) -> BTreeSet<Id> {
    let nodes = &boxes.nodes;
    // The groups' ids come last, so a diagram without groups numbers its items as before.
    let wanted = nodes
        .iter()
        .map(|node| node.wanted_id)
        .chain(links.iter().map(|link| link.wanted_id))
        .chain(boxes.groups.iter().map(|group| group.wanted_id));
    let mut ids = assign_ids(wanted).into_iter();
    let mut by_cell: HashMap<&str, Id> = HashMap::new();
    let mut types = TypeCounts::default();
    let mut unplaced = BTreeSet::new();
    for (node, id) in nodes.iter().zip(ids.by_ref()) {
        by_cell.insert(node.cell.as_str(), id);
        if node.position.is_none() {
            unplaced.insert(id);
        }
        let position = node.position.unwrap_or_default();
        match &node.kind {
            NodeKind::Source { budget } => {
                let mut source = FundingSource::new(node.name.clone(), position);
                source.budget.clone_from(budget);
                doc.sources.insert(id, source);
            }
            NodeKind::Team {
                model_type,
                headcount,
                horizon,
                notes,
                size,
            } => {
                let model_type = types.resolve(doc, model_type, report);
                let mut team = Team::new(node.name.clone(), model_type, position);
                team.headcount = *headcount;
                team.horizon = *horizon;
                team.notes.clone_from(notes);
                team.size = *size;
                doc.teams.insert(id, team);
            }
        }
    }
    for (link, id) in links.iter().zip(ids.by_ref()) {
        // Both ends were checked against the boxes read (links::read), so none is missing here.
        let (Some(&from), Some(&to)) = (
            by_cell.get(link.from.as_str()),
            by_cell.get(link.to.as_str()),
        ) else {
            continue;
        };
        doc.links.insert(
            id,
            Link {
                kind: link.kind,
                from,
                to,
                label: link.label.clone(),
            },
        );
    }
    let group_ids: Vec<Id> = ids.collect();
    let node_ids: Vec<(&str, Id)> = nodes
        .iter()
        .filter_map(|node| Some((node.cell.as_str(), *by_cell.get(node.cell.as_str())?)))
        .collect();
    groups::insert(doc, cells, &boxes.groups, &group_ids, &node_ids, report);
    types.write_to(doc, report);
    unplaced
}

/// One id for each item, in order: the id it had in the map when that is still free (so a map
/// exported and imported again keeps its ids, and compares with the original), else a new one
/// above all of those.
fn assign_ids(wanted: impl Iterator<Item = Option<u64>> + Clone) -> Vec<Id> {
    // Kept ids stay below half the id space, so the new ones after them always fit.
    let keepable = |id: u64| (1..=MAX_ID / 2).contains(&id);
    let mut kept: HashSet<u64> = HashSet::new();
    let keep: Vec<Option<u64>> = wanted
        .map(|id| id.filter(|&id| keepable(id) && kept.insert(id)))
        .collect();
    let mut next = kept.iter().max().map_or(1, |max| max + 1);
    keep.into_iter()
        .map(|id| {
            Id(id.unwrap_or_else(|| {
                let id = next;
                next += 1;
                id
            }))
        })
        .collect()
}

/// How teams got their model types, for the report.
#[derive(Default)]
struct TypeCounts {
    /// Team Topologies shape name → (teams, model type).
    team_topologies: BTreeMap<&'static str, (usize, &'static str)>,
    unknown: usize,
    added: Vec<String>,
}

impl TypeCounts {
    fn resolve(
        &mut self,
        doc: &mut Document,
        choice: &TypeChoice,
        report: &mut Report,
    ) -> ModelTypeId {
        match choice {
            TypeChoice::Named { name, fill } => {
                if let Some(id) = type_named(doc, name) {
                    return id;
                }
                if let Some(id) = self.add_type(doc, name, *fill, report) {
                    return id;
                }
            }
            TypeChoice::TeamTopologies(shape) => {
                if let Some(id) = type_named(doc, shape.model_type) {
                    self.team_topologies
                        .entry(shape.name)
                        .or_insert((0, shape.model_type))
                        .0 += 1;
                    return id;
                }
            }
            TypeChoice::Unknown => {}
        }
        self.unknown += 1;
        type_named(doc, DEFAULT_TYPE)
            .or_else(|| doc.palette.first().map(|t| t.id))
            .unwrap_or(ModelTypeId(1))
    }

    /// A model type our export named that this map's palette lacks (the original map had its
    /// own), in the colour the box had.
    fn add_type(
        &mut self,
        doc: &mut Document,
        name: &str,
        fill: Option<Color>,
        report: &mut Report,
    ) -> Option<ModelTypeId> {
        if name.trim().is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return None;
        }
        if doc.palette.len() >= MAX_MODEL_TYPES {
            report.skip(
                format!("{}, model type {}", report.origin, quoted(name)),
                format!(
                    "the palette already has {MAX_MODEL_TYPES} model types; its teams took {DEFAULT_TYPE}"
                ),
            );
            return None;
        }
        let id = doc.next_model_type_id();
        doc.palette.push(ModelType {
            id,
            name: name.to_owned(),
            color: fill.unwrap_or(Color::rgb(0x94, 0xa3, 0xb8)),
            description: String::new(),
        });
        self.added.push(name.to_owned());
        Some(id)
    }

    fn write_to(&self, doc: &Document, report: &mut Report) {
        for (shape, (count, model_type)) in &self.team_topologies {
            report.guess(format!(
                "{} took {model_type}",
                plural(
                    *count,
                    &format!("Team Topologies {shape} shape"),
                    &format!("Team Topologies {shape} shapes")
                )
            ));
        }
        if self.unknown > 0 {
            let default = type_named(doc, DEFAULT_TYPE)
                .and_then(|id| doc.model_type(id))
                .map_or(DEFAULT_TYPE, |t| t.name.as_str());
            report.guess(format!(
                "{} without a known type took {default}",
                plural(self.unknown, "shape", "shapes")
            ));
        }
        for name in &self.added {
            report.guess(format!(
                "model type {} added to the palette (the diagram names it; it is not one of the defaults)",
                quoted(name)
            ));
        }
    }
}

fn type_named(doc: &Document, name: &str) -> Option<ModelTypeId> {
    let key = name_key(name);
    doc.palette
        .iter()
        .find(|t| name_key(&t.name) == key)
        .map(|t| t.id)
}

/// "12 teams, 2 funding sources and 30 links from page "Org"", with ", 3 groups" before the
/// links when there are groups.
fn counts(doc: &Document, page: &str) -> String {
    let groups = if doc.groups.is_empty() {
        String::new()
    } else {
        format!(", {}", plural(doc.groups.len(), "group", "groups"))
    };
    format!(
        "{}, {}{groups} and {} from page {}",
        plural(doc.teams.len(), "team", "teams"),
        plural(doc.sources.len(), "funding source", "funding sources"),
        plural(doc.links.len(), "link", "links"),
        quoted(page)
    )
}

/// The page's name as the map's title, made fit for one; the file's name when it has none.
fn map_title(page: &str, origin: &str) -> String {
    let mut title = label::one_line(page.trim());
    if title.is_empty() {
        title = file_stem(origin);
    }
    label::cut(&mut title, MAX_NAME_CHARS);
    title
}

fn file_stem(origin: &str) -> String {
    let stem = std::path::Path::new(origin)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = label::one_line(&stem);
    label::cut(&mut stem, MAX_NAME_CHARS);
    stem
}

fn format_error(origin: &str, detail: impl Into<String>) -> ImportError {
    ImportError::Format {
        origin: origin.to_owned(),
        detail: detail.into(),
    }
}

/// Where a cell is, for the report: "org.drawio, cell 7".
fn cell_place(origin: &str, id: &str) -> String {
    format!("{origin}, cell {}", quoted_id(id))
}

/// Text from the file inside a message: quoted, escaped and cut, so it cannot flood or forge lines.
fn quoted(text: &str) -> String {
    format!("{:?}", cut_for_message(text, 60))
}

#[cfg(test)]
mod tests;
