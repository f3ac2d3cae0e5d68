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
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
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

#[test]
fn fmt_check_accepts_the_examples_and_flags_a_non_canonical_file() {
    for path in examples() {
        let output = teamscape(&["fmt", "--check", path.to_str().expect("utf-8 path")]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("messy.ron");
    let messy = r##"(version:1,model_types:[(id:1,name:"Platform Team",color:"#0E7490")],teams:[(id:2,name:"B",model_type:1,x:5,y:0.0),(id:1,name:"A",model_type:1,x:0.0,y:0.0)])"##;
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
    assert!(formatted.starts_with("(\n    version: 1,\n"), "{formatted}");
    let a = formatted.find("\"A\"").expect("team A");
    let b = formatted.find("\"B\"").expect("team B");
    assert!(a < b, "teams are not in id order:\n{formatted}");
    assert!(formatted.contains("#0e7490"));
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
