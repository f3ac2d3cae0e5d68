//! The importer is picked by what the file holds: the same bytes named .xlsx, .ods or .csv go to
//! the right reader, and a workbook is read as Teamscape's tables, Kumu's two sheets or a sheet of
//! teams by its sheets.

use std::io::Write as _;

use super::*;

fn xlsx(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).expect("name");
        for (r, row) in (0u32..).zip(rows.iter()) {
            for (c, cell) in (0u16..).zip(row.iter()) {
                if let Ok(number) = cell.parse::<f64>() {
                    sheet.write_number(r, c, number).expect("cell");
                } else {
                    sheet.write_string(r, c, *cell).expect("cell");
                }
            }
        }
    }
    workbook.save_to_buffer().expect("workbook")
}

#[test]
fn a_workbook_of_teams_is_read_from_its_first_sheet_with_team_names() {
    let bytes = xlsx(&[
        ("Notes", &[&["This sheet explains the others"]]),
        (
            "Org",
            &[
                &["Team", "Headcount", "Depends on"],
                &["Checkout", "8", "Payments"],
                &["Payments", "4", ""],
            ],
        ),
        ("Extra", &[&["Team"], &["Ignored"]]),
    ]);
    let imported = import_bytes("org.xlsx", "org", &bytes).expect("imported");
    assert_eq!(imported.doc.teams.len(), 2);
    assert_eq!(imported.doc.links.len(), 1);
    let checkout = imported.doc.teams.values().find(|t| t.name == "Checkout");
    assert_eq!(checkout.map(|t| t.headcount), Some(8));
    let skipped: Vec<&str> = imported
        .report
        .skipped
        .iter()
        .map(|s| s.place.as_str())
        .collect();
    assert_eq!(skipped, ["org.xlsx, sheet Notes", "org.xlsx, sheet Extra"]);
    assert!(
        imported.report.skipped[0]
            .why
            .starts_with("not read: no column holds team names"),
        "{:?}",
        imported.report.skipped
    );
    assert!(
        !imported
            .report
            .guessed
            .iter()
            .any(|g| g.contains("sheet Notes")),
        "nothing is guessed about a sheet that was not read: {:?}",
        imported.report.guessed
    );
}

#[test]
fn kumus_workbook_is_recognised_by_its_sheets() {
    let bytes = xlsx(&[
        (
            "Elements",
            &[
                &["Label", "Type"],
                &["Search", "Product Expansion"],
                &["Mobile", ""],
            ],
        ),
        ("Connections", &[&["From", "To"], &["Mobile", "Search"]]),
    ]);
    let imported = import_bytes("kumu.xlsx", "kumu", &bytes).expect("imported");
    assert_eq!(imported.doc.teams.len(), 2);
    assert_eq!(imported.doc.links.len(), 1);
}

#[test]
fn an_ods_sheet_of_teams_is_read() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Teams">
<table:table-row><table:table-cell office:value-type="string"><text:p>Team</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>People</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>Équipe Paiement</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).expect("entry");
    writer
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("written");
    writer.start_file("content.xml", stored).expect("entry");
    writer.write_all(content.as_bytes()).expect("written");
    writer
        .start_file("META-INF/manifest.xml", stored)
        .expect("entry");
    writer
        .write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)
        .expect("written");
    let bytes = writer.finish().expect("zip").into_inner();
    let imported = import_bytes("org.ods", "org", &bytes).expect("imported");
    let team = imported.doc.teams.values().next().expect("a team");
    assert_eq!((team.name.as_str(), team.headcount), ("Équipe Paiement", 7));
}

#[test]
fn a_csv_picked_from_a_folder_of_exported_tables_brings_the_whole_folder_back() {
    let example = crate::examples::default_example();
    let doc = crate::file::parse(example.text, example.file_name).expect("example");
    let dir = tempfile::tempdir().expect("dir");
    crate::file::table::write(&doc, dir.path()).expect("written");
    let imported = import(&dir.path().join("teams.csv")).expect("imported");
    assert_eq!(imported.doc, doc);
    assert!(imported.report.guessed.is_empty() && imported.report.skipped.is_empty());
}
