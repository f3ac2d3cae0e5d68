//! A map as tables and back: random maps round-trip exactly through a folder of CSV files and
//! through an XLSX workbook, the command line writes and reads both, a bad cell is named by file,
//! sheet, row and column, and a sheet of teams as people keep one imports with its report.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::strategies::document_strategy;
use proptest::prelude::*;
use teamscape::file;
use teamscape::file::{table, workbook};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_maps_go_to_tables_and_back_unchanged(doc in document_strategy()) {
        prop_assume!(doc.conflicts.is_empty());
        let dir = tempfile::tempdir().expect("dir");
        table::write(&doc, dir.path()).expect("written");
        let back = table::read(dir.path());
        prop_assert!(back.is_ok(), "{back:?}");
        prop_assert_eq!(back.ok(), Some(doc));
    }

    #[test]
    fn random_maps_go_to_a_workbook_and_back_unchanged(doc in document_strategy()) {
        prop_assume!(doc.conflicts.is_empty());
        let sheets = table::sheets(&doc).expect("tables");
        let bytes = workbook::xlsx_bytes(&sheets).expect("written");
        let read = workbook::read_workbook("map.xlsx", &bytes).expect("read");
        let back = table::read_workbook("map.xlsx", read);
        prop_assert!(back.is_ok(), "{back:?}");
        prop_assert_eq!(back.ok(), Some(doc));
    }
}

fn teamscape(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teamscape"))
        .args(args)
        .output()
        .expect("teamscape runs")
}

#[test]
fn export_to_a_folder_and_import_give_back_the_same_map_file() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron");
    let dir = tempfile::tempdir().expect("dir");
    let folder = format!("{}/tables/", dir.path().display());
    let exported = teamscape(&[
        Path::new("export"),
        &example,
        Path::new("-o"),
        Path::new(&folder),
    ]);
    assert!(exported.status.success(), "{exported:?}");
    for name in table::FILES {
        assert!(Path::new(&folder).join(name).exists(), "{name}");
    }
    let map = dir.path().join("imported.ron");
    let imported = teamscape(&[
        Path::new("import"),
        Path::new(&folder),
        Path::new("-o"),
        &map,
    ]);
    assert!(imported.status.success(), "{imported:?}");
    assert_eq!(
        std::fs::read_to_string(&map).expect("written"),
        std::fs::read_to_string(&example).expect("example"),
        "byte for byte"
    );

    // A bad cell: the command says which file, row and column, and writes nothing.
    let links = Path::new(&folder).join("links.csv");
    let text = std::fs::read_to_string(&links).expect("links");
    std::fs::write(&links, text.replacen("funding,", "fundng,", 1)).expect("write");
    let broken = dir.path().join("broken.ron");
    let refused = teamscape(&[
        Path::new("import"),
        Path::new(&folder),
        Path::new("-o"),
        &broken,
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains(
            "links.csv, row 2: column kind: \"fundng\" is neither dependency nor funding"
        ),
        "{message}"
    );
    assert!(!broken.exists());
    let _ = file::load(&map).expect("the imported map loads");
}

#[test]
fn export_to_a_workbook_and_import_give_back_the_same_map_file() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron");
    let dir = tempfile::tempdir().expect("dir");
    let xlsx = dir.path().join("northwind.xlsx");
    let exported = teamscape(&[Path::new("export"), &example, Path::new("-o"), &xlsx]);
    assert!(exported.status.success(), "{exported:?}");
    let map = dir.path().join("back.ron");
    let imported = teamscape(&[Path::new("import"), &xlsx, Path::new("-o"), &map]);
    assert!(imported.status.success(), "{imported:?}");
    assert_eq!(
        std::fs::read_to_string(&map).expect("written"),
        std::fs::read_to_string(&example).expect("example"),
        "byte for byte"
    );
    let said = String::from_utf8_lossy(&imported.stdout);
    assert!(
        said.contains("from the sheets of a Teamscape workbook"),
        "{said}"
    );
}

#[test]
fn a_sheet_of_teams_imports_with_a_report_of_what_was_guessed_and_skipped() {
    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("org.csv");
    std::fs::write(
        &csv,
        "Team;FTE;Type;Funded by;Depends on;Manager\n\
         Checkout;8;Platform Team;Retail P&L 40%;Payments|Search;Ann\n\
         Payments;five;Enabling;Retail P&L;;Bob\n\
         ;3;;;;\n\
         Search;4;;Tech;;\n",
    )
    .expect("write");
    let map = dir.path().join("org.ron");
    let imported = teamscape(&[Path::new("import"), &csv, Path::new("-o"), &map]);
    assert!(imported.status.success(), "{imported:?}");
    let said = String::from_utf8_lossy(&imported.stdout);
    for expected in [
        "read: 3 teams, 2 funding sources, 5 links",
        "guessed: org.csv: took column \"FTE\" as the headcount",
        "guessed: added the model type \"Enabling\" to the palette",
        "guessed: org.csv: kept column \"Manager\" in each team's notes",
        "skipped: org.csv, row 3, column FTE: headcount \"five\" is not a number",
        "skipped: org.csv, row 4: not imported: it has no team name",
        "wrote ",
    ] {
        assert!(said.contains(expected), "{expected:?} in\n{said}");
    }
    let doc = file::load(&map).expect("the imported map loads");
    assert_eq!(doc.teams.len(), 3);
}
