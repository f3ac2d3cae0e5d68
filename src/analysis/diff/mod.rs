//! What changed between two versions of a map: items matched by id, field by field, and the figures.
//!
//! Items are matched by id, so a renamed team is one change ("renamed"), not a removal and an
//! addition. Changes are listed in a stable order: the map, model types, funding sources, teams,
//! links, then groups, each by id. A group's membership changes are changes of the group. Layout (position and size) is kept apart from meaning, so a diff can
//! summarise moves in one line.

mod figures;
mod groups;
mod render;

use serde::Serialize;

use super::{Analysis, format_money, format_percent};
use crate::edit::field::{Field, fields_of, remove};
use crate::edit::{Edit, LinkField, ModelTypeField, SourceField, TeamField};
use crate::model::{Document, ItemRef, LinkKind, cut_for_message};

pub use figures::{AllocationChange, Figures, FunderChange, MixChange, TeamFundingChange};
pub use render::{DiffFormat, outline, render};

/// Whether an item was added, removed or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One field of a changed item, before and after, as people read them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's name as in the file: `headcount`, `kind`.
    pub field: &'static str,
    pub before: String,
    pub after: String,
    /// Position or size: layout, not meaning.
    pub layout: bool,
}

/// One item that differs, with a line a person reads in a change list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemChange {
    #[serde(serialize_with = "item_ref")]
    pub item: ItemRef,
    pub kind: ChangeKind,
    /// The item's name (its new name when renamed); for a link, "from → to".
    pub name: String,
    /// One line: `Team "Payments": headcount 8 → 10`.
    pub description: String,
    /// For a changed item, every field that differs, in the item's field order.
    pub fields: Vec<FieldChange>,
    /// Only position or size changed.
    pub layout_only: bool,
}

/// Everything that differs between two maps.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    /// In a stable order: the map, model types, funding sources, teams, links, groups; each by id.
    pub changes: Vec<ItemChange>,
    /// Funding, headcount, problems and model mix, before and after.
    pub figures: Figures,
    /// The edits that turn the old map into the new one.
    #[serde(skip)]
    edits: Vec<Edit>,
}

fn item_ref<S: serde::Serializer>(item: &ItemRef, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&item.to_string())
}

impl Diff {
    /// Compares `old` with `new`. Linear in their items, plus the two analyses.
    #[must_use]
    pub fn of(old: &Document, new: &Document) -> Self {
        let mut changes = Vec::new();
        let mut edits = Edits::default();
        for item in items(old, new) {
            if let Some(change) = compare(old, new, item, &mut edits) {
                changes.push(change);
            }
        }
        edits.insert_types = insert_model_types(old, new);
        edits.refresh_members(old, new);
        let figures = figures::compare(old, new, &Analysis::of(old), &Analysis::of(new));
        Self {
            changes,
            figures,
            edits: edits.in_order(),
        }
    }

    /// True when nothing differs, layout included.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes that are not only layout.
    pub fn meaningful(&self) -> impl Iterator<Item = &ItemChange> {
        self.changes.iter().filter(|c| !c.layout_only)
    }

    /// How many items only moved or were resized.
    pub fn layout_only_count(&self) -> usize {
        self.changes.iter().filter(|c| c.layout_only).count()
    }

    /// The edits that turn the old map into the new one, in an order that keeps every step valid.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The edits as one batch, so the new map is reached in one step (or not at all).
    pub fn into_edit(self) -> Edit {
        Edit::Batch(self.edits)
    }
}

/// The insertions of model types only `new` has, each right after the type before it in `new`'s
/// legend, so the legend ends in `new`'s order once the removed types are gone.
fn insert_model_types(old: &Document, new: &Document) -> Vec<Edit> {
    let mut legend: Vec<_> = old.palette.iter().map(|t| t.id).collect();
    let mut edits = Vec::new();
    for (k, model_type) in new.palette.iter().enumerate() {
        if old.model_type(model_type.id).is_some() {
            continue;
        }
        let index = k
            .checked_sub(1)
            .and_then(|before| legend.iter().position(|&id| id == new.palette[before].id))
            .map_or(0, |i| i + 1);
        legend.insert(index, model_type.id);
        edits.push(Edit::InsertModelType {
            index,
            model_type: model_type.clone(),
        });
    }
    edits
}

/// Every item either map holds, in the listing order.
fn items(old: &Document, new: &Document) -> Vec<ItemRef> {
    let mut items = vec![ItemRef::Map];
    items.extend(
        old.palette
            .iter()
            .chain(&new.palette)
            .map(|t| ItemRef::ModelType(t.id)),
    );
    items.extend(
        old.sources
            .keys()
            .chain(new.sources.keys())
            .map(|&id| ItemRef::Source(id)),
    );
    items.extend(
        old.teams
            .keys()
            .chain(new.teams.keys())
            .map(|&id| ItemRef::Team(id)),
    );
    items.extend(
        old.links
            .keys()
            .chain(new.links.keys())
            .map(|&id| ItemRef::Link(id)),
    );
    items.extend(
        old.groups
            .keys()
            .chain(new.groups.keys())
            .map(|&id| ItemRef::Group(id)),
    );
    items.sort_unstable();
    items.dedup();
    items
}

/// The edits of a diff, by the phase that keeps every intermediate document valid, and lets an id
/// move from one kind of item to another: links go first, nodes go before nodes come, model types
/// come before teams use them and go after no team does. Groups whose nesting or members change
/// are first emptied and taken out of their parents, and filled and nested again last (see
/// `groups.rs`), so no step nests in a cycle or lists a node twice.
#[derive(Default)]
struct Edits {
    detach_groups: Vec<Edit>,
    remove_links: Vec<Edit>,
    insert_types: Vec<Edit>,
    set_types: Vec<Edit>,
    remove_nodes: Vec<Edit>,
    insert_nodes: Vec<Edit>,
    set_nodes: Vec<Edit>,
    insert_links: Vec<Edit>,
    attach_groups: Vec<Edit>,
    remove_types: Vec<Edit>,
}

impl Edits {
    fn in_order(self) -> Vec<Edit> {
        [
            self.detach_groups,
            self.remove_links,
            self.insert_types,
            self.set_types,
            self.remove_nodes,
            self.insert_nodes,
            self.set_nodes,
            self.insert_links,
            self.attach_groups,
            self.remove_types,
        ]
        .concat()
    }

    fn insert(&mut self, new: &Document, item: ItemRef) {
        let edit = match item {
            ItemRef::Map => return,
            ItemRef::Team(id) => new.teams.get(&id).map(|team| Edit::InsertTeam {
                id,
                team: team.clone(),
            }),
            ItemRef::Source(id) => new.sources.get(&id).map(|source| Edit::InsertSource {
                id,
                source: source.clone(),
            }),
            ItemRef::Link(id) => new.links.get(&id).map(|link| Edit::InsertLink {
                id,
                link: link.clone(),
            }),
            // In legend order, all at once: see `insert_model_types`.
            ItemRef::ModelType(_) => None,
            ItemRef::Group(id) => return self.insert_group(new, id),
        };
        let Some(edit) = edit else { return };
        match item {
            ItemRef::Link(_) => self.insert_links.push(edit),
            _ => self.insert_nodes.push(edit),
        }
    }

    fn remove(&mut self, old: &Document, item: ItemRef) {
        if let ItemRef::Group(id) = item {
            self.empty_group(old, id);
        }
        let Some(edit) = remove(item) else { return };
        match item {
            ItemRef::ModelType(_) => self.remove_types.push(edit),
            ItemRef::Link(_) => self.remove_links.push(edit),
            _ => self.remove_nodes.push(edit),
        }
    }

    fn set(&mut self, old: &Document, new: &Document, item: ItemRef, changed: Vec<Field>) {
        if let ItemRef::Group(id) = item {
            return self.set_group(old, id, changed);
        }
        let edits = changed.into_iter().filter_map(|f| f.into_edit(item));
        match item {
            // A link's kind and ends are only valid together: replace it whole.
            ItemRef::Link(_) => {
                self.remove(old, item);
                self.insert(new, item);
            }
            ItemRef::Map | ItemRef::ModelType(_) => self.set_types.extend(edits),
            ItemRef::Team(_) | ItemRef::Source(_) | ItemRef::Group(_) => {
                self.set_nodes.extend(edits);
            }
        }
    }
}

fn compare(old: &Document, new: &Document, item: ItemRef, edits: &mut Edits) -> Option<ItemChange> {
    match (fields_of(old, item), fields_of(new, item)) {
        (None, None) => None,
        (None, Some(_)) => {
            edits.insert(new, item);
            Some(ItemChange {
                item,
                kind: ChangeKind::Added,
                name: item_name(new, item),
                description: format!("Added {}", headline(new, item)),
                fields: Vec::new(),
                layout_only: false,
            })
        }
        (Some(_), None) => {
            edits.remove(old, item);
            Some(ItemChange {
                item,
                kind: ChangeKind::Removed,
                name: item_name(old, item),
                description: format!("Removed {}", headline(old, item)),
                fields: Vec::new(),
                layout_only: false,
            })
        }
        (Some(before), Some(after)) => {
            let mut fields = Vec::new();
            let mut changed = Vec::new();
            for (b, a) in before.iter().zip(after) {
                if *b == a {
                    continue;
                }
                fields.push(FieldChange {
                    field: a.name(),
                    before: show(old, b),
                    after: show(new, &a),
                    layout: a.is_layout(),
                });
                changed.push(a);
            }
            if fields.is_empty() {
                return None;
            }
            edits.set(old, new, item, changed);
            let layout_only = fields.iter().all(|f| f.layout);
            Some(ItemChange {
                item,
                kind: ChangeKind::Changed,
                name: item_name(new, item),
                description: describe_change(old, new, item, &fields),
                fields,
                layout_only,
            })
        }
    }
}

/// What kind of item this is, for sentences: "team", "funding link".
fn noun(doc: &Document, item: ItemRef) -> &'static str {
    match item {
        ItemRef::Map => "map",
        ItemRef::ModelType(_) => "model type",
        ItemRef::Source(_) => "funding source",
        ItemRef::Team(_) => "team",
        ItemRef::Group(_) => "group",
        ItemRef::Link(id) => match doc.links.get(&id).map(|l| l.kind) {
            Some(LinkKind::Funding { .. }) => "funding link",
            _ => "dependency",
        },
    }
}

/// How a person finds the item: its name, or "from → to" for a link.
pub fn item_name(doc: &Document, item: ItemRef) -> String {
    let node = |id| doc.node_name(id).unwrap_or("?").to_owned();
    match item {
        ItemRef::Map => doc.title.clone(),
        ItemRef::ModelType(id) => doc
            .model_type(id)
            .map(|t| t.name.clone())
            .unwrap_or_default(),
        ItemRef::Source(id) | ItemRef::Team(id) => node(id),
        ItemRef::Group(id) => doc
            .groups
            .get(&id)
            .map(|g| g.name.clone())
            .unwrap_or_default(),
        ItemRef::Link(id) => doc
            .links
            .get(&id)
            .map(|l| format!("{} → {}", node(l.from), node(l.to)))
            .unwrap_or_default(),
    }
}

/// `team "Payments" (Platform Team, 8 people)`: the item with what matters most about it.
fn headline(doc: &Document, item: ItemRef) -> String {
    let name = cut_for_message(&item_name(doc, item), 60);
    let noun = noun(doc, item);
    let extra = match item {
        ItemRef::Team(id) => doc.teams.get(&id).map(|t| {
            let type_name = doc
                .model_type(t.model_type)
                .map_or("?", |m| m.name.as_str());
            format!(" ({type_name}, {})", people(t.headcount))
        }),
        ItemRef::Source(id) => doc
            .sources
            .get(&id)
            .and_then(|s| s.budget.as_ref())
            .map(|b| format!(" ({})", money(b))),
        ItemRef::Link(id) => match doc.links.get(&id).map(|l| l.kind) {
            Some(LinkKind::Funding { allocation_percent }) => {
                Some(format!(" ({})", format_percent(allocation_percent)))
            }
            _ => None,
        },
        ItemRef::Group(id) => doc.groups.get(&id).map(|g| {
            let members = doc.group_all_members(id).len();
            let noun = if members == 1 { "member" } else { "members" };
            format!(" ({}, {members} {noun})", g.kind)
        }),
        ItemRef::Map | ItemRef::ModelType(_) => None,
    };
    match item {
        ItemRef::Map => format!("map {name:?}"),
        ItemRef::Link(_) => format!("{noun} {name}{}", extra.unwrap_or_default()),
        _ => format!("{noun} {name:?}{}", extra.unwrap_or_default()),
    }
}

fn people(count: u32) -> String {
    if count == 1 {
        "1 person".to_owned()
    } else {
        format!("{count} people")
    }
}

fn money(budget: &crate::model::Budget) -> String {
    format_money(&super::Money {
        amount: budget.amount,
        currency: budget.currency.clone(),
    })
}

/// `Team "Payments": renamed from "Pay"; headcount 8 → 10`. Layout changes say "moved" or
/// "resized" only.
fn describe_change(
    old: &Document,
    doc: &Document,
    item: ItemRef,
    fields: &[FieldChange],
) -> String {
    let parts: Vec<String> = fields
        .iter()
        .map(|f| match f.field {
            "name" | "title" => format!("renamed from {}", f.before),
            "members" => groups::membership_change(old, doc, item),
            "collapsed" if f.after == "collapsed" => "collapsed".to_owned(),
            "collapsed" => "expanded".to_owned(),
            "position" => "moved".to_owned(),
            "size" => "resized".to_owned(),
            "kind" => match (
                f.before.strip_prefix("funding "),
                f.after.strip_prefix("funding "),
            ) {
                (Some(b), Some(a)) => format!("allocation {b} → {a}{}", points(b, a)),
                _ => format!("{} → {}", f.before, f.after),
            },
            field => format!("{} {} → {}", field.replace('_', " "), f.before, f.after),
        })
        .collect();
    let mut heading = headline_without_extra(doc, item);
    if let Some(first) = heading.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    format!("{heading}: {}", parts.join("; "))
}

fn headline_without_extra(doc: &Document, item: ItemRef) -> String {
    let name = cut_for_message(&item_name(doc, item), 60);
    match item {
        ItemRef::Map => "the map".to_owned(),
        ItemRef::Link(_) => format!("{} {name}", noun(doc, item)),
        _ => format!("{} {name:?}", noun(doc, item)),
    }
}

/// The change in percentage points between two percentages written by [`show`]: " (+10 pp)".
fn points(before: &str, after: &str) -> String {
    let number = |s: &str| s.trim_end_matches(" %").parse::<f64>().ok();
    match (number(before), number(after)) {
        (Some(b), Some(a)) => format!(" ({} pp)", signed(a - b)),
        _ => String::new(),
    }
}

/// `+10`, `-2.5`: a difference with its sign and at most two decimals.
pub fn signed(value: f64) -> String {
    let text = format_percent(value);
    let number = text.trim_end_matches(" %");
    if value > 0.0 {
        format!("+{number}")
    } else {
        number.to_owned()
    }
}

/// A field's value as people read it: names quoted, model types and link ends by name.
pub fn show(doc: &Document, field: &Field) -> String {
    let node = |id| {
        doc.node_name(id).map_or_else(
            || format!("item {id}"),
            |n| format!("{:?}", cut_for_message(n, 60)),
        )
    };
    match field {
        Field::Title(text)
        | Field::Team(TeamField::Name(text) | TeamField::Notes(text))
        | Field::Source(SourceField::Name(text))
        | Field::Link(LinkField::Label(text))
        | Field::ModelType(ModelTypeField::Name(text) | ModelTypeField::Description(text)) => {
            format!("{:?}", cut_for_message(text, 60))
        }
        Field::Team(TeamField::ModelType(id)) => doc
            .model_type(*id)
            .map_or_else(|| format!("model type {id}"), |t| t.name.clone()),
        Field::Team(TeamField::Horizon(h)) => h.map_or("not set".to_owned(), |h| h.to_string()),
        Field::Team(TeamField::Position(p)) | Field::Source(SourceField::Position(p)) => {
            format!("({}, {})", p.x, p.y)
        }
        Field::Team(TeamField::Size(s)) => format!("{} × {}", s.width, s.height),
        Field::Source(SourceField::Budget(b)) => b.as_ref().map_or("no budget".to_owned(), money),
        Field::Link(LinkField::Kind(LinkKind::Dependency)) => "dependency".to_owned(),
        Field::Link(LinkField::Kind(LinkKind::Funding { allocation_percent })) => {
            format!("funding {}", format_percent(*allocation_percent))
        }
        Field::Link(LinkField::From(id) | LinkField::To(id)) => node(*id),
        Field::Team(TeamField::Headcount(_)) | Field::ModelType(ModelTypeField::Color(_)) => {
            field.to_text()
        }
        Field::Group(field) => groups::show(doc, field),
    }
}

#[cfg(test)]
mod tests;
