use super::*;
use crate::examples::EXAMPLES;
use crate::model::{Budget, FundingSource, Horizon, Id, Link, ModelTypeId, Point, Team};

fn sample() -> Document {
    let mut doc = Document::new("Sample \"quoted\" map");
    let mut team = Team::new("Checkout", ModelTypeId(1), Point::new(0.5, -20.25));
    team.headcount = 7;
    team.horizon = Some(Horizon::Quarters);
    team.notes = "Line one\nline two — with ünïcödé and 🚀".into();
    doc.teams.insert(Id(3), team);
    doc.teams.insert(
        Id(1),
        Team::new("Payments", ModelTypeId(6), Point::new(300.0, 0.0)),
    );
    let mut source = FundingSource::new("Growth fund", Point::new(0.0, -200.0));
    source.budget = Some(Budget {
        amount: 2_500_000.0,
        currency: "EUR".into(),
    });
    doc.sources.insert(Id(2), source);
    doc.links.insert(Id(5), Link::dependency(Id(3), Id(1)));
    let mut funding = Link::funding(Id(2), Id(3), 40.0);
    funding.label = "seed".into();
    doc.links.insert(Id(4), funding);
    doc
}

#[test]
fn save_then_load_gives_the_same_document() {
    let doc = sample();
    let text = to_string(&doc);
    let loaded = parse(&text, "sample").expect("loads");
    assert_eq!(loaded, doc);
}

#[test]
fn saving_twice_gives_identical_bytes() {
    let doc = sample();
    let first = to_string(&doc);
    let second = to_string(&parse(&first, "first").expect("loads"));
    assert_eq!(first, second);
}

#[test]
fn version_comes_first_and_each_item_sits_on_one_line() {
    let text = to_string(&sample());
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("("));
    assert_eq!(lines.next(), Some("    version: 1,"));
    let team_lines: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("(id:") && l.contains("model_type"))
        .collect();
    assert_eq!(team_lines.len(), 2, "{text}");
    // Items are written in id order, whatever order they were added in.
    assert!(team_lines[0].contains("\"Payments\""), "{text}");
    assert!(text.ends_with(")\n"));
}

#[test]
fn optional_fields_may_be_left_out_of_a_hand_written_file() {
    let text = r##"(
        version: 1,
        model_types: [(id: 1, name: "Platform Team", color: "#0e7490")],
        teams: [(id: 1, name: "Infra", model_type: 1, x: 0.0, y: 0.0)],
    )"##;
    let doc = parse(text, "hand-written").expect("loads");
    let team = &doc.teams[&Id(1)];
    assert_eq!(team.size, Team::DEFAULT_SIZE);
    assert_eq!(team.headcount, 0);
    assert_eq!(team.horizon, None);
    assert!(doc.links.is_empty());
}

#[test]
fn a_misspelt_field_is_named_with_its_line() {
    let text = "(\n    version: 1,\n    model_types: [],\n    teams: [],\n    linkz: [],\n)";
    let error = parse(text, "typo.ron").expect_err("refused");
    let message = error.to_string();
    assert!(message.contains("linkz"), "{message}");
    assert!(message.contains("line 5"), "{message}");
    assert!(message.ends_with("(typo.ron)"), "{message}");
}

#[test]
fn save_writes_atomically_and_keeps_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    save(&sample(), &path).expect("saves");
    save(&Document::new("second"), &path).expect("saves again");
    assert_eq!(load(&path).expect("loads").title, "second");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("map.ron")]);
}

#[test]
fn save_refuses_an_invalid_document_and_leaves_the_old_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    save(&sample(), &path).expect("saves");
    let mut broken = sample();
    broken.links.insert(Id(9), Link::dependency(Id(3), Id(404)));
    let error = save(&broken, &path).expect_err("refused");
    assert!(error.to_string().contains("404"), "{error}");
    assert_eq!(load(&path).expect("old file still loads"), sample());
}

#[cfg(unix)]
#[test]
fn save_keeps_the_file_mode_and_follows_symlinks() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real.ron");
    save(&sample(), &real).expect("saves");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    save(&Document::new("via link"), &link).expect("saves through the link");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real).expect("loads").title, "via link");
    let mode = std::fs::metadata(&real).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn bundled_examples_load_and_are_canonical() {
    for example in EXAMPLES {
        let doc = parse(example.text, example.file_name).expect("example loads");
        assert!(doc.teams.len() >= 15, "{} has too few teams", example.name);
        assert_eq!(
            to_string(&doc),
            example.text,
            "{} is not canonical",
            example.file_name
        );
    }
}
