//! Copy and paste as RON text: a selection becomes a small map, and pasting it inserts fresh copies.

use std::collections::{BTreeMap, BTreeSet};

use crate::edit::Edit;
use crate::file::{self, LoadError};
use crate::model::limits::MAX_MODEL_TYPES;
use crate::model::{Document, Id, ModelType, ModelTypeId, Rect, name_key};

/// Where pasted text comes from, for error messages.
pub const PASTE_ORIGIN: &str = "pasted text";

/// The selected teams and funding sources, and the links among them (plus selected links whose
/// ends are both selected), as map text. The palette comes along so types survive the trip.
/// A selected group comes with everything in it (nested groups and all their members); teams
/// selected without their group come without it, so a copy never lists a member it lacks.
pub fn copy_text(doc: &Document, selection: &BTreeSet<Id>) -> Option<String> {
    let mut clip = Document::new("Copied from Teamscape");
    clip.palette.clone_from(&doc.palette);
    for id in doc.nodes_with_group_members(selection.iter().copied()) {
        if let Some(team) = doc.teams.get(&id) {
            clip.teams.insert(id, team.clone());
        } else if let Some(source) = doc.sources.get(&id) {
            clip.sources.insert(id, source.clone());
        }
    }
    if clip.teams.is_empty() && clip.sources.is_empty() {
        return None;
    }
    for (id, link) in &doc.links {
        if clip.node_kind(link.from).is_some() && clip.node_kind(link.to).is_some() {
            clip.links.insert(*id, link.clone());
        }
    }
    let mut groups: BTreeSet<Id> = BTreeSet::new();
    for &id in selection.iter().filter(|id| doc.groups.contains_key(id)) {
        groups.insert(id);
        groups.extend(doc.group_descendants(id));
    }
    for id in groups.iter().copied() {
        let mut group = doc.groups[&id].clone();
        group.parent = group.parent.filter(|p| groups.contains(p));
        group.members.retain(|m| clip.node_kind(*m).is_some());
        clip.groups.insert(id, group);
    }
    Some(file::to_string(&clip))
}

/// What pasting will do: the edit, and the ids of the new teams and sources (to select them).
#[derive(Debug)]
pub struct Paste {
    pub edit: Edit,
    pub new_nodes: Vec<Id>,
    /// Items of the clip taken as the document's own items of the same name (see [`copies`]).
    pub matched: usize,
}

/// Reads map text (from [`copy_text`], or any map file) and builds the edit that inserts copies
/// of its items with fresh ids, moved by the offset `place` returns for the pasted items' bounds.
/// Model types are matched by name; a type the document lacks is added to its palette.
pub fn paste(
    doc: &Document,
    text: &str,
    place: impl FnOnce(Rect) -> (f32, f32),
) -> Result<Paste, LoadError> {
    let clip = file::parse(text, PASTE_ORIGIN)?;
    Ok(copies(doc, clip, place, false))
}

/// The edit that inserts copies of every item of `clip` into `doc` with fresh ids, moved by the
/// offset `place` returns for their bounds (as [`paste`] does for map text). With `by_name`, a
/// team or funding source of `clip` whose name the document already has (case and accents aside)
/// is that item: it is not copied, and the clip's links attach to it (a link the document already
/// has is not made twice). That is how an import is added to a map.
pub fn copies(
    doc: &Document,
    mut clip: Document,
    place: impl FnOnce(Rect) -> (f32, f32),
    by_name: bool,
) -> Paste {
    let offset = clip.nodes_bounds().map_or((0.0, 0.0), place);
    let mut edits = Vec::new();
    let clip_groups = std::mem::take(&mut clip.groups);

    let mut next_type = doc.next_model_type_id();
    let mut added_types: Vec<ModelType> = Vec::new();
    let mut type_map: BTreeMap<ModelTypeId, ModelTypeId> = BTreeMap::new();
    let used: BTreeSet<ModelTypeId> = clip.teams.values().map(|t| t.model_type).collect();
    for model_type in clip.palette.iter().filter(|t| used.contains(&t.id)) {
        let existing = doc
            .palette
            .iter()
            .chain(&added_types)
            .find(|t| name_key(&t.name) == name_key(&model_type.name))
            .map(|t| t.id);
        // A palette at its limit takes no more types: their teams take its first one.
        let full = doc.palette.len() + added_types.len() >= MAX_MODEL_TYPES;
        let fallback = doc.palette.first().map(|t| t.id).filter(|_| full);
        let target = existing.or(fallback).unwrap_or_else(|| {
            let id = next_type;
            next_type = ModelTypeId(id.0 + 1);
            added_types.push(ModelType {
                id,
                ..model_type.clone()
            });
            id
        });
        type_map.insert(model_type.id, target);
    }
    for model_type in added_types {
        edits.push(Edit::InsertModelType {
            index: usize::MAX,
            model_type,
        });
    }

    let mut next = doc.next_id().0;
    let mut fresh = || {
        let id = Id(next);
        next += 1;
        id
    };
    let mut id_map: BTreeMap<Id, Id> = BTreeMap::new();
    let mut new_nodes = Vec::new();
    let mut matched = 0;
    let existing = |names: Vec<(Id, &str)>| -> BTreeMap<String, Id> {
        names
            .into_iter()
            .rev()
            .map(|(id, name)| (crate::text::fold(name), id))
            .collect()
    };
    let (teams_by_name, sources_by_name) = if by_name {
        (
            existing(
                doc.teams
                    .iter()
                    .map(|(id, t)| (*id, t.name.as_str()))
                    .collect(),
            ),
            existing(
                doc.sources
                    .iter()
                    .map(|(id, s)| (*id, s.name.as_str()))
                    .collect(),
            ),
        )
    } else {
        (BTreeMap::new(), BTreeMap::new())
    };
    for (old, team) in clip.teams {
        if let Some(&same) = teams_by_name.get(&crate::text::fold(&team.name)) {
            id_map.insert(old, same);
            matched += 1;
            continue;
        }
        let id = fresh();
        id_map.insert(old, id);
        new_nodes.push(id);
        let mut team = team;
        team.model_type = type_map
            .get(&team.model_type)
            .copied()
            .unwrap_or(team.model_type);
        team.position = team.position.offset(offset.0, offset.1);
        edits.push(Edit::InsertTeam { id, team });
    }
    for (old, source) in clip.sources {
        if let Some(&same) = sources_by_name.get(&crate::text::fold(&source.name)) {
            id_map.insert(old, same);
            matched += 1;
            continue;
        }
        let id = fresh();
        id_map.insert(old, id);
        new_nodes.push(id);
        let mut source = source;
        source.position = source.position.offset(offset.0, offset.1);
        edits.push(Edit::InsertSource { id, source });
    }
    let mut made: std::collections::HashSet<(Id, Id, bool)> = if by_name {
        doc.links
            .values()
            .map(|l| (l.from, l.to, l.kind.is_funding()))
            .collect()
    } else {
        std::collections::HashSet::new()
    };
    for link in clip.links.into_values() {
        let (Some(&from), Some(&to)) = (id_map.get(&link.from), id_map.get(&link.to)) else {
            continue;
        };
        // Matching by name can make a link the map already has, two of one link, or a link from
        // an item to itself (two imported teams whose names are one map team's): none is made.
        if by_name && (from == to || !made.insert((from, to, link.kind.is_funding()))) {
            continue;
        }
        edits.push(Edit::InsertLink {
            id: fresh(),
            link: crate::model::Link { from, to, ..link },
        });
    }
    edits.extend(group_copies(&clip_groups, &id_map, &mut fresh, &new_nodes));
    Paste {
        edit: Edit::Batch(edits),
        new_nodes,
        matched,
    }
}

/// Copies of the clip's groups with fresh ids, parents before the groups nested in them. Only
/// nodes copied afresh become members: a node matched to one the map already has stays in the
/// group it is in.
fn group_copies(
    groups: &BTreeMap<Id, crate::model::Group>,
    id_map: &BTreeMap<Id, Id>,
    fresh: &mut impl FnMut() -> Id,
    new_nodes: &[Id],
) -> Vec<Edit> {
    let mut group_ids: BTreeMap<Id, Id> = BTreeMap::new();
    let mut edits = Vec::new();
    // Parents first: a level at a time, from the top (the clip is valid, so this ends).
    let mut placed = true;
    while placed {
        placed = false;
        for (old, group) in groups {
            let parent_ready = group.parent.is_none_or(|p| group_ids.contains_key(&p));
            if group_ids.contains_key(old) || !parent_ready {
                continue;
            }
            let id = fresh();
            group_ids.insert(*old, id);
            let mut group = group.clone();
            group.parent = group.parent.and_then(|p| group_ids.get(&p).copied());
            group.members = group
                .members
                .iter()
                .filter_map(|m| id_map.get(m).copied())
                .filter(|m| new_nodes.contains(m))
                .collect();
            group.members.sort_unstable();
            edits.push(Edit::InsertGroup { id, group });
            placed = true;
        }
    }
    edits
}

/// The edit that deletes every selected item; links of deleted teams and sources go with them.
/// A selected group is ungrouped (its members stay, in its parent), not deleted with them.
pub fn delete_edit(doc: &Document, selection: &BTreeSet<Id>) -> Option<Edit> {
    // Links first: removing a node removes its links, and removing one twice would fail.
    let links = selection
        .iter()
        .filter(|id| doc.links.contains_key(id))
        .map(|&id| Edit::RemoveLink { id });
    let teams = selection
        .iter()
        .filter(|id| doc.teams.contains_key(id))
        .map(|&id| Edit::RemoveTeam { id });
    let sources = selection
        .iter()
        .filter(|id| doc.sources.contains_key(id))
        .map(|&id| Edit::RemoveSource { id });
    let groups = selection
        .iter()
        .filter(|id| doc.groups.contains_key(id))
        .map(|&id| Edit::RemoveGroup { id });
    let edits: Vec<Edit> = links.chain(teams).chain(sources).chain(groups).collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Color, FundingSource, Link, Point, Team};

    fn sample() -> Document {
        let mut doc = Document::new("Sample");
        doc.teams.insert(
            Id(1),
            Team::new("Checkout", ModelTypeId(1), Point::new(0.0, 0.0)),
        );
        doc.teams.insert(
            Id(2),
            Team::new("Payments", ModelTypeId(6), Point::new(300.0, 0.0)),
        );
        doc.teams.insert(
            Id(3),
            Team::new("Search", ModelTypeId(3), Point::new(0.0, 200.0)),
        );
        doc.sources
            .insert(Id(4), FundingSource::new("Fund", Point::new(0.0, -200.0)));
        doc.links.insert(Id(5), Link::dependency(Id(1), Id(2)));
        doc.links.insert(Id(6), Link::funding(Id(4), Id(1), 60.0));
        doc.links.insert(Id(7), Link::dependency(Id(3), Id(1)));
        doc
    }

    #[test]
    fn copy_then_paste_inserts_fresh_copies_with_the_links_among_them() {
        let mut doc = sample();
        let selection = BTreeSet::from([Id(1), Id(2)]);
        let text = copy_text(&doc, &selection).expect("something to copy");
        let paste = paste(&doc, &text, |_| (24.0, 24.0)).expect("pastes");
        assert_eq!(paste.new_nodes, vec![Id(8), Id(9)]);
        paste.edit.apply(&mut doc).expect("applies");
        assert_eq!(doc.teams.len(), 5);
        assert_eq!(doc.teams[&Id(8)].name, "Checkout");
        assert_eq!(doc.teams[&Id(8)].position, Point::new(24.0, 24.0));
        // Only the link between the two copied teams comes along.
        assert_eq!(doc.links.len(), 4);
        assert_eq!(doc.links[&Id(10)], Link::dependency(Id(8), Id(9)));
        assert_eq!(doc.validate(), Ok(()));
    }

    #[test]
    fn pasting_into_another_document_brings_missing_model_types_along() {
        let mut source_doc = sample();
        source_doc.palette.push(ModelType {
            id: ModelTypeId(7),
            name: "Enabling Team".into(),
            color: Color::rgb(1, 2, 3),
            description: String::new(),
        });
        source_doc.teams.get_mut(&Id(3)).expect("team").model_type = ModelTypeId(7);
        let text = copy_text(&source_doc, &BTreeSet::from([Id(3), Id(2)])).expect("copy");

        let mut target = Document::new("Other");
        target.palette.retain(|t| t.name != "Platform Team");
        let paste = paste(&target, &text, |_| (0.0, 0.0)).expect("pastes");
        paste.edit.apply(&mut target).expect("applies");
        let names: Vec<&str> = target
            .teams
            .values()
            .map(|t| {
                target
                    .model_type(t.model_type)
                    .expect("type exists")
                    .name
                    .as_str()
            })
            .collect();
        assert_eq!(names, vec!["Platform Team", "Enabling Team"]);
        assert_eq!(target.validate(), Ok(()));
    }

    #[test]
    fn pasting_text_that_is_not_a_map_is_refused_with_a_message() {
        let error = paste(&sample(), "hello", |_| (0.0, 0.0)).expect_err("refused");
        assert!(error.to_string().contains(PASTE_ORIGIN), "{error}");
    }

    #[test]
    fn delete_removes_selected_links_and_nodes_in_one_edit() {
        let mut doc = sample();
        let edit = delete_edit(&doc, &BTreeSet::from([Id(5), Id(1)])).expect("edit");
        let inverse = edit.apply(&mut doc).expect("applies");
        assert_eq!(doc.teams.len(), 2);
        assert_eq!(doc.links.len(), 0);
        inverse.apply(&mut doc).expect("undo");
        assert_eq!(doc, sample());
    }

    #[test]
    fn an_import_added_by_name_never_makes_a_self_link_a_duplicate_or_a_second_type_name() {
        let mut doc = Document::new("map");
        doc.teams.insert(
            Id(1),
            Team::new("Checkout", ModelTypeId(6), Point::new(0.0, 0.0)),
        );
        doc.teams.insert(
            Id(2),
            Team::new("Payments", ModelTypeId(6), Point::new(300.0, 0.0)),
        );
        doc.links.insert(Id(3), Link::dependency(Id(1), Id(2)));
        let mut clip = Document::new("import");
        clip.palette[5].name = "platform team".to_owned();
        clip.teams.insert(
            Id(1),
            Team::new("checkout", ModelTypeId(6), Point::new(0.0, 0.0)),
        );
        clip.teams.insert(
            Id(2),
            Team::new("CHECKOUT", ModelTypeId(6), Point::new(300.0, 0.0)),
        );
        clip.teams.insert(
            Id(3),
            Team::new("Payments", ModelTypeId(6), Point::new(600.0, 0.0)),
        );
        clip.teams.insert(
            Id(4),
            Team::new("Search", ModelTypeId(6), Point::new(900.0, 0.0)),
        );
        clip.links.insert(Id(5), Link::dependency(Id(1), Id(2)));
        clip.links.insert(Id(6), Link::dependency(Id(1), Id(3)));
        clip.links.insert(Id(7), Link::dependency(Id(2), Id(3)));
        clip.links.insert(Id(8), Link::dependency(Id(4), Id(3)));
        let paste = copies(&doc, clip, |_| (0.0, 500.0), true);
        assert_eq!(paste.matched, 3);
        let mut after = doc.clone();
        paste.edit.apply(&mut after).expect("applies");
        after.validate().expect("valid");
        assert_eq!(
            after.palette, doc.palette,
            "\"platform team\" is the map's Platform Team"
        );
        assert_eq!(after.teams.len(), 3, "only Search is new");
        assert_eq!(
            after.links.len(),
            2,
            "Search → Payments; the rest already exist or loop"
        );
    }
    /// The sample, with Checkout (1) and Payments (2) in a business unit (20) that holds a value
    /// stream (21) with Search (3).
    fn grouped() -> Document {
        use crate::model::{Group, GroupKind};
        let mut doc = sample();
        let mut bu = Group::new("Retail", GroupKind::BusinessUnit);
        bu.members = vec![Id(1), Id(2)];
        let mut stream = Group::new("Search", GroupKind::ValueStream);
        stream.parent = Some(Id(20));
        stream.members = vec![Id(3)];
        doc.groups.insert(Id(20), bu);
        doc.groups.insert(Id(21), stream);
        assert_eq!(doc.validate(), Ok(()));
        doc
    }

    #[test]
    fn copying_teams_without_their_group_copies_no_group() {
        let mut doc = grouped();
        let text = copy_text(&doc, &BTreeSet::from([Id(1)])).expect("copy");
        assert!(text.contains("groups: []"), "{text}");
        let paste = paste(&doc, &text, |_| (0.0, 300.0)).expect("pastes");
        paste.edit.apply(&mut doc).expect("applies");
        assert_eq!(doc.groups.len(), 2);
        assert_eq!(doc.group_of(paste.new_nodes[0]), None);
        assert_eq!(doc.validate(), Ok(()));
    }

    #[test]
    fn copying_a_group_copies_it_whole_and_pasting_gives_fresh_ids() {
        let mut doc = grouped();
        let text = copy_text(&doc, &BTreeSet::from([Id(20)])).expect("copy");
        let clip = file::parse(&text, "clip").expect("the copy is a valid map");
        assert_eq!(clip.teams.len(), 3, "the nested group's team comes too");
        assert_eq!(clip.groups.len(), 2);
        let before = doc.clone();
        let paste = paste(&doc, &text, |_| (0.0, 300.0)).expect("pastes");
        let inverse = paste.edit.apply(&mut doc).expect("applies");
        assert_eq!(doc.validate(), Ok(()));
        assert_eq!(doc.groups.len(), 4);
        let copies: Vec<Id> = paste.new_nodes.clone();
        let bu = doc
            .group_of(copies[0])
            .expect("the copy of Checkout is grouped");
        assert!(bu != Id(20));
        assert_eq!(doc.groups[&bu].members, vec![copies[0], copies[1]]);
        let stream = doc
            .group_of(copies[2])
            .expect("the copy of Search is grouped");
        assert_eq!(doc.groups[&stream].parent, Some(bu));
        inverse.apply(&mut doc).expect("undo");
        assert_eq!(doc, before);
    }

    #[test]
    fn copying_a_nested_group_alone_puts_its_copy_at_the_top_level() {
        let doc = grouped();
        let text = copy_text(&doc, &BTreeSet::from([Id(21)])).expect("copy");
        let clip = file::parse(&text, "clip").expect("valid");
        assert_eq!(clip.groups.len(), 1);
        assert_eq!(clip.groups[&Id(21)].parent, None);
        assert_eq!(clip.groups[&Id(21)].members, vec![Id(3)]);
    }

    #[test]
    fn deleting_a_selected_group_ungroups_and_undo_regroups() {
        let mut doc = grouped();
        let edit = delete_edit(&doc, &BTreeSet::from([Id(20)])).expect("edit");
        let inverse = edit.apply(&mut doc).expect("applies");
        assert_eq!(doc.teams.len(), 3, "members stay");
        assert_eq!(doc.groups.len(), 1);
        assert_eq!(doc.groups[&Id(21)].parent, None);
        assert_eq!(doc.group_of(Id(1)), None);
        inverse.apply(&mut doc).expect("undo");
        assert_eq!(doc, grouped());
    }

    #[test]
    fn deleting_a_grouped_team_takes_it_out_of_its_group_and_undo_puts_it_back() {
        let mut doc = grouped();
        let edit = delete_edit(&doc, &BTreeSet::from([Id(3)])).expect("edit");
        let inverse = edit.apply(&mut doc).expect("applies");
        assert!(doc.groups[&Id(21)].members.is_empty());
        assert_eq!(doc.validate(), Ok(()));
        inverse.apply(&mut doc).expect("undo");
        assert_eq!(doc, grouped());
    }
}
