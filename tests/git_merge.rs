//! The merge driver and diff run by real git in a temporary repository, installed as the README says.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::{Setup, open_app_with, press};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use teamscape::edit::{Edit, LinkField, TeamField};
use teamscape::file;
use teamscape::model::{Document, Id, LinkKind};

const MAP: &str = "map.ron";

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    /// A repository holding the example map on `main`, with the driver installed.
    fn new() -> Self {
        let repo = Self {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        repo.git(&["config", "merge.teamscape.name", "Teamscape map merge"]);
        let driver = format!(
            "\"{}\" merge-driver %O %A %B %P",
            env!("CARGO_BIN_EXE_teamscape")
        );
        repo.git(&["config", "merge.teamscape.driver", &driver]);
        std::fs::write(repo.path(".gitattributes"), "*.ron merge=teamscape\n")
            .expect("write .gitattributes");
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/northwind.ron");
        std::fs::copy(example, repo.path(MAP)).expect("copy the example");
        repo.git(&["add", "."]);
        repo.git(&["commit", "--quiet", "-m", "Q1 map"]);
        repo
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("git runs")
    }

    fn git(&self, args: &[&str]) {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn load(&self) -> Document {
        file::load(&self.path(MAP)).expect("the map loads")
    }

    /// Commits `edit` to the map on a new branch started from `main`.
    fn branch_with(&self, branch: &str, edit: Edit) {
        self.git(&["checkout", "--quiet", "-b", branch, "main"]);
        let mut doc = self.load();
        edit.apply(&mut doc).expect("the edit applies");
        file::save(&doc, &self.path(MAP)).expect("save");
        self.git(&["commit", "--quiet", "-am", branch]);
    }

    fn merge(&self, ours: &str, theirs: &str) -> Output {
        self.git(&["checkout", "--quiet", ours]);
        self.run(&["merge", "--no-edit", theirs])
    }
}

fn teamscape(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teamscape"))
        .args(args)
        .output()
        .expect("teamscape runs")
}

fn headcount(id: u64, headcount: u32) -> Edit {
    Edit::SetTeam {
        id: Id(id),
        field: TeamField::Headcount(headcount),
    }
}

fn allocation(link: u64, percent: f64) -> Edit {
    Edit::SetLink {
        id: Id(link),
        field: LinkField::Kind(LinkKind::Funding {
            allocation_percent: percent,
        }),
    }
}

fn percent_of(doc: &Document, link: u64) -> Option<f64> {
    match doc.links.get(&Id(link))?.kind {
        LinkKind::Funding { allocation_percent } => Some(allocation_percent),
        LinkKind::Dependency => None,
    }
}

#[test]
fn branches_changing_different_teams_merge_cleanly_with_both_changes() {
    let repo = Repo::new();
    repo.branch_with("ours", headcount(10, 11));
    repo.branch_with("theirs", headcount(11, 9));
    let output = repo.merge("ours", "theirs");
    assert!(output.status.success(), "{output:?}");
    let doc = repo.load();
    assert_eq!(doc.teams[&Id(10)].headcount, 11);
    assert_eq!(doc.teams[&Id(11)].headcount, 9);
    assert!(doc.conflicts.is_empty());
}

#[test]
fn a_clean_merge_that_over_allocates_a_source_is_reported_by_check() {
    let repo = Repo::new();
    // Retail P&L allocates 94 %: each branch gives one team 8 points more.
    repo.branch_with("ours", allocation(40, 20.0));
    repo.branch_with("theirs", allocation(41, 18.0));
    assert!(repo.merge("ours", "theirs").status.success());
    let check = teamscape(&["check", repo.path(MAP).to_str().expect("utf-8")]);
    assert_eq!(check.status.code(), Some(1));
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        text.contains("Retail P&L allocates 110 % of its budget"),
        "{text}"
    );
}

#[test]
fn the_same_allocation_changed_on_both_branches_stops_and_resolves_to_a_clean_map() {
    let repo = Repo::new();
    // Both values keep Retail P&L within its budget, so the resolved map checks clean.
    repo.branch_with("ours", allocation(42, 14.0));
    repo.branch_with("theirs", allocation(42, 16.0));
    let output = repo.merge("ours", "theirs");
    assert!(
        !output.status.success(),
        "git merged a conflict: {output:?}"
    );

    let path = repo.path(MAP);
    let doc = repo.load();
    assert_eq!(percent_of(&doc, 42), Some(14.0), "ours is kept");
    assert_eq!(doc.conflicts.len(), 1, "{:?}", doc.conflicts);
    let check = teamscape(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(check.status.code(), Some(1));
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(text.contains("Unresolved merge conflicts (1)"), "{text}");
    assert!(
        text.contains("ours funding 14 %, theirs funding 16 %"),
        "{text}"
    );

    // Resolved in the app, as a person would: Insights, Keep theirs, Ctrl+S.
    let mut harness = open_app_with(
        doc,
        Setup {
            path: Some(path.clone()),
            ..Setup::default()
        },
    );
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.get_by_label("1 merge conflict");
    harness.get_by_label("Keep theirs").click();
    harness.run_steps(3);
    assert_eq!(percent_of(harness.state().document(), 42), Some(16.0));
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().map().is_dirty(), "saved");
    drop(harness);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(!text.contains("conflicts"), "{text}");
    let check = teamscape(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    repo.git(&["add", MAP]);
    repo.git(&["commit", "--quiet", "--no-edit"]);
}

#[test]
fn git_diff_through_the_textconv_names_what_changed() {
    let repo = Repo::new();
    repo.git(&[
        "config",
        "diff.teamscape.textconv",
        &format!("\"{}\" textconv", env!("CARGO_BIN_EXE_teamscape")),
    ]);
    std::fs::write(
        repo.path(".gitattributes"),
        "*.ron merge=teamscape diff=teamscape\n",
    )
    .expect("write .gitattributes");
    repo.branch_with("ours", headcount(12, 9));
    let output = repo.run(&["diff", "main", "ours", "--", MAP]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("-team 12: name \"Checkout\"; model type Independent Team with Clear Impact; headcount 7"), "{text}");
    assert!(text.contains("+team 12: name \"Checkout\"; model type Independent Team with Clear Impact; headcount 9"), "{text}");
}
