//! Every bound in `model::limits` refuses what is over it with a message that names the limit,
//! whether the map comes from a file, the clipboard or a recovery file. (File size, nesting depth
//! and per-item numbers are in hostile_files.rs.)

use teamscape::file::{self, LoadError, clipboard, recovery};
use teamscape::generate::{GenerateOptions, generate};
use teamscape::model::limits::{
    MAX_CURRENCY_CHARS, MAX_FILE_BYTES, MAX_LINKS, MAX_MODEL_TYPES, MAX_NAME_CHARS, MAX_SOURCES,
    MAX_TEAMS, MAX_TEXT_CHARS,
};
use teamscape::model::{
    Budget, Color, Document, FundingSource, Id, Link, ModelType, ModelTypeId, Point, Team,
};

/// The map text of `doc` (written without validation, as a hostile tool could) must be refused
/// on load with a message holding every one of `expected`.
fn assert_text_refused(doc: &Document, expected: &[&str]) {
    let text = file::to_string(doc);
    let error = file::parse(&text, "limits.ron").expect_err("a map over a limit was accepted");
    let message = error.to_string();
    assert!(matches!(error, LoadError::Invalid { .. }), "{message}");
    for needle in expected {
        assert!(
            message.contains(needle),
            "message lacks {needle:?}: {message}"
        );
    }
    assert!(message.len() < 600, "message is too long: {message}");
}

/// The map text of `doc` must be refused while it is parsed, at the first item over the limit
/// (so with its line), with a message naming what is counted and the limit.
fn assert_count_refused(doc: &Document, what: &str, max: usize) {
    let text = file::to_string(doc);
    let error = file::parse(&text, "limits.ron").expect_err("a map over a limit was accepted");
    let message = error.to_string();
    let LoadError::Syntax { line, .. } = error else {
        panic!("refused only after parsing: {message}");
    };
    assert!(
        line > max,
        "refused at line {line}, before the item over the limit"
    );
    for needle in [what, &teamscape::text::format_count(max)] {
        assert!(
            message.contains(needle),
            "message lacks {needle:?}: {message}"
        );
    }
}

fn one_team() -> Document {
    let mut doc = Document::new("Limits");
    doc.teams
        .insert(Id(1), Team::new("A", ModelTypeId(1), Point::default()));
    doc
}

#[test]
fn a_generated_map_with_one_team_more_than_the_limit_is_refused() {
    let mut doc = generate(GenerateOptions {
        teams: MAX_TEAMS,
        links: 0,
        seed: 3,
    });
    assert_eq!(doc.teams.len(), MAX_TEAMS);
    assert_eq!(doc.validate(), Ok(()), "exactly the limit is fine");
    let id = doc.next_id();
    doc.teams.insert(
        id,
        Team::new("One too many", ModelTypeId(1), Point::default()),
    );
    assert_count_refused(&doc, "teams", MAX_TEAMS);
}

#[test]
fn more_funding_sources_and_model_types_than_the_limits_are_refused() {
    let mut doc = one_team();
    for n in 0..=MAX_SOURCES as u64 {
        doc.sources
            .insert(Id(10 + n), FundingSource::new("Fund", Point::default()));
    }
    assert_count_refused(&doc, "funding sources", MAX_SOURCES);

    let mut doc = one_team();
    for n in doc.palette.len()..=MAX_MODEL_TYPES {
        doc.palette.push(ModelType {
            id: ModelTypeId(100 + n as u64),
            name: format!("Type {n}"),
            color: Color::rgb(1, 2, 3),
            description: String::new(),
        });
    }
    assert_count_refused(&doc, "model types", MAX_MODEL_TYPES);
}

#[test]
fn more_links_than_the_limit_are_refused() {
    assert_count_refused(&links_over_the_limit(), "links", MAX_LINKS);
}

/// Two teams and one dependency link more than the limit allows.
fn links_over_the_limit() -> Document {
    let mut doc = one_team();
    doc.teams
        .insert(Id(2), Team::new("B", ModelTypeId(1), Point::default()));
    for n in 0..=MAX_LINKS as u64 {
        doc.links.insert(Id(10 + n), Link::dependency(Id(1), Id(2)));
    }
    doc
}

#[test]
fn every_text_field_over_its_length_limit_is_refused_with_the_field_named() {
    let long_name = "名".repeat(MAX_NAME_CHARS + 1);
    let long_text = "x".repeat(MAX_TEXT_CHARS + 1);

    let mut doc = one_team();
    doc.title.clone_from(&long_name);
    assert_text_refused(&doc, &["the title", &MAX_NAME_CHARS.to_string()]);

    let mut doc = one_team();
    doc.teams.get_mut(&Id(1)).expect("team").notes = long_text.clone();
    let limit = teamscape::text::format_count(MAX_TEXT_CHARS);
    assert_text_refused(&doc, &["team 1", "the notes", &limit]);

    let mut doc = one_team();
    doc.teams
        .insert(Id(2), Team::new("B", ModelTypeId(1), Point::default()));
    let mut link = Link::dependency(Id(1), Id(2));
    link.label.clone_from(&long_text);
    doc.links.insert(Id(3), link);
    assert_text_refused(&doc, &["link 3", "the label"]);

    let mut doc = one_team();
    doc.palette[0].description.clone_from(&long_text);
    assert_text_refused(&doc, &["model type 1", "the description"]);

    let mut doc = one_team();
    let mut source = FundingSource::new(long_name, Point::default());
    assert!(source.check().is_err());
    source.name = "Fund".into();
    source.budget = Some(Budget {
        amount: 1.0,
        currency: "E".repeat(MAX_CURRENCY_CHARS + 1),
    });
    doc.sources.insert(Id(2), source);
    assert_text_refused(&doc, &["funding source 2", "the currency"]);
}

#[test]
fn pasted_text_over_the_size_limit_is_refused_before_it_is_parsed() {
    let huge = " ".repeat(usize::try_from(MAX_FILE_BYTES).expect("fits") + 1);
    let error = clipboard::paste(&one_team(), &huge, |_| (0.0, 0.0)).expect_err("accepted");
    assert!(matches!(error, LoadError::TooLarge { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("too large"), "{message}");
    assert!(message.contains(clipboard::PASTE_ORIGIN), "{message}");
}

#[test]
fn a_deeply_nested_recovery_file_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "(".repeat(100_000), ")".repeat(100_000));
    let error = recovery::parse_recovery(&deep, "deep recovery").expect_err("accepted");
    assert!(error.to_string().contains("deep recovery"), "{error}");

    let map_inside = format!(
        "(version: 1, path: None, map: \"{}{}\")",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let error = recovery::parse_recovery(&map_inside, "deep map").expect_err("accepted");
    assert!(
        error.to_string().contains("nested 50,000 levels deep"),
        "{error}"
    );
}
