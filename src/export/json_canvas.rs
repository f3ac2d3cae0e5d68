//! The map as JSON Canvas 1.0 (`.canvas`, what Obsidian opens): every team and funding source a
//! text node where it sits on the canvas, every group a group node round the frame the canvas
//! draws, every link an edge with its caption.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::graph_text::{
    group_key, group_title, hex, link_caption, node_key, source_detail, team_color, team_detail,
};
use super::group_frames::group_frames;
use crate::model::{Document, FundingSource, Point, Size};
use crate::scene::groups::group_color;

/// The canvas: groups first, outermost first, since a canvas draws its nodes in order and a
/// group must sit behind what it holds; then funding sources and teams (their name in bold, then
/// their details); then the links.
pub fn json_canvas(doc: &Document) -> String {
    let mut nodes = Vec::new();
    for (id, rect) in group_frames(doc) {
        let Some(group) = doc.groups.get(&id) else {
            continue;
        };
        let size = Size::new(rect.width(), rect.height());
        let color = hex(group_color(group.color, &group.kind));
        let mut node = placed(&group_key(id), rect.min, size, &color);
        node["type"] = json!("group");
        node["label"] = json!(group_title(group));
        nodes.push(node);
    }
    for (id, source) in &doc.sources {
        let mut text = format!("**{}**", markdown_text(&source.name));
        if let Some(detail) = source_detail(source) {
            let _ = write!(text, "\n{detail}");
        }
        let key = node_key(doc, *id);
        let mut node = placed(&key, source.position, FundingSource::SIZE, "#b45309");
        node["text"] = json!(text);
        nodes.push(node);
    }
    for (id, team) in &doc.teams {
        let (fill, _) = team_color(doc, team);
        let mut node = placed(&node_key(doc, *id), team.position, team.size, &fill);
        node["text"] = json!(format!(
            "**{}**\n{}",
            markdown_text(&team.name),
            markdown_text(&team_detail(doc, team))
        ));
        nodes.push(node);
    }
    let edges: Vec<_> = doc
        .links
        .iter()
        .map(|(id, link)| {
            let mut edge = json!({
                "id": format!("l{}", id.0),
                "fromNode": node_key(doc, link.from),
                "toNode": node_key(doc, link.to),
                "toEnd": "arrow",
            });
            let caption = link_caption(link.kind, &link.label);
            if !caption.is_empty() {
                edge["label"] = json!(caption);
            }
            if link.kind.is_funding() {
                edge["color"] = json!("#b45309");
            }
            edge
        })
        .collect();
    let canvas = json!({ "nodes": nodes, "edges": edges });
    serde_json::to_string_pretty(&canvas).expect("JSON values always serialise") + "\n"
}

/// A text node at `position`, in whole canvas units as JSON Canvas wants them; a group node
/// once its type is changed.
fn placed(id: &str, position: Point, size: Size, color: &str) -> Value {
    json!({
        "id": id,
        "type": "text",
        "x": position.x.round() as i64,
        "y": position.y.round() as i64,
        "width": size.width.round() as i64,
        "height": size.height.round() as i64,
        "color": color,
    })
}

/// A name inside Markdown text: the characters Markdown would take as markup are escaped.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '#' | '`' | '<' | '>' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::graph_text::tests::{awkward_groups, awkward_map};

    #[test]
    fn json_canvas_has_every_node_where_it_sits_and_every_edge() {
        let text = json_canvas(&awkward_map());
        let canvas: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let nodes = canvas["nodes"].as_array().expect("nodes");
        let edges = canvas["edges"].as_array().expect("edges");
        assert_eq!(nodes.len(), 3);
        assert_eq!(edges.len(), 2);
        let checkout = nodes.iter().find(|n| n["id"] == "t1").expect("t1");
        assert_eq!(checkout["type"], "text");
        assert_eq!(
            (checkout["x"].as_i64(), checkout["y"].as_i64()),
            (Some(0), Some(0))
        );
        assert_eq!(checkout["width"].as_i64(), Some(180));
        assert!(
            checkout["text"]
                .as_str()
                .expect("text")
                .starts_with("**Check\"out\" \\<b\\>&\\</b\\>**")
        );
        let funding = edges
            .iter()
            .find(|e| e["fromNode"] == "s3")
            .expect("funding");
        assert_eq!(funding["toNode"], "t1");
        assert_eq!(funding["label"], "40 %");
        for edge in edges {
            for end in ["fromNode", "toNode"] {
                assert!(nodes.iter().any(|n| n["id"] == edge[end]), "{edge}");
            }
        }
    }

    #[test]
    fn each_group_is_a_group_node_round_its_members_and_drawn_behind_them() {
        let doc = awkward_groups();
        let text = json_canvas(&doc);
        let canvas: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let nodes = canvas["nodes"].as_array().expect("nodes");
        let ids: Vec<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
        assert_eq!(ids, ["g50", "g52", "g51", "s3", "t1", "t2"]);
        let node = |id: &str| nodes.iter().find(|n| n["id"] == id).expect(id);
        let rect = |id: &str| {
            let n = node(id);
            let value = |key: &str| n[key].as_i64().expect("a whole number");
            (
                value("x"),
                value("y"),
                value("x") + value("width"),
                value("y") + value("height"),
            )
        };
        let inside = |outer: &str, inner: &str| {
            let (o, i) = (rect(outer), rect(inner));
            o.0 < i.0 && o.1 < i.1 && i.2 < o.2 && i.3 < o.3
        };
        let retail = node("g50");
        assert_eq!(retail["type"], "group");
        assert_eq!(retail["label"], "Retail \"BU\" <&> (Business unit)");
        assert_eq!(retail["color"], "#6366f1");
        assert!(retail.get("text").is_none(), "{retail}");
        // The collapsed groups are drawn open: each round its team, the nested one inside.
        assert!(inside("g50", "t1") && inside("g50", "g51") && inside("g51", "t2"));
        assert!(!inside("g50", "s3"));
        let empty = node("g52");
        assert_eq!(empty["label"], "two\nlines (Tribe #1)");
        assert!(rect("g52").2 > rect("g52").0 && rect("g52").3 > rect("g52").1);
    }
}
