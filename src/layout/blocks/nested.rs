//! A group with groups nested in it, laid out the way its frames are drawn: each nested group
//! (recursively) and the items the group lists itself become blocks of their own, packed
//! together, so a value stream's frame holds its teams and no other's inside its business unit.

use std::collections::BTreeMap;

use super::{Cancelled, Items, Laid, pack_laid};
use crate::model::{Document, Id};

/// Lays out `members` (every item in `group`, nested groups' included); `lay_block` lays out
/// the items of one block in layers.
pub(super) fn lay_out_group(
    doc: &Document,
    items: &Items,
    group: Id,
    members: Vec<usize>,
    lay_block: &mut dyn FnMut(Vec<usize>) -> Result<Laid, Cancelled>,
) -> Result<Laid, Cancelled> {
    // Which part of `group` each item is in: a nested group, or `None` for the group itself.
    let mut parts: BTreeMap<Option<Id>, Vec<usize>> = BTreeMap::new();
    for m in members {
        let part = items.inner[m].and_then(|inner| child_holding(doc, group, inner));
        parts.entry(part).or_default().push(m);
    }
    if parts.len() == 1 && parts.contains_key(&None) {
        return lay_block(parts.remove(&None).unwrap_or_default());
    }
    let mut laid = Vec::with_capacity(parts.len());
    for (part, members) in parts {
        laid.push(match part {
            Some(child) => lay_out_group(doc, items, child, members, lay_block)?,
            None => lay_block(members)?,
        });
    }
    Ok(pack_laid(items, laid))
}

/// The group nested directly in `group` that holds `inner` (itself or one of its ancestors);
/// `None` when `inner` is `group`.
fn child_holding(doc: &Document, group: Id, inner: Id) -> Option<Id> {
    if inner == group {
        return None;
    }
    let mut chain = vec![inner];
    chain.extend(doc.group_ancestors(inner));
    let at = chain.iter().position(|g| *g == group)?;
    at.checked_sub(1).map(|i| chain[i])
}
