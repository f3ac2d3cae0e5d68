//! A map as CSV tables and back, without loss: `map.csv` (the title), `model_types.csv`,
//! `teams.csv`, `funding_sources.csv` and `links.csv`, one row per item with every field as a
//! column. Links name their ends by id and by name, so the sheet reads on its own; the ids decide.
//! Reading says which file, row and column is wrong, and the map is validated like a loaded one.

use std::path::{Path, PathBuf};

use crate::model::{
    Budget, Color, Document, FundingSource, Horizon, Id, Link, LinkKind, ModelType, ModelTypeId,
    Point, Size, Team,
};

pub const FILES: [&str; 5] = [
    "map.csv",
    "model_types.csv",
    "teams.csv",
    "funding_sources.csv",
    "links.csv",
];

/// Why a folder of tables could not be written or read.
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
    #[error("{file}, row {row}: {detail}")]
    Cell {
        file: &'static str,
        row: usize,
        detail: String,
    },
    #[error("The tables do not make a valid map: {0}")]
    Invalid(crate::model::ProblemList),
    #[error("The map has unresolved merge conflicts; resolve them before writing it as tables")]
    Conflicts,
}

fn horizon_name(horizon: Option<Horizon>) -> &'static str {
    horizon.map_or("", Horizon::label)
}

fn write_table(
    folder: &Path,
    name: &'static str,
    header: &[&str],
    rows: Vec<Vec<String>>,
) -> Result<(), TableError> {
    let path = folder.join(name);
    let fail = |source: std::io::Error| TableError::Write {
        path: path.clone(),
        source,
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    writer.write_record(header).map_err(io).map_err(fail)?;
    for row in rows {
        writer.write_record(&row).map_err(io).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
        .map_err(fail)?;
    super::write_atomically(&path, &bytes).map_err(fail)
}

/// Writes `doc` as the five tables in `folder` (created when missing), each atomically.
pub fn write(doc: &Document, folder: &Path) -> Result<(), TableError> {
    if !doc.conflicts.is_empty() {
        return Err(TableError::Conflicts);
    }
    std::fs::create_dir_all(folder).map_err(|source| TableError::Write {
        path: folder.to_owned(),
        source,
    })?;
    write_table(folder, "map.csv", &["title"], vec![vec![doc.title.clone()]])?;
    write_table(
        folder,
        "model_types.csv",
        &["id", "name", "color", "description"],
        doc.palette
            .iter()
            .map(|t| {
                vec![
                    t.id.0.to_string(),
                    t.name.clone(),
                    t.color.to_string(),
                    t.description.clone(),
                ]
            })
            .collect(),
    )?;
    let type_name = |id: ModelTypeId| doc.model_type(id).map_or("", |t| t.name.as_str());
    write_table(
        folder,
        "teams.csv",
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
        ],
        doc.teams
            .iter()
            .map(|(id, t)| {
                vec![
                    id.0.to_string(),
                    t.name.clone(),
                    type_name(t.model_type).to_owned(),
                    t.headcount.to_string(),
                    horizon_name(t.horizon).to_owned(),
                    t.notes.clone(),
                    t.position.x.to_string(),
                    t.position.y.to_string(),
                    t.size.width.to_string(),
                    t.size.height.to_string(),
                ]
            })
            .collect(),
    )?;
    write_table(
        folder,
        "funding_sources.csv",
        &["id", "name", "budget", "currency", "x", "y"],
        doc.sources
            .iter()
            .map(|(id, s)| {
                let (amount, currency) = s
                    .budget
                    .as_ref()
                    .map_or((String::new(), String::new()), |b| {
                        (b.amount.to_string(), b.currency.clone())
                    });
                vec![
                    id.0.to_string(),
                    s.name.clone(),
                    amount,
                    currency,
                    s.position.x.to_string(),
                    s.position.y.to_string(),
                ]
            })
            .collect(),
    )?;
    let name = |id: Id| doc.node_name(id).unwrap_or_default().to_owned();
    write_table(
        folder,
        "links.csv",
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
                    LinkKind::Dependency => ("dependency", String::new()),
                    LinkKind::Funding { allocation_percent } => {
                        ("funding", allocation_percent.to_string())
                    }
                };
                vec![
                    id.0.to_string(),
                    kind.to_owned(),
                    l.from.0.to_string(),
                    name(l.from),
                    l.to.0.to_string(),
                    name(l.to),
                    allocation,
                    l.label.clone(),
                ]
            })
            .collect(),
    )
}

/// The rows of one table, each cell by its column's name.
struct Table {
    file: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(folder: &Path, file: &'static str) -> Result<Self, TableError> {
        let path = folder.join(file);
        let text = super::read_bounded(&path).map_err(|source| TableError::Read {
            path: path.clone(),
            source,
        })?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let cell = |row: usize, e: csv::Error| TableError::Cell {
            file,
            row,
            detail: e.to_string(),
        };
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| cell(1, e))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let mut rows = Vec::new();
        for (n, record) in reader.records().enumerate() {
            let record = record.map_err(|e| cell(n + 2, e))?;
            rows.push(record.iter().map(str::to_owned).collect());
        }
        Ok(Self { file, header, rows })
    }

    /// The cell of column `column` in `row`; the header must have the column.
    fn get<'a>(
        &'a self,
        row: &'a [String],
        _index: usize,
        column: &str,
    ) -> Result<&'a str, TableError> {
        let at = self
            .header
            .iter()
            .position(|h| h == column)
            .ok_or_else(|| TableError::Cell {
                file: self.file,
                row: 1,
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
        let text = self.get(row, index, column)?;
        text.trim().parse().map_err(|_| TableError::Cell {
            file: self.file,
            row: index + 2,
            detail: format!("column {column}: \"{text}\" is not {what}"),
        })
    }
}

/// Reads the five tables in `folder` back into a map, and validates it.
pub fn read(folder: &Path) -> Result<Document, TableError> {
    let map = Table::read(folder, "map.csv")?;
    let mut doc = Document::new(match map.rows.first() {
        Some(row) => map.get(row, 0, "title")?.to_owned(),
        None => String::new(),
    });

    let types = Table::read(folder, "model_types.csv")?;
    doc.palette.clear();
    for (i, row) in types.rows.iter().enumerate() {
        let color_text = types.get(row, i, "color")?;
        let color: Color = color_text.parse().map_err(|_| TableError::Cell {
            file: types.file,
            row: i + 2,
            detail: format!("column color: \"{color_text}\" is not a colour like #2563eb"),
        })?;
        doc.palette.push(ModelType {
            id: ModelTypeId(types.parse(row, i, "id", "a whole number")?),
            name: types.get(row, i, "name")?.to_owned(),
            color,
            description: types.get(row, i, "description")?.to_owned(),
        });
    }

    let teams = Table::read(folder, "teams.csv")?;
    for (i, row) in teams.rows.iter().enumerate() {
        let type_name = teams.get(row, i, "model_type")?;
        let model_type = doc
            .palette
            .iter()
            .find(|t| t.name == type_name)
            .map(|t| t.id)
            .ok_or_else(|| TableError::Cell {
                file: teams.file,
                row: i + 2,
                detail: format!("column model_type: no model type is named \"{type_name}\""),
            })?;
        let horizon_text = teams.get(row, i, "horizon")?.trim();
        let horizon = if horizon_text.is_empty() {
            None
        } else {
            Some(
                Horizon::ALL
                    .into_iter()
                    .find(|h| h.label() == horizon_text)
                    .ok_or_else(|| TableError::Cell {
                        file: teams.file,
                        row: i + 2,
                        detail: format!(
                            "column horizon: \"{horizon_text}\" is not one of 1–3 hours, days, months, quarters, years or decades"
                        ),
                    })?,
            )
        };
        let number = |column: &str| teams.parse::<f32>(row, i, column, "a number");
        let team = Team {
            name: teams.get(row, i, "name")?.to_owned(),
            model_type,
            headcount: teams.parse(row, i, "headcount", "a whole number")?,
            horizon,
            notes: teams.get(row, i, "notes")?.to_owned(),
            position: Point::new(number("x")?, number("y")?),
            size: Size::new(number("width")?, number("height")?),
        };
        doc.teams
            .insert(Id(teams.parse(row, i, "id", "a whole number")?), team);
    }

    let sources = Table::read(folder, "funding_sources.csv")?;
    for (i, row) in sources.rows.iter().enumerate() {
        let budget_text = sources.get(row, i, "budget")?.trim();
        let budget = if budget_text.is_empty() {
            None
        } else {
            Some(Budget {
                amount: sources.parse(row, i, "budget", "a number")?,
                currency: sources.get(row, i, "currency")?.trim().to_owned(),
            })
        };
        let number = |column: &str| sources.parse::<f32>(row, i, column, "a number");
        let mut source = FundingSource::new(
            sources.get(row, i, "name")?,
            Point::new(number("x")?, number("y")?),
        );
        source.budget = budget;
        doc.sources
            .insert(Id(sources.parse(row, i, "id", "a whole number")?), source);
    }

    let links = Table::read(folder, "links.csv")?;
    for (i, row) in links.rows.iter().enumerate() {
        let kind = match links.get(row, i, "kind")?.trim() {
            "dependency" => LinkKind::Dependency,
            "funding" => LinkKind::Funding {
                allocation_percent: links.parse(row, i, "allocation", "a number")?,
            },
            other => {
                return Err(TableError::Cell {
                    file: links.file,
                    row: i + 2,
                    detail: format!("column kind: \"{other}\" is neither dependency nor funding"),
                });
            }
        };
        let link = Link {
            kind,
            from: Id(links.parse(row, i, "from", "a whole number")?),
            to: Id(links.parse(row, i, "to", "a whole number")?),
            label: links.get(row, i, "label")?.to_owned(),
        };
        doc.links
            .insert(Id(links.parse(row, i, "id", "a whole number")?), link);
    }
    for source in doc.sources.values_mut() {
        source.normalise();
    }
    doc.validate().map_err(TableError::Invalid)?;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_goes_to_tables_and_back_unchanged() {
        let example = crate::examples::default_example();
        let doc = crate::file::parse(example.text, example.file_name).expect("example");
        let dir = tempfile::tempdir().expect("dir");
        write(&doc, dir.path()).expect("written");
        for file in FILES {
            assert!(dir.path().join(file).exists(), "{file}");
        }
        assert_eq!(read(dir.path()).expect("read back"), doc);
    }

    #[test]
    fn a_bad_cell_is_named_by_file_row_and_column() {
        let example = crate::examples::default_example();
        let doc = crate::file::parse(example.text, example.file_name).expect("example");
        let dir = tempfile::tempdir().expect("dir");
        write(&doc, dir.path()).expect("written");
        let teams = dir.path().join("teams.csv");
        let text = std::fs::read_to_string(&teams).expect("read");
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        // The first team, Search & Discovery, has 8 people.
        assert!(lines[1].contains(",8,"), "{}", lines[1]);
        lines[1] = lines[1].replacen(",8,", ",eight,", 1);
        std::fs::write(&teams, lines.join("\n")).expect("write");
        let error = read(dir.path()).expect_err("refused").to_string();
        assert!(
            error
                .starts_with("teams.csv, row 2: column headcount: \"eight\" is not a whole number"),
            "{error}"
        );
    }
}
