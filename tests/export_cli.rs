//! `teamscape export`, run as CI runs it: the real binary, with no display at all.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn northwind() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron")
}

/// Runs `teamscape export …` without DISPLAY or WAYLAND_DISPLAY, so a window could not open.
fn export(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teamscape"))
        .arg("export")
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("teamscape runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn p(text: &str) -> &Path {
    Path::new(text)
}

#[test]
fn exports_a_png_headless_at_the_chosen_scale_and_theme() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("map.png");
    let output = export(&[
        &northwind(),
        p("-o"),
        &out,
        p("--scale"),
        p("1"),
        p("--theme"),
        p("dark"),
        p("--transparent"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("pixels"), "{stdout}");

    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    let one_x = reader.info().width;
    let output = export(&[&northwind(), p("-o"), &out, p("--scale"), p("2")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = std::fs::read(&out).expect("written");
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    assert_eq!(reader.info().width, one_x * 2);
}

#[test]
fn exports_an_svg_with_text_as_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("map.svg");
    let output = export(&[&northwind(), p("-o"), &out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(svg.contains("<svg"));
    assert!(svg.contains(">Payments Platform</text>"));
}

#[test]
fn unknown_extension_and_bad_scale_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let jpg = dir.path().join("map.jpg");
    let output = export(&[&northwind(), p("-o"), &jpg]);
    assert_ne!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains(".png, .svg, .drawio, .mmd, .dot, .canvas or .xlsx"),
        "{}",
        stderr(&output)
    );

    let png = dir.path().join("map.png");
    for scale in ["0.5", "5", "big"] {
        let output = export(&[&northwind(), p("-o"), &png, p("--scale"), p(scale)]);
        assert_ne!(output.status.code(), Some(0), "--scale {scale}");
        assert!(stderr(&output).contains("scale"), "{}", stderr(&output));
    }
    let output = export(&[&northwind(), p("-o"), &png, p("--theme"), p("sepia")]);
    assert_ne!(output.status.code(), Some(0));
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn a_missing_or_broken_map_exits_2_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("map.png");
    let missing = dir.path().join("nope.ron");
    let output = export(&[&missing, p("-o"), &out]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nope.ron"), "{}", stderr(&output));

    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(version: 1, title: ").expect("write");
    let output = export(&[&broken, p("-o"), &out]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("broken.ron"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

#[test]
fn an_unwritable_destination_fails_with_a_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("no such folder").join("map.svg");
    let output = export(&[&northwind(), p("-o"), &out]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Cannot write"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn embed_fonts_draws_every_label_as_glyph_outlines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("outlined.svg");
    let output = export(&[&northwind(), p("-o"), &out, p("--embed-fonts")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(!svg.contains("<text"), "text left as text");
    assert!(svg.matches("<path").count() > 100, "too few outlines");
    let plain = dir.path().join("plain.svg");
    export(&[&northwind(), p("-o"), &plain]);
    assert!(
        std::fs::read_to_string(&plain)
            .expect("written")
            .contains("<text")
    );
}

/// Whether `tool` can be run here; a test that needs it says so when it cannot.
fn have(tool: &str) -> bool {
    Command::new(tool).arg("-V").output().is_ok()
}

#[test]
fn exports_mermaid_dot_and_json_canvas_by_the_output_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = teamscape::file::load(&northwind()).expect("example");
    for (name, first_line) in [
        ("map.mmd", "---"),
        ("map.dot", "digraph \"Northwind Commerce"),
        ("map.canvas", "{"),
    ] {
        let out = dir.path().join(name);
        let output = export(&[&northwind(), p("-o"), &out]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(text.starts_with(first_line), "{name}: {text}");
        for team in doc.teams.values() {
            assert!(
                text.contains(&team.name.replace('&', "#amp;")) || text.contains(&team.name),
                "{name} lacks {}",
                team.name
            );
        }
    }
    let canvas: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("map.canvas")).expect("read"),
    )
    .expect("JSON Canvas is JSON");
    assert_eq!(
        canvas["nodes"].as_array().map(Vec::len),
        Some(doc.teams.len() + doc.sources.len() + doc.groups.len())
    );
    assert_eq!(
        canvas["edges"].as_array().map(Vec::len),
        Some(doc.links.len())
    );

    let bad = export(&[&northwind(), p("-o"), &dir.path().join("map.vsdx")]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains(".mmd, .dot, .canvas or .xlsx"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn graphviz_lays_out_the_dot_export_of_a_map_with_awkward_names() {
    if !have("dot") {
        eprintln!("skipped: Graphviz's dot is not installed here (apt-get install graphviz)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("awkward.ron");
    let mut doc = teamscape::file::load(&northwind()).expect("example");
    for (n, team) in doc.teams.values_mut().enumerate() {
        team.name = format!("{} \"q{n}\" \\ {{x}} <b> #{n}", team.name);
    }
    teamscape::file::save(&doc, &map).expect("save");
    let out = dir.path().join("awkward.dot");
    assert!(export(&[&map, p("-o"), &out]).status.success());
    let laid_out = Command::new("dot")
        .args(["-Tsvg", "-o"])
        .arg(dir.path().join("awkward.svg"))
        .arg(&out)
        .output()
        .expect("dot runs");
    assert!(
        laid_out.status.success(),
        "dot refused the export: {}",
        String::from_utf8_lossy(&laid_out.stderr)
    );
    let svg = std::fs::read_to_string(dir.path().join("awkward.svg")).expect("svg");
    assert!(
        svg.contains("&quot;q0&quot;") || svg.contains("\"q0\""),
        "names kept"
    );
    assert_eq!(
        svg.matches("<g id=\"node").count(),
        doc.teams.len() + doc.sources.len()
    );
    assert_eq!(svg.matches("<g id=\"edge").count(), doc.links.len());
}

#[test]
fn mermaid_parses_the_export_when_its_command_line_is_installed() {
    if !have("mmdc") {
        eprintln!(
            "skipped: Mermaid's mmdc is not installed here (npm install -g @mermaid-js/mermaid-cli); the escaping is unit-tested in src/export/graph_text.rs"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("map.mmd");
    assert!(export(&[&northwind(), p("-o"), &out]).status.success());
    let rendered = Command::new("mmdc")
        .arg("-i")
        .arg(&out)
        .arg("-o")
        .arg(dir.path().join("map.svg"))
        .output()
        .expect("mmdc runs");
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
}

#[test]
fn the_drawio_export_has_the_structure_drawio_reads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("map.drawio");
    let output = export(&[&northwind(), p("-o"), &out]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).expect("written");
    let xml = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "mxfile");
    let model = root
        .descendants()
        .find(|n| n.has_tag_name("mxGraphModel"))
        .expect("a graph model inside a diagram");
    assert_eq!(model.parent().map(|p| p.tag_name().name()), Some("diagram"));
    let cells: Vec<_> = model
        .descendants()
        .filter(|n| n.has_tag_name("mxCell"))
        .collect();
    // A team with notes is a cell inside a UserObject, which holds its id (and its tooltip).
    fn id_of<'a>(cell: &roxmltree::Node<'a, '_>) -> Option<&'a str> {
        cell.attribute("id").or_else(|| {
            cell.parent_element()
                .filter(|p| p.has_tag_name("UserObject"))
                .and_then(|p| p.attribute("id"))
        })
    }
    let ids: std::collections::BTreeSet<&str> = cells.iter().filter_map(id_of).collect();
    assert_eq!(ids.len(), cells.len(), "cell ids are unique");
    let doc = teamscape::file::load(&northwind()).expect("example");
    let vertices: Vec<_> = cells
        .iter()
        .filter(|c| c.attribute("vertex") == Some("1"))
        .collect();
    let edges: Vec<_> = cells
        .iter()
        .filter(|c| c.attribute("edge") == Some("1"))
        .collect();
    // A box per team and funding source, a container per group.
    assert_eq!(
        vertices.len(),
        doc.teams.len() + doc.sources.len() + doc.groups.len()
    );
    assert_eq!(edges.len(), doc.links.len());
    let position = |id: &str| {
        vertices
            .iter()
            .position(|v| id_of(v) == Some(id))
            .unwrap_or_else(|| panic!("no cell {id}"))
    };
    for (at, vertex) in vertices.iter().enumerate() {
        // On the page, or in a group's container written before it.
        let parent = vertex.attribute("parent").expect("a parent");
        if parent != "1" {
            assert!(parent.starts_with('g') && position(parent) < at, "{parent}");
        }
        let geometry = vertex
            .children()
            .find(|n| n.has_tag_name("mxGeometry"))
            .expect("a vertex has its geometry");
        for key in ["x", "y", "width", "height"] {
            let value: f64 = geometry
                .attribute(key)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{key} of {:?}", id_of(vertex)));
            assert!(value.is_finite());
        }
    }
    for edge in &edges {
        for end in ["source", "target"] {
            let id = edge.attribute(end).expect("both ends");
            assert!(ids.contains(id), "{end} {id} is a cell");
        }
    }
    // Names come back as written, "&" and all.
    assert!(vertices.iter().any(|v| {
        v.attribute("value")
            .is_some_and(|value| value.starts_with("Retail P&L\n"))
    }));
}
