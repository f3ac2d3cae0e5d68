//! A map as tables and back, without loss: `map.csv` (the title), `model_types.csv`,
//! `teams.csv`, `funding_sources.csv`, `links.csv` and `groups.csv` in a folder, or the same as
//! sheets of one XLSX workbook (see `groups.rs` for the groups); one row per item with every field as a column. Links name their ends by id and by name, so the sheet reads on its own; the ids decide.
//! Reading says which file, row and column is wrong, and the map is validated like a loaded one.

mod groups;

use std::path::{Path, PathBuf};

pub use groups::GROUPS_TABLE;

use super::workbook::{self, Cell, OutSheet, Sheet, WorkbookError};

use crate::model::{
    Budget, Color, Document, FundingSource, Horizon, Id, Link, LinkKind, ModelType, ModelTypeId,
    Point, Size, Team,
};

/// The tables every map has, as (CSV file in a folder, sheet in a workbook). [`GROUPS_TABLE`]
/// follows them; tables written before groups existed lack it.
pub const TABLES: [(&str, &str); 5] = [
    ("map.csv", "Map"),
    ("model_types.csv", "Model types"),
    ("teams.csv", "Teams"),
    ("funding_sources.csv", "Funding sources"),
    ("links.csv", "Links"),
];

/// The CSV files written for a map.
pub const FILES: [&str; 6] = [
    TABLES[0].0,
    TABLES[1].0,
    TABLES[2].0,
    TABLES[3].0,
    TABLES[4].0,
    GROUPS_TABLE.0,
];

/// The CSV files a folder needs to be read as a map (the groups table is optional).
pub const REQUIRED_FILES: [&str; 5] = [
    TABLES[0].0,
    TABLES[1].0,
    TABLES[2].0,
    TABLES[3].0,
    TABLES[4].0,
];

/// Why tables could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("Cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Workbook(#[from] WorkbookError),
    #[error(
        "{origin} has no sheet named \"{sheet}\"; a Teamscape workbook has {}",
        sheet_names()
    )]
    MissingSheet { origin: String, sheet: &'static str },
    /// `place` is "teams.csv, row 4" or "map.xlsx, sheet Teams, row 4".
    #[error("{place}: {detail}")]
    Cell { place: String, detail: String },
    #[error("The tables do not make a valid map: {0}")]
    Invalid(crate::model::ProblemList),
    #[error("The map has unresolved merge conflicts; resolve them before writing it as tables")]
    Conflicts,
}

fn sheet_names() -> String {
    TABLES.map(|(_, sheet)| sheet).join(", ")
}

fn horizon_name(horizon: Option<Horizon>) -> &'static str {
    horizon.map_or("", Horizon::label)
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn number(value: impl ToString) -> Cell {
    Cell::Number(value.to_string())
}

/// The map as its six tables, one row per item with every field as a column.
pub fn sheets(doc: &Document) -> Result<Vec<OutSheet>, TableError> {
    if !doc.conflicts.is_empty() {
        return Err(TableError::Conflicts);
    }
    let sheet = |index: usize, header, rows| OutSheet {
        name: TABLES[index].1,
        file: TABLES[index].0,
        header,
        rows,
    };
    let type_name = |id: ModelTypeId| doc.model_type(id).map_or("", |t| t.name.as_str());
    let node_name = |id: Id| doc.node_name(id).unwrap_or_default().to_owned();
    let group_index = doc.group_index();
    let group_cells = |id: Id| groups::group_cells(doc, &group_index, id);
    Ok(vec![
        sheet(0, &["title"], vec![vec![text(&doc.title)]]),
        sheet(
            1,
            &["id", "name", "color", "description"],
            doc.palette
                .iter()
                .map(|t| {
                    vec![
                        number(t.id.0),
                        text(&t.name),
                        text(t.color.to_string()),
                        text(&t.description),
                    ]
                })
                .collect(),
        ),
        sheet(
            2,
            &[
                "id",
                "name",
                "model_type",
                "headcount",
                "horizon",
                "notes",
                "x",
                "y",
                "width",
                "height",
                "group",
                "group_name",
            ],
            doc.teams
                .iter()
                .map(|(id, t)| {
                    let [group, group_name] = group_cells(*id);
                    vec![
                        number(id.0),
                        text(&t.name),
                        text(type_name(t.model_type)),
                        number(t.headcount),
                        text(horizon_name(t.horizon)),
                        text(&t.notes),
                        number(t.position.x),
                        number(t.position.y),
                        number(t.size.width),
                        number(t.size.height),
                        group,
                        group_name,
                    ]
                })
                .collect(),
        ),
        sheet(
            3,
            &[
                "id",
                "name",
                "budget",
                "currency",
                "x",
                "y",
                "group",
                "group_name",
            ],
            doc.sources
                .iter()
                .map(|(id, s)| {
                    let [group, group_name] = group_cells(*id);
                    let (amount, currency) = s
                        .budget
                        .as_ref()
                        .map_or((Cell::Number(String::new()), text("")), |b| {
                            (number(b.amount), text(&b.currency))
                        });
                    vec![
                        number(id.0),
                        text(&s.name),
                        amount,
                        currency,
                        number(s.position.x),
                        number(s.position.y),
                        group,
                        group_name,
                    ]
                })
                .collect(),
        ),
        sheet(
            4,
            &[
                "id",
                "kind",
                "from",
                "from_name",
                "to",
                "to_name",
                "allocation",
                "label",
            ],
            doc.links
                .iter()
                .map(|(id, l)| {
                    let (kind, allocation) = match l.kind {
                        LinkKind::Dependency => ("dependency", Cell::Number(String::new())),
                        LinkKind::Funding { allocation_percent } => {
                            ("funding", number(allocation_percent))
                        }
                    };
                    vec![
                        number(id.0),
                        text(kind),
                        number(l.from.0),
                        text(node_name(l.from)),
                        number(l.to.0),
                        text(node_name(l.to)),
                        allocation,
                        text(&l.label),
                    ]
                })
                .collect(),
        ),
        groups::sheet(doc),
    ])
}

/// Writes `doc` as the six CSV tables in `folder` (created when missing), each atomically.
pub fn write(doc: &Document, folder: &Path) -> Result<(), TableError> {
    let sheets = sheets(doc)?;
    std::fs::create_dir_all(folder).map_err(|source| TableError::Write {
        path: folder.to_owned(),
        source,
    })?;
    for sheet in &sheets {
        let path = folder.join(sheet.file);
        let fail = |source: std::io::Error| TableError::Write {
            path: path.clone(),
            source,
        };
        let bytes = workbook::csv_bytes(sheet).map_err(|e| fail(std::io::Error::other(e)))?;
        super::write_atomically(&path, &bytes).map_err(fail)?;
    }
    Ok(())
}

/// Writes `doc` as one XLSX workbook with the six tables as sheets, atomically.
pub fn write_xlsx(doc: &Document, path: &Path) -> Result<(), TableError> {
    let bytes = workbook::xlsx_bytes(&sheets(doc)?)?;
    super::write_atomically(path, &bytes).map_err(|source| TableError::Write {
        path: path.to_owned(),
        source,
    })
}

/// The rows of one table, each cell by its column's name.
struct Table {
    /// "teams.csv" or "map.xlsx, sheet Teams": where a message points.
    place: String,
    header: Vec<String>,
    /// Each row with its index below the header (0 is the sheet's second row), so a message names
    /// the row people see even after blank rows.
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The table of `sheet`. In a CSV file every row must have the header's number of cells
    /// (a row cut short has lost data); a workbook's rows are padded by the reader.
    fn new(place: String, sheet: Sheet) -> Result<Self, TableError> {
        let mut rows = sheet.rows.into_iter();
        let header: Vec<String> = rows
            .next()
            .unwrap_or_default()
            .into_iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let mut table = Self {
            place,
            header,
            rows: Vec::new(),
        };
        for (index, row) in rows.enumerate() {
            // A CSV file may end with blank lines.
            if row.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            if row.len() != table.header.len() {
                return Err(table.error(
                    index,
                    format!(
                        "{} cells, but the header has {}",
                        row.len(),
                        table.header.len()
                    ),
                ));
            }
            table.rows.push((index, row));
        }
        Ok(table)
    }

    fn error(&self, index: usize, detail: String) -> TableError {
        TableError::Cell {
            place: format!("{}, row {}", self.place, index + 2),
            detail,
        }
    }

    /// The cell of column `column` in row `index`; the header must have the column.
    fn get<'a>(&'a self, row: &'a [String], column: &str) -> Result<&'a str, TableError> {
        let at = self
            .header
            .iter()
            .position(|h| h == column)
            .ok_or_else(|| TableError::Cell {
                place: format!("{}, row 1", self.place),
                detail: format!("there is no column \"{column}\""),
            })?;
        Ok(row.get(at).map_or("", String::as_str))
    }

    fn parse<T: std::str::FromStr>(
        &self,
        row: &[String],
        index: usize,
        column: &str,
        what: &str,
    ) -> Result<T, TableError> {
        let text = self.get(row, column)?;
        text.trim()
            .parse()
            .map_err(|_| self.error(index, format!("column {column}: \"{text}\" is not {what}")))
    }
}

/// Reads the CSV tables in `folder` back into a map, and validates it.
pub fn read(folder: &Path) -> Result<Document, TableError> {
    let read_table = |file: &'static str| -> Result<Table, TableError> {
        let path = folder.join(file);
        let text = super::read_bounded(&path).map_err(|source| TableError::Read {
            path: path.clone(),
            source,
        })?;
        let (sheet, _) = workbook::read_csv(file, file, text.as_bytes())?;
        Table::new(file.to_owned(), sheet)
    };
    let mut tables = Vec::new();
    for (file, _) in TABLES {
        tables.push(read_table(file)?);
    }
    let groups = if folder.join(GROUPS_TABLE.0).exists() {
        Some(read_table(GROUPS_TABLE.0)?)
    } else {
        None
    };
    from_tables(tables, groups)
}

/// Whether a workbook's sheets are the tables `teamscape export` writes.
pub fn is_teamscape_workbook(sheets: &[Sheet]) -> bool {
    TABLES
        .iter()
        .all(|(_, name)| sheets.iter().any(|s| s.name == *name))
}

/// Reads a workbook of the tables (as [`write_xlsx`] writes it) back into a map.
pub fn read_workbook(origin: &str, sheets: Vec<Sheet>) -> Result<Document, TableError> {
    let mut sheets = sheets;
    let mut tables = Vec::new();
    for (_, name) in TABLES {
        let at =
            sheets
                .iter()
                .position(|s| s.name == name)
                .ok_or_else(|| TableError::MissingSheet {
                    origin: origin.to_owned(),
                    sheet: name,
                })?;
        tables.push(Table::new(
            format!("{origin}, sheet {name}"),
            sheets.swap_remove(at),
        )?);
    }
    let groups = match sheets.iter().position(|s| s.name == GROUPS_TABLE.1) {
        Some(at) => Some(Table::new(
            format!("{origin}, sheet {}", GROUPS_TABLE.1),
            sheets.swap_remove(at),
        )?),
        None => None,
    };
    from_tables(tables, groups)
}

/// The map from its five tables, in [`TABLES`] order, and the groups table if there is one;
/// validated.
fn from_tables(tables: Vec<Table>, groups: Option<Table>) -> Result<Document, TableError> {
    let [map, types, teams, sources, links]: [Table; 5] = tables
        .try_into()
        .unwrap_or_else(|_| unreachable!("callers pass the five tables"));
    let mut doc = Document::new(match map.rows.first().map(|(_, row)| row) {
        Some(row) => map.get(row, "title")?.to_owned(),
        None => String::new(),
    });

    let mut memberships = Vec::new();
    doc.palette.clear();
    for (i, row) in types.rows.iter().map(|(i, row)| (*i, row)) {
        let color_text = types.get(row, "color")?;
        let color: Color = color_text.parse().map_err(|_| {
            types.error(
                i,
                format!("column color: \"{color_text}\" is not a colour like #2563eb"),
            )
        })?;
        doc.palette.push(ModelType {
            id: ModelTypeId(types.parse(row, i, "id", "a whole number")?),
            name: types.get(row, "name")?.to_owned(),
            color,
            description: types.get(row, "description")?.to_owned(),
        });
    }

    for (i, row) in teams.rows.iter().map(|(i, row)| (*i, row)) {
        let type_name = teams.get(row, "model_type")?;
        let model_type = doc
            .palette
            .iter()
            .find(|t| t.name == type_name)
            .map(|t| t.id)
            .ok_or_else(|| {
                teams.error(
                    i,
                    format!("column model_type: no model type is named \"{type_name}\""),
                )
            })?;
        let horizon_text = teams.get(row, "horizon")?.trim();
        let horizon = if horizon_text.is_empty() {
            None
        } else {
            Some(
                Horizon::ALL
                    .into_iter()
                    .find(|h| h.label() == horizon_text)
                    .ok_or_else(|| {
                        teams.error(
                            i,
                            format!(
                                "column horizon: \"{horizon_text}\" is not one of 1–3 hours, days, months, quarters, years or decades"
                            ),
                        )
                    })?,
            )
        };
        let number = |column: &str| teams.parse::<f32>(row, i, column, "a number");
        let id = Id(teams.parse(row, i, "id", "a whole number")?);
        if let Some(group) = groups::group_of_row(&teams, row, i)? {
            memberships.push((id, group, &teams, i));
        }
        let team = Team {
            name: teams.get(row, "name")?.to_owned(),
            model_type,
            headcount: teams.parse(row, i, "headcount", "a whole number")?,
            horizon,
            notes: teams.get(row, "notes")?.to_owned(),
            position: Point::new(number("x")?, number("y")?),
            size: Size::new(number("width")?, number("height")?),
        };
        doc.teams.insert(id, team);
    }

    for (i, row) in sources.rows.iter().map(|(i, row)| (*i, row)) {
        let budget_text = sources.get(row, "budget")?.trim();
        let budget = if budget_text.is_empty() {
            None
        } else {
            Some(Budget {
                amount: sources.parse(row, i, "budget", "a number")?,
                currency: sources.get(row, "currency")?.trim().to_owned(),
            })
        };
        let number = |column: &str| sources.parse::<f32>(row, i, column, "a number");
        let mut source = FundingSource::new(
            sources.get(row, "name")?,
            Point::new(number("x")?, number("y")?),
        );
        source.budget = budget;
        let id = Id(sources.parse(row, i, "id", "a whole number")?);
        if let Some(group) = groups::group_of_row(&sources, row, i)? {
            memberships.push((id, group, &sources, i));
        }
        doc.sources.insert(id, source);
    }

    for (i, row) in links.rows.iter().map(|(i, row)| (*i, row)) {
        let kind = match links.get(row, "kind")?.trim() {
            "dependency" => LinkKind::Dependency,
            "funding" => LinkKind::Funding {
                allocation_percent: links.parse(row, i, "allocation", "a number")?,
            },
            other => {
                return Err(links.error(
                    i,
                    format!("column kind: \"{other}\" is neither dependency nor funding"),
                ));
            }
        };
        let link = Link {
            kind,
            from: Id(links.parse(row, i, "from", "a whole number")?),
            to: Id(links.parse(row, i, "to", "a whole number")?),
            label: links.get(row, "label")?.to_owned(),
        };
        doc.links
            .insert(Id(links.parse(row, i, "id", "a whole number")?), link);
    }
    groups::read(&mut doc, groups.as_ref(), memberships)?;
    for source in doc.sources.values_mut() {
        source.normalise();
    }
    doc.validate().map_err(TableError::Invalid)?;
    Ok(doc)
}

#[cfg(test)]
mod tests;
