//! Sheets of text cells: one CSV file, or every sheet of a workbook (XLSX, ODS). Reading holds the
//! limits of a map file, so a hostile workbook (a zip bomb, a cell at the far corner of a sheet
//! that would make the reader allocate billions of empty cells) is refused with a message instead
//! of exhausting memory. Writing keeps numbers as numbers, so a spreadsheet can sum them.

use std::io::{Cursor, Read as _};

use crate::model::limits::MAX_FILE_BYTES;

/// Most cells a sheet may span (rows × columns of its used area): far above a 100,000-team sheet
/// with its dozen columns, far below what would exhaust memory.
pub const MAX_CELLS: u64 = 20_000_000;

/// A sheet as read: its name and rows of text, the first row being the header when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// A cell to write: text stays text ("007" is a name, not seven); a number is written as a number
/// in a workbook and as its text in CSV.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(String),
}

impl Cell {
    pub fn text(&self) -> &str {
        match self {
            Self::Text(text) | Self::Number(text) => text,
        }
    }
}

/// A sheet to write: its name in a workbook, its file name in a folder, a header and rows.
#[derive(Clone, Debug)]
pub struct OutSheet {
    pub name: &'static str,
    pub file: &'static str,
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

/// Why a sheet could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("{origin} is too large: {bytes} bytes, above the limit of {max} bytes")]
    TooLarge {
        origin: String,
        bytes: u64,
        max: u64,
    },
    #[error("Cannot read {origin}: {detail}")]
    Unreadable { origin: String, detail: String },
    #[error(
        "Cannot read {origin}: sheet {sheet} spans {cells} cells, above the limit of {MAX_CELLS}"
    )]
    TooManyCells {
        origin: String,
        sheet: String,
        cells: u64,
    },
    #[error("Cannot write the workbook: {0}")]
    Write(String),
}

/// How the text of a CSV file was decoded, when it was not plain UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoded {
    Utf8,
    Utf16,
    /// Not valid UTF-8: read as Windows-1252 (Excel's "CSV" on Windows), which maps every byte.
    Windows1252,
}

/// Decodes CSV bytes: UTF-8 (a byte-order mark is dropped), UTF-16 with its byte-order mark, or
/// Windows-1252 when the bytes are not UTF-8.
pub fn decode_text(bytes: &[u8]) -> (String, Decoded) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let decoded = if encoding == encoding_rs::UTF_8 {
            Decoded::Utf8
        } else {
            Decoded::Utf16
        };
        return (text.into_owned(), decoded);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Decoded::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), Decoded::Windows1252)
        }
    }
}

/// One CSV file as a sheet named `name`. Rows may have different lengths (the reader of the
/// sheet says which cells are missing); the separator is a comma, or a semicolon or tab when the
/// header uses one of those instead (as spreadsheets in many locales write).
pub fn read_csv(origin: &str, name: &str, bytes: &[u8]) -> Result<(Sheet, Decoded), WorkbookError> {
    check_size(origin, bytes.len())?;
    let (text, decoded) = decode_text(bytes);
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.bytes().filter(|b| b == d).count())
        .filter(|d| header_line.as_bytes().contains(d))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| WorkbookError::Unreadable {
            origin: origin.to_owned(),
            detail: format!("row {}: {e}", index + 1),
        })?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok((
        Sheet {
            name: name.to_owned(),
            rows,
        },
        decoded,
    ))
}

fn check_size(origin: &str, bytes: usize) -> Result<(), WorkbookError> {
    let bytes = bytes as u64;
    if bytes > MAX_FILE_BYTES {
        return Err(WorkbookError::TooLarge {
            origin: origin.to_owned(),
            bytes,
            max: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// Every sheet of a workbook (XLSX or ODS), in workbook order.
pub fn read_workbook(origin: &str, bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    use calamine::Reader as _;
    check_size(origin, bytes.len())?;
    let unreadable = |detail: String| WorkbookError::Unreadable {
        origin: origin.to_owned(),
        detail,
    };
    guard_zip(origin, bytes)?;
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        unreadable("it is not a workbook this version reads (XLSX or ODS)".to_owned())
    })?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(format!("sheet {name}: {e}")))?;
        let rows = range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// A cell as the text a person sees, numbers in their shortest exact form ("12", "0.1").
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(date) => date.as_f64().to_string(),
        Data::Error(error) => format!("#{error}"),
    }
}

/// Reads through the workbook's zip before the spreadsheet reader does: every part is inflated
/// with a cap (so a zip bomb stops at the limit), and the used area of every sheet is measured
/// from its cell references (so a sheet with one cell at A1 and one at XFD1048576 is refused
/// before a reader allocates the rectangle between them).
fn guard_zip(origin: &str, bytes: &[u8]) -> Result<(), WorkbookError> {
    let unreadable = |detail: String| WorkbookError::Unreadable {
        origin: origin.to_owned(),
        detail,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("it is not a workbook (XLSX or ODS): {e}")))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut part = archive
            .by_index(index)
            .map_err(|e| unreadable(format!("part {index}: {e}")))?;
        let name = part
            .name()
            .map_or_else(|_| format!("part {index}"), |n| n.into_owned());
        let mut content = Vec::new();
        let limit = MAX_FILE_BYTES.saturating_sub(total) + 1;
        (&mut part)
            .take(limit)
            .read_to_end(&mut content)
            .map_err(|e| unreadable(format!("part {name}: {e}")))?;
        total += content.len() as u64;
        if total > MAX_FILE_BYTES {
            return Err(WorkbookError::TooLarge {
                origin: format!("{origin} (unpacked)"),
                bytes: total,
                max: MAX_FILE_BYTES,
            });
        }
        let cells = if name.starts_with("xl/worksheets/") {
            xlsx_used_cells(&content)
        } else if name == "content.xml" {
            ods_used_cells(&content)
        } else {
            0
        };
        if cells > MAX_CELLS {
            return Err(WorkbookError::TooManyCells {
                origin: origin.to_owned(),
                sheet: name,
                cells,
            });
        }
    }
    Ok(())
}

/// The area spanned by the cell references (`r="B7"`) of one XLSX sheet: rows × columns of their
/// bounding box. References that do not parse count as nothing (the reader refuses them).
fn xlsx_used_cells(xml: &[u8]) -> u64 {
    let (mut rows, mut columns) = ((u64::MAX, 0u64), (u64::MAX, 0u64));
    let mut rest = xml;
    while let Some(at) = find(rest, b"<c ") {
        rest = &rest[at + 3..];
        let tag_end = find(rest, b">").unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        let Some(start) = (0..tag.len())
            .find(|&i| tag[i..].starts_with(b"r=\"") && (i == 0 || tag[i - 1] == b' '))
        else {
            continue;
        };
        let reference = &tag[start + 3..];
        let letters = reference
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let column = reference[..letters]
            .iter()
            .fold(0u64, |n, b| n.saturating_mul(26) + u64::from(b - b'A' + 1));
        let row = reference[letters..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .fold(0u64, |n, b| n.saturating_mul(10) + u64::from(b - b'0'));
        if column == 0 || row == 0 {
            continue;
        }
        rows = (rows.0.min(row), rows.1.max(row));
        columns = (columns.0.min(column), columns.1.max(column));
    }
    if rows.1 == 0 {
        return 0;
    }
    (rows.1 - rows.0 + 1).saturating_mul(columns.1 - columns.0 + 1)
}

/// An upper bound of the cells an ODS reader expands: each row's repeat count times the columns
/// its cells with content repeat over. Empty cells written as `<table:table-cell …/>` (how
/// LibreOffice pads a sheet to its full width) count as nothing.
fn ods_used_cells(xml: &[u8]) -> u64 {
    let mut total: u64 = 0;
    let mut rest = xml;
    while let Some(at) = find(rest, b"<table:table-row") {
        rest = &rest[at..];
        let tag_end = find(rest, b">").unwrap_or(rest.len());
        let row_repeats = attribute_number(&rest[..tag_end], b"table:number-rows-repeated=\"");
        let row_end = find(rest, b"</table:table-row>").unwrap_or(rest.len());
        let mut cells: u64 = 0;
        let mut row = &rest[tag_end.min(row_end)..row_end];
        while let Some(cell) = find(row, b"<table:table-cell") {
            row = &row[cell..];
            let end = find(row, b">").unwrap_or(row.len());
            let tag = &row[..end];
            if !tag.ends_with(b"/") {
                cells = cells
                    .saturating_add(attribute_number(tag, b"table:number-columns-repeated=\""));
            }
            row = &row[end.min(row.len())..];
            if row.is_empty() {
                break;
            }
            row = &row[1..];
        }
        total = total.saturating_add(row_repeats.saturating_mul(cells));
        rest = &rest[row_end.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[1..];
    }
    total
}

/// The number in `name"…"` inside a tag, or 1 when the tag has no such attribute.
fn attribute_number(tag: &[u8], name: &[u8]) -> u64 {
    find(tag, name).map_or(1, |at| {
        tag[at + name.len()..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .fold(0u64, |n, b| n.saturating_mul(10) + u64::from(b - b'0'))
            .max(1)
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// One sheet as CSV bytes (UTF-8, header first).
pub fn csv_bytes(sheet: &OutSheet) -> Result<Vec<u8>, WorkbookError> {
    let fail = |e: csv::Error| WorkbookError::Write(e.to_string());
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(sheet.header).map_err(fail)?;
    for row in &sheet.rows {
        writer
            .write_record(row.iter().map(Cell::text))
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| WorkbookError::Write(e.to_string()))
}

/// The sheets as one XLSX workbook: a bold header row that stays in view, numbers as numbers.
pub fn xlsx_bytes(sheets: &[OutSheet]) -> Result<Vec<u8>, WorkbookError> {
    let fail = |e: rust_xlsxwriter::XlsxError| WorkbookError::Write(e.to_string());
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(sheet.name).map_err(fail)?;
        for (column, title) in (0u16..).zip(sheet.header) {
            worksheet
                .write_string_with_format(0, column, *title, &bold)
                .map_err(fail)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(fail)?;
        for (row, cells) in (1u32..).zip(&sheet.rows) {
            for (column, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Text(text) | Cell::Number(text) if text.is_empty() => {}
                    Cell::Text(text) => {
                        worksheet.write_string(row, column, text).map_err(fail)?;
                    }
                    Cell::Number(text) => match text.parse::<f64>() {
                        Ok(number) => {
                            worksheet.write_number(row, column, number).map_err(fail)?;
                        }
                        Err(_) => {
                            worksheet.write_string(row, column, text).map_err(fail)?;
                        }
                    },
                };
            }
        }
    }
    workbook.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests;
