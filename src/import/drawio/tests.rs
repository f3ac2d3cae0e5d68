use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use proptest::prelude::*;

use super::*;
use crate::export::drawio::drawio;
use crate::generate::{GenerateOptions, generate};
use crate::model::limits::{MAX_COORDINATE, MAX_TEAM_SIDE, MAX_TEXT_CHARS};
use crate::model::{Budget, Horizon, LinkKind, Point, Size};

const ORIGIN: &str = "org.drawio";

fn import(xml: &str) -> Result<Imported, ImportError> {
    read(ORIGIN, xml.as_bytes())
}

pub(super) fn imported(xml: &str) -> Imported {
    match import(xml) {
        Ok(imported) => imported,
        Err(error) => panic!("{error}"),
    }
}

fn error(xml: &str) -> String {
    match import(xml) {
        Ok(imported) => panic!("imported: {}", imported.report),
        Err(error) => error.to_string(),
    }
}

/// What draw.io's `encodeURIComponent` leaves as it is.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// A page compressed as draw.io does it.
fn compressed(xml: &str) -> String {
    let encoded = utf8_percent_encode(xml, URI_COMPONENT).to_string();
    STANDARD.encode(miniz_oxide::deflate::compress_to_vec(encoded.as_bytes(), 6))
}

/// One page around these cells.
pub(super) fn page(cells: &str) -> String {
    format!(
        "<mxfile host=\"app.diagrams.net\"><diagram id=\"a\" name=\"Org\"><mxGraphModel><root>\
         <mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>{cells}</root></mxGraphModel></diagram></mxfile>"
    )
}

pub(super) fn box_cell(id: &str, value: &str, parent: &str, x: f32, y: f32) -> String {
    format!(
        "<mxCell id=\"{id}\" value=\"{value}\" style=\"rounded=1;whiteSpace=wrap;html=1;\" vertex=\"1\" parent=\"{parent}\">\
         <mxGeometry x=\"{x}\" y=\"{y}\" width=\"120\" height=\"60\" as=\"geometry\"/></mxCell>"
    )
}

fn arrow(id: &str, source: &str, target: &str) -> String {
    format!(
        "<mxCell id=\"{id}\" style=\"html=1;\" edge=\"1\" parent=\"1\" source=\"{source}\" target=\"{target}\">\
         <mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>"
    )
}

pub(super) fn team_named<'a>(doc: &'a Document, name: &str) -> &'a Team {
    doc.teams
        .values()
        .find(|team| team.name == name)
        .unwrap_or_else(|| panic!("no team {name:?} in {:?}", doc.teams))
}

fn type_name(doc: &Document, team: &Team) -> String {
    doc.model_type(team.model_type)
        .map(|t| t.name.clone())
        .unwrap_or_default()
}

pub(super) fn skipped_why<'a>(report: &'a Report, cell: &str) -> &'a str {
    let place = format!("{ORIGIN}, cell {cell}");
    report
        .skipped
        .iter()
        .find(|skipped| skipped.place == place)
        .map(|skipped| skipped.why.as_str())
        .unwrap_or_else(|| panic!("{place} is not reported as skipped:\n{report}"))
}

/// Names, notes and a palette that break naive writers: markup, quotes, `;` and `=` (the style
/// separators), `%`, tabs, line breaks, spaces around a name, an empty name, exact fractions.
pub(super) fn awkward_map() -> Document {
    let mut doc = Document::new("Q1 <draft> & \"notes\"");
    doc.palette.push(ModelType {
        id: ModelTypeId(7),
        name: "Guild; a=b 100% <x>".to_owned(),
        color: Color::rgb(1, 2, 3),
        description: String::new(),
    });
    let mut lab = Team::new("R&D <core> 'lab'", ModelTypeId(7), Point::new(-10.1, 20.3));
    lab.headcount = 12;
    lab.horizon = Some(Horizon::Quarters);
    lab.notes = "line one\n\tindented <b>&amp;</b>\n\nlast ".to_owned();
    lab.size = Size::new(196.7, 80.1);
    doc.teams.insert(Id(3), lab);
    let mut spaced = Team::new(" spaced ", ModelTypeId(6), Point::new(300.0, 0.0));
    spaced.horizon = Some(Horizon::Decades);
    doc.teams.insert(Id(5), spaced);
    doc.teams
        .insert(Id(8), Team::new("", ModelTypeId(1), Point::new(0.0, 400.0)));
    let mut retail = FundingSource::new("Retail P&L", Point::new(0.5, -200.25));
    retail.budget = Some(Budget {
        amount: 18_000_000.5,
        currency: "EUR".to_owned(),
    });
    doc.sources.insert(Id(1), retail);
    doc.sources.insert(
        Id(2),
        FundingSource::new("Sponsor", Point::new(400.0, -200.0)),
    );
    doc.links
        .insert(Id(10), Link::funding(Id(1), Id(3), 100.0 / 3.0));
    let mut labelled = Link::funding(Id(1), Id(5), 40.0);
    labelled.label = "with \"strings\"\nattached · too".to_owned();
    doc.links.insert(Id(11), labelled);
    let mut dependency = Link::dependency(Id(3), Id(5));
    dependency.label = "40 %".to_owned();
    doc.links.insert(Id(12), dependency);
    doc.links.insert(Id(13), Link::funding(Id(3), Id(8), 5.5));
    doc.links.insert(Id(14), Link::funding(Id(2), Id(8), 0.0));
    doc.links.insert(Id(15), Link::dependency(Id(5), Id(3)));
    doc
}

#[test]
fn our_export_comes_back_exactly() {
    let doc = awkward_map();
    assert_eq!(doc.validate(), Ok(()));
    let back = imported(&drawio(&doc));
    assert_eq!(back.doc, doc, "{}", back.report);
    assert!(back.report.skipped.is_empty(), "{}", back.report);
    assert_eq!(
        back.report.read,
        ["3 teams, 2 funding sources and 6 links from page \"Q1 <draft> & \\\"notes\\\"\""]
    );
    assert_eq!(
        back.report.guessed,
        [
            "model type \"Guild; a=b 100% <x>\" added to the palette (the diagram names it; it is not one of the defaults)"
        ]
    );
}

#[test]
fn a_compressed_export_comes_back_exactly_too() {
    let doc = awkward_map();
    let xml = drawio(&doc);
    let start = xml.find("<mxGraphModel").expect("model");
    let end = xml.find("</mxGraphModel>").expect("model end") + "</mxGraphModel>".len();
    let packed = format!(
        "{}\n{}\n{}",
        &xml[..start],
        compressed(&xml[start..end]),
        &xml[end..]
    );
    assert!(!packed.contains("<mxCell"));
    assert_eq!(imported(&packed).doc, doc);
}

#[test]
fn a_compressed_page_without_uri_encoding_is_read_as_it_is() {
    let model = "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>\
                 <mxCell id=\"a\" value=\"100% Search\" vertex=\"1\" parent=\"1\"><mxGeometry width=\"80\" height=\"40\" as=\"geometry\"/></mxCell>\
                 </root></mxGraphModel>";
    let packed = STANDARD.encode(miniz_oxide::deflate::compress_to_vec(model.as_bytes(), 6));
    let xml = format!("<mxfile><diagram name=\"P\">{packed}</diagram></mxfile>");
    let back = imported(&xml);
    team_named(&back.doc, "100% Search");
}

#[test]
fn only_the_first_page_is_imported_and_the_others_are_named_in_the_report() {
    let first = page(&box_cell("a", "Checkout", "1", 0.0, 0.0));
    let second = "<diagram id=\"b\" name=\"Costs\"><mxGraphModel><root/></mxGraphModel></diagram>\
                  <diagram id=\"c\">abc</diagram></mxfile>";
    let xml = first.replace("</mxfile>", second);
    let back = imported(&xml);
    assert_eq!(back.doc.title, "Org");
    assert_eq!(back.doc.teams.len(), 1);
    let places: Vec<_> = back
        .report
        .skipped
        .iter()
        .map(|s| s.place.as_str())
        .collect();
    assert_eq!(
        places,
        [
            "org.drawio, page 2 \"Costs\"",
            "org.drawio, page 3 \"Page-3\""
        ]
    );
}

#[test]
fn a_bare_graph_model_is_a_diagram_titled_by_its_file() {
    let xml = format!(
        "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>{}</root></mxGraphModel>",
        box_cell("a", "Checkout", "1", 10.0, 20.0)
    );
    let back = read("maps/retail org.xml", xml.as_bytes()).expect("imported");
    assert_eq!(back.doc.title, "retail org");
    assert_eq!(
        team_named(&back.doc, "Checkout").position,
        Point::new(10.0, 20.0)
    );
}

/// A diagram as someone draws it in draw.io: Team Topologies shapes with HTML labels, a plain
/// box, a swimlane with a team inside, a text note, an empty box, an interaction shape, an arrow
/// label kept as a box inside the arrow, and arrows that cannot be links.
fn drawn_in_drawio() -> String {
    let tt = |id: &str, value: &str, fill: &str, x: f32, y: f32| {
        format!(
            "<mxCell id=\"{id}\" value=\"{value}\" style=\"shape=stencil(c3RlbmNpbA==);whiteSpace=wrap;html=1;strokeWidth=2;fillColor={fill};\" vertex=\"1\" parent=\"1\">\
             <mxGeometry x=\"{x}\" y=\"{y}\" width=\"320\" height=\"40\" as=\"geometry\"/></mxCell>"
        )
    };
    let cells = [
        tt(
            "sa",
            "&lt;b&gt;Checkout&lt;/b&gt;&lt;br&gt;Owns the cart&lt;div&gt;and&amp;nbsp;tax&lt;/div&gt;",
            "#FFEDB8",
            40.0,
            80.0,
        ),
        tt("pf", "Payments Platform", "#bbd2f6", 40.0, 300.0),
        tt("en", "SRE coaching", "#C9DFBE", 400.0, 300.0),
        tt("cs", "Fraud models", "#FBDBBA", 800.0, 300.0),
        box_cell("box", "Plain box", "1", 500.0, 80.0),
        "<mxCell id=\"lane\" value=\"Retail\" style=\"swimlane;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"1000\" y=\"1000\" width=\"400\" height=\"300\" as=\"geometry\"/></mxCell>".to_owned(),
        box_cell("inner", "Search", "lane", 20.0, 40.0),
        "<mxCell id=\"note\" value=\"Draft, do not share\" style=\"text;html=1;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"0\" y=\"0\" width=\"60\" height=\"30\" as=\"geometry\"/></mxCell>".to_owned(),
        box_cell("empty", "&lt;br&gt;&amp;nbsp;", "1", 0.0, 600.0),
        "<mxCell id=\"collab\" value=\"\" style=\"shape=parallelogram;perimeter=parallelogramPerimeter;html=1;fillColor=#E3E0EE;strokeColor=#967EE2;\" vertex=\"1\" parent=\"1\"><mxGeometry width=\"120\" height=\"60\" as=\"geometry\"/></mxCell>".to_owned(),
        "<object label=\"Billing\" tooltip=\"Owns invoices\" id=\"obj\"><mxCell style=\"rounded=1;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"700\" y=\"80\" width=\"100\" height=\"50\" as=\"geometry\"/></mxCell></object>".to_owned(),
        arrow("e1", "sa", "pf"),
        "<mxCell id=\"e1-label\" value=\"card tokens\" style=\"edgeLabel;html=1;\" vertex=\"1\" connectable=\"0\" parent=\"e1\"><mxGeometry x=\"-0.2\" relative=\"1\" as=\"geometry\"><mxPoint as=\"offset\"/></mxGeometry></mxCell>".to_owned(),
        arrow("e2", "sa", "pf"),
        "<mxCell id=\"e3\" edge=\"1\" parent=\"1\" source=\"sa\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>".to_owned(),
        arrow("e4", "sa", "ghost"),
        arrow("e5", "box", "box"),
        arrow("e6", "inner", "lane"),
        arrow("e7", "box", "inner").replace("style=", "value=\"search results\" style="),
        arrow("e8", "obj", "sa"),
    ];
    page(&cells.concat())
}

#[test]
fn team_topologies_shapes_take_their_model_types_and_the_rest_the_default() {
    let back = imported(&drawn_in_drawio());
    let doc = &back.doc;
    let types: Vec<(String, String)> = doc
        .teams
        .values()
        .map(|team| (team.name.clone(), type_name(doc, team)))
        .collect();
    assert_eq!(
        types,
        [
            ("Checkout", "Independent Team with Clear Impact"),
            ("Payments Platform", "Platform Team"),
            ("SRE coaching", "Service Team"),
            ("Fraud models", "Service Team"),
            ("Plain box", "Independent Team with Clear Impact"),
            ("Search", "Independent Team with Clear Impact"),
            ("Billing", "Independent Team with Clear Impact"),
        ]
        .map(|(name, kind)| (name.to_owned(), kind.to_owned()))
    );
    assert!(
        back.report.guessed.contains(
            &"3 shapes without a known type took Independent Team with Clear Impact".to_owned()
        ),
        "{}",
        back.report
    );
    assert!(
        back.report
            .guessed
            .contains(&"1 Team Topologies platform team shape took Platform Team".to_owned()),
        "{}",
        back.report
    );
}

#[test]
fn html_labels_give_a_name_and_notes_and_tooltips_add_notes() {
    let back = imported(&drawn_in_drawio());
    let checkout = team_named(&back.doc, "Checkout");
    assert_eq!(checkout.notes, "Owns the cart\nand tax");
    assert_eq!(checkout.position, Point::new(40.0, 80.0));
    assert_eq!(checkout.size, Size::new(320.0, 40.0));
    assert_eq!(team_named(&back.doc, "Billing").notes, "Owns invoices");
}

#[test]
fn a_shape_in_a_swimlane_sits_where_it_is_drawn_in_the_group_the_swimlane_becomes() {
    let back = imported(&drawn_in_drawio());
    let search = back
        .doc
        .teams
        .iter()
        .find(|(_, team)| team.name == "Search")
        .map(|(id, _)| *id)
        .expect("Search");
    assert_eq!(back.doc.teams[&search].position, Point::new(1020.0, 1040.0));
    let retail = back.doc.groups.values().next().expect("a group");
    assert_eq!(
        (retail.name.as_str(), &retail.members),
        ("Retail", &vec![search])
    );
    assert_eq!(skipped_why(&back.report, "note"), "a text box, not a team");
    assert_eq!(skipped_why(&back.report, "empty"), "a shape without text");
    assert_eq!(
        skipped_why(&back.report, "collab"),
        "a Team Topologies collaboration shape; interactions are not imported"
    );
}

#[test]
fn arrows_between_teams_become_dependencies_and_the_others_are_reported() {
    let back = imported(&drawn_in_drawio());
    let doc = &back.doc;
    let links: Vec<(&str, &str, &str)> = doc
        .links
        .values()
        .map(|link| {
            (
                doc.node_name(link.from).unwrap_or("?"),
                doc.node_name(link.to).unwrap_or("?"),
                link.label.as_str(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("Checkout", "Payments Platform", "card tokens"),
            ("Plain box", "Search", "search results"),
            ("Billing", "Checkout", ""),
        ]
    );
    assert!(doc.links.values().all(|l| l.kind == LinkKind::Dependency));
    let report = &back.report;
    assert_eq!(
        skipped_why(report, "e2"),
        "a second arrow of this kind between the same two shapes"
    );
    assert_eq!(
        skipped_why(report, "e3"),
        "an arrow not connected to a shape at its end"
    );
    assert_eq!(
        skipped_why(report, "e4"),
        "its end is cell ghost, which the diagram does not have"
    );
    assert_eq!(skipped_why(report, "e5"), "an arrow from a shape to itself");
    assert_eq!(
        skipped_why(report, "e6"),
        "its end is cell lane, a container; links join teams and funding sources, not groups"
    );
}

#[test]
fn an_arrow_from_an_exported_funding_source_is_funding_with_the_share_it_says() {
    let mut doc = Document::new("Funding");
    doc.sources
        .insert(Id(1), FundingSource::new("Fund", Point::new(0.0, 0.0)));
    doc.teams.insert(
        Id(2),
        Team::new("Checkout", ModelTypeId(1), Point::new(0.0, 200.0)),
    );
    doc.teams.insert(
        Id(3),
        Team::new("Search", ModelTypeId(1), Point::new(300.0, 200.0)),
    );
    // Arrows drawn in draw.io afterwards: one saying its share, one not.
    let xml = drawio(&doc).replace(
        "</root>",
        &format!(
            "{}{}</root>",
            arrow("new1", "s1", "t2").replace("style=", "value=\"25 %\" style="),
            arrow("new2", "s1", "t3")
        ),
    );
    let back = imported(&xml);
    let shares: Vec<LinkKind> = back.doc.links.values().map(|l| l.kind).collect();
    assert_eq!(
        shares,
        [
            LinkKind::Funding {
                allocation_percent: 25.0
            },
            LinkKind::Funding {
                allocation_percent: 0.0
            },
        ]
    );
    assert!(
        back.report
            .guessed
            .contains(&"funding arrows without a share took 0 %: cell new2".to_owned()),
        "{}",
        back.report
    );
}

#[test]
fn shapes_without_a_geometry_are_placed_by_the_layout() {
    let xml = page(
        "<mxCell id=\"a\" value=\"Checkout\" vertex=\"1\" parent=\"1\"/>\
         <mxCell id=\"b\" value=\"Search\" vertex=\"1\" parent=\"1\"/>",
    );
    let back = imported(&xml);
    let positions: BTreeSet<(i64, i64)> = back
        .doc
        .teams
        .values()
        .map(|t| (t.position.x as i64, t.position.y as i64))
        .collect();
    assert_eq!(positions.len(), 2, "both placed, apart");
    assert!(
        back.report.guessed.contains(
            &"2 shapes without a position in the diagram placed by the layout".to_owned()
        )
    );
}

#[test]
fn sizes_and_positions_beyond_the_limits_are_fitted_and_reported() {
    let xml = page(
        "<mxCell id=\"huge\" value=\"Huge\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"5e9\" y=\"-1e40\" width=\"99999\" height=\"2\" as=\"geometry\"/></mxCell>\
         <mxCell id=\"odd\" value=\"Odd\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"NaN\" y=\"ten\" width=\"inf\" height=\"60\" as=\"geometry\"/></mxCell>",
    );
    let back = imported(&xml);
    let huge = team_named(&back.doc, "Huge");
    assert_eq!(huge.position, Point::new(MAX_COORDINATE, -MAX_COORDINATE));
    assert_eq!(huge.size, Size::new(MAX_TEAM_SIDE, 16.0));
    let odd = team_named(&back.doc, "Odd");
    assert_eq!(odd.position, Point::new(0.0, 0.0));
    assert_eq!(odd.size, Size::new(MAX_TEAM_SIDE, 60.0));
    assert_eq!(
        back.report.guessed,
        [
            "2 shapes without a known type took Independent Team with Clear Impact",
            "positions moved inside ±1,000,000: cell huge",
            "sizes fitted into 16–4000: cells huge, odd",
            "unreadable coordinates taken as 0: cell odd",
        ]
    );
}

// Hostile input: every one ends in a clear error or a valid map, never a panic.

#[test]
fn a_deflate_bomb_is_refused_without_unpacking_it() {
    let bomb = vec![b'<'; usize::try_from(MAX_FILE_BYTES).expect("fits") + 1024];
    let packed = STANDARD.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 1));
    assert!(packed.len() < 1_000_000, "{} bytes", packed.len());
    let message = error(&format!("<mxfile><diagram>{packed}</diagram></mxfile>"));
    assert_eq!(
        message,
        "Cannot read org.drawio: the compressed page unpacks to more than 67,108,864 bytes, the most a map file may hold; it was not unpacked further"
    );
}

#[test]
fn base64_garbage_is_refused_with_what_it_is_not() {
    let message = error("<mxfile><diagram name=\"x\">this is *not* base64!</diagram></mxfile>");
    assert!(
        message.starts_with("Cannot read org.drawio: the first page is neither a diagram nor draw.io's compressed text (not base64: "),
        "{message}"
    );
    // Valid base64 of bytes that do not inflate.
    let message = error("<mxfile><diagram>AAECAwQF</diagram></mxfile>");
    assert!(
        message.starts_with("Cannot read org.drawio: the compressed page is damaged"),
        "{message}"
    );
}

#[test]
fn deeply_nested_cells_are_refused_naming_the_cell() {
    let mut cells = String::new();
    let mut parent = "1".to_owned();
    for depth in 0..150 {
        let id = format!("g{depth}");
        cells.push_str(&box_cell(&id, "Group", &parent, 1.0, 1.0));
        parent = id;
    }
    assert_eq!(
        error(&page(&cells)),
        "Cannot read org.drawio: cell g98 is nested more than 100 levels deep; a diagram nests a few"
    );
}

#[test]
fn a_parent_cycle_is_refused_naming_the_cells() {
    let cells = [
        box_cell("a", "A", "b", 0.0, 0.0),
        box_cell("b", "B", "a", 0.0, 0.0),
        box_cell("c", "C", "1", 0.0, 0.0),
    ]
    .concat();
    assert_eq!(
        error(&page(&cells)),
        "Cannot read org.drawio: cell a is inside itself: its parents go round in a circle (a → b → a)"
    );
    let own_parent = page(&box_cell("self", "Self", "self", 0.0, 0.0));
    assert!(
        error(&own_parent).ends_with(
            "cell self is inside itself: its parents go round in a circle (self → self)"
        )
    );
}

#[test]
fn an_arrow_to_nowhere_is_skipped_and_the_rest_imported() {
    let cells = [
        box_cell("a", "A", "1", 0.0, 0.0),
        arrow("loose", "a", ""),
        arrow("far", "a", "nowhere"),
    ]
    .concat();
    let back = imported(&page(&cells));
    assert_eq!(back.doc.teams.len(), 1);
    assert!(back.doc.links.is_empty());
    assert_eq!(
        skipped_why(&back.report, "loose"),
        "an arrow not connected to a shape at its end"
    );
    assert_eq!(
        skipped_why(&back.report, "far"),
        "its end is cell nowhere, which the diagram does not have"
    );
}

#[test]
fn script_tags_in_an_html_label_are_dropped_with_their_content() {
    let label = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Checkout&lt;img src=x onerror=alert(1)&gt;\
                 &lt;br&gt;&lt;style&gt;*{}&lt;/style&gt;notes";
    let back = imported(&page(&box_cell("a", label, "1", 0.0, 0.0)));
    let team = team_named(&back.doc, "Checkout");
    assert_eq!(team.notes, "notes");
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(error(""), "Cannot read org.drawio: the file is empty");
    assert_eq!(error(" \n\t"), "Cannot read org.drawio: the file is empty");
}

#[test]
fn text_that_is_not_xml_is_refused_with_line_and_column() {
    let message = error("<mxfile>\n  <diagram>\n    <mxGraphModel <root>");
    assert!(
        message.starts_with("Cannot read org.drawio: line 3, column "),
        "{message}"
    );
    assert!(!message.contains(" at 3:"), "{message}");
    assert!(error("{\"nodes\": []}").starts_with("Cannot read org.drawio: line 1, column 1: "));
    assert!(error("<svg xmlns=\"http://www.w3.org/2000/svg\"/>").contains("not a draw.io diagram"));
    assert!(read(ORIGIN, &[0xff, 0xfe, 0x00]).is_err());
}

#[test]
fn an_entity_bomb_in_a_doctype_is_refused() {
    let xml = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\
               <mxfile>&lol2;</mxfile>";
    assert!(error(xml).starts_with("Cannot read org.drawio: line 1, column 1: "));
}

#[test]
fn a_label_of_100k_characters_gives_a_cut_name_and_notes() {
    let long = "x".repeat(100_000);
    let label = format!("{long}&lt;br&gt;{long}");
    let back = imported(&page(&box_cell("long", &label, "1", 0.0, 0.0)));
    let team = back.doc.teams.values().next().expect("a team");
    assert_eq!(team.name.chars().count(), MAX_NAME_CHARS);
    assert_eq!(team.notes.chars().count(), MAX_TEXT_CHARS);
    assert!(
        back.report
            .guessed
            .contains(&"names cut to 500 characters: cell long".to_owned()),
        "{}",
        back.report
    );
}

#[test]
fn a_file_above_the_size_limit_is_refused_before_it_is_read() {
    let bytes = vec![b' '; usize::try_from(MAX_FILE_BYTES).expect("fits") + 1];
    assert!(matches!(
        read(ORIGIN, &bytes),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn more_shapes_than_a_map_may_hold_are_refused() {
    let mut cells = String::new();
    use crate::model::limits::{MAX_GROUPS, MAX_SOURCES, MAX_TEAMS};
    for index in 0..=(MAX_TEAMS + MAX_SOURCES + MAX_GROUPS) {
        cells.push_str(&format!(
            "<mxCell id=\"c{index}\" vertex=\"1\" parent=\"1\"/>"
        ));
    }
    assert_eq!(
        error(&page(&cells)),
        "Cannot read org.drawio: its page has more than 120,000 shapes, the most a map may hold"
    );
}

#[test]
fn control_characters_and_hostile_ids_stay_out_of_the_map_and_the_report() {
    let cells = [
        // XML has no way to write most control characters; these are the ones it allows.
        box_cell(
            "a",
            "Bell&#x9b;name&lt;br&gt;notes&#x85;[31m&#xFDD0;",
            "1",
            0.0,
            0.0,
        ),
        arrow("evil&#x9b;[2J id", "a", "missing"),
    ]
    .concat();
    let back = imported(&page(&cells));
    let team = back.doc.teams.values().next().expect("a team");
    assert_eq!(team.name, "Bell name");
    assert_eq!(team.notes, "notes [31m ");
    let text = back.report.to_string();
    assert!(!text.contains('\u{9b}'), "{text}");
    assert!(text.contains("cell \"evil\\u{9b}[2J id\""), "{text}");
}

#[test]
fn a_page_with_nothing_to_import_says_so() {
    let message = error(&page(&box_cell("a", "", "1", 0.0, 0.0)));
    assert_eq!(
        message,
        "org.drawio holds no teams: no shape with text became a team (1 skipped)"
    );
}

/// Awkward names and notes the generator does not make, given to some teams of a generated map.
const TEXTS: [&str; 8] = [
    "Payments & Risk",
    "<b>bold</b> \"quoted\"",
    "a;b=c%20d",
    "Платформа",
    "🚀 Launch",
    "",
    " tab\there ",
    "bidi \u{202e}override",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_maps_come_back_from_their_export_unchanged(
        teams in 1_usize..80,
        links in 0_usize..160,
        seed in any::<u64>(),
        texts in prop::collection::vec((0..TEXTS.len(), 0..TEXTS.len()), 0..12),
    ) {
        let mut doc = generate(GenerateOptions { teams, links, seed });
        for ((name, notes), team) in texts.iter().zip(doc.teams.values_mut()) {
            team.name = TEXTS[*name].replace('\t', " ");
            team.notes = format!("{}\n{}", TEXTS[*notes], TEXTS[*name]);
        }
        prop_assert_eq!(doc.validate(), Ok(()));
        let back = read("random.drawio", drawio(&doc).as_bytes());
        prop_assert!(back.is_ok(), "{:?}", back.err());
        let back = back.expect("checked");
        prop_assert!(back.report.skipped.is_empty(), "{}", back.report);
        // Groups too: the generated map nests a value stream in each business unit.
        prop_assert!(!doc.groups.is_empty());
        prop_assert_eq!(back.doc, doc);
    }
}

#[test]
fn the_fuzz_seeds_import_as_they_say() {
    let seed = |name: &str, text: &str| match read(name, text.as_bytes()) {
        Ok(imported) => imported,
        Err(error) => panic!("{error}"),
    };
    let export = seed(
        "teamscape_export.drawio",
        include_str!("../../../fuzz/corpus/import_drawio/teamscape_export.drawio"),
    );
    let checkout = team_named(&export.doc, "Checkout");
    assert_eq!(
        (
            checkout.headcount,
            checkout.horizon,
            checkout.notes.as_str()
        ),
        (7, Some(Horizon::Quarters), "Owns the cart\n\tand tax")
    );
    assert_eq!(export.doc.links.len(), 2);

    let drawn = seed(
        "team_topologies.drawio",
        include_str!("../../../fuzz/corpus/import_drawio/team_topologies.drawio"),
    );
    let payments = team_named(&drawn.doc, "Payments");
    assert_eq!(payments.position, Point::new(60.0, 240.0));
    assert_eq!(type_name(&drawn.doc, payments), "Platform Team");
    let labels: Vec<&str> = drawn.doc.links.values().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["X-as-a-Service"]);
    // Its swimlane is a group round the platform team.
    assert_eq!(drawn.report.skipped.len(), 3, "{}", drawn.report);
    let lane = drawn.doc.groups.values().next().expect("a group");
    let names: Vec<&str> = lane
        .members
        .iter()
        .filter_map(|id| drawn.doc.node_name(*id))
        .collect();
    assert_eq!(
        (lane.name.as_str(), names),
        ("Platform group", vec!["Payments"])
    );

    let packed = seed(
        "compressed.drawio",
        include_str!("../../../fuzz/corpus/import_drawio/compressed.drawio"),
    );
    assert_eq!(packed.doc.teams.len(), 2);
    assert_eq!(packed.doc.links.len(), 1);
}

/// The fuzz seeds, for damaging at random below; the last is the example map's export, with
/// its nested group containers.
const SEEDS: [&str; 4] = [
    include_str!("../../../fuzz/corpus/import_drawio/teamscape_export.drawio"),
    include_str!("../../../fuzz/corpus/import_drawio/team_topologies.drawio"),
    include_str!("../../../fuzz/corpus/import_drawio/compressed.drawio"),
    include_str!("../../../fuzz/corpus/import_drawio/teamscape_groups.drawio"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A stand-in for the fuzz target where cargo fuzz does not run: a seed with a stretch cut
    /// out and random bytes put in gives a valid map or an error naming the file, never a panic.
    #[test]
    fn damaged_diagrams_give_a_valid_map_or_an_error(
        seed in 0..SEEDS.len(),
        at in any::<prop::sample::Index>(),
        cut_len in 0_usize..40,
        insert in prop::collection::vec(any::<u8>(), 0..8),
    ) {
        let original = SEEDS[seed].as_bytes();
        let start = at.index(original.len());
        let end = (start + cut_len).min(original.len());
        let damaged = [&original[..start], &insert[..], &original[end..]].concat();
        match read("damaged.drawio", &damaged) {
            Ok(imported) => prop_assert_eq!(imported.doc.validate(), Ok(())),
            Err(error) => prop_assert!(error.to_string().contains("damaged.drawio"), "{}", error),
        }
    }
}
