//! What the user asks the editor to do, and what the editor has to tell them back.

use std::collections::BTreeSet;

use super::compare::Comparison;
use super::session::{LinkKindChoice, Tool};
use crate::edit::{Edit, GroupField};
use crate::model::{Document, Id, ModelTypeId, NodeKind, Point, Rect};

/// What the user asked the editor to do. Applied in order, once per frame, by [`Editor::apply`].
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Apply `edit` as one undo step, then select `select` if given.
    Edit {
        edit: Edit,
        label: String,
        select: Option<BTreeSet<Id>>,
    },
    Select(BTreeSet<Id>),
    /// Adds an item to the selection, or takes it out (Shift+click).
    ToggleSelected(Id),
    SelectAll,
    /// Escape on the canvas: back to the select tool first, then out of a comparison, then an
    /// empty selection.
    ClearSelection,
    SetTool(Tool),
    /// Select these items and move the view so that they are all in sight.
    Focus(BTreeSet<Id>),
    /// Clear the selection and move the view to `area` (canvas units): where a removed item was.
    FocusArea(Rect),
    /// Mark what differs from another version of the map, until [`Action::StopComparing`].
    StartComparing(Comparison),
    StopComparing,
    /// The model type new teams get from now on.
    SetNewTeamType(ModelTypeId),
    /// Open the name field for a new team or funding source centred on `center` (the view's
    /// centre when `None`). Nothing is inserted until the name is committed.
    StartNewNode {
        kind: NodeKind,
        center: Option<Point>,
    },
    /// Open the name field on an existing team or funding source.
    StartRename(Id),
    /// Rename the one selected node.
    RenameSelection,
    /// Enter in the name field: insert the new node or rename, as one undo step.
    CommitName,
    /// Escape in the name field: nothing is inserted or renamed.
    CancelName,
    /// The end of a drag: move `ids` by `delta` canvas units (snapped when snap is on). A group
    /// among `ids` moves every team and funding source in it. Dropped `into` a group, `ids` join
    /// it in the same undo step.
    MoveNodes {
        ids: Vec<Id>,
        delta: (f32, f32),
        into: Option<Id>,
    },
    /// Move the selected nodes by whole steps: a grid cell with snap on, a unit without.
    Nudge {
        steps: (f32, f32),
    },
    DrawLink {
        from: Id,
        to: Id,
        kind: LinkKindChoice,
    },
    /// D or F: with one node selected, a field for the names it links to ("Depends on…",
    /// "Funds…", "Funded by…"); otherwise the link tool.
    LinkFromSelection(LinkKindChoice),
    /// 1 … 9: the selected teams, and new teams from now on, take the palette's type at this
    /// index.
    SetTypeOfSelection(usize),
    /// H: the selected teams' bet horizon moves one step.
    CycleHorizon,
    /// Tab, Shift+Tab: select the next or previous node in reading order.
    SelectNext {
        backwards: bool,
    },
    DeleteSelection,
    /// Settle merge conflict `index` of the map by keeping one side: one undo step.
    ResolveConflict {
        index: usize,
        keep: crate::edit::Keep,
    },
    /// Insert copies of the items in map text, centred on `target` (the view's centre if `None`).
    Paste {
        text: String,
        target: Option<Point>,
    },
    Duplicate,
    /// Put nodes where a layout placed them (Arrange, Arrange selection), as one undo step
    /// labelled `label`.
    PlaceNodes {
        moves: Vec<(Id, Point)>,
        label: String,
    },
    /// Remove overlaps with the smallest moves, as one undo step: the selected nodes move off
    /// the rest, or any node may move when none is selected.
    Tidy,
    /// Add every item of `doc` (an import) beside what is on the map, as one undo step labelled
    /// `label`; the added items are selected.
    AddMap {
        doc: Box<Document>,
        label: String,
    },
    /// Ctrl+G: a new group of the selected teams, funding sources and groups, nested in the
    /// innermost group that holds them all; the new group is selected.
    GroupSelection,
    /// Ungroup the selected groups: what they held moves to their parents and is selected.
    Ungroup,
    /// Set one field of a group (name, kind, colour, notes, collapsed, parent).
    SetGroupField {
        group: Id,
        field: GroupField,
    },
    /// Put the selected teams, funding sources and groups into `group`.
    AddToGroup(Id),
    /// Take the selected teams, funding sources and groups one level out of their group.
    RemoveFromGroup,
    /// Move every team and funding source in `group` (nested groups included) by `delta`.
    MoveGroup {
        group: Id,
        delta: (f32, f32),
    },
    /// Collapse `group` to one box with its roll-up (or expand it); the selected groups when
    /// `None`.
    SetCollapsed {
        group: Option<Id>,
        collapsed: bool,
    },
    Undo,
    Redo,
    ZoomBy(f32),
    ZoomTo100,
    ZoomToFit,
    ToggleGrid,
    ToggleSnap,
    ToggleLegend,
}

/// What applying an action has to tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}
