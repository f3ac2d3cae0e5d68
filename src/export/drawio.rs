//! The map as a draw.io diagram (`.drawio`): one rounded box per team in its model type's colour,
//! a box per funding source, the links as arrows with their captions, everything where it sits on
//! the canvas. Uncompressed XML, which draw.io (and diagrams.net) open as they are.

use std::fmt::Write as _;

use super::graph_text::{link_caption, node_key, source_detail, team_color, team_detail};
use crate::model::{Document, LinkKind};

/// Text in an XML attribute, as the SVG writer escapes it, with a line break as `&#xa;`.
fn attribute(text: &str) -> String {
    text.split('\n')
        .map(super::svg::escape)
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
    for (id, source) in &doc.sources {
        let rect = doc.node_rect(*id).expect("a source has a box");
        let label = match source_detail(source) {
            Some(detail) => format!("{}\n{detail}", source.name),
            None => source.name.clone(),
        };
        vertex(
            &mut out,
            &node_key(doc, *id),
            &label,
            "rounded=1;arcSize=50;whiteSpace=wrap;html=0;fillColor=#fef3c7;strokeColor=#b45309;fontColor=#1f2937;fontStyle=1;",
            rect,
        );
    }
    for (id, team) in &doc.teams {
        let rect = doc.node_rect(*id).expect("a team has a box");
        let (fill, text) = team_color(doc, team);
        let style = format!(
            "rounded=1;whiteSpace=wrap;html=0;fillColor={fill};strokeColor={fill};fontColor={text};"
        );
        let label = format!("{}\n{}", team.name, team_detail(doc, team));
        vertex(&mut out, &node_key(doc, *id), &label, &style, rect);
    }
    for (id, link) in &doc.links {
        let style = match link.kind {
            LinkKind::Funding { .. } => {
                "endArrow=block;html=0;dashed=1;strokeColor=#b45309;fontColor=#b45309;"
            }
            LinkKind::Dependency => "endArrow=block;html=0;strokeColor=#475569;",
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

fn vertex(out: &mut String, id: &str, label: &str, style: &str, rect: crate::model::Rect) {
    let _ = writeln!(
        out,
        "        <mxCell id=\"{id}\" value=\"{}\" style=\"{style}\" vertex=\"1\" parent=\"1\">\n          <mxGeometry x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" as=\"geometry\"/>\n        </mxCell>",
        attribute(label),
        rect.min.x,
        rect.min.y,
        rect.width(),
        rect.height()
    );
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
