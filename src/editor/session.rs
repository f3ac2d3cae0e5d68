//! Session state: what the user is looking at and doing (camera, selection, tool, hover, drag, a
//! name being typed, view toggles). Never saved in the map and never undone.

use std::collections::BTreeSet;

use super::camera::Camera;
use super::capture::LinkDirection;
use super::compare::Comparison;
use crate::model::{Document, Id, ModelTypeId, NodeKind, Point, Rect};
use crate::scene::Hit;

/// What dragging with the primary button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Select,
    /// Drag from a team to the team it depends on.
    Dependency,
    /// Drag from a funding source (or a team) to the team it funds.
    Funding,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKindChoice {
    Dependency,
    Funding,
}

/// A drag in progress: previewed from here, turned into one edit on release.
#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    Idle,
    Pan,
    Move {
        ids: Vec<Id>,
        grab_in_canvas: Point,
        pointer_in_canvas: Point,
    },
    Marquee {
        start_in_canvas: Point,
        end_in_canvas: Point,
        additive: bool,
    },
    Link {
        from: Id,
        kind: LinkKindChoice,
        end_in_canvas: Point,
    },
}

impl Drag {
    /// How far a move drag has carried its nodes, before snapping.
    pub fn move_delta(&self) -> Option<(f32, f32)> {
        match self {
            Self::Move {
                grab_in_canvas,
                pointer_in_canvas,
                ..
            } => Some((
                pointer_in_canvas.x - grab_in_canvas.x,
                pointer_in_canvas.y - grab_in_canvas.y,
            )),
            _ => None,
        }
    }
}

/// What a field on the canvas is for: the name of a node that exists only once Enter is pressed,
/// a rename, the names a new node links to, or a new funding link's share.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NameTarget {
    New {
        kind: NodeKind,
        position: Point,
        /// For a team: its model type.
        model_type: Option<ModelTypeId>,
    },
    Existing(Id),
    /// The other ends of new links from `from`, typed as a list of names ("Depends on…").
    Links {
        from: Id,
        direction: LinkDirection,
    },
    /// The share of a funding link just drawn.
    Allocation(Id),
}

/// A name being typed on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct NameEdit {
    pub target: NameTarget,
    pub text: String,
    /// Different for every name edit, so the text field starts afresh each time (cursor and
    /// selection of an earlier edit never carry over).
    pub serial: u64,
    /// The field has had keyboard focus once; losing it after that ends the edit.
    pub focused_once: bool,
}

/// The view toggles a user expects to find as they left them (kept as preferences).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewToggles {
    pub grid: bool,
    pub snap: bool,
    pub legend: bool,
}

impl Default for ViewToggles {
    fn default() -> Self {
        Self {
            grid: true,
            snap: true,
            legend: true,
        }
    }
}

/// Everything about the editing session that is not the document.
#[derive(Clone, Debug)]
pub struct SessionState {
    pub camera: Camera,
    /// The canvas area on screen in the last frame, in points.
    pub viewport: Rect,
    pub selection: BTreeSet<Id>,
    pub hover: Hit,
    pub drag: Drag,
    pub tool: Tool,
    pub name_edit: Option<NameEdit>,
    /// The model type new teams get: the last one picked.
    pub new_team_type: Option<ModelTypeId>,
    pub view: ViewToggles,
    /// Fit the whole map into the view on the next frame (after opening a map, or Shift+1).
    pub fit_pending: bool,
    /// The other version of the map whose differences are marked, while comparing.
    pub compare: Option<Comparison>,
    next_serial: u64,
}

impl Default for SessionState {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            viewport: Rect {
                min: Point::new(0.0, 0.0),
                max: Point::new(800.0, 600.0),
            },
            selection: BTreeSet::new(),
            hover: Hit::Nothing,
            drag: Drag::Idle,
            tool: Tool::Select,
            name_edit: None,
            new_team_type: None,
            view: ViewToggles::default(),
            fit_pending: true,
            compare: None,
            next_serial: 1,
        }
    }
}

impl SessionState {
    /// True while the pointer is in the middle of a gesture: no undo point is recorded then.
    pub fn is_interacting(&self) -> bool {
        self.drag != Drag::Idle
    }

    /// Forgets everything about the previous map; keeps the view toggles and the tool.
    pub fn start_over(&mut self) {
        self.selection.clear();
        self.hover = Hit::Nothing;
        self.drag = Drag::Idle;
        self.name_edit = None;
        self.new_team_type = None;
        self.fit_pending = true;
        self.compare = None;
    }

    pub fn view_center(&self) -> Point {
        self.camera.center_in_canvas
    }

    /// The canvas area the viewport shows.
    pub fn view_in_canvas(&self) -> Rect {
        self.camera.view_in_canvas(self.viewport)
    }

    /// Moves the view so that `rect` (canvas units) is in sight, when it is not: centred on it.
    pub fn bring_into_view(&mut self, rect: Rect) {
        let view = self.view_in_canvas();
        let inside = view.min.x <= rect.min.x
            && view.min.y <= rect.min.y
            && rect.max.x <= view.max.x
            && rect.max.y <= view.max.y;
        if !inside {
            self.camera.center_in_canvas = rect.center();
        }
    }

    /// Selected teams and funding sources (not links), in id order.
    pub fn selected_nodes(&self, doc: &Document) -> Vec<Id> {
        self.selection
            .iter()
            .filter(|id| doc.node_kind(**id).is_some())
            .copied()
            .collect()
    }

    /// Opens a name field; `text` is its starting content.
    pub fn open_name_field(&mut self, target: NameTarget, text: String) {
        let serial = self.next_serial;
        self.next_serial += 1;
        self.name_edit = Some(NameEdit {
            target,
            text,
            serial,
            focused_once: false,
        });
    }
}
