use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::model::{FundingSource, Link, ModelTypeId, Point, Team};

fn three_teams_and_a_source() -> Document {
    let mut doc = Document::new("Small map");
    for (id, x) in [(1, 0.0), (2, 300.0), (3, 600.0)] {
        doc.teams.insert(
            Id(id),
            Team::new(format!("Team {id}"), ModelTypeId(1), Point::new(x, 100.0)),
        );
    }
    doc.sources
        .insert(Id(4), FundingSource::new("Fund", Point::new(0.0, 0.0)));
    doc.links.insert(Id(10), Link::dependency(Id(1), Id(2)));
    doc.links.insert(Id(11), Link::dependency(Id(2), Id(3)));
    doc.links.insert(Id(12), Link::funding(Id(4), Id(1), 40.0));
    doc
}

#[test]
fn a_selection_keeps_its_nodes_and_only_the_links_between_them() {
    let doc = three_teams_and_a_source();
    let part = selected(&doc, &BTreeSet::from([Id(1), Id(2)]));
    assert_eq!(
        part.teams.keys().copied().collect::<Vec<_>>(),
        [Id(1), Id(2)]
    );
    assert!(part.sources.is_empty());
    assert_eq!(part.links.keys().copied().collect::<Vec<_>>(), [Id(10)]);
    assert_eq!(part.validate(), Ok(()));
}

/// Teams 1 and 2 in value stream 21, nested in business unit 20 with the fund; team 3 in
/// platform grouping 22.
fn grouped() -> Document {
    use crate::model::{Group, GroupKind};
    let mut doc = three_teams_and_a_source();
    let mut unit = Group::new("Retail", GroupKind::BusinessUnit);
    unit.members = vec![Id(4)];
    let mut stream = Group::new("Shopping", GroupKind::ValueStream);
    stream.parent = Some(Id(20));
    stream.members = vec![Id(1), Id(2)];
    let mut platforms = Group::new("Platforms", GroupKind::Platform);
    platforms.members = vec![Id(3)];
    doc.groups.insert(Id(20), unit);
    doc.groups.insert(Id(21), stream);
    doc.groups.insert(Id(22), platforms);
    doc
}

#[test]
fn a_selection_keeps_the_groups_round_its_items_holding_only_those() {
    let doc = grouped();
    assert_eq!(doc.validate(), Ok(()));
    let part = selected(&doc, &BTreeSet::from([Id(1)]));
    // Team 1's value stream and the unit it is nested in; not the platforms, nor team 2.
    assert_eq!(
        part.groups.keys().copied().collect::<Vec<_>>(),
        [Id(20), Id(21)]
    );
    assert_eq!(part.groups[&Id(21)].members, [Id(1)]);
    assert!(part.groups[&Id(20)].members.is_empty());
    assert_eq!(part.groups[&Id(21)].parent, Some(Id(20)));
    assert_eq!(part.validate(), Ok(()));
    // A selected group stands for everything in it, as on the canvas.
    let part = selected(&doc, &BTreeSet::from([Id(21), Id(3)]));
    assert_eq!(
        part.teams.keys().copied().collect::<Vec<_>>(),
        [Id(1), Id(2), Id(3)]
    );
    assert_eq!(part.groups.len(), 3);
    assert_eq!(part.validate(), Ok(()));
    // The picture frames them, and the text formats nest them.
    let options = ExportOptions {
        selection: Some(BTreeSet::from([Id(1), Id(2)])),
        ..ExportOptions::default()
    };
    let svg = svg(&doc, &options).expect("exports");
    assert!(
        svg.contains(">Shopping<") && !svg.contains(">Platforms<"),
        "{svg}"
    );
    let mermaid = graph_text(&doc, &options, Format::Mermaid).expect("text");
    assert!(
        mermaid.contains("Shopping") && !mermaid.contains("Platforms"),
        "{mermaid}"
    );
}

#[test]
fn exporting_a_selection_leaves_out_what_is_not_selected() {
    let doc = three_teams_and_a_source();
    let options = ExportOptions {
        selection: Some(BTreeSet::from([Id(1), Id(2)])),
        ..ExportOptions::default()
    };
    let svg = svg(&doc, &options).expect("exports");
    assert!(svg.contains(">Team 1<") && svg.contains(">Team 2<"));
    assert!(!svg.contains(">Team 3<"), "{svg}");
    assert!(
        !svg.contains(">40 %<"),
        "the funding link's source is not selected"
    );
}

#[test]
fn empty_map_and_empty_selection_are_refused_with_a_reason() {
    let empty = Document::new("Empty");
    assert!(matches!(
        svg(&empty, &ExportOptions::default()),
        Err(ExportError::EmptyMap)
    ));
    let options = ExportOptions {
        selection: Some(BTreeSet::from([Id(99)])),
        ..ExportOptions::default()
    };
    assert!(matches!(
        png(&three_teams_and_a_source(), &options),
        Err(ExportError::EmptySelection)
    ));
}

#[test]
fn png_scale_outside_one_to_four_is_refused() {
    let doc = three_teams_and_a_source();
    for scale in [0.5, 4.5, f32::NAN] {
        let options = ExportOptions {
            scale,
            ..ExportOptions::default()
        };
        assert!(
            matches!(png(&doc, &options), Err(ExportError::Scale(_))),
            "{scale}"
        );
    }
}

#[test]
fn a_picture_too_large_to_draw_is_refused_before_drawing() {
    let mut doc = three_teams_and_a_source();
    doc.teams.get_mut(&Id(3)).expect("team").position = Point::new(20_000.0, 0.0);
    let options = ExportOptions {
        scale: 4.0,
        ..ExportOptions::default()
    };
    assert!(matches!(
        png(&doc, &options),
        Err(ExportError::TooLarge { .. })
    ));
}

#[test]
fn format_follows_the_extension_in_any_case() {
    assert_eq!(Format::from_path(Path::new("map.PNG")), Some(Format::Png));
    assert_eq!(Format::from_path(Path::new("a/b.svg")), Some(Format::Svg));
    assert_eq!(Format::from_path(Path::new("map.jpg")), None);
    assert_eq!(Format::from_path(Path::new("map")), None);
}

#[test]
fn svg_names_the_bundled_font_and_draws_dashed_funding_links() {
    let svg = svg(&three_teams_and_a_source(), &ExportOptions::default()).expect("exports");
    assert!(svg.contains(r#"font-family="'Inter'"#), "{svg}");
    assert!(svg.contains("stroke-dasharray"), "{svg}");
    assert!(svg.contains("<polygon"), "arrow heads");
}

#[test]
fn png_progress_rises_to_one_and_cancelling_stops_the_export() {
    let mut doc = three_teams_and_a_source();
    // Tall enough for several bands of rows at 2×.
    doc.teams.get_mut(&Id(3)).expect("team").position = Point::new(600.0, 1_500.0);
    let mut seen = Vec::new();
    let options = ExportOptions::default();
    png_with_progress(&doc, &options, &mut |done| {
        seen.push(done);
        true
    })
    .expect("exports");
    assert!(seen.len() > 2, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert_eq!(seen.last(), Some(&1.0));

    let result = png_with_progress(&doc, &options, &mut |_| false);
    assert!(matches!(result, Err(ExportError::Cancelled)));
}

#[test]
fn markup_and_control_characters_in_names_export_safely() {
    let mut doc = three_teams_and_a_source();
    doc.teams.get_mut(&Id(1)).expect("team").name = "<b>R&D</b> \"x\" \u{1b}[0m".to_owned();
    let svg = svg(&doc, &ExportOptions::default()).expect("exports");
    assert!(svg.contains("&lt;b&gt;R&amp;D&lt;/b&gt;"), "{svg}");
    assert!(!svg.contains('\u{1b}'));
    // The PNG path parses that SVG, so it must be well-formed.
    let options = ExportOptions {
        scale: 1.0,
        ..ExportOptions::default()
    };
    assert!(png(&doc, &options).is_ok());
}

#[test]
fn every_text_export_of_the_example_map_carries_every_group() {
    let example = crate::examples::default_example();
    let doc = crate::file::parse(example.text, example.file_name).expect("the example loads");
    assert!(doc.groups.len() >= 6, "the example has groups");
    let mermaid = mermaid(&doc);
    let dot = dot(&doc);
    let drawio = drawio(&doc);
    let canvas: serde_json::Value =
        serde_json::from_str(&json_canvas(&doc)).expect("JSON Canvas is JSON");
    let canvas_nodes = canvas["nodes"].as_array().expect("nodes");
    for (id, group) in &doc.groups {
        let key = format!("g{id}");
        assert!(
            mermaid.contains(&format!("subgraph {key}[\"{}", group.name)),
            "Mermaid lacks {}",
            group.name
        );
        assert!(dot.contains(&format!("subgraph cluster_{id} {{")));
        assert!(
            drawio.contains(&format!("id=\"{key}\"")),
            "draw.io lacks {}",
            group.name
        );
        let node = canvas_nodes
            .iter()
            .find(|n| n["id"] == key.as_str())
            .unwrap_or_else(|| panic!("JSON Canvas lacks {}", group.name));
        assert_eq!(node["type"], "group");
        assert!(
            node["label"]
                .as_str()
                .is_some_and(|l| l.starts_with(&group.name))
        );
    }
    // Each team and funding source sits in its innermost group's container.
    let xml = roxmltree::Document::parse(&drawio).expect("well-formed XML");
    let parent_of = |id: &str| {
        let holder = xml
            .descendants()
            .find(|n| n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("no cell {id}"));
        let cell = if holder.has_tag_name("mxCell") {
            holder
        } else {
            holder
                .children()
                .find(|c| c.has_tag_name("mxCell"))
                .expect("a cell")
        };
        cell.attribute("parent").map(str::to_owned)
    };
    let grouped = doc.group_index();
    for node in doc.teams.keys().chain(doc.sources.keys()) {
        let key = if doc.sources.contains_key(node) {
            format!("s{node}")
        } else {
            format!("t{node}")
        };
        let expected = grouped
            .get(node)
            .map_or("1".to_owned(), |g| format!("g{g}"));
        assert_eq!(parent_of(&key), Some(expected), "{key}");
    }
}
