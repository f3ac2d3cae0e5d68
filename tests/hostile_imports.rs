//! Hostile and careless input to the importers: every one is refused with a message naming the
//! file (and sheet, row, column), or imported with what was wrong in the report; the limits of a
//! map file hold; nothing panics and nothing is dropped in silence.

use std::fmt::Write as _;

use teamscape::import::{ImportError, import, import_bytes};
use teamscape::model::limits::{MAX_FILE_BYTES, MAX_NAME_CHARS, MAX_TEAMS, MAX_TEXT_CHARS};

fn skipped(imported: &teamscape::import::Imported) -> String {
    imported
        .report
        .skipped
        .iter()
        .map(|s| format!("{}: {}\n", s.place, s.why))
        .collect()
}

#[test]
fn more_teams_than_a_map_may_hold_stop_at_the_limit_and_say_which_rows() {
    let mut csv = String::from("Team\n");
    for n in 0..=MAX_TEAMS {
        let _ = writeln!(csv, "Team {n}");
    }
    let imported = import_bytes("big.csv", "big", csv.as_bytes()).expect("imported");
    assert_eq!(imported.doc.teams.len(), MAX_TEAMS);
    assert_eq!(imported.report.skipped.len(), 1);
    assert_eq!(
        skipped(&imported),
        "big.csv, row 100002: not imported: the map already has 100,000 teams, the limit\n"
    );
    imported.doc.validate().expect("valid");
}

#[test]
fn names_and_notes_past_their_limits_are_cut_and_reported() {
    let long_name = "N".repeat(100_000);
    let long_notes = "x".repeat(MAX_TEXT_CHARS + 5);
    let csv = format!("Team,Notes\n{long_name},{long_notes}\n");
    let imported = import_bytes("long.csv", "long", csv.as_bytes()).expect("imported");
    let team = imported.doc.teams.values().next().expect("team");
    assert_eq!(team.name.chars().count(), MAX_NAME_CHARS);
    assert_eq!(team.notes.chars().count(), MAX_TEXT_CHARS);
    let guessed = imported.report.guessed.join("\n");
    assert!(
        guessed.contains("cut 1 name to 500 characters"),
        "{guessed}"
    );
    assert!(guessed.contains("cut the notes of"), "{guessed}");
}

#[test]
fn ragged_rows_keep_what_fits_and_report_the_rest() {
    let csv = "Team,FTE\nCheckout\nPayments,3,surprise,more\n";
    let imported = import_bytes("ragged.csv", "ragged", csv.as_bytes()).expect("imported");
    assert_eq!(imported.doc.teams.len(), 2);
    assert_eq!(
        skipped(&imported),
        "ragged.csv, row 3: 4 cells but the first row names 2 columns; the cells past the last titled column were not read\n"
    );
}

#[test]
fn files_past_the_size_limit_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().expect("dir");
    for name in ["huge.csv", "huge.json", "huge.xlsx", "huge.drawio"] {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
        let error = import(&path).expect_err("refused");
        assert!(
            matches!(error, ImportError::TooLarge { .. }),
            "{name}: {error}"
        );
        assert!(error.to_string().contains(name), "{error}");
    }
}

#[test]
fn garbage_empty_and_mislabelled_files_say_what_is_wrong() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.csv", b"", "empty.csv holds no teams: it is empty"),
        (
            "noise.csv",
            b"\x00\x01\xff\xfe\x80garbage,\x9f\n1,2\n",
            "noise.csv holds no teams: no column holds team names",
        ),
        (
            "fake.xlsx",
            b"Team,FTE\nA,1\n",
            "Cannot read fake.xlsx: it is not a workbook",
        ),
        (
            "deep.json",
            &[b'['; 10_000],
            "Cannot read deep.json: line 1, column 128: recursion limit exceeded",
        ),
        (
            "list.json",
            b"[]",
            "Cannot read list.json: it is not a Kumu blueprint",
        ),
        (
            "map.ron",
            b"(version: 1)",
            "Cannot read map.ron: this is already a Teamscape map",
        ),
    ];
    for (name, bytes, expected) in cases {
        let error = import_bytes(name, "x", bytes).expect_err(name).to_string();
        assert!(error.starts_with(expected), "{name}: {error}");
    }
}

#[test]
fn a_kumu_blueprint_of_many_elements_imports_within_the_limits() {
    let mut json = String::from("{\"elements\": [");
    for n in 0..20_000 {
        let _ = write!(json, "{{\"label\": \"E{n}\", \"type\": \"T{}\"}},", n % 300);
    }
    json.push_str("{\"label\": \"last\"}], \"connections\": []}");
    let imported = import_bytes("many.json", "many", json.as_bytes()).expect("imported");
    assert_eq!(imported.doc.teams.len(), 20_001);
    // The palette holds at most 256 types: the rest keep the default type, and each is reported.
    assert_eq!(imported.doc.palette.len(), 256);
    let skipped = skipped(&imported);
    assert!(
        skipped.contains("column type: model type \"T250\" not added: the palette already has 256 model types, the limit"),
        "{}",
        &skipped[..skipped.len().min(400)]
    );
    imported.doc.validate().expect("valid");
}

#[test]
fn line_breaks_and_control_characters_in_cells_do_not_stop_an_import() {
    let csv = "Team,Notes,Depends on\n\"Check\nout\",\"two\r\nlines\u{1}\",Pay\u{1}ments\nPay\u{1}ments,,\n";
    let imported = import_bytes("ctl.csv", "ctl", csv.as_bytes()).expect("imported");
    let names: Vec<&str> = imported
        .doc
        .teams
        .values()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["Check out", "Payments"]);
    let checkout = imported.doc.teams.values().next().expect("team");
    assert_eq!(checkout.notes, "two\nlines");
    assert_eq!(
        imported.doc.links.len(),
        1,
        "the dependency finds the cleaned name"
    );
    let guessed = imported.report.guessed.join("\n");
    assert!(guessed.contains("put 2 names on one line"), "{guessed}");
}
