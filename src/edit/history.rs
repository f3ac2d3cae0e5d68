//! Undo and redo: a stack of labelled steps, each holding the edit that reverses it.

use super::{Edit, EditError};
use crate::model::Document;

/// How many steps undo reaches back.
const MAX_STEPS: usize = 1_000;

#[derive(Clone, Debug)]
struct Step {
    label: String,
    /// The edit that takes the document to the other side of this step.
    edit: Edit,
    /// Identifies the document state after this step was done, for dirty tracking.
    state: u64,
    /// The state whose content, all but where boxes are, this state shares: its own, or (after
    /// a step that only moves boxes) the one before's.
    content: u64,
}

/// Undo/redo history. It never holds session state (camera, selection): only document edits.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Inverses collected while a group is open, in the order they were applied.
    group: Option<(String, Vec<Edit>)>,
    next_state: u64,
    /// The state at the bottom of the undo stack (changes when old steps are dropped).
    base_state: u64,
    /// Its content (see [`History::content_id`]).
    base_content: u64,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `edit` to `doc` and records it as one undo step named `label`
    /// (or as part of the open group). On error nothing changes.
    pub fn apply(
        &mut self,
        doc: &mut Document,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        let inverse = edit.apply(doc)?;
        self.redo.clear();
        if let Some((_, inverses)) = &mut self.group {
            inverses.push(inverse);
        } else {
            self.push_undo(label.into(), inverse);
        }
        Ok(())
    }

    /// Starts collecting edits into one step, for example all the moves of one drag.
    /// A group that is already open stays open and keeps its label.
    pub fn begin_group(&mut self, label: impl Into<String>) {
        if self.group.is_none() {
            self.group = Some((label.into(), Vec::new()));
        }
    }

    /// Closes the open group; it becomes one undo step if anything was applied in it.
    pub fn end_group(&mut self) {
        let Some((label, mut inverses)) = self.group.take() else {
            return;
        };
        if inverses.is_empty() {
            return;
        }
        inverses.reverse();
        self.push_undo(label, Edit::Batch(inverses));
    }

    fn push_undo(&mut self, label: String, edit: Edit) {
        self.next_state += 1;
        // The reverse of a move is a move.
        let content = if edit.only_moves() {
            self.content_id()
        } else {
            self.next_state
        };
        self.undo.push(Step {
            label,
            edit,
            state: self.next_state,
            content,
        });
        if self.undo.len() > MAX_STEPS {
            let dropped = self.undo.remove(0);
            self.base_state = dropped.state;
            self.base_content = dropped.content;
        }
    }

    /// Undoes the last step and returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, doc: &mut Document) -> Result<Option<String>, EditError> {
        self.end_group();
        Self::transfer(doc, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone step and returns its label.
    pub fn redo(&mut self, doc: &mut Document) -> Result<Option<String>, EditError> {
        self.end_group();
        Self::transfer(doc, &mut self.redo, &mut self.undo)
    }

    fn transfer(
        doc: &mut Document,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
    ) -> Result<Option<String>, EditError> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        match step.edit.clone().apply(doc) {
            Ok(reverse) => {
                // The state after undoing is whatever state the step below had.
                let label = step.label.clone();
                to.push(Step {
                    label: step.label,
                    edit: reverse,
                    state: step.state,
                    content: step.content,
                });
                Ok(Some(label))
            }
            Err(error) => {
                from.push(step);
                Err(error)
            }
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Names the current document state: equal values mean an equal document, so comparing
    /// against the value at the last save tells whether there are unsaved changes.
    pub fn state_id(&self) -> u64 {
        self.undo.last().map_or(self.base_state, |s| s.state)
    }

    /// Names what the document says, all but where its boxes are: equal values mean the same
    /// teams, sources, links, groups and types, with the same fields, however they were moved.
    /// What is worked out from the map's content alone (its analysis) is kept while this holds.
    pub fn content_id(&self) -> u64 {
        self.undo.last().map_or(self.base_content, |s| s.content)
    }

    /// Forgets every step, for example after opening another file.
    pub fn clear(&mut self) {
        *self = Self {
            next_state: self.next_state,
            base_state: self.state_id(),
            base_content: self.content_id(),
            ..Self::default()
        };
    }
}
