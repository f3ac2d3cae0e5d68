//! Kumu: a blueprint as JSON (both the import format, `{"elements": [{"label", "type", …}],
//! "connections": [{"from", "to", "type", "direction"}]}`, and the export with `_id`s and
//! `attributes`) and Kumu's two-sheet workbook (*Elements*, *Connections*). Elements become teams,
//! or funding sources when their type says so; connections become dependencies, or funding links
//! when their type says so or they start at a funding source.

use std::collections::HashMap;

use serde_json::Value;

use super::build::Builder;
use super::sheet::{column_key, read_teams_as};
use super::{ImportError, Imported};
use crate::file::workbook::Sheet;
use crate::model::limits::MAX_FILE_BYTES;
use crate::model::{Id, Point};
use crate::text::{fold, parse_amount, parse_percent};

/// Whether an element type names a funding source rather than a team.
fn is_funding_type(element_type: &str) -> bool {
    let key = fold(element_type);
    key.contains("fund") || key == "budget" || key == "source" || key == "sponsor"
}

/// An element or connection: its fields by their titles, in first-seen order.
struct Record {
    fields: Vec<(String, String)>,
    id: Option<String>,
    position: Option<Point>,
}

impl Record {
    fn get(&self, names: &[&str]) -> &str {
        self.fields
            .iter()
            .find(|(key, _)| names.iter().any(|n| column_key(key) == column_key(n)))
            .map_or("", |(_, value)| value.trim())
    }
}

/// A JSON value as the text of a cell: lists joined with commas, objects as JSON.
fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items
            .iter()
            .map(value_text)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn record(value: &Value, positions: &HashMap<String, Point>) -> Record {
    let mut fields = Vec::new();
    let mut id = None;
    if let Value::Object(map) = value {
        for (key, value) in map {
            match key.as_str() {
                "_id" | "id" => id = Some(value_text(value)),
                "attributes" => {
                    if let Value::Object(attributes) = value {
                        fields.extend(attributes.iter().map(|(k, v)| (k.clone(), value_text(v))));
                    }
                }
                _ => fields.push((key.clone(), value_text(value))),
            }
        }
    }
    let position = id.as_ref().and_then(|id| positions.get(id).copied());
    Record {
        fields,
        id,
        position,
    }
}

/// The positions of the first map of an exported blueprint, by element id.
fn positions(root: &Value) -> HashMap<String, Point> {
    let mut found = HashMap::new();
    let placed = root
        .get("maps")
        .and_then(|maps| maps.get(0))
        .and_then(|map| map.get("elements"))
        .and_then(Value::as_array);
    for entry in placed.into_iter().flatten() {
        let (Some(id), Some(x), Some(y)) = (
            entry.get("element").and_then(Value::as_str),
            entry.pointer("/position/x").and_then(Value::as_f64),
            entry.pointer("/position/y").and_then(Value::as_f64),
        ) else {
            continue;
        };
        if x.is_finite() && y.is_finite() && x.abs() < 1e6 && y.abs() < 1e6 {
            found.insert(id.to_owned(), Point::new(x as f32, y as f32));
        }
    }
    found
}

/// A Kumu blueprint in JSON.
pub fn read_json(origin: &str, title: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            origin: origin.to_owned(),
            bytes: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    let root: Value = serde_json::from_slice(bytes).map_err(|e| ImportError::Format {
        origin: origin.to_owned(),
        detail: {
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |m| m.0);
            format!("line {}, column {}: {message}", e.line(), e.column())
        },
    })?;
    let (Some(elements), connections) = (
        root.get("elements").and_then(Value::as_array),
        root.get("connections").and_then(Value::as_array),
    ) else {
        return Err(ImportError::Format {
            origin: origin.to_owned(),
            detail: "it is not a Kumu blueprint: there is no \"elements\" list".to_owned(),
        });
    };
    let positions = positions(&root);
    let elements: Vec<Record> = elements.iter().map(|e| record(e, &positions)).collect();
    let connections: Vec<Record> = connections
        .into_iter()
        .flatten()
        .map(|c| record(c, &positions))
        .collect();
    build(origin, title, &elements, &connections, "element")
}

/// Kumu's workbook: sheets *Elements* and *Connections* (the latter may be missing).
pub fn is_kumu_workbook(sheets: &[Sheet]) -> bool {
    sheets.iter().any(|s| column_key(&s.name) == "elements")
}

pub fn read_sheets(origin: &str, title: &str, sheets: &[Sheet]) -> Result<Imported, ImportError> {
    let records = |name: &str| -> Vec<Record> {
        let Some(sheet) = sheets.iter().find(|s| column_key(&s.name) == name) else {
            return Vec::new();
        };
        let Some((header, rows)) = sheet.rows.split_first() else {
            return Vec::new();
        };
        rows.iter()
            .map(|row| Record {
                fields: header
                    .iter()
                    .zip(row.iter().chain(std::iter::repeat(&String::new())))
                    .map(|(h, v)| (h.clone(), v.clone()))
                    .collect(),
                id: None,
                position: None,
            })
            .collect()
    };
    build(
        origin,
        title,
        &records("elements"),
        &records("connections"),
        "sheet Elements, row",
    )
}

/// Elements and connections into a map. `row_word` names an element in messages: "element"
/// (counted from 1 in the JSON list) or "Elements, row" (counted as the sheet's rows).
fn build(
    origin: &str,
    title: &str,
    elements: &[Record],
    connections: &[Record],
    row_word: &str,
) -> Result<Imported, ImportError> {
    let mut builder = Builder::new(origin, title);
    let first_row = if row_word == "element" { 1 } else { 2 };
    let mut ids: HashMap<String, String> = HashMap::new();
    let with_positions = elements.iter().any(|e| e.position.is_some());
    let mut header: Vec<String> = Vec::new();
    for element in elements {
        for (key, _) in &element.fields {
            if with_positions && matches!(column_key(key).as_str(), "x" | "y") {
                continue;
            }
            if !header.iter().any(|h| column_key(h) == column_key(key)) {
                header.push(key.clone());
            }
        }
    }
    // The teams as one sheet, so their fields are read like any sheet of teams; a blueprint's
    // map positions become its X and Y columns.
    let fields = header.clone();
    if with_positions {
        header.extend(["X".to_owned(), "Y".to_owned()]);
    }
    let mut team_rows = vec![header];
    for (index, element) in elements.iter().enumerate() {
        let at = format!("{origin}, {row_word} {}", index + first_row);
        let label = element.get(&["Label", "Name"]);
        if let Some(id) = &element.id {
            ids.insert(id.clone(), label.to_owned());
        }
        let element_type = element.get(&["Type", "Element type"]);
        if is_funding_type(element_type) {
            funding_source(&mut builder, element, &at);
            // A blank row in the teams' sheet keeps every later element's number.
            team_rows.push(Vec::new());
            continue;
        }
        let mut row: Vec<String> = fields
            .iter()
            .map(|h| {
                element
                    .fields
                    .iter()
                    .find(|(k, _)| column_key(k) == column_key(h))
                    .map_or(String::new(), |(_, v)| v.clone())
            })
            .collect();
        if with_positions {
            let (x, y) = element
                .position
                .map_or((String::new(), String::new()), |p| {
                    (p.x.to_string(), p.y.to_string())
                });
            row.extend([x, y]);
        }
        team_rows.push(row);
    }
    if team_rows.iter().skip(1).any(|row| !row.is_empty()) {
        let sheet = Sheet {
            name: "Elements".to_owned(),
            rows: team_rows,
        };
        let row_place = |index: usize| format!("{origin}, {row_word} {}", index - 1 + first_row);
        read_teams_as(&sheet, origin, &row_place, &mut builder).map_err(|detail| {
            ImportError::Nothing {
                origin: origin.to_owned(),
                detail,
            }
        })?;
    }
    let connection_word = if row_word == "element" {
        "connection"
    } else {
        "sheet Connections, row"
    };
    for (index, connection) in connections.iter().enumerate() {
        let at = format!("{origin}, {connection_word} {}", index + first_row);
        if let Err(why) = link(&mut builder, connection, &ids) {
            builder.report.skip(at, why);
        }
    }
    builder.finish()
}

fn funding_source(builder: &mut Builder, element: &Record, at: &str) {
    let name = element.get(&["Label", "Name"]);
    let id = match builder.source(name, element.position) {
        Ok(id) => id,
        Err(why) => {
            builder
                .report
                .skip(at, format!("funding source not imported: {why}"));
            return;
        }
    };
    let budget = element.get(&["Budget", "Amount"]);
    if !budget.is_empty() {
        match parse_amount(budget) {
            Ok(amount) if amount.amount <= crate::model::limits::MAX_BUDGET => {
                builder.set_budget(id, amount.amount, amount.currency.unwrap_or_default());
            }
            Ok(_) => builder
                .report
                .skip(at, format!("budget \"{budget}\" is above the limit")),
            Err(e) => builder.report.skip(at, format!("budget not read: {e}")),
        }
    }
}

/// One connection: its ends by element id or by label.
fn link(
    builder: &mut Builder,
    connection: &Record,
    ids: &HashMap<String, String>,
) -> Result<(), String> {
    let end = |name: &str| -> Result<Id, String> {
        let label = ids.get(name).map_or(name, String::as_str);
        builder
            .find_team(label)
            .or_else(|| builder.find_source(label))
            .ok_or_else(|| {
                if label.is_empty() {
                    "one of its ends is missing".to_owned()
                } else {
                    format!("no element is named \"{label}\"")
                }
            })
    };
    let from = end(connection.get(&["From"]))?;
    let to = end(connection.get(&["To"]))?;
    let connection_type = connection.get(&["Type", "Connection type"]);
    let label = connection.get(&["Label"]);
    let from_source = builder.doc.sources.contains_key(&from);
    if builder.doc.sources.contains_key(&to) {
        return Err("a connection cannot end at a funding source".to_owned());
    }
    if from_source || is_funding_type(connection_type) {
        let share = connection.get(&["Allocation", "Share", "Percent"]);
        let percent = if share.is_empty() {
            // A label like "40%" is the share; any other label stays the link's label.
            parse_percent(label).ok()
        } else {
            Some(parse_percent(share).map_err(|e| format!("share not read: {e}"))?)
        };
        let id = builder.fund(from, to, percent)?;
        if percent.is_none() || !share.is_empty() {
            builder.set_label(id, label);
        }
        return Ok(());
    }
    builder.depend(from, to, label)?;
    if fold(connection.get(&["Direction"])) == "mutual" {
        builder.depend(to, from, label)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
