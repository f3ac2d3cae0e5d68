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
    assert_eq!(lines.next(), Some("    version: 2,"));
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
    let map: MapV2 = options
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

/// Maps written by Teamscape before groups (file format version 1): the example as it was, and
/// the fuzz seeds that load.
const VERSION_1_MAPS: [(&str, &str); 5] = [
    (
        "northwind.ron (version 1)",
        include_str!("../../tests/fixtures/v1/northwind.ron"),
    ),
    (
        "every_field.ron",
        include_str!("../../fuzz/corpus/map_loader/every_field.ron"),
    ),
    (
        "minimal.ron",
        include_str!("../../fuzz/corpus/map_loader/minimal.ron"),
    ),
    (
        "bom_trailing_commas.ron",
        include_str!("../../fuzz/corpus/map_loader/bom_trailing_commas.ron"),
    ),
    (
        "northwind.ron (fuzz seed)",
        include_str!("../../fuzz/corpus/map_loader/northwind.ron"),
    ),
];

#[test]
fn every_version_1_map_migrates_to_version_2_and_round_trips() {
    for (name, text) in VERSION_1_MAPS {
        assert_eq!(file_version(text), Some(1), "{name}");
        let doc = parse(text, name).unwrap_or_else(|e| panic!("{name} does not load: {e}"));
        assert!(doc.groups.is_empty(), "{name}");
        let v2 = to_string(&doc);
        assert!(v2.starts_with("(\n    version: 2,\n"), "{name}: {v2}");
        assert!(v2.contains("\n    groups: [],\n"), "{name}: {v2}");
        let again = parse(&v2, name).expect("the migrated map loads");
        assert_eq!(again, doc, "{name}");
        assert_eq!(to_string(&again), v2, "{name}: saving is not byte-stable");
        // Nothing is lost: the version 2 text is the version 1 text Teamscape wrote, plus the
        // new version number and an empty list of groups.
        let as_version_1 = v2
            .replacen("    version: 2,", "    version: 1,", 1)
            .replacen("    groups: [],\n", "", 1);
        assert_eq!(
            parse(&as_version_1, name).expect("reads as v1"),
            doc,
            "{name}"
        );
    }
}

#[test]
fn the_version_1_example_keeps_every_byte_but_the_version_and_the_groups() {
    let (name, text) = VERSION_1_MAPS[0];
    let v2 = to_string(&parse(text, name).expect("loads"));
    let as_version_1 = v2
        .replacen("    version: 2,", "    version: 1,", 1)
        .replacen("    groups: [],\n", "", 1);
    assert_eq!(as_version_1, text);
}

#[test]
fn a_version_1_map_with_groups_is_refused_as_version_1_has_none() {
    let text = "(\n    version: 1,\n    model_types: [],\n    groups: [],\n)";
    let error = parse(text, "old.ron").expect_err("refused").to_string();
    assert!(error.contains("groups"), "{error}");
    assert!(error.contains("line 4"), "{error}");
}

#[test]
fn a_newer_version_is_refused_as_newer() {
    let text = "(\n    version: 3,\n    model_types: [],\n    zones: [],\n)";
    let error = parse(text, "new.ron").expect_err("refused").to_string();
    assert!(error.contains("newer Teamscape"), "{error}");
    assert!(error.contains("version 3"), "{error}");
    assert!(error.contains("reads up to 2"), "{error}");
}

/// A map with a business unit holding a value stream, one item per line.
fn grouped() -> Document {
    use crate::model::{Color, Group, GroupKind};
    let mut doc = sample();
    let mut bu = Group::new("Retail", GroupKind::BusinessUnit);
    bu.members = vec![Id(2)];
    bu.color = Some(Color::rgb(1, 2, 3));
    bu.notes = "P&L \"owner\"\nsecond line".into();
    let mut stream = Group::new("Checkout flow", GroupKind::Other("Journey".into()));
    stream.parent = Some(Id(7));
    stream.members = vec![Id(1), Id(3)];
    stream.collapsed = true;
    doc.groups.insert(Id(7), bu);
    doc.groups.insert(Id(6), stream);
    doc
}

#[test]
fn groups_are_written_one_per_line_in_id_order_and_read_back_exactly() {
    let doc = grouped();
    assert_eq!(doc.validate(), Ok(()));
    let text = to_string(&doc);
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "    groups: [")
        .skip(1)
        .take_while(|l| *l != "    ],")
        .collect();
    assert_eq!(
        lines,
        [
            r#"        (id: 6, name: "Checkout flow", kind: Other("Journey"), parent: Some(7), collapsed: true, members: [1, 3]),"#,
            r##"        (id: 7, name: "Retail", kind: BusinessUnit, color: Some("#010203"), members: [2], notes: "P&L \"owner\"\nsecond line"),"##,
        ]
    );
    let loaded = parse(&text, "grouped").expect("loads");
    assert_eq!(loaded, doc);
    assert_eq!(to_string(&loaded), text);
}

#[test]
fn members_in_any_order_are_read_into_id_order() {
    let text = to_string(&grouped()).replace("members: [1, 3]", "members: [3, 1]");
    assert_eq!(parse(&text, "hand-written").expect("loads"), grouped());
}

#[test]
fn the_fuzz_seeds_with_groups_load_and_are_canonical() {
    let text = include_str!("../../fuzz/corpus/map_loader/groups.ron");
    let doc = parse(text, "groups.ron").expect("the seed loads");
    assert_eq!(doc.groups.len(), 4);
    assert_eq!(to_string(&doc), text, "the seed is canonical");
    let looped = include_str!("../../fuzz/corpus/map_loader/group_loop.ron");
    let error = parse(looped, "group_loop.ron").expect_err("a loop is refused");
    assert!(error.to_string().contains("inside itself"), "{error}");
    let recovery = include_str!("../../fuzz/corpus/recovery/groups.ron");
    let (_, recovered) = recovery::parse_recovery(recovery, "groups recovery").expect("recovers");
    assert_eq!(recovered, doc);
}
