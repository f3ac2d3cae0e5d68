//! A map as CSV tables and back: random maps round-trip exactly, the command line writes and reads
//! the folder, and a bad cell is named by file, row and column.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::strategies::document_strategy;
use proptest::prelude::*;
use teamscape::file;
use teamscape::file::table;

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
