//! The map as a draw.io diagram (`.drawio`): one rounded box per team in its model type's colour,
//! a box per funding source, each group a container holding its members and nested groups, the
//! links as arrows with their captions, everything where it sits on the canvas. Uncompressed XML,
//! which draw.io (and diagrams.net) open as they are.
//!
//! Every cell also carries [`marker`] keys in its style, and a team's notes are its tooltip, so
//! the draw.io import ([`crate::import::drawio`]) reads the map back exactly, even after the
//! diagram was edited in draw.io: draw.io keeps style keys it does not know.

mod groups;

use std::fmt::Write as _;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use super::graph_text::{link_caption, node_key, source_detail, team_color, team_detail};
use crate::model::{Document, FundingSource, LinkKind, Point, Size, Team};

/// The style keys and values that say what a cell was in the map.
pub(crate) mod marker {
    /// `teamscape=team`, `source`, `group`, `dependency` or `funding`.
    pub const KIND: &str = "teamscape";
    pub const TEAM: &str = "team";
    pub const SOURCE: &str = "source";
    pub const GROUP: &str = "group";
    pub const DEPENDENCY: &str = "dependency";
    pub const FUNDING: &str = "funding";
    /// A group's kind: one of the words of [`GroupKind::key`](crate::model::GroupKind::key).
    pub const GROUP_KIND: &str = "groupKind";
    /// The user's own kind's label, percent-encoded, with `groupKind=other`.
    pub const GROUP_KIND_LABEL: &str = "groupKindLabel";
    /// `ownColor=1`: the group has a colour of its own (`strokeColor`), even one that is its
    /// kind's; without it, a stroke in the kind's colour means "the kind's colour".
    pub const OWN_COLOR: &str = "ownColor";
    /// `groupCollapsed=1`: the group is collapsed on the canvas. The diagram draws it open, since
    /// a draw.io user expects to see what a container holds.
    pub const COLLAPSED: &str = "groupCollapsed";
    /// The model type's name, percent-encoded.
    pub const MODEL_TYPE: &str = "modelType";
    pub const HEADCOUNT: &str = "headcount";
    /// One of the words of [`Horizon::key`](crate::model::Horizon::key).
    pub const HORIZON: &str = "horizon";
    pub const BUDGET: &str = "budget";
    /// Percent-encoded.
    pub const CURRENCY: &str = "currency";
    /// A funding link's allocation, exactly (the caption rounds it).
    pub const PERCENT: &str = "percent";
}

/// What a style value may not hold as it is: `;` and `=` end a key or value, `%` starts an
/// escape, and the XML markup characters would break the attribute.
const STYLE_VALUE: &AsciiSet = &CONTROLS
    .add(b';')
    .add(b'=')
    .add(b'%')
    .add(b'"')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'&');

/// Text as a style value: percent-encoded, so any name survives draw.io's style parser.
pub(crate) fn style_value(text: &str) -> String {
    utf8_percent_encode(text, STYLE_VALUE).to_string()
}

/// Text in an XML attribute, as the SVG writer escapes it, with a line break as `&#xa;` and a tab
/// as `&#x9;`: written as they are, an XML reader would turn both into spaces.
fn attribute(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.split('\t')
                .map(super::svg::escape)
                .collect::<Vec<_>>()
                .join("&#x9;")
        })
        .collect::<Vec<_>>()
        .join("&#xa;")
}

/// The diagram. Labels are plain text (`html=0`), so a name is never read as markup.
pub fn drawio(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<mxfile host=\"Teamscape\">\n");
    let _ = writeln!(
        out,
        "  <diagram id=\"teamscape\" name=\"{}\">",
        attribute(if doc.title.is_empty() {
            "Map"
        } else {
            &doc.title
        })
    );
    out.push_str("    <mxGraphModel grid=\"1\" gridSize=\"20\" guides=\"1\" tooltips=\"1\" connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" math=\"0\" shadow=\"0\">\n");
    out.push_str(
        "      <root>\n        <mxCell id=\"0\"/>\n        <mxCell id=\"1\" parent=\"0\"/>\n",
    );
    // Containers first: draw.io reads a cell's parent before the cell.
    let containers = groups::write_containers(&mut out, doc);
    for (id, source) in &doc.sources {
        let label = match source_detail(source) {
            Some(detail) => format!("{}\n{detail}", source.name),
            None => source.name.clone(),
        };
        let mut style = format!(
            "rounded=1;arcSize=50;whiteSpace=wrap;html=0;fillColor=#fef3c7;strokeColor=#b45309;fontColor=#1f2937;fontStyle=1;{}={};",
            marker::KIND,
            marker::SOURCE
        );
        if let Some(budget) = &source.budget {
            let _ = write!(
                style,
                "{}={};{}={};",
                marker::BUDGET,
                budget.amount,
                marker::CURRENCY,
                style_value(&budget.currency)
            );
        }
        let cell = Vertex {
            id: &node_key(doc, *id),
            label: &label,
            tooltip: "",
            style: &style,
        };
        let place = containers.place_of(*id);
        cell.write(&mut out, &place, source.position, FundingSource::SIZE);
    }
    for (id, team) in &doc.teams {
        let label = format!("{}\n{}", team.name, team_detail(doc, team));
        let cell = Vertex {
            id: &node_key(doc, *id),
            label: &label,
            tooltip: &team.notes,
            style: &team_style(doc, team),
        };
        let place = containers.place_of(*id);
        cell.write(&mut out, &place, team.position, team.size);
    }
    for (id, link) in &doc.links {
        let style = match link.kind {
            LinkKind::Funding { allocation_percent } => format!(
                "endArrow=block;html=0;dashed=1;strokeColor=#b45309;fontColor=#b45309;{}={};{}={allocation_percent};",
                marker::KIND,
                marker::FUNDING,
                marker::PERCENT
            ),
            LinkKind::Dependency => format!(
                "endArrow=block;html=0;strokeColor=#475569;{}={};",
                marker::KIND,
                marker::DEPENDENCY
            ),
        };
        let _ = writeln!(
            out,
            "        <mxCell id=\"l{}\" value=\"{}\" style=\"{style}\" edge=\"1\" parent=\"1\" source=\"{}\" target=\"{}\">\n          <mxGeometry relative=\"1\" as=\"geometry\"/>\n        </mxCell>",
            id.0,
            attribute(&link_caption(link.kind, &link.label)),
            node_key(doc, link.from),
            node_key(doc, link.to),
        );
    }
    out.push_str("      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
    out
}

/// A team's box in its model type's colour, with what the label cannot hold exactly as markers.
fn team_style(doc: &Document, team: &Team) -> String {
    let (fill, text) = team_color(doc, team);
    let mut style = format!(
        "rounded=1;whiteSpace=wrap;html=0;fillColor={fill};strokeColor={fill};fontColor={text};{}={};",
        marker::KIND,
        marker::TEAM
    );
    if let Some(model_type) = doc.model_type(team.model_type) {
        let _ = write!(
            style,
            "{}={};",
            marker::MODEL_TYPE,
            style_value(&model_type.name)
        );
    }
    if team.headcount > 0 {
        let _ = write!(style, "{}={};", marker::HEADCOUNT, team.headcount);
    }
    if let Some(horizon) = team.horizon {
        let _ = write!(style, "{}={};", marker::HORIZON, horizon.key());
    }
    style
}

/// Where a cell sits: on the page (`1`, the default layer), or in a container, where draw.io
/// counts a cell's geometry from the container's corner.
pub(super) struct Place {
    parent: String,
    corner: Option<Point>,
}

impl Place {
    const PAGE: &'static str = "1";

    fn page() -> Self {
        Self {
            parent: Self::PAGE.to_owned(),
            corner: None,
        }
    }

    /// `position` as the geometry's x and y: on the page as stored, in a container the
    /// difference from the corner. Both are worked out and written in double precision, as
    /// draw.io keeps them, where they are exact: the import adds the corners back in double
    /// precision and gets the stored position to the last bit, however deep the nesting.
    fn offset(&self, position: Point) -> (String, String) {
        let corner = self.corner.unwrap_or_default();
        (
            (f64::from(position.x) - f64::from(corner.x)).to_string(),
            (f64::from(position.y) - f64::from(corner.y)).to_string(),
        )
    }
}

/// One box. With a tooltip the cell is wrapped in a `UserObject`, the element draw.io keeps
/// extra text on: the id and label move onto it and draw.io shows the tooltip on hover.
struct Vertex<'a> {
    id: &'a str,
    label: &'a str,
    tooltip: &'a str,
    style: &'a str,
}

impl Vertex<'_> {
    /// The size is written as stored, not as a rectangle's width: `(x + w) - x` is not always
    /// `w` in floating point, and the import reads back exactly what is written.
    fn write(&self, out: &mut String, place: &Place, position: Point, size: Size) {
        let (x, y) = place.offset(position);
        let geometry = format!(
            "<mxGeometry x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" as=\"geometry\"/>",
            size.width, size.height
        );
        let (id, label, style) = (self.id, attribute(self.label), self.style);
        let parent = attribute(&place.parent);
        if self.tooltip.is_empty() {
            let _ = writeln!(
                out,
                "        <mxCell id=\"{id}\" value=\"{label}\" style=\"{style}\" vertex=\"1\" parent=\"{parent}\">\n          {geometry}\n        </mxCell>",
            );
        } else {
            let _ = writeln!(
                out,
                "        <UserObject id=\"{id}\" label=\"{label}\" tooltip=\"{}\">\n          <mxCell style=\"{style}\" vertex=\"1\" parent=\"{parent}\">\n            {geometry}\n          </mxCell>\n        </UserObject>",
                attribute(self.tooltip)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, Link, ModelTypeId, Point, Team};

    #[test]
    fn names_are_escaped_for_xml_and_every_cell_has_its_geometry() {
        let mut doc = Document::new("Q1 <draft> & \"notes\"");
        doc.teams.insert(
            Id(1),
            Team::new("R&D <core> 'lab'", ModelTypeId(1), Point::new(10.0, 20.0)),
        );
        doc.teams.insert(
            Id(2),
            Team::new("Payments", ModelTypeId(6), Point::new(300.0, 20.0)),
        );
        doc.links.insert(Id(3), Link::dependency(Id(1), Id(2)));
        let xml = drawio(&doc);
        assert!(
            xml.contains("name=\"Q1 &lt;draft&gt; &amp; &quot;notes&quot;\""),
            "{xml}"
        );
        assert!(
            xml.contains(
                "value=\"R&amp;D &lt;core&gt; 'lab'&#xa;Independent Team with Clear Impact\""
            ),
            "{xml}"
        );
        assert!(
            xml.contains(
                "<mxGeometry x=\"10\" y=\"20\" width=\"180\" height=\"72\" as=\"geometry\"/>"
            ),
            "{xml}"
        );
        assert!(
            xml.contains("edge=\"1\" parent=\"1\" source=\"t1\" target=\"t2\""),
            "{xml}"
        );
        // No raw markup character inside any attribute value.
        for value in xml.split("value=\"").skip(1) {
            let value = value.split('"').next().expect("closed");
            assert!(!value.contains('<') && !value.contains('>'), "{value}");
        }
    }
}
