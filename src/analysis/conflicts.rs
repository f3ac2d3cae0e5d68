//! Unresolved merge conflicts as problems a person reads, with the item to select.

use serde::Serialize;

use super::diff::{item_name, show};
use super::json;
use crate::edit::Field;
use crate::model::{Conflict, DELETED, Document, Id, ItemRef, WHOLE_ITEM, cut_for_message};

/// One conflict a merge left in the map, in the map's conflict order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnresolvedConflict {
    /// Position in [`Document::conflicts`], for resolving it with `edit::resolve`.
    pub index: usize,
    /// "Merge conflict: funding link Retail P&L → Checkout, kind: ours funding 60 %, theirs funding 70 %".
    pub message: String,
    /// The team, funding source or link to select; empty for the map or a model type.
    #[serde(serialize_with = "json::ids")]
    pub items: Vec<Id>,
}

pub(super) fn collect(doc: &Document) -> Vec<UnresolvedConflict> {
    doc.conflicts
        .iter()
        .enumerate()
        .map(|(index, conflict)| UnresolvedConflict {
            index,
            message: message(doc, conflict),
            items: conflict
                .item
                .id()
                .filter(|_| conflict.item.exists_in(doc))
                .into_iter()
                .collect(),
        })
        .collect()
}

fn message(doc: &Document, conflict: &Conflict) -> String {
    let what = match conflict.item {
        ItemRef::Map => "the map".to_owned(),
        item if item.exists_in(doc) => {
            format!("{item} {:?}", cut_for_message(&item_name(doc, item), 60))
        }
        item => item.to_string(),
    };
    if conflict.field == WHOLE_ITEM {
        let (here, there) = if conflict.ours == DELETED {
            ("deleted", "changed")
        } else {
            ("changed", "deleted")
        };
        return format!("Merge conflict: {what} was {here} here and {there} on the other side");
    }
    let value = |text: &str| {
        Field::parse(conflict.item, &conflict.field, text)
            .map_or_else(|_| format!("{text:?}"), |field| show(doc, &field))
    };
    format!(
        "Merge conflict: {what}, {}: ours {}, theirs {}",
        conflict.field.replace('_', " "),
        value(&conflict.ours),
        value(&conflict.theirs)
    )
}
