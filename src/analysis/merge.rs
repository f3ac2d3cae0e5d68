//! Three-way merge of maps, per item and per field, keeping real conflicts in the map itself.
//!
//! Rules: changes to different items or different fields merge; the same change on both sides is
//! one change; when both sides moved or resized the same item differently, theirs (the later side)
//! wins without a conflict. A real conflict (a field both sides changed differently, or an item one
//! side deleted and the other changed) keeps our value and is recorded in
//! [`Document::conflicts`], so the merged map still loads. Items both sides added under the same id
//! are both kept: theirs gets a new id.

use std::collections::{BTreeMap, BTreeSet};

use crate::edit::field::{
    Field, copy_unchecked, fields_of, item_to_text, remove_unchecked, set_unchecked,
};
use crate::model::{
    Conflict, DELETED, Document, Id, ItemRef, ModelTypeId, ProblemList, WHOLE_ITEM,
};

/// Merges `ours` and `theirs`, both changed from `base`. The result is valid (or the error says
/// what a bug left invalid); its `conflicts` lists what needs a person.
pub fn merge(base: &Document, ours: &Document, theirs: &Document) -> Result<Document, ProblemList> {
    let theirs = renumber_clashing_additions(base, ours, theirs);
    let mut merged = ours.clone();
    let mut conflicts = Vec::new();
    for item in all_items([base, ours, &theirs]) {
        merge_item(base, ours, &theirs, item, &mut merged, &mut conflicts);
    }
    keep_used_model_types(base, &theirs, &mut merged, &mut conflicts);
    order_legend(base, ours, &theirs, &mut merged);
    drop_broken_links(ours, &theirs, &mut merged, &mut conflicts);
    conflicts.sort_by(|a, b| (a.item, &a.field).cmp(&(b.item, &b.field)));
    conflicts.dedup();
    // Conflicts ours already had stay while they still make sense.
    let mut kept: Vec<Conflict> = merged
        .conflicts
        .iter()
        .filter(|c| c.check(&merged).is_ok())
        .cloned()
        .collect();
    kept.extend(conflicts);
    merged.conflicts = kept;
    merged.validate()?;
    Ok(merged)
}

fn all_items(docs: [&Document; 3]) -> BTreeSet<ItemRef> {
    let mut items = BTreeSet::from([ItemRef::Map]);
    for doc in docs {
        items.extend(doc.palette.iter().map(|t| ItemRef::ModelType(t.id)));
        items.extend(doc.sources.keys().map(|&id| ItemRef::Source(id)));
        items.extend(doc.teams.keys().map(|&id| ItemRef::Team(id)));
        items.extend(doc.links.keys().map(|&id| ItemRef::Link(id)));
    }
    items
}

fn merge_item(
    base: &Document,
    ours: &Document,
    theirs: &Document,
    item: ItemRef,
    merged: &mut Document,
    conflicts: &mut Vec<Conflict>,
) {
    let (b, o, t) = (
        fields_of(base, item),
        fields_of(ours, item),
        fields_of(theirs, item),
    );
    if o == t || t == b {
        return;
    }
    if o == b {
        match t {
            Some(_) if o.is_none() => copy_unchecked(merged, theirs, item),
            Some(t) => {
                for field in t {
                    set_unchecked(merged, item, field);
                }
            }
            None if links_changed_by(base, ours, item) => conflicts.push(whole(ours, theirs, item)),
            None => remove_unchecked(merged, item),
        }
        return;
    }
    let (Some(o), Some(t)) = (o, t) else {
        conflicts.push(whole(ours, theirs, item));
        return;
    };
    let b = b.unwrap_or_default();
    for (i, (of, tf)) in o.iter().zip(t).enumerate() {
        let bf = b.get(i);
        if *of == tf || bf == Some(&tf) {
            continue;
        }
        if bf == Some(of) || tf.is_layout() {
            set_unchecked(merged, item, tf);
        } else {
            conflicts.push(field_conflict(item, of, &tf));
        }
    }
}

/// A field both sides changed differently; the map keeps `ours`.
fn field_conflict(item: ItemRef, ours: &Field, theirs: &Field) -> Conflict {
    Conflict {
        item,
        field: theirs.name().to_owned(),
        ours: ours.to_text(),
        theirs: theirs.to_text(),
    }
}

/// A conflict about a whole item: one side deleted it, the other changed it.
fn whole(ours: &Document, theirs: &Document, item: ItemRef) -> Conflict {
    let text = |doc: &Document| item_to_text(doc, item).unwrap_or_else(|| DELETED.to_owned());
    Conflict {
        item,
        field: WHOLE_ITEM.to_owned(),
        ours: text(ours),
        theirs: text(theirs),
    }
}

/// Whether `ours` added or changed a link touching node `item`: deleting the node would lose it.
fn links_changed_by(base: &Document, ours: &Document, item: ItemRef) -> bool {
    let (ItemRef::Team(node) | ItemRef::Source(node)) = item else {
        return false;
    };
    ours.links_touching(node)
        .any(|(id, link)| base.links.get(&id) != Some(link))
}

/// Teams need their model type: one side's team may use a type the other side deleted. The type
/// stays (a type in use cannot be deleted), and a conflict about deleting it is moot.
fn keep_used_model_types(
    base: &Document,
    theirs: &Document,
    merged: &mut Document,
    conflicts: &mut Vec<Conflict>,
) {
    let used: BTreeSet<ModelTypeId> = merged.teams.values().map(|t| t.model_type).collect();
    for id in used {
        if merged.model_type(id).is_some() {
            continue;
        }
        let from = if theirs.model_type(id).is_some() {
            theirs
        } else {
            base
        };
        copy_unchecked(merged, from, ItemRef::ModelType(id));
        conflicts.retain(|c| c.item != ItemRef::ModelType(id));
    }
}

/// The legend follows the side that added or reordered model types (ours when both did); types
/// the other side added follow in that side's order.
fn order_legend(base: &Document, ours: &Document, theirs: &Document, merged: &mut Document) {
    let ids = |doc: &Document| doc.palette.iter().map(|t| t.id).collect::<Vec<_>>();
    let base_order: Vec<ModelTypeId> = ids(base)
        .into_iter()
        .filter(|&id| ours.model_type(id).is_some())
        .collect();
    let (first, second) = if ids(ours) == base_order {
        (ids(theirs), ids(ours))
    } else {
        (ids(ours), ids(theirs))
    };
    let rank = |id: ModelTypeId| {
        first
            .iter()
            .position(|&x| x == id)
            .map(|i| (0, i))
            .or_else(|| second.iter().position(|&x| x == id).map(|i| (1, i)))
            .unwrap_or((2, 0))
    };
    merged.palette.sort_by_key(|t| rank(t.id));
}

/// A link whose end the other side deleted, or whose fields merged into a link that is not valid,
/// keeps our version (or goes, when we have none) and becomes a conflict.
fn drop_broken_links(
    ours: &Document,
    theirs: &Document,
    merged: &mut Document,
    conflicts: &mut Vec<Conflict>,
) {
    let broken: Vec<Id> = merged
        .links
        .iter()
        .filter(|(_, link)| link.check(merged).is_err())
        .map(|(id, _)| *id)
        .collect();
    for id in broken {
        let item = ItemRef::Link(id);
        conflicts.retain(|c| c.item != item);
        match ours.links.get(&id) {
            Some(link) if link.check(merged).is_ok() => {
                merged.links.insert(id, link.clone());
                let (Some(o), Some(t)) = (fields_of(ours, item), fields_of(theirs, item)) else {
                    conflicts.push(whole(ours, theirs, item));
                    continue;
                };
                for (of, tf) in o.iter().zip(t) {
                    if *of != tf {
                        conflicts.push(field_conflict(item, of, &tf));
                    }
                }
            }
            _ => {
                merged.links.remove(&id);
                if theirs.links.contains_key(&id) {
                    conflicts.push(Conflict {
                        item,
                        field: WHOLE_ITEM.to_owned(),
                        ours: DELETED.to_owned(),
                        theirs: item_to_text(theirs, item).unwrap_or_else(|| DELETED.to_owned()),
                    });
                }
            }
        }
    }
    // A conflict about a link the merge dropped can no longer be resolved field by field.
    conflicts.retain(|c| c.field == WHOLE_ITEM || c.item.exists_in(merged));
}

/// Both sides may add different items under the same new id (each took the next free one). Theirs
/// are given fresh ids, and their links follow, so both additions survive.
fn renumber_clashing_additions(base: &Document, ours: &Document, theirs: &Document) -> Document {
    let mut theirs = theirs.clone();
    let added = |doc: &Document, item: ItemRef| item.exists_in(doc) && !item.exists_in(base);

    let next_type = [base, ours, &theirs]
        .iter()
        .map(|d| d.next_model_type_id().0)
        .max()
        .unwrap_or(1);
    let clashing_types: Vec<ModelTypeId> = theirs
        .palette
        .iter()
        .map(|t| t.id)
        .filter(|&id| {
            let item = ItemRef::ModelType(id);
            added(&theirs, item)
                && added(ours, item)
                && fields_of(ours, item) != fields_of(&theirs, item)
        })
        .collect();
    for (id, new_number) in clashing_types.into_iter().zip(next_type..) {
        let new_id = ModelTypeId(new_number);
        for t in theirs.palette.iter_mut().filter(|t| t.id == id) {
            t.id = new_id;
        }
        for team in theirs.teams.values_mut().filter(|t| t.model_type == id) {
            team.model_type = new_id;
        }
    }

    let mut next = [base, ours, &theirs]
        .iter()
        .map(|d| d.next_id().0)
        .max()
        .unwrap_or(1);
    let node_ids: Vec<ItemRef> = theirs
        .teams
        .keys()
        .map(|&id| ItemRef::Team(id))
        .chain(theirs.sources.keys().map(|&id| ItemRef::Source(id)))
        .collect();
    let mut nodes = BTreeMap::new();
    for item in node_ids {
        let Some(id) = item.id() else { continue };
        let ours_has = ours.contains(id) && !base.contains(id);
        if added(&theirs, item) && ours_has && fields_of(ours, item) != fields_of(&theirs, item) {
            nodes.insert(id, Id(next));
            next += 1;
        }
    }
    for (&old, &new) in &nodes {
        if let Some(team) = theirs.teams.remove(&old) {
            theirs.teams.insert(new, team);
        } else if let Some(source) = theirs.sources.remove(&old) {
            theirs.sources.insert(new, source);
        }
    }
    for link in theirs.links.values_mut() {
        link.from = nodes.get(&link.from).copied().unwrap_or(link.from);
        link.to = nodes.get(&link.to).copied().unwrap_or(link.to);
    }
    let clashing_links: Vec<Id> = theirs
        .links
        .keys()
        .copied()
        .filter(|&id| {
            let item = ItemRef::Link(id);
            !base.contains(id)
                && ours.contains(id)
                && fields_of(ours, item) != fields_of(&theirs, item)
        })
        .collect();
    for id in clashing_links {
        if let Some(link) = theirs.links.remove(&id) {
            theirs.links.insert(Id(next), link);
            next += 1;
        }
    }
    theirs
}
