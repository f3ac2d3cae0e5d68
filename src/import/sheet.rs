//! A sheet of teams as people keep one: one row per team, its columns recognised by common names
//! in any case and order (see [`COLUMNS`]). Columns Teamscape has no field for are kept in each
//! team's notes, so nothing a sheet holds is lost.

use super::build::Builder;
use crate::file::workbook::Sheet;
use crate::model::Horizon;
use crate::model::Point;
use crate::model::limits::{MAX_COORDINATE, MAX_HEADCOUNT};
use crate::text::{fold, parse_list};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Type,
    Headcount,
    Horizon,
    FundedBy,
    DependsOn,
    Notes,
    X,
    Y,
}

impl Field {
    /// How the report names the field.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Name => "the team name",
            Self::Type => "the model type",
            Self::Headcount => "the headcount",
            Self::Horizon => "the horizon",
            Self::FundedBy => "what funds the team",
            Self::DependsOn => "what the team depends on",
            Self::Notes => "notes",
            Self::X => "the x position",
            Self::Y => "the y position",
        }
    }
}

/// The column names recognised, compared without case, accents, spaces or punctuation. The first
/// name of each is the one Teamscape writes; a column found by another is reported as a guess.
pub const COLUMNS: &[(Field, &[&str])] = &[
    (Field::Name, &["Team", "Name", "Team name", "Label"]),
    (
        Field::Type,
        &[
            "Model type",
            "Type",
            "Team type",
            "Model",
            "Funding model",
            "Element type",
        ],
    ),
    (
        Field::Headcount,
        &[
            "Headcount",
            "FTE",
            "FTEs",
            "People",
            "Team size",
            "Size",
            "Members",
        ],
    ),
    (Field::Horizon, &["Horizon", "Time horizon"]),
    (
        Field::FundedBy,
        &[
            "Funded by",
            "Funding",
            "Funding source",
            "Funding sources",
            "Funders",
        ],
    ),
    (
        Field::DependsOn,
        &["Depends on", "Dependencies", "Dependency", "Depends"],
    ),
    (
        Field::Notes,
        &["Notes", "Description", "Comment", "Comments", "Mission"],
    ),
    (Field::X, &["X"]),
    (Field::Y, &["Y"]),
];

/// A header cell as it is compared: folded, letters and digits only.
pub fn column_key(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The field a header names, and whether it used the field's first name.
pub fn recognise(header: &str) -> Option<(Field, bool)> {
    let key = column_key(header);
    COLUMNS.iter().find_map(|(field, names)| {
        names
            .iter()
            .position(|name| column_key(name) == key)
            .map(|at| (*field, at == 0))
    })
}

/// The columns of a header row: a field for each recognised one (the first column wins when two
/// name one field), `None` for the rest.
pub struct Columns {
    pub fields: Vec<Option<Field>>,
    pub header: Vec<String>,
}

impl Columns {
    /// Reads the header, reporting each column taken by another name than Teamscape's and each
    /// column kept in notes.
    pub fn read(header: &[String], place: &str, builder: &mut Builder) -> Self {
        let mut fields: Vec<Option<Field>> = Vec::new();
        let mut extra = Vec::new();
        for (index, title) in header.iter().enumerate() {
            let found = recognise(title).filter(|(field, _)| !fields.contains(&Some(*field)));
            match found {
                Some((field, exact)) => {
                    if !exact {
                        builder.report.guess(format!(
                            "{place}: took column \"{}\" as {}",
                            title.trim(),
                            field.describe()
                        ));
                    }
                    fields.push(Some(field));
                }
                None => {
                    if !title.trim().is_empty() {
                        extra.push(format!("\"{}\"", title.trim()));
                    } else {
                        extra.push(format!("{} (no title)", column_letter(index)));
                    }
                    fields.push(None);
                }
            }
        }
        if !extra.is_empty() {
            builder.report.guess(format!(
                "{place}: kept column{} {} in each team's notes",
                if extra.len() == 1 { "" } else { "s" },
                extra.join(", ")
            ));
        }
        Self {
            fields,
            header: header.to_vec(),
        }
    }

    pub fn has(&self, field: Field) -> bool {
        self.fields.contains(&Some(field))
    }

    /// The cell of `field` in `row` (empty when the row is short).
    pub fn get<'a>(&self, row: &'a [String], field: Field) -> &'a str {
        self.fields
            .iter()
            .position(|f| *f == Some(field))
            .and_then(|at| row.get(at))
            .map_or("", |cell| cell.trim())
    }

    /// The column title of `field`, for messages.
    pub fn title(&self, field: Field) -> String {
        self.fields
            .iter()
            .position(|f| *f == Some(field))
            .map_or(String::new(), |at| self.header[at].trim().to_owned())
    }
}

/// A spreadsheet column's letters: 0 → A, 27 → AB.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads a sheet of teams into `builder`: one team per row, then the links the rows name (so a
/// row may depend on a team further down). `place` names the sheet in messages ("teams.csv" or
/// "org.xlsx, sheet Teams"). Returns how many rows made a team.
pub fn read_teams(sheet: &Sheet, place: &str, builder: &mut Builder) -> Result<usize, String> {
    read_teams_as(
        sheet,
        place,
        &|index| format!("{place}, row {}", index + 1),
        builder,
    )
}

/// [`read_teams`], with each row named by `row_place` (given the row's index in the sheet, the
/// header being one of them): a Kumu blueprint names "element 3" rather than a row.
pub fn read_teams_as(
    sheet: &Sheet,
    place: &str,
    row_place: &dyn Fn(usize) -> String,
    builder: &mut Builder,
) -> Result<usize, String> {
    // The header is the first row with anything in it (a sheet may start lower down).
    let Some(header_at) = sheet
        .rows
        .iter()
        .position(|row| row.iter().any(|cell| !cell.trim().is_empty()))
    else {
        return Err("it is empty".to_owned());
    };
    let header = &sheet.rows[header_at];
    let names_teams = |h: &String| recognise(h).is_some_and(|(field, _)| field == Field::Name);
    if !header.iter().any(names_teams) {
        let found: Vec<String> = header
            .iter()
            .filter(|h| !h.trim().is_empty())
            .map(|h| format!("\"{}\"", h.trim()))
            .collect();
        return Err(format!(
            "no column holds team names; name one \"Team\" or \"Name\" (the first row has {})",
            if found.is_empty() {
                "no titles".to_owned()
            } else {
                found.join(", ")
            }
        ));
    }
    let columns = Columns::read(header, place, builder);
    let sources_before = builder.doc.sources.len();
    let mut made = Vec::new();
    for (index, row) in sheet.rows.iter().enumerate().skip(header_at + 1) {
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let at = row_place(index);
        if row.len() > columns.fields.len()
            && row[columns.fields.len()..]
                .iter()
                .any(|c| !c.trim().is_empty())
        {
            builder.report.skip(
                &at,
                format!(
                    "{} cells but the first row names {} columns; the cells past the last titled column were not read",
                    row.len(),
                    columns.fields.len()
                ),
            );
        }
        let position = position(&columns, row, &at, builder);
        let id = match builder.add_team(columns.get(row, Field::Name), position) {
            Ok(id) => id,
            Err(why) => {
                builder.report.skip(&at, format!("not imported: {why}"));
                continue;
            }
        };
        team_fields(&columns, row, &at, id, builder);
        made.push((index, id));
    }
    for (index, id) in &made {
        let row = &sheet.rows[*index];
        let at = row_place(*index);
        links(&columns, row, &at, *id, builder);
    }
    let sources = builder.doc.sources.len() - sources_before;
    if sources > 0 {
        builder.report.guess(format!(
            "{place}: made {} from the names in column \"{}\"",
            crate::text::plural(sources, "funding source", "funding sources"),
            columns.title(Field::FundedBy)
        ));
    }
    Ok(made.len())
}

fn position(columns: &Columns, row: &[String], at: &str, builder: &mut Builder) -> Option<Point> {
    let (x, y) = (columns.get(row, Field::X), columns.get(row, Field::Y));
    if x.is_empty() && y.is_empty() {
        return None;
    }
    let number = |text: &str| {
        text.parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= MAX_COORDINATE)
    };
    match (number(x), number(y)) {
        (Some(x), Some(y)) => Some(Point::new(x, y)),
        _ => {
            builder.report.skip(
                at,
                format!("position \"{x}\", \"{y}\" is not two numbers within ±1,000,000; laid out instead"),
            );
            None
        }
    }
}

/// The fields of one team's row other than its name and links.
fn team_fields(
    columns: &Columns,
    row: &[String],
    at: &str,
    id: crate::model::Id,
    builder: &mut Builder,
) {
    let type_name = columns.get(row, Field::Type);
    if !type_name.is_empty()
        && let Err(why) = builder.set_type(id, type_name)
    {
        builder.report.skip(
            format!("{at}, column {}", columns.title(Field::Type)),
            format!("model type \"{type_name}\" not added: {why}"),
        );
    }
    let headcount = columns.get(row, Field::Headcount);
    if !headcount.is_empty() {
        match read_headcount(headcount) {
            Ok(count) => {
                if let Some(team) = builder.doc.teams.get_mut(&id) {
                    team.headcount = count;
                }
            }
            Err(why) => builder.report.skip(
                format!("{at}, column {}", columns.title(Field::Headcount)),
                why,
            ),
        }
    }
    let horizon = columns.get(row, Field::Horizon);
    if !horizon.is_empty() {
        match read_horizon(horizon) {
            Some(value) => {
                if let Some(team) = builder.doc.teams.get_mut(&id) {
                    team.horizon = Some(value);
                }
            }
            None => builder.report.skip(
                format!("{at}, column {}", columns.title(Field::Horizon)),
                format!(
                    "\"{horizon}\" is not a horizon (hours, days, months, quarters, years or decades)"
                ),
            ),
        }
    }
    let mut notes = columns.get(row, Field::Notes).to_owned();
    for (at, field) in columns.fields.iter().enumerate() {
        let value = row.get(at).map_or("", |c| c.trim());
        if field.is_none() && !value.is_empty() {
            let title = columns.header[at].trim();
            let title = if title.is_empty() {
                column_letter(at)
            } else {
                title.to_owned()
            };
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(&format!("{title}: {value}"));
        }
    }
    if !notes.is_empty() {
        builder.set_notes(id, &notes);
    }
}

/// A headcount as sheets hold it: "8", "8.0", "12.5" (rounded), "1,200".
pub fn read_headcount(text: &str) -> Result<u32, String> {
    let plain: String = text.chars().filter(|c| *c != ',' && *c != ' ').collect();
    match plain.parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..=f64::from(MAX_HEADCOUNT)).contains(&value) => {
            Ok(value.round() as u32)
        }
        Ok(_) => Err(format!(
            "headcount \"{text}\" is outside 0–{}",
            crate::text::format_count(MAX_HEADCOUNT as usize)
        )),
        Err(_) => Err(format!("headcount \"{text}\" is not a number")),
    }
}

/// A horizon by its label ("1–3 months") or its unit alone ("months", "Quarter").
pub fn read_horizon(text: &str) -> Option<Horizon> {
    let key = fold(text).replace('-', "–");
    Horizon::ALL.into_iter().find(|h| {
        let unit = h.key();
        key == fold(h.label()) || key.trim_end_matches('s') == unit.trim_end_matches('s')
    })
}

/// The links a row names: what funds the team (with shares) and what it depends on.
fn links(columns: &Columns, row: &[String], at: &str, id: crate::model::Id, builder: &mut Builder) {
    let funded_by = columns.get(row, Field::FundedBy);
    for item in parse_list(funded_by, true) {
        let place = format!("{at}, column {}", columns.title(Field::FundedBy));
        let from = match builder.find_source(&item.name) {
            Some(source) => Ok(source),
            None => builder
                .find_team(&item.name)
                .map_or_else(|| builder.source(&item.name, None), Ok),
        };
        let result = from.and_then(|from| builder.fund(from, id, item.percent));
        if let Err(why) = result {
            builder
                .report
                .skip(place, format!("\"{}\" not linked: {why}", item.text));
        }
    }
    let depends_on = columns.get(row, Field::DependsOn);
    for item in parse_list(depends_on, false) {
        let place = format!("{at}, column {}", columns.title(Field::DependsOn));
        let why = format!("{at} depends on it, and no row names it");
        let result = builder
            .team_or_add(&item.name, &why)
            .and_then(|to| builder.depend(id, to, ""));
        if let Err(why) = result {
            builder
                .report
                .skip(place, format!("\"{}\" not linked: {why}", item.text));
        }
    }
}

#[cfg(test)]
mod tests;
