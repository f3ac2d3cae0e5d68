//! The map as text other tools draw: a Mermaid flowchart (`.mmd`, for Markdown and wikis),
//! Graphviz DOT (`.dot`), and JSON Canvas 1.0 (`.canvas`, what Obsidian opens). Teams keep their
//! model type's colour, funding sources their budget, funding links their share; every name is
//! escaped for the format, so any name reads back as written.

use std::fmt::Write as _;

use crate::model::{Document, FundingSource, Group, Id, LinkKind, Team};
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

pub(super) fn hex(color: Rgba) -> String {
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

/// A group's id in every text format: `g12`, apart from the teams' `t` and the sources' `s`.
pub(super) fn group_key(id: Id) -> String {
    format!("g{}", id.0)
}

/// What a group is called where one line holds its name and kind: "Retail (Business unit)".
pub(super) fn group_title(group: &Group) -> String {
    format!("{} ({})", group.name, group.kind.label())
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
/// stadiums, each group a subgraph round its members and nested groups, dependencies as arrows,
/// funding as dotted arrows with their share.
pub fn mermaid(doc: &Document) -> String {
    let mut out = String::new();
    if !doc.title.is_empty() {
        let _ = writeln!(out, "---\ntitle: \"{}\"\n---", mermaid_text(&doc.title));
    }
    out.push_str("flowchart TB\n");
    let grouped = doc.group_index();
    for id in doc.sources.keys().chain(doc.teams.keys()) {
        if !grouped.contains_key(id) {
            let _ = writeln!(out, "    {}", mermaid_node(doc, *id));
        }
    }
    // The title is a quoted string, so no name (not even `end`) can close the subgraph.
    let subgraphs = Nesting {
        open: &|out, indent, id, group| {
            let title = mermaid_text(&group_title(group));
            let _ = writeln!(out, "{indent}subgraph {}[\"{title}\"]", group_key(id));
        },
        node: &mermaid_node,
        close: "end",
    };
    subgraphs.write(&mut out, doc, None, 1);
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

/// A team's or funding source's node statement, without indent: a team a box with its type
/// under its name, a funding source a stadium with its budget.
fn mermaid_node(doc: &Document, id: Id) -> String {
    if let Some(source) = doc.sources.get(&id) {
        let text = match source_detail(source) {
            Some(detail) => format!(
                "{}<br/>{}",
                mermaid_text(&source.name),
                mermaid_text(&detail)
            ),
            None => mermaid_text(&source.name),
        };
        return format!("{}([\"{text}\"])", node_key(doc, id));
    }
    let Some(team) = doc.teams.get(&id) else {
        return String::new();
    };
    format!(
        "{}[\"{}<br/><small>{}</small>\"]",
        node_key(doc, id),
        mermaid_text(&team.name),
        mermaid_text(&team_detail(doc, team))
    )
}

/// How a text format writes groups as blocks round their members: DOT's clusters, Mermaid's
/// subgraphs.
struct Nesting<'a> {
    /// Starts a group's block, at an indent.
    open: &'a dyn Fn(&mut String, &str, Id, &Group),
    /// A member's node statement, without indent.
    node: &'a dyn Fn(&Document, Id) -> String,
    /// Ends a block.
    close: &'a str,
}

impl Nesting<'_> {
    /// Writes the groups nested in `parent` (`None`: the top level) in id order, each with its
    /// members and then its own nested groups. Only a map whose nesting loops (which loading
    /// refuses) could go deeper than the limit; that is not followed.
    fn write(&self, out: &mut String, doc: &Document, parent: Option<Id>, depth: usize) {
        if depth > crate::model::limits::MAX_GROUP_DEPTH {
            return;
        }
        let indent = "    ".repeat(depth);
        for id in doc.group_children(parent) {
            let group = &doc.groups[&id];
            (self.open)(out, &indent, id, group);
            for member in &group.members {
                let _ = writeln!(out, "{indent}    {}", (self.node)(doc, *member));
            }
            self.write(out, doc, Some(id), depth + 1);
            let _ = writeln!(out, "{indent}{}", self.close);
        }
    }
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
    let clusters = Nesting {
        open: &|out, indent, id, group| {
            let _ = writeln!(out, "{indent}subgraph cluster_{id} {{");
            let _ = writeln!(
                out,
                "{indent}    label=\"{}\"; style=\"rounded\"; color=\"#94a3b8\";",
                dot_text(&group_title(group))
            );
        },
        node: &dot_node,
        close: "}",
    };
    clusters.write(&mut out, doc, None, 1);
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{Budget, Link, ModelTypeId, Point};

    /// Names that break naive writers: quotes, hashes, brackets, backslashes, markup, scripts.
    pub(crate) fn awkward_map() -> Document {
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

    /// [`awkward_map`] with groups that break naive writers: Retail (50), named with quotes and
    /// markup, holds Checkout (1) and a group named `end` (51), which holds Payments (2); both are
    /// collapsed, so all of 51 is hidden on the canvas; an empty group (52) has a line break in
    /// its name; the source is in no group.
    pub(crate) fn awkward_groups() -> Document {
        use crate::model::{Group, GroupKind};
        let mut doc = awkward_map();
        let mut retail = Group::new("Retail \"BU\" <&>", GroupKind::BusinessUnit);
        retail.members = vec![Id(1)];
        retail.collapsed = true;
        let mut end = Group::new("end", GroupKind::ValueStream);
        end.parent = Some(Id(50));
        end.members = vec![Id(2)];
        end.collapsed = true;
        doc.groups.insert(Id(50), retail);
        doc.groups.insert(Id(51), end);
        doc.groups.insert(
            Id(52),
            Group::new("two\nlines", GroupKind::Other("Tribe #1".to_owned())),
        );
        doc
    }

    #[test]
    fn mermaid_draws_groups_as_nested_subgraphs_round_their_members() {
        let text = mermaid(&awkward_groups());
        let lines: Vec<&str> = text.lines().collect();
        let at = |line: &str| {
            lines
                .iter()
                .position(|l| *l == line)
                .unwrap_or_else(|| panic!("no line {line:?} in\n{text}"))
        };
        let starting = |prefix: &str| {
            lines
                .iter()
                .position(|l| l.starts_with(prefix))
                .unwrap_or_else(|| panic!("no line {prefix:?}… in\n{text}"))
        };
        let retail =
            at("    subgraph g50[\"Retail #quot;BU#quot; #lt;#amp;#gt; (Business unit)\"]");
        let checkout = starting("        t1[\"Check");
        let end = at("        subgraph g51[\"end (Value stream)\"]");
        let payments = starting("            t2[\"Pay");
        assert!(
            retail < checkout && checkout < end && end < payments,
            "{text}"
        );
        assert_eq!(lines[payments + 1], "        end", "{text}");
        assert_eq!(lines[payments + 2], "    end", "{text}");
        // The empty group is there, its name on one line; the source is outside every group.
        let empty = at("    subgraph g52[\"two lines (Tribe #35;1)\"]");
        assert_eq!(lines[empty + 1], "    end", "{text}");
        assert!(starting("    s3([") < retail, "{text}");
        let opened = lines
            .iter()
            .filter(|l| l.trim_start().starts_with("subgraph "))
            .count();
        let closed = lines.iter().filter(|l| l.trim() == "end").count();
        assert_eq!((opened, closed), (3, 3), "{text}");
        for line in &lines {
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
}
