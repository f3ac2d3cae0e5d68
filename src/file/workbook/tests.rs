use super::*;

fn out_sheet(rows: Vec<Vec<Cell>>) -> OutSheet {
    OutSheet {
        name: "Teams",
        file: "teams.csv",
        header: &["name", "headcount"],
        rows,
    }
}

#[test]
fn a_workbook_keeps_text_as_text_and_numbers_as_their_shortest_text() {
    let sheet = out_sheet(vec![
        vec![Cell::Text("007".into()), Cell::Number("12".into())],
        vec![
            Cell::Text("Café, \"Ops\"\nline two".into()),
            Cell::Number("0.1".into()),
        ],
        vec![Cell::Text(String::new()), Cell::Number(String::new())],
    ]);
    let bytes = xlsx_bytes(&[sheet]).expect("written");
    let sheets = read_workbook("map.xlsx", &bytes).expect("read");
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].name, "Teams");
    assert_eq!(
        sheets[0].rows,
        vec![
            vec!["name".to_owned(), "headcount".to_owned()],
            vec!["007".to_owned(), "12".to_owned()],
            vec!["Café, \"Ops\"\nline two".to_owned(), "0.1".to_owned()],
        ]
    );
}

#[test]
fn a_sheet_spanning_the_whole_grid_is_refused_before_it_is_allocated() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Team").expect("A1");
    sheet
        .write_string(1_048_575, 16_383, "far corner")
        .expect("XFD1048576");
    let bytes = workbook.save_to_buffer().expect("saved");
    let error = read_workbook("corner.xlsx", &bytes).expect_err("refused");
    assert!(
        matches!(error, WorkbookError::TooManyCells { cells, .. } if cells == 1_048_576 * 16_384),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("Cannot read corner.xlsx: sheet Sheet1 spans"),
        "{error}"
    );
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    use std::io::Write as _;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    writer
        .start_file("xl/worksheets/sheet1.xml", options)
        .expect("entry");
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..=(MAX_FILE_BYTES >> 20) {
        writer.write_all(&zeros).expect("written");
    }
    let bytes = writer.finish().expect("finished").into_inner();
    assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
    let error = read_workbook("bomb.xlsx", &bytes).expect_err("refused");
    assert!(
        error
            .to_string()
            .starts_with("bomb.xlsx (unpacked) is too large"),
        "{error}"
    );
}

#[test]
fn bytes_that_are_no_workbook_say_so() {
    for bytes in [&b""[..], b"name,headcount\n", b"PK\x03\x04 broken"] {
        let error = read_workbook("odd.xlsx", bytes).expect_err("refused");
        assert!(
            error
                .to_string()
                .starts_with("Cannot read odd.xlsx: it is not a workbook"),
            "{error}"
        );
    }
}

#[test]
fn csv_in_the_encodings_and_separators_spreadsheets_write() {
    let utf8 = "Team;Headcount\nCafé;8\n";
    let (sheet, decoded) = read_csv("a.csv", "a", utf8.as_bytes()).expect("read");
    assert_eq!(decoded, Decoded::Utf8);
    assert_eq!(sheet.rows[1], vec!["Café", "8"]);

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Team\tHeadcount\r\nÉquipe\t3\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let (sheet, decoded) = read_csv("b.csv", "b", &utf16).expect("read");
    assert_eq!(decoded, Decoded::Utf16);
    assert_eq!(sheet.rows[1], vec!["Équipe", "3"]);

    let latin = b"Team,Headcount\nCaf\xe9,8\n";
    let (sheet, decoded) = read_csv("c.csv", "c", latin).expect("read");
    assert_eq!(decoded, Decoded::Windows1252);
    assert_eq!(sheet.rows[1], vec!["Café", "8"]);

    let with_bom = "\u{feff}Team,Headcount\nOps,2\n";
    let (sheet, _) = read_csv("d.csv", "d", with_bom.as_bytes()).expect("read");
    assert_eq!(sheet.rows[0][0], "Team");
}

#[test]
fn ragged_csv_rows_are_kept_as_they_are() {
    let (sheet, _) = read_csv("r.csv", "r", b"a,b,c\n1\n1,2,3,4\n").expect("read");
    assert_eq!(sheet.rows[1], vec!["1"]);
    assert_eq!(sheet.rows[2].len(), 4);
}

#[test]
fn the_used_area_of_an_ods_sheet_ignores_empty_padding() {
    let padded = br#"<table:table-row table:number-rows-repeated="1048553"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    assert_eq!(ods_used_cells(padded), 0);
    let repeated = br#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    assert_eq!(ods_used_cells(repeated), 1_000_000_000);
    // A value needs no text inside the tag: a self-closing cell with one counts too.
    let valued = br#"<table:table-row table:number-rows-repeated="4000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
    assert_eq!(ods_used_cells(valued), 4000 * 16384);
    // Broken tags cost one pass, not one pass per tag.
    let broken = b"<table:table-cell ".repeat(200_000);
    assert_eq!(ods_used_cells(&broken), 200_000);
}

#[test]
fn a_table_that_starts_below_and_right_of_a1_keeps_its_rows_and_columns() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(2, 1, "Team").expect("B3");
    sheet.write_string(3, 1, "Checkout").expect("B4");
    let bytes = workbook.save_to_buffer().expect("saved");
    let sheets = read_workbook("offset.xlsx", &bytes).expect("read");
    assert_eq!(sheets[0].rows.len(), 4);
    assert_eq!(sheets[0].rows[2], vec!["", "Team"]);
    assert_eq!(sheets[0].rows[3], vec!["", "Checkout"]);
}

#[test]
fn a_blank_line_in_a_csv_keeps_the_rows_after_it_where_they_are() {
    let (sheet, _) = read_csv("b.csv", "b", b"Team\nA\n\nB\n").expect("read");
    assert_eq!(sheet.rows.len(), 4);
    assert!(sheet.rows[2].is_empty());
    assert_eq!(sheet.rows[3], vec!["B"]);
}
