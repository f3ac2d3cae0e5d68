//! Three-way merge of maps, per item and per field, keeping real conflicts in the map itself.
//!
//! Rules: changes to different items or different fields merge; the same change on both sides is
//! one change; when both sides moved or resized the same item differently, theirs (the later side)
//! wins without a conflict. A real conflict (a field both sides changed differently, or an item one
//! side deleted and the other changed) keeps our value and is recorded in
//! [`Document::conflicts`], so the merged map still loads. Items both sides added under the same id
//! are both kept: theirs gets a new id. Model types both sides added under one name are one type;
//! any other pair of types that would end up with one name keeps ours, and theirs is a conflict.
//! Groups merge like other items, except that member lists merge as sets (see `groups.rs`).

mod groups;

use std::collections::{BTreeMap, BTreeSet};

use crate::edit::field::{
    Field, copy_unchecked, fields_of, item_to_text, remove_unchecked, set_unchecked,
};
use crate::edit::{GroupField, ModelTypeField};
use crate::model::limits::MAX_NAME_CHARS;
use crate::model::{
    Conflict, DELETED, Document, Id, ItemRef, ModelTypeId, ProblemList, WHOLE_ITEM, name_key,
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
    separate_same_names(ours, &mut merged, &mut conflicts);
    order_legend(base, ours, &theirs, &mut merged);
    drop_broken_links(ours, &theirs, &mut merged, &mut conflicts);
    groups::repair(base, ours, &theirs, &mut merged, &mut conflicts);
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
        items.extend(doc.groups.keys().map(|&id| ItemRef::Group(id)));
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
        if let (Field::Group(GroupField::Members(om)), Field::Group(GroupField::Members(tm))) =
            (of, &tf)
        {
            let bm = match bf {
                Some(Field::Group(GroupField::Members(bm))) => bm.as_slice(),
                _ => &[],
            };
            let members = groups::merge_members(bm, om, tm);
            set_unchecked(merged, item, Field::Group(GroupField::Members(members)));
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
        let item = ItemRef::ModelType(id);
        conflicts.retain(|c| !(c.item == item && c.field == WHOLE_ITEM));
        if merged.model_type(id).is_some() {
            continue;
        }
        let from = if theirs.model_type(id).is_some() {
            theirs
        } else {
            base
        };
        copy_unchecked(merged, from, item);
    }
}

/// Two model types may not share a name, yet each side may give one to a different type (both
/// rename, or one adds what the other renamed). Ours keeps the name; the other type keeps our name
/// for it, or a free one, and the name theirs wanted is a conflict.
fn separate_same_names(ours: &Document, merged: &mut Document, conflicts: &mut Vec<Conflict>) {
    let named_as_ours = |id: ModelTypeId, name: &str| {
        ours.model_type(id)
            .is_some_and(|t| name_key(&t.name) == name_key(name))
    };
    let mut taken: BTreeSet<String> = merged
        .palette
        .iter()
        .filter(|t| named_as_ours(t.id, &t.name))
        .map(|t| name_key(&t.name))
        .collect();
    for index in 0..merged.palette.len() {
        let (id, name) = (merged.palette[index].id, merged.palette[index].name.clone());
        if named_as_ours(id, &name) || taken.insert(name_key(&name)) {
            continue;
        }
        let ours_name = ours
            .model_type(id)
            .map(|t| t.name.clone())
            .filter(|n| !taken.contains(&name_key(n)));
        let free = ours_name.unwrap_or_else(|| {
            // Room for the number, so the free name stays within the limit.
            let stem: String = name.chars().take(MAX_NAME_CHARS - 24).collect();
            (2..)
                .map(|n| format!("{stem} ({n})"))
                .find(|n| !taken.contains(&name_key(n)))
                .expect("a free name")
        });
        taken.insert(name_key(&free));
        let item = ItemRef::ModelType(id);
        conflicts.retain(|c| !(c.item == item && c.field == "name"));
        conflicts.push(field_conflict(
            item,
            &Field::ModelType(ModelTypeField::Name(free.clone())),
            &Field::ModelType(ModelTypeField::Name(name)),
        ));
        merged.palette[index].name = free;
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
    // Types the first side lacks follow the second side's order; a type the first side deleted
    // but a team still needs goes back to its place in base.
    let base_ids = ids(base);
    let mut order = first;
    for id in second {
        if order.contains(&id) {
            continue;
        }
        let after = base_ids
            .iter()
            .take_while(|&&b| b != id)
            .filter_map(|b| order.iter().position(|o| o == b))
            .last();
        match after {
            Some(i) if base_ids.contains(&id) => order.insert(i + 1, id),
            _ if base_ids.contains(&id) => order.insert(0, id),
            _ => order.push(id),
        }
    }
    let rank = |id: ModelTypeId| order.iter().position(|&x| x == id).unwrap_or(order.len());
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
    let added_type = |doc: &Document, id: ModelTypeId| {
        doc.model_type(id).is_some() && base.model_type(id).is_none()
    };
    // A type both sides added under one name is one type: theirs takes our id.
    let ours_added_by_name: BTreeMap<String, ModelTypeId> = ours
        .palette
        .iter()
        .filter(|t| added_type(ours, t.id))
        .map(|t| (name_key(&t.name), t.id))
        .collect();
    let same_name: BTreeMap<ModelTypeId, ModelTypeId> = theirs
        .palette
        .iter()
        .filter(|t| added_type(&theirs, t.id))
        .filter_map(|t| Some((t.id, *ours_added_by_name.get(&name_key(&t.name))?)))
        .collect();
    let clashing_types = theirs.palette.iter().map(|t| t.id).filter(|&id| {
        !same_name.contains_key(&id)
            && added_type(&theirs, id)
            && added_type(ours, id)
            && fields_of(ours, ItemRef::ModelType(id)) != fields_of(&theirs, ItemRef::ModelType(id))
    });
    let mut new_type_ids = same_name.clone();
    new_type_ids.extend(
        clashing_types
            .zip(next_type..)
            .map(|(id, n)| (id, ModelTypeId(n))),
    );
    for t in &mut theirs.palette {
        t.id = new_type_ids.get(&t.id).copied().unwrap_or(t.id);
    }
    for team in theirs.teams.values_mut() {
        team.model_type = new_type_ids
            .get(&team.model_type)
            .copied()
            .unwrap_or(team.model_type);
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
    // Ours keeps the item it holds under `id` in the merge unless it is base's, unchanged (links
    // included), and theirs deleted it; then theirs may reuse the id (a side reuses the ids it deleted). An item
    // both sides added the same is one item.
    let original = theirs.clone();
    let taken = |id: Id, item: ItemRef, theirs: &Document| {
        let Some(held) = [
            ItemRef::Team(id),
            ItemRef::Source(id),
            ItemRef::Link(id),
            ItemRef::Group(id),
        ]
        .into_iter()
        .find(|held| held.exists_in(ours)) else {
            return false;
        };
        if held == item {
            return fields_of(ours, item) != fields_of(theirs, item);
        }
        held.exists_in(&original)
            || fields_of(base, held) != fields_of(ours, held)
            || links_changed_by(base, ours, held)
    };
    for item in node_ids {
        let Some(id) = item.id() else { continue };
        if added(&theirs, item) && taken(id, item, &theirs) {
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
            added(&theirs, item) && taken(id, item, &theirs)
        })
        .collect();
    for id in clashing_links {
        if let Some(link) = theirs.links.remove(&id) {
            theirs.links.insert(Id(next), link);
            next += 1;
        }
    }
    let mut group_ids = BTreeMap::new();
    for &id in theirs.groups.keys() {
        let item = ItemRef::Group(id);
        if added(&theirs, item) && taken(id, item, &theirs) {
            group_ids.insert(id, Id(next));
            next += 1;
        }
    }
    groups::renumber(&mut theirs, &nodes, &group_ids);
    theirs
}
