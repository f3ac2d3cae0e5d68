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

/// How `parse` worked before it read the map first: the version alone, then the whole map again.
fn parse_version_first(text: &str, origin: &str) -> Result<Document, LoadError> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    check_version(read_version(&options, text, origin)?, origin)?;
    let map: MapV1 = options
        .from_str(text)
        .map_err(|error| syntax_error(&error, text, origin.to_owned()))?;
    let doc = map.into_document().map_err(|problem| LoadError::Invalid {
        origin: origin.to_owned(),
        problems: ProblemList(vec![problem]),
    })?;
    doc.validate().map_err(|problems| LoadError::Invalid {
        origin: origin.to_owned(),
        problems,
    })?;
    Ok(doc)
}

/// A map with one of each item, `slot` in the text replaced by `value`.
fn every_field_with(slot: &str, value: &str) -> String {
    let text = r##"(
    version: 1,
    title: "Every field",
    model_types: [(id: 1, name: "Platform Team", color: "#0e7490", description: "d")],
    teams: [
        (id: 1, name: "A", model_type: 1, headcount: 3, horizon: HORIZON, x: TEAM_X, y: 0.0, width: 160.0, height: 72.0, notes: NOTES),
        (id: 2, name: "B", model_type: 1, x: 300.0, y: 0.0),
    ],
    funding_sources: [(id: 3, name: "Fund", budget: Some((amount: AMOUNT, currency: "EUR")), x: 0.0, y: -200.0)],
    links: [
        (id: ID, kind: KIND, from: 1, to: 2, label: "needs"),
        (id: 6, kind: Funding(allocation: ALLOCATION), from: 3, to: 1),
    ],
)"##;
    let defaults = [
        ("HORIZON", "Some(Days)"),
        ("TEAM_X", "0.5"),
        ("NOTES", "\"n\""),
        ("AMOUNT", "1e6"),
        ("ID", "5"),
        ("KIND", "Dependency"),
        ("ALLOCATION", "40.0"),
    ];
    let mut text = text.replace(slot, value);
    for (other, default) in defaults {
        text = text.replace(other, default);
    }
    text
}

#[test]
fn reading_the_map_first_judges_every_file_as_reading_the_version_first_did() {
    let numbers = [
        "0",
        "1",
        "+1",
        "-1",
        "1.",
        ".5",
        "-.5",
        "1e3",
        "1E+3",
        "1e-3",
        "1_000",
        "1_000.5",
        "0x10",
        "0b1",
        "0o7",
        "1f32",
        "1f64",
        "1.5f32",
        "-2f64",
        "1u8",
        "1i32",
        "1u64",
        "inf",
        "+inf",
        "-inf",
        "NaN",
        "-NaN",
        "inff32",
        "-inff64",
        "NaNf64",
        "1e400",
        "99999999999999999999999",
        "b'a'",
        "1..2",
        "1..",
        "..",
        "1.0.0",
        "1__0",
        "_1",
        "1e",
        "'a'",
        "\"1\"",
        "()",
        "x",
    ];
    let texts_and_idents = [
        "\"plain\"",
        "r\"raw\"",
        "r#\"raw \"quoted\"\"#",
        "\"\\u{1F680}\"",
        "b\"bytes\"",
        "\"\\q\"",
        "'c'",
        "Days",
        "Some(Days)",
        "Some( Days )",
        "Some(Days())",
        "Some(r#Days)",
        "None",
        "Some(Hours)",
        "Some(Never)",
        "Some(Some(Days))",
        "Dependency",
        "Dependency()",
        "r#Dependency",
        "Funding(allocation: 1.0)",
        "Funding(allocation: 1.0,)",
        "Funding(1.0)",
        "Funding",
        "Funding()",
        "Funding(allocation: 1.0, extra: 2)",
        "link_kind::Dependency",
    ];
    let mut texts = Vec::new();
    for slot in [
        "TEAM_X",
        "AMOUNT",
        "ALLOCATION",
        "ID",
        "HORIZON",
        "NOTES",
        "KIND",
    ] {
        for value in numbers.iter().chain(&texts_and_idents) {
            texts.push(every_field_with(slot, value));
        }
    }
    let good = every_field_with("", "");
    for (from, to) in [
        ("version: 1", "version: 2"),
        ("version: 1", "version: 0"),
        ("version: 1", "version: -1"),
        ("version: 1", "version: 1.0"),
        ("version: 1", "version: \"1\""),
        ("version: 1", "version: 4294967296"),
        ("version: 1,", ""),
        ("version: 1,", "version: 1, version: 1,"),
        ("version: 1,", "version: 2, future: [1, (2)],"),
        (
            "title: \"Every field\",",
            "title: \"Every field\", version: 1,",
        ),
        ("(\n    version", "map(\n    version"),
        ("(\n    version", "Map(\n    version"),
        ("(\n    version", "#![enable(implicit_some)] (\n    version"),
        (
            "(\n    version",
            "#![enable(explicit_struct_names)] map(\n    version",
        ),
        (
            "(\n    version",
            "#![enable(unwrap_newtypes)] (\n    version",
        ),
        ("(id: 1, name: \"A\"", "team(id: 1, name: \"A\""),
        ("(id: 1, name: \"A\"", "link(id: 1, name: \"A\""),
        ("(id: 3,", "funding_source(id: 3,"),
        (
            "[(id: 1, name: \"Platform",
            "[model_type(id: 1, name: \"Platform",
        ),
        ("Some((amount", "Some(budget(amount"),
        ("Some((amount", "((amount"),
        ("label: \"needs\"", "label: \"needs\", unknown: 1"),
        ("from: 1, to: 2", "from: 1, to: 2, from: 1"),
        ("\n)", ",\n)"),
        ("\n)", "\n) trailing"),
        ("\n)", "\n) // comment"),
        ("\n)", "\n) /* open comment"),
        ("links: [", "links: {"),
        ("teams: [", "teams: ("),
    ] {
        texts.push(good.replacen(from, to, 1));
    }
    texts.extend((1..good.len()).filter_map(|end| good.get(..end).map(str::to_owned)));
    for text in &texts {
        let now = parse(text, "t.ron").map_err(|error| error.to_string());
        let before = parse_version_first(text, "t.ron").map_err(|error| error.to_string());
        assert_eq!(now, before, "{text}");
    }
    assert!(parse(&good, "t.ron").is_ok(), "{good}");
}
