//! The map as text other tools draw: a Mermaid flowchart (`.mmd`, for Markdown and wikis),
//! Graphviz DOT (`.dot`), and JSON Canvas 1.0 (`.canvas`, what Obsidian opens). Teams keep their
//! model type's colour, funding sources their budget, funding links their share; every name is
//! escaped for the format, so any name reads back as written.

use std::fmt::Write as _;

use serde_json::json;

use crate::model::{Document, FundingSource, Id, LinkKind, Team};
use crate::scene::Rgba;
use crate::text::{format_money, format_percent};

/// The line under a team's name: its type and headcount.
pub(super) fn team_detail(doc: &Document, team: &Team) -> String {
    let type_name = doc
        .model_type(team.model_type)
        .map_or("Unknown type", |t| t.name.as_str());
    if team.headcount > 0 {
        format!("{type_name} · {}", team.headcount)
    } else {
        type_name.to_owned()
    }
}

pub(super) fn source_detail(source: &FundingSource) -> Option<String> {
    source
        .budget
        .as_ref()
        .map(|b| format_money(b.amount, &b.currency))
}

pub(super) fn team_color(doc: &Document, team: &Team) -> (String, String) {
    let fill = doc
        .model_type(team.model_type)
        .map_or(Rgba::rgb(0x94, 0xa3, 0xb8), |t| Rgba::from(t.color));
    let text = fill.legible_text();
    (hex(fill), hex(text))
}

fn hex(color: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", color.r, color.g, color.b)
}

/// What a link's arrow says: a funding link's share (and label), a dependency's label.
pub(super) fn link_caption(kind: LinkKind, label: &str) -> String {
    match (kind, label.is_empty()) {
        (LinkKind::Funding { allocation_percent }, true) => format_percent(allocation_percent),
        (LinkKind::Funding { allocation_percent }, false) => {
            format!("{} · {label}", format_percent(allocation_percent))
        }
        (LinkKind::Dependency, _) => label.to_owned(),
    }
}

pub(super) fn node_key(doc: &Document, id: Id) -> String {
    if doc.sources.contains_key(&id) {
        format!("s{}", id.0)
    } else {
        format!("t{}", id.0)
    }
}

/// Text inside a Mermaid string: quotes, `#`, `<`, `>` and `&` as Mermaid's entity codes, so no
/// name can end the string or start markup.
fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid flowchart, top to bottom: teams as boxes in their type's colour, funding sources as
/// stadiums, dependencies as arrows, funding as dotted arrows with their share.
pub fn mermaid(doc: &Document) -> String {
    let mut out = String::new();
    if !doc.title.is_empty() {
        let _ = writeln!(out, "---\ntitle: \"{}\"\n---", mermaid_text(&doc.title));
    }
    out.push_str("flowchart TB\n");
    for (id, source) in &doc.sources {
        let text = match source_detail(source) {
            Some(detail) => format!(
                "{}<br/>{}",
                mermaid_text(&source.name),
                mermaid_text(&detail)
            ),
            None => mermaid_text(&source.name),
        };
        let _ = writeln!(out, "    {}([\"{text}\"])", node_key(doc, *id));
    }
    for (id, team) in &doc.teams {
        let _ = writeln!(
            out,
            "    {}[\"{}<br/><small>{}</small>\"]",
            node_key(doc, *id),
            mermaid_text(&team.name),
            mermaid_text(&team_detail(doc, team))
        );
    }
    for link in doc.links.values() {
        let (from, to) = (node_key(doc, link.from), node_key(doc, link.to));
        let caption = mermaid_text(&link_caption(link.kind, &link.label));
        let arrow = match (link.kind.is_funding(), caption.is_empty()) {
            (true, true) => "-.->".to_owned(),
            (true, false) => format!("-. \"{caption}\" .->"),
            (false, true) => "-->".to_owned(),
            (false, false) => format!("-- \"{caption}\" -->"),
        };
        let _ = writeln!(out, "    {from} {arrow} {to}");
    }
    for (id, team) in &doc.teams {
        let (fill, text) = team_color(doc, team);
        let _ = writeln!(
            out,
            "    style {} fill:{fill},color:{text},stroke:{fill}",
            node_key(doc, *id)
        );
    }
    for id in doc.sources.keys() {
        let _ = writeln!(
            out,
            "    style {} fill:#fef3c7,color:#1f2937,stroke:#b45309",
            node_key(doc, *id)
        );
    }
    out
}

/// Text inside a DOT string: backslashes and quotes escaped, line breaks as DOT's `\n`.
fn dot_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A Graphviz digraph, top to bottom, with the same colours and captions as the picture.
pub fn dot(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_text(&doc.title));
    out.push_str("    rankdir=TB;\n");
    out.push_str("    node [shape=box, style=\"rounded,filled\", fontname=\"Inter\"];\n");
    out.push_str("    edge [fontname=\"Inter\"];\n");
    if !doc.title.is_empty() {
        let _ = writeln!(out, "    label=\"{}\"; labelloc=t;", dot_text(&doc.title));
    }
    let grouped = doc.group_index();
    for id in doc.sources.keys().chain(doc.teams.keys()) {
        if !grouped.contains_key(id) {
            let _ = writeln!(out, "    {}", dot_node(doc, *id));
        }
    }
    for group in doc.group_children(None) {
        dot_cluster(&mut out, doc, group, 1);
    }
    for link in doc.links.values() {
        let caption = link_caption(link.kind, &link.label);
        let mut attributes = Vec::new();
        if link.kind.is_funding() {
            attributes.push("style=dashed, color=\"#b45309\"".to_owned());
        }
        if !caption.is_empty() {
            attributes.push(format!("label=\"{}\"", dot_text(&caption)));
        }
        let attributes = if attributes.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attributes.join(", "))
        };
        let _ = writeln!(
            out,
            "    {} -> {}{attributes};",
            node_key(doc, link.from),
            node_key(doc, link.to)
        );
    }
    out.push_str("}\n");
    out
}

/// A team's or funding source's node statement, without indent.
fn dot_node(doc: &Document, id: Id) -> String {
    if let Some(source) = doc.sources.get(&id) {
        let label = match source_detail(source) {
            Some(detail) => format!("{}\n{detail}", source.name),
            None => source.name.clone(),
        };
        return format!(
            "{} [label=\"{}\", fillcolor=\"#fef3c7\", color=\"#b45309\", fontcolor=\"#1f2937\"];",
            node_key(doc, id),
            dot_text(&label)
        );
    }
    let Some(team) = doc.teams.get(&id) else {
        return String::new();
    };
    let (fill, text) = team_color(doc, team);
    let label = format!("{}\n{}", team.name, team_detail(doc, team));
    format!(
        "{} [label=\"{}\", fillcolor=\"{fill}\", color=\"{fill}\", fontcolor=\"{text}\"];",
        node_key(doc, id),
        dot_text(&label)
    )
}

/// A group as a Graphviz cluster around its members, its nested groups as clusters inside it.
fn dot_cluster(out: &mut String, doc: &Document, id: Id, depth: usize) {
    let Some(group) = doc.groups.get(&id) else {
        return;
    };
    if depth > crate::model::limits::MAX_GROUP_DEPTH {
        return;
    }
    let indent = "    ".repeat(depth);
    let _ = writeln!(out, "{indent}subgraph cluster_{id} {{");
    let _ = writeln!(
        out,
        "{indent}    label=\"{} ({})\"; style=\"rounded\"; color=\"#94a3b8\";",
        dot_text(&group.name),
        dot_text(group.kind.label())
    );
    for member in &group.members {
        let _ = writeln!(out, "{indent}    {}", dot_node(doc, *member));
    }
    for nested in doc.group_children(Some(id)) {
        dot_cluster(out, doc, nested, depth + 1);
    }
    let _ = writeln!(out, "{indent}}}");
}

/// JSON Canvas 1.0: every team and funding source a text node where it sits on the canvas (its
/// name in bold, then its details), every link an edge with its caption.
pub fn json_canvas(doc: &Document) -> String {
    let mut nodes = Vec::new();
    for (id, source) in &doc.sources {
        let rect = doc.node_rect(*id).expect("a source has a box");
        let mut text = format!("**{}**", markdown_text(&source.name));
        if let Some(detail) = source_detail(source) {
            let _ = write!(text, "\n{detail}");
        }
        nodes.push(json!({
            "id": node_key(doc, *id),
            "type": "text",
            "text": text,
            "x": rect.min.x.round() as i64,
            "y": rect.min.y.round() as i64,
            "width": rect.width().round() as i64,
            "height": rect.height().round() as i64,
            "color": "#b45309",
        }));
    }
    for (id, team) in &doc.teams {
        let (fill, _) = team_color(doc, team);
        nodes.push(json!({
            "id": node_key(doc, *id),
            "type": "text",
            "text": format!("**{}**\n{}", markdown_text(&team.name), markdown_text(&team_detail(doc, team))),
            "x": team.position.x.round() as i64,
            "y": team.position.y.round() as i64,
            "width": team.size.width.round() as i64,
            "height": team.size.height.round() as i64,
            "color": fill,
        }));
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
    use crate::model::{Budget, Link, ModelTypeId, Point};

    /// Names that break naive writers: quotes, hashes, brackets, backslashes, markup, scripts.
    fn awkward_map() -> Document {
        let mut doc = Document::new("Q1 \"draft\" #2");
        doc.teams.insert(
            Id(1),
            Team::new(
                "Check\"out\" <b>&</b>",
                ModelTypeId(1),
                Point::new(0.0, 0.0),
            ),
        );
        doc.teams.insert(
            Id(2),
            Team::new(
                "Pay\\ments #1 *fast*",
                ModelTypeId(6),
                Point::new(300.0, 0.0),
            ),
        );
        let mut fund = FundingSource::new("Retail P&L", Point::new(0.0, -200.0));
        fund.budget = Some(Budget {
            amount: 18e6,
            currency: "EUR".to_owned(),
        });
        doc.sources.insert(Id(3), fund);
        let mut dependency = Link::dependency(Id(1), Id(2));
        dependency.label = "card \"tokens\"".to_owned();
        doc.links.insert(Id(4), dependency);
        doc.links.insert(Id(5), Link::funding(Id(3), Id(1), 40.0));
        doc
    }

    #[test]
    fn mermaid_escapes_every_name_and_draws_funding_dotted() {
        let text = mermaid(&awkward_map());
        assert!(text.contains("flowchart TB"));
        assert!(
            text.contains("t1[\"Check#quot;out#quot; #lt;b#gt;#amp;#lt;/b#gt;<br/>"),
            "{text}"
        );
        assert!(text.contains("t2[\"Pay\\ments #35;1 *fast*"), "{text}");
        assert!(
            text.contains("s3([\"Retail P#amp;L<br/>18,000,000 EUR\"])"),
            "{text}"
        );
        assert!(text.contains("s3 -. \"40 %\" .-> t1"), "{text}");
        assert!(
            text.contains("t1 -- \"card #quot;tokens#quot;\" --> t2"),
            "{text}"
        );
        // No quote inside a string is left unescaped: every line has an even number of quotes.
        for line in text.lines() {
            assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        }
    }

    #[test]
    fn dot_escapes_quotes_and_backslashes() {
        let text = dot(&awkward_map());
        assert!(
            text.starts_with("digraph \"Q1 \\\"draft\\\" #2\" {"),
            "{text}"
        );
        assert!(
            text.contains(
                "label=\"Check\\\"out\\\" <b>&</b>\\nIndependent Team with Clear Impact\""
            ),
            "{text}"
        );
        assert!(
            text.contains("label=\"Pay\\\\ments #1 *fast*\\nPlatform Team\""),
            "{text}"
        );
        assert!(
            text.contains("s3 -> t1 [style=dashed, color=\"#b45309\", label=\"40 %\"];"),
            "{text}"
        );
        assert!(text.trim_end().ends_with('}'));
    }

    #[test]
    fn dot_draws_groups_as_nested_clusters_around_their_members() {
        use crate::model::{Group, GroupKind};
        let mut doc = awkward_map();
        let team = *doc.teams.keys().next().expect("a team");
        let mut bu = Group::new("Retail \"BU\"", GroupKind::BusinessUnit);
        bu.members = vec![team];
        let mut stream = Group::new("Inner", GroupKind::ValueStream);
        stream.parent = Some(Id(50));
        doc.groups.insert(Id(50), bu);
        doc.groups.insert(Id(51), stream);
        let text = dot(&doc);
        let cluster = text.find("    subgraph cluster_50 {").expect("cluster");
        let member = text
            .find(&format!("        {} [label=", node_key(&doc, team)))
            .expect("member inside");
        let nested = text.find("        subgraph cluster_51 {").expect("nested");
        assert!(cluster < member && member < nested, "{text}");
        assert!(
            text.contains("label=\"Retail \\\"BU\\\" (Business unit)\""),
            "{text}"
        );
        assert_eq!(
            text.matches('{').count(),
            text.matches('}').count(),
            "{text}"
        );
    }

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
}
