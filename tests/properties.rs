//! Property tests: random edit sequences undo exactly; random sessions of edits, undos, redos and
//! edits of deleted items never panic and keep the document valid; random documents survive save
//! and load.

use std::collections::{BTreeMap, BTreeSet};

mod common;

use common::strategies::{Ids, Seed, document_strategy, edit_from_seed, seed, seeds};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use teamscape::edit::History;
use teamscape::file;
use teamscape::model::limits::MAX_GROUP_DEPTH;
use teamscape::model::{Document, Id};

/// One step of a random editing session.
#[derive(Clone, Debug)]
enum Step {
    /// An edit built from what the document holds now.
    Edit(Seed),
    /// An edit built from ids seen at any earlier point, most of them deleted or undone since.
    Stale(Seed),
    Undo,
    Redo,
    /// Several edits recorded as one undo step, like the moves of one drag.
    Group(Vec<Seed>),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        4 => seed().prop_map(Step::Edit),
        2 => seed().prop_map(Step::Stale),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        1 => prop::collection::vec(seed(), 1..5).prop_map(Step::Group),
    ];
    prop::collection::vec(step, 0..150)
}

/// Every id a document holds, to build stale edits from later.
fn remember_ids(doc: &Document, seen: &mut BTreeSet<Id>) {
    seen.extend(
        doc.teams
            .keys()
            .chain(doc.sources.keys())
            .chain(doc.links.keys())
            .chain(doc.groups.keys()),
    );
}

/// The membership rules, checked here without the model's own validation: every group's chain
/// of parents ends at the top level within the depth limit, and no node is listed twice.
fn assert_membership_rules(doc: &Document) -> Result<(), TestCaseError> {
    let mut listed = BTreeSet::new();
    for (&id, group) in &doc.groups {
        let mut at = group.parent;
        let mut depth = 1;
        while let Some(parent) = at {
            prop_assert!(parent != id, "group {} contains itself", id);
            depth += 1;
            prop_assert!(depth <= MAX_GROUP_DEPTH, "group {} is nested too deep", id);
            at = doc.groups.get(&parent).and_then(|g| g.parent);
        }
        for member in &group.members {
            prop_assert!(listed.insert(*member), "{} is listed twice", member);
            prop_assert!(doc.teams.contains_key(member) || doc.sources.contains_key(member));
        }
    }
    Ok(())
}

/// Applies `seed` as an edit through `history`; a refused edit must leave `doc` as it was.
fn try_edit(
    doc: &mut Document,
    history: &mut History,
    ids: &Ids,
    seed: Seed,
) -> Result<bool, TestCaseError> {
    let edit = edit_from_seed(doc, ids, seed);
    let before = doc.clone();
    match history.apply(doc, edit.clone(), edit.describe()) {
        Ok(()) => Ok(true),
        Err(_) => {
            prop_assert_eq!(&*doc, &before, "a refused edit changed the document");
            Ok(false)
        }
    }
}

/// Runs `steps` on `start`, checking after every step that the document is valid, that undo and
/// redo land exactly on the states a plain list of snapshots predicts, and that equal history
/// state ids mean equal documents (what dirty tracking relies on).
fn run_session(start: &Document, steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut doc = start.clone();
    let mut history = History::new();
    let mut snapshots = vec![start.clone()];
    let mut at: usize = 0;
    let mut seen = BTreeSet::new();
    remember_ids(&doc, &mut seen);
    let mut by_state: BTreeMap<u64, Document> = BTreeMap::from([(history.state_id(), doc.clone())]);
    for step in steps {
        let changed = match step {
            Step::Edit(seed) => {
                let ids = Ids::current(&doc);
                try_edit(&mut doc, &mut history, &ids, seed)?
            }
            Step::Stale(seed) => try_edit(&mut doc, &mut history, &Ids::stale(&seen), seed)?,
            Step::Group(seeds) => {
                history.begin_group("drag");
                let mut any = false;
                for seed in seeds {
                    let ids = Ids::current(&doc);
                    any |= try_edit(&mut doc, &mut history, &ids, seed)?;
                }
                history.end_group();
                any
            }
            Step::Undo => {
                let undone = history.undo(&mut doc).expect("undo never fails");
                prop_assert_eq!(undone.is_some(), at > 0);
                at = at.saturating_sub(1);
                prop_assert_eq!(
                    &doc,
                    &snapshots[at],
                    "undo did not restore the earlier state"
                );
                false
            }
            Step::Redo => {
                let redone = history.redo(&mut doc).expect("redo never fails");
                prop_assert_eq!(redone.is_some(), at + 1 < snapshots.len());
                at = (at + 1).min(snapshots.len() - 1);
                prop_assert_eq!(&doc, &snapshots[at], "redo did not restore the later state");
                false
            }
        };
        if changed {
            snapshots.truncate(at + 1);
            snapshots.push(doc.clone());
            at += 1;
        } else {
            prop_assert_eq!(&doc, &snapshots[at]);
        }
        prop_assert_eq!(doc.validate(), Ok(()));
        assert_membership_rules(&doc)?;
        let recorded = by_state
            .entry(history.state_id())
            .or_insert_with(|| doc.clone());
        prop_assert_eq!(&*recorded, &doc, "one history state id, two documents");
        remember_ids(&doc, &mut seen);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn undoing_every_edit_restores_the_start_exactly(start in document_strategy(), seeds in seeds()) {
        let mut doc = start.clone();
        let mut history = History::new();
        let mut applied = 0;
        for seed in seeds {
            let edit = edit_from_seed(&doc, &Ids::current(&doc), seed);
            let before = doc.clone();
            match history.apply(&mut doc, edit.clone(), edit.describe()) {
                Ok(()) => applied += 1,
                Err(_) => prop_assert_eq!(&doc, &before, "a refused edit changed the document"),
            }
            prop_assert_eq!(doc.validate(), Ok(()));
            assert_membership_rules(&doc)?;
        }
        let end = doc.clone();
        for _ in 0..applied {
            prop_assert!(history.undo(&mut doc).expect("undo applies").is_some());
            prop_assert_eq!(doc.validate(), Ok(()));
        }
        prop_assert_eq!(&doc, &start);
        prop_assert!(!history.can_undo());
        for _ in 0..applied {
            history.redo(&mut doc).expect("redo applies");
        }
        prop_assert_eq!(&doc, &end);
    }

    #[test]
    fn undo_redo_and_stale_edits_in_any_order_keep_the_document_valid(
        start in document_strategy(),
        steps in steps(),
    ) {
        run_session(&start, steps)?;
    }

    #[test]
    fn random_edit_sessions_change_groups(start in document_strategy(), seeds in seeds()) {
        // Not a rule but a check on the strategy: the sessions above do exercise groups.
        let mut doc = start;
        let mut group_edits = 0;
        for seed in seeds {
            let edit = edit_from_seed(&doc, &Ids::current(&doc), seed);
            let is_group_edit = matches!(
                edit,
                teamscape::edit::Edit::InsertGroup { .. }
                    | teamscape::edit::Edit::RemoveGroup { .. }
                    | teamscape::edit::Edit::SetGroup { .. }
                    | teamscape::edit::Edit::SetNodeGroup { .. }
            );
            if edit.apply(&mut doc).is_ok() && is_group_edit {
                group_edits += 1;
            }
        }
        prop_assume!(group_edits > 0);
        assert_membership_rules(&doc)?;
    }

    #[test]
    fn save_then_load_gives_back_the_document_and_saving_is_byte_stable(doc in document_strategy()) {
        prop_assert_eq!(doc.validate(), Ok(()));
        let text = file::to_string(&doc);
        let loaded = file::parse(&text, "generated").expect("a saved document loads");
        prop_assert_eq!(&loaded, &doc);
        prop_assert_eq!(file::to_string(&loaded), text);
    }
}
