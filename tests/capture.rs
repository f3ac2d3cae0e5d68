//! Workshop capture from the keyboard alone, in the real app: 20 teams with their model types,
//! 2 funding sources with budgets, 25 dependencies and 20 funding links with chosen shares, saved,
//! in at most 100 actions (a key, or a typed name or number, is one action). Then present mode at
//! 1280×720 shows the whole map with every text at 14 px or more.

mod common;

use std::collections::BTreeSet;

use common::{App, Setup, open_app_with, step_until};
use eframe::egui::{Key, Modifiers, Vec2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use teamscape::model::{Document, Id, LinkKind, ModelTypeId, Rect};
use teamscape::scene::{self, Primitive, SceneOptions, Theme};
use teamscape::ui::present::PRESENT_TEXT_SCALE;

/// A facilitator at the keyboard, counting what they do.
struct Typist {
    harness: App,
    actions: usize,
}

impl Typist {
    fn key(&mut self, key: Key) {
        self.key_with(Modifiers::NONE, key);
    }

    fn key_with(&mut self, modifiers: Modifiers, key: Key) {
        self.actions += 1;
        self.harness.key_press_modifiers(modifiers, key);
        self.harness.run_steps(2);
    }

    fn text(&mut self, text: &str) {
        self.actions += 1;
        self.harness
            .event(eframe::egui::Event::Text(text.to_owned()));
        self.harness.run_steps(1);
    }

    /// T (or B), the name field's text, Enter.
    fn add(&mut self, key: Key, text: &str) {
        self.key(key);
        self.text(text);
        self.key(Key::Enter);
    }

    fn doc(&self) -> &Document {
        self.harness.state().document()
    }
}

const TYPE_KEYS: [Key; 6] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
];

/// Teams by model type (the legend's number), each with what it depends on.
const TEAMS: [(usize, &[&str]); 6] = [
    (
        6,
        &[
            "Identity",
            "Payments Platform",
            "Cloud",
            "Data > cloud",
            "Catalog",
        ],
    ),
    (
        5,
        &[
            "Support Tools > identity",
            "Security > identity, cloud",
            "Delivery Ops > data",
        ],
    ),
    (
        1,
        &[
            "Checkout > payments, identity",
            "Search > catalog, data",
            "Product Pages > catalog",
            "Mobile App > identity, payments",
        ],
    ),
    (
        2,
        &[
            "Marketplace > payments, catalog",
            "Seller Onboarding > identity",
        ],
    ),
    (
        3,
        &[
            "Personalisation > data, search",
            "Loyalty > identity; payments",
            "Order Tracking > delivery ops",
        ],
    ),
    (
        4,
        &[
            "Gear Rental > payments | catalog",
            "Trip Planner > search",
            "Voice Shopping > search, identity",
        ],
    ),
];

const RETAIL: &str = "checkout 15, search 10, pages 10, mobile 15, personalisation 10, loyalty 10, order tracking 10, support 5, delivery 5, seller 5";
const TECHNOLOGY: &str = "identity 20, payments 20, cloud 15, data 15, catalog 10, security 10 %, marketplace 5, gear 3, trip 1, voice 1";

fn capture(dir: &tempfile::TempDir) -> Typist {
    let path = dir.path().join("workshop.ron");
    let harness = open_app_with(
        Document::new("Workshop"),
        Setup {
            path: Some(path),
            size: Vec2::new(1280.0, 720.0),
            ..Setup::default()
        },
    );
    let mut typist = Typist {
        harness,
        actions: 0,
    };
    for (index, (model_type, teams)) in TEAMS.iter().enumerate() {
        if index > 0 {
            // Nothing selected, so the number sets the type of the teams to come only.
            typist.key(Key::Escape);
        }
        typist.key(TYPE_KEYS[model_type - 1]);
        for team in *teams {
            typist.add(Key::T, team);
        }
    }
    typist.add(Key::B, "Retail P&L: 18M EUR");
    typist.key(Key::F);
    typist.text(RETAIL);
    typist.key(Key::Enter);
    typist.add(Key::B, "Technology: €9M");
    typist.key(Key::F);
    typist.text(TECHNOLOGY);
    typist.key(Key::Enter);
    typist.key_with(Modifiers::COMMAND, Key::S);
    typist
}

fn node_rects(doc: &Document) -> Vec<(Id, Rect)> {
    doc.teams
        .keys()
        .chain(doc.sources.keys())
        .filter_map(|id| Some((*id, doc.node_rect(*id)?)))
        .collect()
}

#[test]
fn a_workshop_map_is_captured_from_the_keyboard_in_at_most_100_actions() {
    let dir = tempfile::tempdir().expect("dir");
    let typist = capture(&dir);
    let doc = typist.doc();
    println!(
        "keyboard actions for the 20-team capture: {}",
        typist.actions
    );
    assert!(typist.actions <= 100, "{} actions", typist.actions);

    assert_eq!(
        doc.teams.len(),
        20,
        "{:?}",
        doc.teams.values().map(|t| &t.name).collect::<Vec<_>>()
    );
    for (model_type, teams) in TEAMS {
        for entry in teams {
            let name = entry.split('>').next().expect("name").trim();
            let team = doc
                .teams
                .values()
                .find(|t| t.name == name)
                .unwrap_or_else(|| panic!("{name} is missing"));
            assert_eq!(team.model_type, ModelTypeId(model_type as u64), "{name}");
        }
    }
    let id_of = |name: &str| {
        doc.teams
            .iter()
            .find(|(_, t)| t.name == name)
            .map(|(id, _)| *id)
            .or_else(|| {
                doc.sources
                    .iter()
                    .find(|(_, s)| s.name == name)
                    .map(|(id, _)| *id)
            })
            .unwrap_or_else(|| panic!("{name} is missing"))
    };
    let dependencies: BTreeSet<(Id, Id)> = doc
        .links
        .values()
        .filter(|l| l.kind == LinkKind::Dependency)
        .map(|l| (l.from, l.to))
        .collect();
    assert_eq!(dependencies.len(), 25);
    for (from, to) in [
        ("Data", "Cloud"),
        ("Security", "Cloud"),
        ("Checkout", "Payments Platform"),
        ("Loyalty", "Payments Platform"),
        ("Gear Rental", "Catalog"),
        ("Order Tracking", "Delivery Ops"),
    ] {
        assert!(
            dependencies.contains(&(id_of(from), id_of(to))),
            "{from} → {to}"
        );
    }
    let share = |from: &str, to: &str| {
        doc.links
            .values()
            .find(|l| l.from == id_of(from) && l.to == id_of(to))
            .and_then(|l| match l.kind {
                LinkKind::Funding { allocation_percent } => Some(allocation_percent),
                LinkKind::Dependency => None,
            })
    };
    let funding = doc.links.values().filter(|l| l.kind.is_funding()).count();
    assert_eq!(funding, 20);
    assert_eq!(share("Retail P&L", "Checkout"), Some(15.0));
    assert_eq!(share("Retail P&L", "Seller Onboarding"), Some(5.0));
    assert_eq!(share("Technology", "Security"), Some(10.0));
    assert_eq!(share("Technology", "Voice Shopping"), Some(1.0));
    let budget = |name: &str| {
        let budget = doc.sources[&id_of(name)].budget.clone().expect("budget");
        (budget.amount, budget.currency)
    };
    assert_eq!(budget("Retail P&L"), (18e6, "EUR".to_owned()));
    assert_eq!(budget("Technology"), (9e6, "EUR".to_owned()));

    // No two items overlap.
    let rects = node_rects(doc);
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            assert!(!ra.intersects(*rb), "{a} and {b} overlap");
        }
    }
    // Saved, and the file holds what the window shows.
    assert!(!typist.harness.state().map().is_dirty());
    let saved = teamscape::file::load(&dir.path().join("workshop.ron")).expect("saved");
    assert_eq!(&saved, doc);
}

#[test]
fn present_mode_fits_the_captured_map_in_large_type_and_describes_each_team() {
    let dir = tempfile::tempdir().expect("dir");
    let mut typist = capture(&dir);
    typist.key(Key::F5);
    let harness = &mut typist.harness;
    step_until(harness, "present mode", |app| app.is_presenting());
    harness.run_steps(3);
    // Every team is an accessible node with its name, and a description a screen reader speaks.
    for team in harness
        .state()
        .document()
        .teams
        .values()
        .map(|t| t.name.clone())
        .collect::<Vec<_>>()
    {
        let node = harness.get_by_label(&team);
        let spoken = node.accesskit_node().description().map(|d| d.to_string());
        assert!(
            spoken
                .as_deref()
                .is_some_and(|d| d.contains("people") && d.contains("funded")),
            "{team}: {spoken:?}"
        );
    }
    let description = harness
        .get_by_label("Checkout")
        .accesskit_node()
        .description()
        .map(|d| d.to_string())
        .expect("a description");
    assert!(
        description.starts_with(
            "Independent Team with Clear Impact · 0 people · funded 15 % by Retail P&L"
        ),
        "{description}"
    );
    assert!(
        description.contains("depends on Payments Platform, Identity")
            || description.contains("depends on Identity, Payments Platform"),
        "{description}"
    );

    assert!(
        harness.query_by_label("Inspector").is_none(),
        "the side panel is hidden"
    );
    let canvas = common::canvas_rect(harness);
    assert_eq!(
        canvas.size(),
        Vec2::new(1280.0, 720.0),
        "the map has the whole window"
    );
    let doc = harness.state().document().clone();
    let session = harness.state().session();
    let zoom = session.camera.zoom_factor;
    let view = session.view_in_canvas();
    let bounds = doc.nodes_bounds().expect("bounds");
    assert!(
        view.min.x <= bounds.min.x && view.max.x >= bounds.max.x,
        "{view:?} {bounds:?}"
    );
    assert!(
        view.min.y <= bounds.min.y && view.max.y >= bounds.max.y,
        "{view:?} {bounds:?}"
    );
    let scene = scene::build(
        &doc,
        SceneOptions {
            theme: Theme::Light,
            legend: false,
            title: false,
            text_scale: PRESENT_TEXT_SCALE,
        },
    );
    let smallest = scene
        .items
        .iter()
        .filter_map(|(_, p)| match p {
            Primitive::Text { size, .. } => Some(*size),
            _ => None,
        })
        .min_by(f32::total_cmp)
        .expect("text");
    assert!(
        smallest * zoom >= 14.0,
        "the smallest text is {:.1} px at zoom {zoom:.2}",
        smallest * zoom
    );
    // A click on a team shows its card; Escape leaves present mode.
    let checkout = doc
        .teams
        .iter()
        .find(|(_, t)| t.name == "Checkout")
        .map(|(id, _)| *id)
        .expect("checkout");
    harness.state_mut().session_mut().selection = BTreeSet::from([checkout]);
    harness.run_steps(2);
    harness.get_by_label_contains("funded 15 % by Retail P&L");
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(!harness.state().is_presenting());
    harness.get_by_label("Inspector");
}
