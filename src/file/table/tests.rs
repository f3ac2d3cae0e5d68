//! The lossless tables: the example goes there and back, and bad cells are named.

use super::*;

/// The bundled example, and a folder holding its tables.
fn example_tables() -> (Document, tempfile::TempDir) {
    let example = crate::examples::default_example();
    let doc = crate::file::parse(example.text, example.file_name).expect("example");
    let dir = tempfile::tempdir().expect("dir");
    write(&doc, dir.path()).expect("written");
    (doc, dir)
}

#[test]
fn the_example_goes_to_tables_and_back_unchanged() {
    let (doc, dir) = example_tables();
    for file in FILES {
        assert!(dir.path().join(file).exists(), "{file}");
    }
    assert_eq!(read(dir.path()).expect("read back"), doc);
}

#[test]
fn a_bad_cell_is_named_by_file_row_and_column() {
    let (_, dir) = example_tables();
    let teams = dir.path().join("teams.csv");
    let text = std::fs::read_to_string(&teams).expect("read");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    // The first team, Search & Discovery, has 8 people.
    assert!(lines[1].contains(",8,"), "{}", lines[1]);
    lines[1] = lines[1].replacen(",8,", ",eight,", 1);
    std::fs::write(&teams, lines.join("\n")).expect("write");
    let error = read(dir.path()).expect_err("refused").to_string();
    assert!(
        error.starts_with("teams.csv, row 2: column headcount: \"eight\" is not a whole number"),
        "{error}"
    );
}

#[test]
fn a_blank_line_does_not_shift_the_row_a_message_names() {
    let (_, dir) = example_tables();
    let teams = dir.path().join("teams.csv");
    let text = std::fs::read_to_string(&teams).expect("read");
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let (head, rest) = lines.split_at(1);
    let mut with_blank = head.to_vec();
    with_blank.push(String::new());
    with_blank.extend(rest.iter().cloned());
    // The second team, now on line 4, gets a headcount that does not read.
    let fields: Vec<&str> = with_blank[3].splitn(5, ',').collect();
    with_blank[3] = format!(
        "{},{},{},many,{}",
        fields[0], fields[1], fields[2], fields[4]
    );
    std::fs::write(&teams, with_blank.join("\n")).expect("write");
    let error = read(dir.path()).expect_err("refused").to_string();
    assert!(
        error.starts_with("teams.csv, row 4: column headcount: \"many\""),
        "{error}"
    );
}
