use super::*;
use crate::import::Imported;
use crate::model::{Id, LinkKind};

fn sheet(rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: "Teams".to_owned(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect(),
    }
}

fn import(rows: &[&[&str]]) -> Imported {
    let mut builder = Builder::new("org.csv", "org");
    read_teams(&sheet(rows), "org.csv", &mut builder).expect("read");
    builder.finish().expect("valid")
}

fn team_id(imported: &Imported, name: &str) -> Id {
    *imported
        .doc
        .teams
        .iter()
        .find(|(_, t)| t.name == name)
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no team {name}"))
}

#[test]
fn columns_are_recognised_in_any_case_order_and_spelling() {
    let imported = import(&[
        &[
            "fte",
            "DEPENDS ON",
            "Team Type",
            "team",
            "Funded by",
            "horizon",
        ],
        &[
            "8",
            "Payments; Search",
            "Platform Team",
            "Checkout",
            "Retail P&L 40%; Tech 60%",
            "months",
        ],
        &["5.5", "", "Enabling", "Payments", "Retail P&L", "1–3 years"],
        &["3", "", "", "Search", "", ""],
    ]);
    let doc = &imported.doc;
    assert_eq!(doc.teams.len(), 3);
    let checkout = &doc.teams[&team_id(&imported, "Checkout")];
    assert_eq!(checkout.headcount, 8);
    assert_eq!(
        doc.model_type(checkout.model_type).expect("type").name,
        "Platform Team"
    );
    assert_eq!(checkout.horizon, Some(crate::model::Horizon::Months));
    let payments = &doc.teams[&team_id(&imported, "Payments")];
    assert_eq!(payments.headcount, 6, "5.5 FTE rounds to 6");
    assert_eq!(
        doc.model_type(payments.model_type).expect("type").name,
        "Enabling"
    );
    // Retail gives 40 % to Checkout; Payments' link had no share and takes the remaining 60 %.
    let shares: Vec<(String, f64)> = doc
        .links
        .values()
        .filter_map(|l| match l.kind {
            LinkKind::Funding { allocation_percent } => Some((
                format!(
                    "{}→{}",
                    doc.node_name(l.from).unwrap_or(""),
                    doc.node_name(l.to).unwrap_or("")
                ),
                allocation_percent,
            )),
            LinkKind::Dependency => None,
        })
        .collect();
    assert!(
        shares.contains(&("Retail P&L→Checkout".to_owned(), 40.0)),
        "{shares:?}"
    );
    assert!(
        shares.contains(&("Tech→Checkout".to_owned(), 60.0)),
        "{shares:?}"
    );
    assert!(
        shares.contains(&("Retail P&L→Payments".to_owned(), 60.0)),
        "{shares:?}"
    );
    let dependencies = doc.links.values().filter(|l| !l.kind.is_funding()).count();
    assert_eq!(dependencies, 2);
    let guessed = imported.report.guessed.join("\n");
    assert!(
        guessed.contains("took column \"fte\" as the headcount"),
        "{guessed}"
    );
    assert!(
        guessed.contains("took column \"Team Type\" as the model type"),
        "{guessed}"
    );
    assert!(
        guessed.contains("added the model type \"Enabling\""),
        "{guessed}"
    );
    assert!(guessed.contains("made 2 funding sources"), "{guessed}");
    assert!(guessed.contains("laid out"), "{guessed}");
    assert!(
        imported.report.skipped.is_empty(),
        "{:?}",
        imported.report.skipped
    );
}

#[test]
fn every_bad_cell_and_row_is_reported_and_the_rest_imported() {
    let imported = import(&[
        &["Name", "Headcount", "Horizon", "Depends on", "Manager"],
        &["Checkout", "lots", "soon", "Checkout | Ghost", "Ann"],
        &["", "4", "", "", "Bob"],
        &["checkout", "2", "", "", ""],
        &["Search", "-3", "", "", ""],
    ]);
    let doc = &imported.doc;
    assert_eq!(
        doc.teams.len(),
        3,
        "Checkout, Search and the Ghost it depends on"
    );
    let skipped: Vec<String> = imported
        .report
        .skipped
        .iter()
        .map(|s| format!("{}: {}", s.place, s.why))
        .collect();
    let all = skipped.join("\n");
    assert!(
        all.contains("org.csv, row 2, column Headcount: headcount \"lots\" is not a number"),
        "{all}"
    );
    assert!(
        all.contains("org.csv, row 2, column Horizon: \"soon\" is not a horizon"),
        "{all}"
    );
    assert!(all.contains("org.csv, row 2, column Depends on: \"Checkout\" not linked: a team cannot depend on or fund itself"), "{all}");
    assert!(
        all.contains("org.csv, row 3: not imported: it has no team name"),
        "{all}"
    );
    assert!(
        all.contains("org.csv, row 4: not imported: a team named \"checkout\" is already imported"),
        "{all}"
    );
    assert!(
        all.contains("org.csv, row 5, column Headcount: headcount \"-3\" is outside"),
        "{all}"
    );
    let guessed = imported.report.guessed.join("\n");
    assert!(
        guessed.contains("added the team \"Ghost\": org.csv, row 2 depends on it"),
        "{guessed}"
    );
    assert!(
        guessed.contains("kept column \"Manager\" in each team's notes"),
        "{guessed}"
    );
    assert_eq!(
        doc.teams[&team_id(&imported, "Checkout")].notes,
        "Manager: Ann"
    );
}

#[test]
fn a_sheet_without_a_name_column_says_which_columns_it_has() {
    let mut builder = Builder::new("org.csv", "org");
    let error = read_teams(
        &sheet(&[&["Who", "FTE"], &["a", "1"]]),
        "org.csv",
        &mut builder,
    )
    .expect_err("refused");
    assert_eq!(
        error,
        "no column holds team names; name one \"Team\" or \"Name\" (the first row has \"Who\", \"FTE\")"
    );
}

#[test]
fn over_allocated_typed_shares_are_kept_and_open_ones_get_nothing() {
    let imported = import(&[
        &["Team", "Funded by"],
        &["A", "Fund 80"],
        &["B", "Fund 30"],
        &["C", "Fund"],
    ]);
    let c = team_id(&imported, "C");
    let share = imported
        .doc
        .links
        .values()
        .find(|l| l.to == c)
        .map(|l| l.kind);
    assert_eq!(
        share,
        Some(LinkKind::Funding {
            allocation_percent: 0.0
        })
    );
    assert!(
        imported
            .report
            .guessed
            .iter()
            .any(|g| g.contains("got 0 %"))
    );
}

#[test]
fn headcounts_and_horizons_as_people_write_them() {
    assert_eq!(read_headcount("1,200"), Ok(1200));
    assert_eq!(read_headcount("12.5"), Ok(13));
    assert!(read_headcount("NaN").is_err());
    assert_eq!(
        read_horizon("1-3 Quarters"),
        Some(crate::model::Horizon::Quarters)
    );
    assert_eq!(read_horizon("Year"), Some(crate::model::Horizon::Years));
    assert_eq!(read_horizon("weeks"), None);
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(27), "AB");
}
