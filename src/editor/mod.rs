//! The editor without a window: the open map, the session state, and the one place that applies
//! what the user asked for. The UI reads from here and sends [`Action`]s; nothing here names egui.

mod action;
pub mod camera;
pub mod capture;
pub mod compare;
pub mod describe;
mod groups;
mod open_map;
mod quick;
pub mod rules;
mod session;

use std::collections::BTreeSet;

pub use action::{Action, Notice};
pub use camera::Camera;
pub use capture::LinkDirection;
pub use compare::{Compared, Comparison, Mark};
pub use groups::NEW_GROUP_NAME;
pub use open_map::{MapIdentity, MapKey, OpenMap};
pub use session::{Drag, LinkKindChoice, NameEdit, NameTarget, SessionState, Tool, ViewToggles};

use crate::edit::{Edit, GroupField, SourceField, TeamField};
use crate::file::clipboard;
use crate::model::{Document, Id, ModelTypeId, NodeKind, Point, Rect};
use crate::scene::Hit;

/// The open map and the session around it.
pub struct Editor {
    map: OpenMap,
    pub session: SessionState,
}

impl Editor {
    pub fn new(map: OpenMap) -> Self {
        Self {
            map,
            session: SessionState::default(),
        }
    }

    pub fn map(&self) -> &OpenMap {
        &self.map
    }

    /// Saving, and marking a map saved, are the only changes made to the map outside `apply`.
    pub fn map_mut_for_saving(&mut self) -> &mut OpenMap {
        &mut self.map
    }

    pub fn doc(&self) -> &Document {
        self.map.doc()
    }

    /// The map to read and the session to update, together: what the canvas needs in a frame.
    pub fn map_and_session_mut(&mut self) -> (&OpenMap, &mut SessionState) {
        (&self.map, &mut self.session)
    }

    /// Puts another map in place of this one; the session forgets the old map's items.
    pub fn replace_map(&mut self, map: OpenMap) {
        self.map = map;
        self.session.start_over();
    }

    /// True when `action` would do something now: what the menus and keys use to enable it.
    pub fn can(&self, action: &Action) -> bool {
        let doc = self.map.doc();
        let has_nodes = self
            .session
            .selection
            .iter()
            .any(|id| doc.node_kind(*id).is_some());
        match action {
            Action::Undo => self.map.history().can_undo() && !self.session.is_interacting(),
            Action::Redo => self.map.history().can_redo() && !self.session.is_interacting(),
            Action::Duplicate | Action::Nudge { .. } | Action::GroupSelection => {
                self.selection_has_groupable()
            }
            Action::Ungroup => self.selection_has_group(),
            Action::AddToGroup(group) => {
                doc.groups.contains_key(group) && self.selection_has_groupable()
            }
            Action::RemoveFromGroup => self.session.selection.iter().any(|&id| {
                doc.group_of(id).is_some()
                    || doc.groups.get(&id).is_some_and(|g| g.parent.is_some())
            }),
            Action::MoveGroup { group, .. } | Action::SetGroupField { group, .. } => {
                doc.groups.contains_key(group)
            }
            Action::SetCollapsed { group, .. } => match group {
                Some(group) => doc.groups.contains_key(group),
                None => self.selection_has_group(),
            },
            Action::DeleteSelection => !self.session.selection.is_empty(),
            Action::RenameSelection => {
                self.session.selection.len() == 1 && (has_nodes || self.selection_has_group())
            }
            Action::Tidy => doc.nodes_bounds().is_some() && !self.session.is_interacting(),
            _ => true,
        }
    }

    /// Applies one action. Edits go through the history as one undo step each; ids for new
    /// items are allocated here.
    pub fn apply(&mut self, action: Action) -> Option<Notice> {
        if !self.can(&action) {
            return None;
        }
        let notice = match action {
            Action::Edit {
                edit,
                label,
                select,
            } => self.edit(edit, label, select),
            Action::Select(items) => {
                self.session.selection = items;
                None
            }
            Action::ToggleSelected(id) => {
                if !self.session.selection.remove(&id) {
                    self.session.selection.insert(id);
                }
                None
            }
            Action::SelectAll => {
                let doc = self.map.doc();
                self.session.selection = doc
                    .teams
                    .keys()
                    .chain(doc.sources.keys())
                    .chain(doc.links.keys())
                    .chain(doc.groups.keys())
                    .copied()
                    .collect();
                None
            }
            Action::ClearSelection => {
                if self.session.tool != Tool::Select {
                    self.session.tool = Tool::Select;
                } else if self.session.compare.is_some() {
                    self.session.compare = None;
                } else {
                    self.session.selection.clear();
                }
                None
            }
            Action::SetTool(tool) => {
                self.session.tool = tool;
                None
            }
            Action::Focus(items) => {
                if let Some(bounds) = rules::items_bounds(self.map.doc(), &items) {
                    let viewport = self.session.viewport;
                    self.session.camera.fit(viewport, bounds.expand(60.0));
                }
                self.session.selection = items;
                None
            }
            Action::FocusArea(area) => {
                let viewport = self.session.viewport;
                self.session.camera.fit(viewport, area.expand(60.0));
                self.session.selection.clear();
                None
            }
            Action::StartComparing(comparison) => {
                self.session.compare = Some(comparison);
                None
            }
            Action::StopComparing => {
                self.session.compare = None;
                None
            }
            Action::SetNewTeamType(model_type) => {
                self.session.new_team_type = Some(model_type);
                None
            }
            Action::StartNewNode { kind, center } => self.start_new_node(kind, center),
            Action::StartRename(id) => {
                self.start_rename(id);
                None
            }
            Action::RenameSelection => {
                if let Some(id) = self.session.selection.first().copied() {
                    self.start_rename(id);
                }
                None
            }
            Action::CommitName => self.commit_name(),
            Action::CancelName => {
                self.session.name_edit = None;
                None
            }
            Action::MoveNodes { ids, delta, into } => {
                let moved = self.map.doc().nodes_with_group_members(ids.iter().copied());
                let moves =
                    rules::moved_positions(self.map.doc(), &moved, delta, self.session.view.snap);
                match into {
                    Some(group) => self.move_into_group(&ids, &moves, group),
                    None => self.apply_move(&moves),
                }
            }
            Action::Nudge { steps: (dx, dy) } => {
                let step = if self.session.view.snap {
                    rules::GRID
                } else {
                    1.0
                };
                let doc = self.map.doc();
                let ids = doc.nodes_with_group_members(self.session.selection.iter().copied());
                // A nudge moves by exactly one step, even when the nodes are off the grid.
                let moves =
                    rules::moved_positions(self.map.doc(), &ids, (dx * step, dy * step), false);
                self.apply_move(&moves)
            }
            Action::DrawLink { from, to, kind } => {
                match rules::new_link(self.map.doc(), from, to, kind) {
                    Ok(link) => {
                        let id = self.map.doc().next_id();
                        let label = if link.kind.is_funding() {
                            "Add funding link"
                        } else {
                            "Add dependency"
                        };
                        self.edit(
                            Edit::InsertLink { id, link },
                            label.to_owned(),
                            Some(BTreeSet::from([id])),
                        )
                    }
                    Err(message) => Some(Notice::Info(message)),
                }
            }
            Action::LinkFromSelection(kind) => self.links_from_selection(kind),
            Action::SetTypeOfSelection(index) => self.set_type_of_selection(index),
            Action::CycleHorizon => self.cycle_horizon(),
            Action::SelectNext { backwards } => self.select_next(backwards),
            Action::DeleteSelection => {
                let selection = &self.session.selection;
                let edit = clipboard::delete_edit(self.map.doc(), selection)?;
                let label = match selection.len() {
                    1 => "Delete".to_owned(),
                    n => format!("Delete {n} items"),
                };
                self.edit(edit, label, Some(BTreeSet::new()))
            }
            Action::ResolveConflict { index, keep } => {
                match crate::edit::resolve(self.map.doc(), index, keep) {
                    Ok(edit) => self.edit(edit, keep.label().to_owned(), None),
                    Err(error) => Some(Notice::Error(format!("Not resolved: {error}"))),
                }
            }
            Action::Paste { text, target } => {
                let target = target.unwrap_or_else(|| self.session.view_center());
                let (doc, snap) = (self.map.doc().clone(), self.session.view.snap);
                self.insert_copies(&text, "Paste", |bounds| {
                    rules::copies_offset(&doc, bounds, capture::Anchor::At(target), snap)
                })
            }
            Action::Duplicate => {
                let doc = self.map.doc();
                let text = clipboard::copy_text(doc, &self.session.selection)?;
                let (doc, snap) = (doc.clone(), self.session.view.snap);
                self.insert_copies(&text, "Duplicate", |bounds| {
                    rules::copies_offset(&doc, bounds, capture::Anchor::Beside(bounds), snap)
                })
            }
            Action::AddMap { doc, label } => self.add_map(*doc, label),
            Action::PlaceNodes { moves, label } => match rules::move_edit(self.map.doc(), &moves) {
                Some(edit) => self.edit(edit, label, None),
                None => Some(Notice::Info(format!("{label}: nothing had to move"))),
            },
            Action::Tidy => {
                let doc = self.map.doc();
                let selected = self.session.selected_nodes(doc);
                let ids: BTreeSet<Id> = if selected.is_empty() {
                    doc.node_ids().collect()
                } else {
                    selected.into_iter().collect()
                };
                let moves = crate::layout::tidy_positions(doc, &ids);
                match rules::move_edit(doc, &moves) {
                    Some(edit) => self.edit(edit, "Tidy".to_owned(), None),
                    None => Some(Notice::Info("Tidy: no overlaps, nothing moved".to_owned())),
                }
            }
            Action::GroupSelection => self.group_selection(),
            Action::Ungroup => self.ungroup_selection(),
            Action::SetGroupField { group, field } => self.set_group_field(group, field),
            Action::AddToGroup(group) => self.add_to_group(group),
            Action::RemoveFromGroup => self.remove_from_group(),
            Action::MoveGroup { group, delta } => self.move_group(group, delta),
            Action::SetCollapsed { group, collapsed } => self.set_collapsed(group, collapsed),
            Action::Undo => match self.map.undo() {
                Ok(label) => label.map(|l| Notice::Info(format!("Undid: {l}"))),
                Err(error) => Some(Notice::Error(format!("Cannot undo: {error}"))),
            },
            Action::Redo => match self.map.redo() {
                Ok(label) => label.map(|l| Notice::Info(format!("Redid: {l}"))),
                Err(error) => Some(Notice::Error(format!("Cannot redo: {error}"))),
            },
            Action::ZoomBy(factor) => {
                let viewport = self.session.viewport;
                self.session
                    .camera
                    .zoom_around(viewport, viewport.center(), factor);
                None
            }
            Action::ZoomTo100 => {
                self.session.camera.zoom_factor = 1.0;
                None
            }
            Action::ZoomToFit => {
                self.session.fit_pending = true;
                None
            }
            Action::ToggleGrid => {
                self.session.view.grid = !self.session.view.grid;
                None
            }
            Action::ToggleSnap => {
                self.session.view.snap = !self.session.view.snap;
                None
            }
            Action::ToggleLegend => {
                self.session.view.legend = !self.session.view.legend;
                None
            }
        };
        let doc = self.map.doc();
        self.session.selection.retain(|id| doc.contains(*id));
        notice
    }

    fn edit(&mut self, edit: Edit, label: String, select: Option<BTreeSet<Id>>) -> Option<Notice> {
        if self.session.is_interacting() {
            // The gesture's own edit comes when it ends; nothing else lands in the middle of it.
            return Some(Notice::Error(
                "Not changed: finish the drag first".to_owned(),
            ));
        }
        match self.map.apply(edit, label) {
            Ok(()) => {
                if let Some(select) = select {
                    self.session.selection = select;
                }
                None
            }
            Err(error) => Some(Notice::Error(format!("Not changed: {error}"))),
        }
    }

    fn apply_move(&mut self, moves: &[(Id, Point)]) -> Option<Notice> {
        let edit = rules::move_edit(self.map.doc(), moves)?;
        let label = edit.describe();
        self.edit(edit, label, None)
    }

    fn insert_copies(
        &mut self,
        text: &str,
        verb: &str,
        place: impl FnOnce(crate::model::Rect) -> (f32, f32),
    ) -> Option<Notice> {
        match clipboard::paste(self.map.doc(), text, place) {
            Ok(paste) => {
                let count = paste.new_nodes.len();
                let label = if verb == "Paste" {
                    format!(
                        "Paste {count} {}",
                        if count == 1 { "item" } else { "items" }
                    )
                } else {
                    verb.to_owned()
                };
                let select = paste.new_nodes.into_iter().collect();
                self.edit(paste.edit, label, Some(select))
            }
            Err(error) => Some(Notice::Error(format!(
                "Cannot {}: {error}",
                verb.to_lowercase()
            ))),
        }
    }

    /// Inserts copies of everything in `imported` to the right of the map (or at the view's
    /// centre on an empty map), as one undo step. Teams and sources the map already has by name
    /// are not copied: the import's links attach to them.
    fn add_map(&mut self, imported: Document, label: String) -> Option<Notice> {
        let doc = self.map.doc();
        let anchor = match doc.nodes_bounds() {
            Some(bounds) => capture::Anchor::Beside(bounds),
            None => capture::Anchor::At(self.session.view_center()),
        };
        let snap = self.session.view.snap;
        let paste = clipboard::copies(
            doc,
            imported,
            |bounds| rules::copies_offset(doc, bounds, anchor, snap),
            true,
        );
        let (count, matched) = (paste.new_nodes.len(), paste.matched);
        let select = paste.new_nodes.into_iter().collect();
        let notice = self.edit(paste.edit, label.clone(), Some(select));
        if notice.is_some() {
            return notice;
        }
        self.session.fit_pending = true;
        let matched = if matched == 0 {
            String::new()
        } else {
            format!(
                "; {} already on the map by name",
                crate::text::plural(matched, "item was", "items were")
            )
        };
        Some(Notice::Info(format!(
            "{label}: added {}{matched}",
            crate::text::plural(count, "item", "items")
        )))
    }

    /// The model type a new team gets: the last one picked, else the palette's first.
    fn new_team_type(&self) -> Option<ModelTypeId> {
        let doc = self.map.doc();
        self.session
            .new_team_type
            .filter(|t| doc.model_type(*t).is_some())
            .or_else(|| doc.palette.first().map(|t| t.id))
    }

    fn start_new_node(&mut self, kind: NodeKind, center: Option<Point>) -> Option<Notice> {
        let model_type = match kind {
            NodeKind::Team => match self.new_team_type() {
                Some(model_type) => Some(model_type),
                None => {
                    return Some(Notice::Error(
                        "Add a model type first (Model types… in the Edit menu)".to_owned(),
                    ));
                }
            },
            NodeKind::FundingSource => None,
        };
        // A double-click says where; a key means the next free slot.
        let position = match center {
            Some(center) => rules::new_node_position(kind, center, self.session.view.snap),
            None => self.new_node_slot(kind),
        };
        // The field is where the node will be: in sight while the name is typed.
        let rect = Rect::from_min_size(position, rules::new_node_size(kind));
        self.session.bring_into_view(rect.expand(40.0));
        self.session.open_name_field(
            NameTarget::New {
                kind,
                position,
                model_type,
            },
            String::new(),
        );
        None
    }

    fn start_rename(&mut self, id: Id) {
        let doc = self.map.doc();
        let Some(name) = doc
            .node_name(id)
            .or_else(|| doc.groups.get(&id).map(|g| g.name.as_str()))
        else {
            return;
        };
        let name = name.to_owned();
        self.session.selection = BTreeSet::from([id]);
        self.session.open_name_field(NameTarget::Existing(id), name);
    }

    fn commit_name(&mut self) -> Option<Notice> {
        let edit = self.session.name_edit.take()?;
        let doc = self.map.doc();
        match edit.target {
            NameTarget::New {
                kind,
                position,
                model_type,
            } => self.insert_new_node(kind, position, model_type, &edit.text),
            NameTarget::Links { from, direction } => self.commit_links(from, direction, &edit.text),
            NameTarget::Allocation(link) => self.commit_allocation(link, &edit.text),
            NameTarget::Existing(id) => {
                let name = edit.text.trim().to_owned();
                if let Some(group) = doc.groups.get(&id) {
                    if name.is_empty() || group.name == name {
                        return None;
                    }
                    let edit = Edit::SetGroup {
                        id,
                        field: GroupField::Name(name),
                    };
                    let label = edit.describe();
                    return self.edit(edit, label, None);
                }
                if name.is_empty() || doc.node_name(id) == Some(name.as_str()) {
                    return None;
                }
                let edit = match doc.node_kind(id)? {
                    NodeKind::Team => Edit::SetTeam {
                        id,
                        field: TeamField::Name(name),
                    },
                    NodeKind::FundingSource => Edit::SetSource {
                        id,
                        field: SourceField::Name(name),
                    },
                };
                let label = edit.describe();
                self.edit(edit, label, None)
            }
        }
    }

    /// The selection as map text for the clipboard, when it holds any team or funding source.
    pub fn copy_text(&self) -> Option<String> {
        clipboard::copy_text(self.map.doc(), &self.session.selection)
    }

    /// What the pointer is over, for the canvas to set.
    pub fn set_hover(&mut self, hit: Hit) {
        self.session.hover = hit;
    }
}

#[cfg(test)]
mod group_tests;
#[cfg(test)]
mod tests;
