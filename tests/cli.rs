//! The command line, run as a user runs it: `teamscape check` and `teamscape fmt`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn teamscape(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teamscape"))
        .args(args)
        .output()
        .expect("teamscape runs")
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    paths
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_passes_every_bundled_example_and_prints_a_summary() {
    for path in examples() {
        let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains("teams"), "{text}");
        assert!(text.contains("Teams per model type"), "{text}");
        assert!(text.contains("Platform Team"), "{text}");
    }
}

#[test]
fn check_summary_counts_what_the_file_holds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("small.ron");
    std::fs::write(
        &path,
        r##"(version: 1, title: "Small", model_types: [(id: 1, name: "Platform Team", color: "#0e7490"), (id: 2, name: "Service Team", color: "#db2777")],
        teams: [(id: 1, name: "A", model_type: 1, x: 0.0, y: 0.0), (id: 2, name: "B", model_type: 1, x: 300.0, y: 0.0), (id: 3, name: "C", model_type: 2, x: 600.0, y: 0.0)],
        funding_sources: [(id: 4, name: "Fund", x: 0.0, y: -200.0)],
        links: [(id: 5, kind: Dependency, from: 1, to: 2), (id: 6, kind: Funding(allocation: 50.0), from: 4, to: 3)])"##,
    )
    .expect("write");
    let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
    // Teams A and B have no funding: findings, so exit 1.
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("Small\n"), "{text}");
    assert!(
        text.contains("3 teams, 1 funding source, 2 links (1 dependency, 1 funding)"),
        "{text}"
    );
    let platform = text
        .lines()
        .find(|l| l.contains("Platform Team"))
        .expect("platform row");
    assert!(platform.trim_end().ends_with(" 2"), "{platform}");
}

#[test]
fn check_summary_writes_every_count_with_thousands_separators() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wide.ron");
    let teams: Vec<String> = (2..=1201)
        .map(|i| {
            format!(
                "(id: {i}, name: \"T{i}\", model_type: 1, x: {}.0, y: 0.0)",
                i * 200
            )
        })
        .collect();
    let links: Vec<String> = (2..=1201)
        .map(|i| {
            format!(
                "(id: {}, kind: Funding(allocation: 0.05), from: 1, to: {i})",
                5000 + i
            )
        })
        .collect();
    let text = format!(
        r##"(version: 1, title: "Wide", model_types: [(id: 1, name: "Platform Team", color: "#0e7490")],
        teams: [{}], funding_sources: [(id: 1, name: "Fund", x: 0.0, y: -200.0)], links: [{}])"##,
        teams.join(", "),
        links.join(", ")
    );
    std::fs::write(&path, text).expect("write");
    let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
    let text = stdout(&output);
    assert!(
        text.contains("1,200 teams, 1 funding source, 1,200 links (0 dependency, 1,200 funding)"),
        "{text}"
    );
    assert!(text.contains("    Platform Team  1,200\n"), "{text}");
    assert!(!text.replace("T1200", "").contains("1200"), "{text}");
}

#[test]
fn check_exits_2_with_the_message_on_stderr_for_a_bad_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(version: 1, model_types: [").expect("write");
    let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("line 1"), "{message}");
    assert!(message.contains("broken.ron"), "{message}");
    assert!(stdout(&output).is_empty());
}

/// A map with every kind of problem: Innovation fund allocates 130 %, Payments has no funding,
/// Checkout and Cart depend on each other, and Checkout (funded) depends on Payments.
const TROUBLED_MAP: &str = r##"(version: 1, title: "Troubled", model_types: [(id: 1, name: "Platform Team", color: "#0e7490"), (id: 2, name: "Service Team", color: "#db2777")],
    teams: [(id: 1, name: "Checkout", model_type: 1, headcount: 6, horizon: Some(Quarters), x: 0.0, y: 0.0), (id: 2, name: "Cart", model_type: 1, headcount: 4, x: 300.0, y: 0.0), (id: 3, name: "Payments", model_type: 2, headcount: 5, x: 600.0, y: 0.0)],
    funding_sources: [(id: 4, name: "Innovation fund", budget: Some((amount: 1000.0, currency: "EUR")), x: 0.0, y: -200.0)],
    links: [(id: 5, kind: Funding(allocation: 70.0), from: 4, to: 1), (id: 6, kind: Funding(allocation: 60.0), from: 4, to: 2), (id: 7, kind: Dependency, from: 1, to: 2), (id: 8, kind: Dependency, from: 2, to: 1), (id: 9, kind: Dependency, from: 1, to: 3)])"##;

fn write_map(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

#[test]
fn check_prints_the_findings_of_the_example_after_its_summary() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron");
    let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let sections = [
        "  Teams per model type:",
        "  Problems: none",
        "  Funding per source:",
        "    Retail P&L (budget 18,000,000 EUR): 94 % allocated, 6 % unallocated",
        "  Funding passed on by teams:",
        "  Funding per team:",
        "  Model mix by model type:",
        "  Model mix by bet horizon:",
        "  Most depended-on teams:",
    ];
    let mut from = 0;
    for section in sections {
        let Some(at) = text[from..].find(&format!("{section}\n")) else {
            panic!("{section:?} missing or out of order in:\n{text}");
        };
        from += at;
    }
    let payments = text
        .lines()
        .find(|l| l.starts_with("    Payments Platform "))
        .expect("team total of Payments Platform");
    assert!(payments.ends_with("1,860,000 EUR"), "{payments}");
    assert_eq!(
        stdout(&teamscape(&["check", path.to_str().expect("utf-8 path")])),
        text,
        "check output is not stable"
    );
}

#[test]
fn check_lists_problems_first_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_map(&dir, "troubled.ron", TROUBLED_MAP);
    let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let expected = "  Problems (4):\n\
        \x20   Innovation fund allocates 130 % of its budget\n\
        \x20   Payments has no funding\n\
        \x20   Dependency cycle: Cart → Checkout → Cart\n\
        \x20   Checkout (funded) depends on Payments, which has no funding\n\
        \x20 Funding per source:\n\
        \x20   Innovation fund (budget 1,000 EUR): 130 % allocated, 30 % over — a problem\n";
    assert!(text.contains(expected), "{text}");
}

#[test]
fn check_keeps_currencies_apart_and_says_when_a_link_does_not_fund() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_map(
        &dir,
        "currencies.ron",
        r##"(version: 1, title: "Currencies", model_types: [(id: 1, name: "Platform Team", color: "#0e7490")],
    teams: [(id: 1, name: "Checkout", model_type: 1, x: 0.0, y: 0.0), (id: 2, name: "Lonely", model_type: 1, x: 300.0, y: 0.0)],
    funding_sources: [(id: 3, name: "EU fund", budget: Some((amount: 1000.0, currency: "EUR")), x: 0.0, y: -200.0), (id: 4, name: "US fund", budget: Some((amount: 2500000.0, currency: "USD")), x: 300.0, y: -200.0)],
    links: [(id: 5, kind: Funding(allocation: 70.0), from: 3, to: 1), (id: 6, kind: Funding(allocation: 33.3), from: 4, to: 1), (id: 7, kind: Funding(allocation: 0.0), from: 4, to: 2)])"##,
    );
    let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let line = |start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start:?} in:\n{text}"))
            .to_owned()
    };
    assert!(line("    Checkout ").ends_with("700 EUR, 832,500 USD"));
    assert!(line("      Lonely ").ends_with("0 %  does not fund"));
    assert!(line("    US fund ").ends_with("33.3 % allocated, 66.7 % unallocated"));
    assert!(
        text.contains("  Problems (1):\n    Lonely has no funding\n"),
        "{text}"
    );
    let header = line("       ");
    assert!(
        header.contains("funding EUR") && header.contains("funding USD"),
        "{header}"
    );
}

#[test]
fn check_json_prints_the_findings_for_scripts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_map(&dir, "troubled.ron", TROUBLED_MAP);
    let output = teamscape(&[
        "check",
        "--format",
        "json",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["format"], "teamscape-check");
    assert_eq!(report["version"], 2);
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(0));
    let map = &report["maps"][0];
    assert_eq!(map["title"], "Troubled");
    assert!(
        map["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("troubled.ron"))
    );
    assert_eq!(map["counts"]["teams"], 3);
    assert_eq!(map["problem_count"], 4);
    let kinds: Vec<&str> = map["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "over_allocated",
            "unfunded",
            "dependency_cycle",
            "unfunded_dependency"
        ]
    );
    let over = &map["problems"][0];
    assert_eq!(
        over["message"],
        "Innovation fund allocates 130 % of its budget"
    );
    assert_eq!(over["items"], serde_json::json!([4, 2, 1, 6, 5]));
    let fund = &map["funding"]["funders"][0];
    assert_eq!(fund["allocated_percent"], 130.0);
    assert_eq!(fund["over_allocated"], true);
    assert_eq!(fund["allocations"][1]["amounts"][0]["amount"], 700.0);
    assert_eq!(map["funding"]["unfunded"], serde_json::json!([3]));
    let platform = &map["model_mix"]["by_type"][0];
    assert_eq!(platform["name"], "Platform Team");
    assert_eq!(platform["teams"], 2);
    assert_eq!(platform["headcount"], 10);
    let quarters = &map["model_mix"]["by_horizon"][3];
    assert_eq!(quarters["horizon"], "quarters");
    assert_eq!(quarters["teams"], 1);
    assert_eq!(
        map["model_mix"]["by_horizon"][6]["horizon"],
        serde_json::Value::Null
    );
    assert_eq!(
        map["dependencies"]["cycles"][0]["teams"],
        serde_json::json!([2, 1])
    );
    let top = &map["dependencies"]["most_depended_on"][0];
    assert_eq!(
        (top["name"].as_str(), top["fan_in"].as_u64()),
        (Some("Cart"), Some(1))
    );
}

#[test]
fn check_json_exits_0_for_the_example() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron");
    let output = teamscape(&[
        "check",
        "--format",
        "json",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["maps"][0]["problems"], serde_json::json!([]));
    assert_eq!(report["maps"][0]["counts"]["teams"], 19);
    let groups = report["maps"][0]["groups"].as_array().expect("groups");
    let retail = groups
        .iter()
        .find(|g| g["name"] == "Retail")
        .expect("Retail");
    assert_eq!(retail["teams"], 8);
    assert_eq!(retail["headcount"], 51);
    assert_eq!(retail["funding"][0]["currency"], "EUR");
    assert!(retail["mix"]["by_type"].is_array());
    assert_eq!(retail["cross_group_dependencies"]["incoming"], 2);
}

#[test]
fn check_prints_each_groups_roll_up_nested_under_its_parent() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron");
    let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("  Groups:\n"), "{text}");
    assert!(
        text.contains(
            "    Retail (Business unit): 8 teams, 51 people; funding 14,760,000 EUR; 14 dependencies out, 2 in\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("      Shopping journey (Value stream): 4 teams, 27 people;"),
        "{text}"
    );
}

#[test]
fn check_json_reports_unloadable_files_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = write_map(&dir, "troubled.ron", TROUBLED_MAP);
    let bad = write_map(&dir, "broken.ron", "(version: 1, model_types: [");
    let output = teamscape(&[
        "check",
        "--format",
        "json",
        good.to_str().expect("utf-8 path"),
        bad.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("broken.ron"),
        "{}",
        stderr(&output)
    );
    let report = json(&output);
    assert_eq!(report["maps"].as_array().map(Vec::len), Some(1));
    let error = &report["errors"][0];
    assert!(
        error["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("broken.ron"))
    );
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("line 1"))
    );
}

#[test]
fn fmt_check_accepts_the_examples_and_flags_a_non_canonical_file() {
    for path in examples() {
        let output = teamscape(&["fmt", "--check", path.to_str().expect("utf-8 path")]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("messy.ron");
    let messy = r##"(version:2,model_types:[(id:1,name:"Platform Team",color:"#0E7490")],teams:[(id:2,name:"B",model_type:1,x:5,y:0.0),(id:1,name:"A",model_type:1,x:0.0,y:0.0)])"##;
    std::fs::write(&path, messy).expect("write");
    let path_arg = path.to_str().expect("utf-8 path");

    let output = teamscape(&["fmt", "--check", path_arg]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not in canonical form"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        messy,
        "--check changed the file"
    );

    let output = teamscape(&["fmt", path_arg]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let formatted = std::fs::read_to_string(&path).expect("read");
    assert!(formatted.starts_with("(\n    version: 2,\n"), "{formatted}");
    let a = formatted.find("\"A\"").expect("team A");
    let b = formatted.find("\"B\"").expect("team B");
    assert!(a < b, "teams are not in id order:\n{formatted}");
    assert!(formatted.contains("#0e7490"));
    let output = teamscape(&["fmt", "--check", path_arg]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn fmt_migrates_a_version_1_map_to_version_2_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.ron");
    let old = "(\n    version: 1,\n    title: \"Old\",\n    model_types: [],\n    teams: [],\n    funding_sources: [],\n    links: [],\n)\n";
    std::fs::write(&path, old).expect("write");
    let path_arg = path.to_str().expect("utf-8 path");

    let output = teamscape(&["fmt", "--check", path_arg]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is in file format version 1, not 2"),
        "{}",
        stderr(&output)
    );

    let output = teamscape(&["fmt", path_arg]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        said.contains("migrated") && said.contains("from file format version 1 to version 2"),
        "{said}"
    );
    let migrated = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        migrated,
        old.replace("version: 1", "version: 2").replace(
            "    funding_sources: [],\n",
            "    funding_sources: [],\n    groups: [],\n"
        )
    );
    let output = teamscape(&["fmt", "--check", path_arg]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn fmt_leaves_an_unloadable_file_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(version: 1, teams: [(id: 1").expect("write");
    let output = teamscape(&["fmt", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "(version: 1, teams: [(id: 1"
    );
}

/// Runs teamscape with standard output (and, when asked, standard error) going into a pipe whose
/// reader has already gone, as in `teamscape check … | head` once head has quit.
fn with_closed_pipes(args: &[&str], close_stderr: bool) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut command = Command::new(env!("CARGO_BIN_EXE_teamscape"));
    command.args(args).stdout(writer);
    if close_stderr {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        command.stderr(writer);
    }
    command.output().expect("teamscape runs")
}

#[test]
fn a_closed_pipe_ends_every_subcommand_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = examples().remove(0);
    let map = map.to_str().expect("utf-8 path");
    let copy = dir.path().join("copy.ron");
    std::fs::write(
        &copy,
        "(version: 1, title: \"x\", model_types: [], teams: [])",
    )
    .expect("write");
    let picture = dir.path().join("map.svg");
    let bad = write_map(&dir, "bad.ron", "(version: 1, teams: [");
    for (args, close_stderr, code) in [
        (vec!["check", map], false, 0),
        (vec!["check", "--format", "json", map], false, 0),
        (vec!["check", bad.to_str().expect("utf-8")], true, 2),
        (vec!["fmt", copy.to_str().expect("utf-8")], false, 0),
        (
            vec!["export", map, "-o", picture.to_str().expect("utf-8")],
            false,
            0,
        ),
    ] {
        let output = with_closed_pipes(&args, close_stderr);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn check_shows_control_characters_in_names_instead_of_sending_them_to_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A name the loader refuses: the message quotes it, escaped.
    let path = write_map(
        &dir,
        "escape.ron",
        "(version: 1, title: \"x\", model_types: [(id: 1, name: \"Red\\u{1b}[31m\", color: \"#000000\")], teams: [])",
    );
    let output = teamscape(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(!message.contains('\u{1b}'), "{message:?}");
    assert!(message.contains("U+001B"), "{message}");
}

#[test]
fn fmt_leaves_a_map_with_comments_alone_unless_told_to_drop_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        "// Owned by the platform group\n(version: 1, title: \"x\", model_types: [], teams: [])";
    let path = write_map(&dir, "commented.ron", text);
    let file = path.to_str().expect("utf-8 path");
    for args in [vec!["fmt", file], vec!["fmt", "--check", file]] {
        let output = teamscape(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains("has comments (the first on line 1)"),
            "{}",
            stderr(&output)
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    }
    let output = teamscape(&["fmt", "--drop-comments", file]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!std::fs::read_to_string(&path).expect("read").contains("//"));
}

#[test]
fn readability_measures_a_collapsed_group_as_the_one_box_it_is_drawn_as() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron");
    let mut doc = teamscape::file::load(&path).expect("example loads");
    let retail = doc
        .groups
        .iter()
        .find(|(_, g)| g.name == "Retail")
        .map(|(id, _)| *id)
        .expect("the example has Retail");
    doc.groups.get_mut(&retail).expect("retail").collapsed = true;
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("collapsed.ron");
    teamscape::file::save(&doc, &map).expect("saved");
    let output = teamscape(&["readability", map.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Retail's eight teams are one box: links inside it are not drawn, links to it are merged.
    let drawn = teamscape::scene::collapse::shown(&doc).links.len();
    assert!(drawn < doc.links.len());
    let said = stdout(&output);
    assert!(
        said.starts_with(&format!(
            "{}: {drawn} links: 0 through a box",
            map.display()
        )),
        "{said}"
    );
}
