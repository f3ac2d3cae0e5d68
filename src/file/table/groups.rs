//! Groups as a table: `groups.csv` (or the sheet "Groups"), one row per group, and a `group`
//! column on teams and funding sources. The `group` column decides membership; the group table's
//! `members`, `teams` and `headcount` columns are written for people to read and ignored when read
//! back. Tables written before groups existed have neither and still read.

use std::collections::HashMap;

use super::{Table, TableError, number, text};
use crate::file::workbook::{Cell, OutSheet};
use crate::model::{Color, Document, Group, GroupKind, Id};

/// The groups table, as (CSV file in a folder, sheet in a workbook).
pub const GROUPS_TABLE: (&str, &str) = ("groups.csv", "Groups");

/// The `group` and `group_name` cells of team or funding source `node`.
pub(super) fn group_cells(doc: &Document, index: &HashMap<Id, Id>, node: Id) -> [Cell; 2] {
    match index.get(&node) {
        Some(group) => [
            number(group.0),
            text(doc.groups.get(group).map_or("", |g| g.name.as_str())),
        ],
        None => [Cell::Number(String::new()), text("")],
    }
}

/// The groups table: one row per group, in id order.
pub(super) fn sheet(doc: &Document) -> OutSheet {
    let name = |id: Option<Id>| {
        id.and_then(|id| doc.groups.get(&id))
            .map_or("", |g| g.name.as_str())
            .to_owned()
    };
    let rows = doc
        .groups
        .iter()
        .map(|(&id, g)| {
            let all = doc.group_all_members(id);
            let headcount: u64 = all
                .iter()
                .filter_map(|m| doc.teams.get(m))
                .map(|t| u64::from(t.headcount))
                .sum();
            let teams = all.iter().filter(|m| doc.teams.contains_key(m)).count();
            let members: Vec<&str> = g.members.iter().filter_map(|&m| doc.node_name(m)).collect();
            vec![
                number(id.0),
                text(&g.name),
                text(kind_text(&g.kind)),
                g.parent
                    .map_or(Cell::Number(String::new()), |p| number(p.0)),
                text(name(g.parent)),
                text(g.color.map_or(String::new(), |c| c.to_string())),
                text(if g.collapsed { "yes" } else { "" }),
                number(teams),
                number(headcount),
                text(members.join("; ")),
                text(&g.notes),
            ]
        })
        .collect();
    OutSheet {
        name: GROUPS_TABLE.1,
        file: GROUPS_TABLE.0,
        header: &[
            "id",
            "name",
            "kind",
            "parent",
            "parent_name",
            "color",
            "collapsed",
            "teams",
            "headcount",
            "members",
            "notes",
        ],
        rows,
    }
}

/// A built-in kind by its label; anything else is the user's own kind.
fn kind_text(kind: &GroupKind) -> &str {
    kind.label()
}

fn kind_from_text(label: &str) -> GroupKind {
    GroupKind::BUILT_IN
        .into_iter()
        .find(|k| k.label().eq_ignore_ascii_case(label.trim()))
        .unwrap_or_else(|| GroupKind::Other(label.trim().to_owned()))
}

/// The group id in the `group` column of a team or source row, if the table has the column and
/// the cell is not empty.
pub(super) fn group_of_row(
    table: &Table,
    row: &[String],
    index: usize,
) -> Result<Option<Id>, TableError> {
    if !table.header.iter().any(|h| h == "group") || table.get(row, "group")?.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(Id(table.parse(row, index, "group", "a group id")?)))
}

/// Reads the groups table into `doc`, then lists each node in the group its row names.
pub(super) fn read(
    doc: &mut Document,
    groups: Option<&Table>,
    memberships: Vec<(Id, Id, &Table, usize)>,
) -> Result<(), TableError> {
    if let Some(table) = groups {
        for (i, row) in table.rows.iter().map(|(i, row)| (*i, row)) {
            let color_text = table.get(row, "color")?.trim();
            let color = if color_text.is_empty() {
                None
            } else {
                Some(color_text.parse::<Color>().map_err(|_| {
                    table.error(
                        i,
                        format!("column color: \"{color_text}\" is not a colour like #2563eb"),
                    )
                })?)
            };
            let parent_text = table.get(row, "parent")?.trim();
            let parent = if parent_text.is_empty() {
                None
            } else {
                Some(Id(table.parse(row, i, "parent", "a group id")?))
            };
            let collapsed = match table.get(row, "collapsed")?.trim() {
                "" | "no" => false,
                "yes" => true,
                other => {
                    return Err(table.error(
                        i,
                        format!("column collapsed: \"{other}\" is neither yes nor empty"),
                    ));
                }
            };
            let mut group = Group::new(
                table.get(row, "name")?,
                kind_from_text(table.get(row, "kind")?),
            );
            group.color = color;
            group.parent = parent;
            group.collapsed = collapsed;
            group.notes = table.get(row, "notes")?.to_owned();
            let id = Id(table.parse(row, i, "id", "a whole number")?);
            if doc.groups.insert(id, group).is_some() {
                return Err(table.error(i, format!("column id: group {id} appears twice")));
            }
        }
    }
    for (node, group, table, i) in memberships {
        let Some(g) = doc.groups.get_mut(&group) else {
            return Err(table.error(i, format!("column group: there is no group {group}")));
        };
        g.members.push(node);
    }
    for group in doc.groups.values_mut() {
        group.members.sort_unstable();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{read as read_tables, write};
    use crate::model::{Document, Group, GroupKind, Id, ModelTypeId, Point, Team};

    #[test]
    fn groups_go_to_tables_and_back_with_their_members() {
        let mut doc = Document::new("t");
        for (id, headcount) in [(1, 4), (2, 6)] {
            let mut team = Team::new(format!("T{id}"), ModelTypeId(1), Point::default());
            team.headcount = headcount;
            doc.teams.insert(Id(id), team);
        }
        let mut bu = Group::new("Retail", GroupKind::BusinessUnit);
        bu.members = vec![Id(1)];
        let mut own = Group::new("Checkout crew", GroupKind::Other("Tribe".into()));
        own.parent = Some(Id(10));
        own.members = vec![Id(2)];
        doc.groups.insert(Id(10), bu);
        doc.groups.insert(Id(11), own);
        let dir = tempfile::tempdir().expect("dir");
        write(&doc, dir.path()).expect("written");
        let groups = std::fs::read_to_string(dir.path().join("groups.csv")).expect("groups.csv");
        assert!(
            groups.contains("10,Retail,Business unit,,,,,2,10,T1,"),
            "Retail rolls up its nested group: {groups}"
        );
        let teams = std::fs::read_to_string(dir.path().join("teams.csv")).expect("teams.csv");
        assert!(
            teams
                .lines()
                .next()
                .expect("header")
                .ends_with(",group,group_name")
        );
        assert_eq!(read_tables(dir.path()).expect("read back"), doc);
    }

    #[test]
    fn tables_written_before_groups_still_read() {
        let mut doc = Document::new("t");
        doc.teams
            .insert(Id(1), Team::new("A", ModelTypeId(1), Point::default()));
        let dir = tempfile::tempdir().expect("dir");
        write(&doc, dir.path()).expect("written");
        std::fs::remove_file(dir.path().join("groups.csv")).expect("remove");
        let teams = dir.path().join("teams.csv");
        let text = std::fs::read_to_string(&teams).expect("read");
        let old: Vec<String> = text
            .lines()
            .map(|l| l.rsplitn(3, ',').nth(2).unwrap_or(l).to_owned())
            .collect();
        std::fs::write(&teams, old.join("\n")).expect("write");
        assert_eq!(read_tables(dir.path()).expect("reads"), doc);
    }
}
