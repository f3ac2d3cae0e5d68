//! Resolving a merge conflict, "keep ours" or "keep theirs", as one edit whose inverse restores it.

use super::field::{Field, insert_from_text, remove};
use super::{Edit, EditError, EditResult};
use crate::model::{Conflict, DELETED, Document, Problem, WHOLE_ITEM};

/// Which side of a merge conflict to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    Ours,
    Theirs,
}

impl Keep {
    /// A label for the undo menu and the buttons.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ours => "Keep ours",
            Self::Theirs => "Keep theirs",
        }
    }
}

/// The edit that applies `theirs` of a conflict to the document.
fn theirs_edit(conflict: &Conflict) -> Result<Edit, String> {
    if conflict.field != WHOLE_ITEM {
        let field = Field::parse(conflict.item, &conflict.field, &conflict.theirs)?;
        let Some(edit) = field.into_edit(conflict.item) else {
            return Err(format!(
                "{} has no field {:?}",
                conflict.item, conflict.field
            ));
        };
        return Ok(edit);
    }
    if conflict.theirs == DELETED {
        if conflict.ours == DELETED {
            return Err("says both sides deleted the item".to_owned());
        }
        return remove(conflict.item).ok_or_else(|| format!("{} cannot be deleted", conflict.item));
    }
    if conflict.ours != DELETED {
        return Err("says neither side deleted the item".to_owned());
    }
    insert_from_text(conflict.item, &conflict.theirs)
}

/// Everything about a conflict that a loaded map must hold: the model's checks, and that
/// "keep theirs" could be read from it.
pub fn check_conflict(doc: &Document, conflict: &Conflict) -> Result<(), String> {
    conflict.check(doc)?;
    theirs_edit(conflict).map(|_| ())
}

/// The edit that resolves conflict `index` of `doc` by keeping one side: one undo step whose
/// inverse puts the conflict (and our value) back. Other conflicts that keeping theirs makes
/// meaningless (about links of an item it deletes) are resolved with it.
pub fn resolve(doc: &Document, index: usize, keep: Keep) -> Result<Edit, EditError> {
    let Some(conflict) = doc.conflicts.get(index) else {
        return Err(EditError::Invalid(Problem::new(
            "the map",
            format!("has no merge conflict number {}", index + 1),
        )));
    };
    let change = match keep {
        Keep::Ours => None,
        Keep::Theirs => Some(
            theirs_edit(conflict).map_err(|detail| EditError::Invalid(conflict.problem(detail)))?,
        ),
    };
    let mut gone = vec![index];
    if let Some(change) = &change {
        let mut after = doc.clone();
        change.clone().apply(&mut after)?;
        gone.extend(
            doc.conflicts
                .iter()
                .enumerate()
                .filter(|&(other, c)| other != index && c.check(&after).is_err())
                .map(|(other, _)| other),
        );
    }
    gone.sort_unstable_by(|a, b| b.cmp(a));
    let mut edits: Vec<Edit> = gone
        .into_iter()
        .map(|index| Edit::RemoveConflict { index })
        .collect();
    edits.extend(change);
    Ok(Edit::Batch(edits))
}

pub(super) fn insert_conflict(doc: &mut Document, index: usize, conflict: Conflict) -> EditResult {
    check_conflict(doc, &conflict)
        .map_err(|detail| EditError::Invalid(conflict.problem(detail)))?;
    let index = index.min(doc.conflicts.len());
    doc.conflicts.insert(index, conflict);
    Ok(Edit::RemoveConflict { index })
}

pub(super) fn remove_conflict(doc: &mut Document, index: usize) -> EditResult {
    if index >= doc.conflicts.len() {
        return Err(EditError::Invalid(Problem::new(
            "the map",
            format!("has no merge conflict number {}", index + 1),
        )));
    }
    let conflict = doc.conflicts.remove(index);
    Ok(Edit::InsertConflict { index, conflict })
}
