//! Sheets of text cells: one CSV file, or every sheet of a workbook (XLSX, ODS). Reading holds the
//! limits of a map file, so a hostile workbook (a zip bomb, a cell at the far corner of a sheet
//! that would make the reader allocate billions of empty cells) is refused with a message instead
//! of exhausting memory. Writing keeps numbers as numbers, so a spreadsheet can sum them.

use std::io::{Cursor, Read as _};

use crate::model::limits::MAX_FILE_BYTES;

/// Most cells a sheet may span (rows × columns of its used area): far above a 100,000-team sheet
/// with its dozen columns, far below what would exhaust memory.
pub const MAX_CELLS: u64 = 5_000_000;

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
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| WorkbookError::Unreadable {
                origin: origin.to_owned(),
                detail: format!("row {}: {e}", rows.len() + 1),
            })?;
        if !more {
            break;
        }
        // Blank lines are no records, but they are rows in a spreadsheet and lines in an
        // editor: an empty row keeps the next record's number the one people see.
        // The reader is past the record's line break (if any): the record began on the line
        // before it, less the line breaks inside its quoted cells.
        let after = reader.position();
        let ended_with_break = usize::try_from(after.byte())
            .ok()
            .and_then(|at| at.checked_sub(1))
            .is_some_and(|at| text.as_bytes().get(at) == Some(&b'\n'));
        let inside: u64 = record
            .iter()
            .map(|cell| cell.bytes().filter(|b| *b == b'\n').count() as u64)
            .sum();
        let first_line = after
            .line()
            .saturating_sub(u64::from(ended_with_break))
            .saturating_sub(inside);
        let first_line = usize::try_from(first_line).unwrap_or(usize::MAX);
        while rows.len() + 1 < first_line {
            rows.push(Vec::new());
        }
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

/// Every sheet of a workbook (XLSX or ODS), in workbook order. Rows and columns keep their
/// places: a sheet whose table starts at B3 has two empty rows and an empty first column, so a
/// message's row and column are the ones the spreadsheet shows.
pub fn read_workbook(origin: &str, bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    use calamine::Reader as _;
    check_size(origin, bytes.len())?;
    guard_zip(origin, bytes)?;
    let unreadable = |detail: String| WorkbookError::Unreadable {
        origin: origin.to_owned(),
        detail,
    };
    if let Ok(xlsx) = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(Cursor::new(bytes)) {
        return read_xlsx(origin, xlsx);
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        unreadable("it is not a workbook this version reads (XLSX or ODS)".to_owned())
    })?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(format!("sheet {name}: {e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
        rows.extend(range.rows().map(|row| {
            std::iter::repeat_n(String::new(), left as usize)
                .chain(row.iter().map(cell_text))
                .collect()
        }));
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// The sheets of an XLSX workbook, read cell by cell: only cells that hold something are kept
/// while reading, and the rectangle they span is checked against [`MAX_CELLS`] before any row is
/// made, so a cell at XFD1048576 costs nothing.
fn read_xlsx<RS: std::io::Read + std::io::Seek>(
    origin: &str,
    mut xlsx: calamine::Xlsx<RS>,
) -> Result<Vec<Sheet>, WorkbookError> {
    use calamine::Reader as _;
    let unreadable = |detail: String| WorkbookError::Unreadable {
        origin: origin.to_owned(),
        detail,
    };
    let mut sheets = Vec::new();
    for name in xlsx.sheet_names() {
        let mut reader = xlsx
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(format!("sheet {name}: {e}")))?;
        let mut cells: Vec<(u32, u32, String)> = Vec::new();
        let (mut rows, mut columns) = (0u64, 0u64);
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| unreadable(format!("sheet {name}: {e}")))?
        {
            let text = cell_ref_text(cell.get_value());
            if text.is_empty() {
                continue;
            }
            let (row, column) = cell.get_position();
            rows = rows.max(u64::from(row) + 1);
            columns = columns.max(u64::from(column) + 1);
            if rows.saturating_mul(columns) > MAX_CELLS {
                return Err(WorkbookError::TooManyCells {
                    origin: origin.to_owned(),
                    sheet: name,
                    cells: rows.saturating_mul(columns),
                });
            }
            cells.push((row, column, text));
        }
        drop(reader);
        let mut grid = vec![vec![String::new(); columns as usize]; rows as usize];
        for (row, column, text) in cells {
            grid[row as usize][column as usize] = text;
        }
        sheets.push(Sheet { name, rows: grid });
    }
    Ok(sheets)
}

/// A streamed XLSX cell as the text a person sees (as [`cell_text`]).
fn cell_ref_text(cell: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef;
    match cell {
        DataRef::Empty => String::new(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            text.clone()
        }
        DataRef::Float(number) => number.to_string(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Bool(value) => value.to_string(),
        DataRef::DateTime(date) => date.as_f64().to_string(),
        DataRef::Error(error) => format!("#{error}"),
    }
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
/// with a cap (so a zip bomb stops at the limit), and an ODS sheet's cells are counted with their
/// repeats (so a few repeated cells cannot make the reader expand billions).
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
        if name == "content.xml" {
            let cells = ods_used_cells(&content);
            if cells > MAX_CELLS {
                return Err(WorkbookError::TooManyCells {
                    origin: origin.to_owned(),
                    sheet: name,
                    cells,
                });
            }
        }
    }
    Ok(())
}

/// An upper bound of the cells an ODS reader expands: each row's repeat count times the columns
/// its cells repeat over, counting every cell that holds a value or text. Empty cells written as
/// `<table:table-cell …/>` with no value (how LibreOffice pads a sheet to its full width) count
/// as nothing. Linear in the text: every search starts where the previous one ended.
fn ods_used_cells(xml: &[u8]) -> u64 {
    let mut total: u64 = 0;
    let mut row_repeats: u64 = 1;
    let mut row_cells: u64 = 0;
    let mut at = 0;
    while let Some(open) = xml[at..].iter().position(|b| *b == b'<').map(|i| at + i) {
        // A tag ends at its '>', or where the next tag starts if it is broken.
        let end = xml[open + 1..]
            .iter()
            .position(|b| *b == b'>' || *b == b'<')
            .map_or(xml.len(), |i| open + 1 + i);
        let tag = &xml[open..end];
        at = end.max(open + 1);
        if tag.starts_with(b"<table:table-row") {
            row_repeats = attribute_number(tag, b"table:number-rows-repeated=\"");
            row_cells = 0;
        } else if tag.starts_with(b"</table:table-row") {
            total = total.saturating_add(row_repeats.saturating_mul(row_cells));
            row_repeats = 1;
            row_cells = 0;
        } else if tag.starts_with(b"<table:table-cell")
            || tag.starts_with(b"<table:covered-table-cell")
        {
            let empty = tag.ends_with(b"/") && find(tag, b"office:value").is_none();
            if !empty {
                row_cells = row_cells
                    .saturating_add(attribute_number(tag, b"table:number-columns-repeated=\""));
            }
        }
    }
    total.saturating_add(row_repeats.saturating_mul(row_cells))
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
