use super::*;

#[test]
fn a_blueprint_in_kumus_import_format() {
    let json = br#"{
        "elements": [
            {"label": "Checkout", "type": "Platform Team", "headcount": 8, "tags": ["web", "core"]},
            {"label": "Payments", "type": "Service Team", "description": "Cards and wallets"},
            {"label": "Retail P&L", "type": "Funding source", "budget": "18M EUR"}
        ],
        "connections": [
            {"from": "Checkout", "to": "Payments", "type": "depends on", "direction": "directed"},
            {"from": "Retail P&L", "to": "Checkout", "label": "40%"},
            {"from": "Checkout", "to": "Nobody"}
        ]
    }"#;
    let imported = read_json("org.json", "org", json).expect("imported");
    let doc = &imported.doc;
    assert_eq!(doc.teams.len(), 2);
    assert_eq!(doc.sources.len(), 1);
    let source = doc.sources.values().next().expect("source");
    assert_eq!(
        source
            .budget
            .as_ref()
            .map(|b| (b.amount, b.currency.as_str())),
        Some((18e6, "EUR"))
    );
    let checkout = doc
        .teams
        .values()
        .find(|t| t.name == "Checkout")
        .expect("team");
    assert_eq!(checkout.headcount, 8);
    assert_eq!(checkout.notes, "tags: web, core");
    let payments = doc
        .teams
        .values()
        .find(|t| t.name == "Payments")
        .expect("team");
    assert_eq!(payments.notes, "Cards and wallets");
    assert_eq!(doc.links.len(), 2);
    assert!(doc.links.values().any(|l| l.kind
        == crate::model::LinkKind::Funding {
            allocation_percent: 40.0
        }));
    let skipped = &imported.report.skipped;
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].place, "org.json, connection 3");
    assert_eq!(skipped[0].why, "no element is named \"Nobody\"");
}

#[test]
fn an_exported_blueprint_with_ids_attributes_and_positions() {
    let json = br#"{
        "elements": [
            {"_id": "elem-1", "attributes": {"label": "Search", "element type": "Product Expansion"}},
            {"_id": "elem-2", "attributes": {"label": "Mobile"}}
        ],
        "connections": [
            {"_id": "conn-1", "from": "elem-2", "to": "elem-1", "attributes": {"connection type": "dependency", "direction": "mutual"}}
        ],
        "maps": [{"elements": [
            {"element": "elem-1", "position": {"x": 100, "y": 40}},
            {"element": "elem-2", "position": {"x": -300, "y": 40}}
        ]}]
    }"#;
    let imported = read_json("kumu.json", "kumu", json).expect("imported");
    let doc = &imported.doc;
    let search = doc
        .teams
        .values()
        .find(|t| t.name == "Search")
        .expect("team");
    assert_eq!(search.position, crate::model::Point::new(100.0, 40.0));
    assert_eq!(
        doc.model_type(search.model_type).expect("type").name,
        "Product Expansion"
    );
    assert_eq!(
        doc.links.len(),
        2,
        "a mutual connection is two dependencies"
    );
}

#[test]
fn broken_json_is_refused_with_its_line_and_column() {
    let error = read_json("x.json", "x", b"{\n  \"elements\": [,]\n}").expect_err("refused");
    assert!(
        error
            .to_string()
            .starts_with("Cannot read x.json: line 2, column 16"),
        "{error}"
    );
    let error = read_json("x.json", "x", b"[1, 2]").expect_err("refused");
    assert!(
        error.to_string().contains("no \"elements\" list"),
        "{error}"
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(read_json("deep.json", "deep", deep.as_bytes()).is_err());
}

#[test]
fn kumus_two_sheet_workbook() {
    let sheets = vec![
        Sheet {
            name: "Elements".to_owned(),
            rows: vec![
                vec!["Label".into(), "Type".into(), "FTE".into()],
                vec!["Checkout".into(), "Platform Team".into(), "7".into()],
                vec!["Tech".into(), "Funding".into(), String::new()],
            ],
        },
        Sheet {
            name: "Connections".to_owned(),
            rows: vec![
                vec!["From".into(), "To".into(), "Type".into()],
                vec!["Tech".into(), "Checkout".into(), "funds".into()],
                vec!["Checkout".into(), "Tech".into(), String::new()],
            ],
        },
    ];
    assert!(is_kumu_workbook(&sheets));
    let imported = read_sheets("kumu.xlsx", "kumu", &sheets).expect("imported");
    assert_eq!(imported.doc.teams.len(), 1);
    assert_eq!(imported.doc.sources.len(), 1);
    assert_eq!(imported.doc.links.len(), 1);
    assert_eq!(
        imported.report.skipped[0].place,
        "kumu.xlsx, sheet Connections, row 3"
    );
}

#[test]
fn an_element_is_named_by_its_own_number_even_after_funding_elements() {
    let sheets = vec![Sheet {
        name: "Elements".to_owned(),
        rows: vec![
            vec!["Label".into(), "Type".into(), "Headcount".into()],
            vec!["Budget".into(), "Funding".into(), String::new()],
            vec!["Checkout".into(), String::new(), "lots".into()],
        ],
    }];
    let imported = read_sheets("org.xlsx", "org", &sheets).expect("imported");
    assert_eq!(
        imported.report.skipped[0].place,
        "org.xlsx, sheet Elements, row 3, column Headcount"
    );
    let json = br#"{"elements": [{"label": "Fund", "type": "Funding"}, {"label": "A", "headcount": "x"}]}"#;
    let imported = read_json("org.json", "org", json).expect("imported");
    assert_eq!(
        imported.report.skipped[0].place,
        "org.json, element 2, column headcount"
    );
}

#[test]
fn a_share_that_does_not_read_is_reported_and_a_label_is_kept() {
    let json = br#"{"elements": [{"label": "Fund", "type": "Funding"}, {"label": "A"}, {"label": "B"}],
        "connections": [{"from": "Fund", "to": "A", "share": "lots"}, {"from": "Fund", "to": "B", "label": "core budget"}]}"#;
    let imported = read_json("org.json", "org", json).expect("imported");
    assert_eq!(
        imported.report.skipped.len(),
        1,
        "{:?}",
        imported.report.skipped
    );
    assert!(imported.report.skipped[0].why.starts_with("share not read"));
    assert!(
        imported
            .doc
            .links
            .values()
            .any(|l| l.label == "core budget")
    );
}
