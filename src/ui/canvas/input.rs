//! Pointer input on the canvas: pan and zoom, clicks, and drags that move, select or link.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Scroll pans, Ctrl+scroll and pinch zoom around the pointer, Space-drag and middle-drag pan.
pub(super) fn pan_and_zoom(ui: &egui::Ui, response: &egui::Response, session: &mut SessionState) {
    let viewport = to_model_rect(response.rect);
    if response.contains_pointer() {
        let (scroll, zoom, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta(),
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        if let Some(pointer) = pointer {
            if zoom != 1.0 {
                session
                    .camera
                    .zoom_around(viewport, to_point(pointer), zoom);
            } else if scroll != Vec2::ZERO {
                session.camera.pan_by_screen(scroll.x, scroll.y);
            }
        }
    }
    let panning = response.dragged_by(PointerButton::Middle)
        || (space_held(ui) && response.dragged_by(PointerButton::Primary))
        || session.drag == Drag::Pan;
    if panning {
        let delta = response.drag_delta();
        session.camera.pan_by_screen(delta.x, delta.y);
    }
}

fn space_held(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_down(Key::Space)) && !ui.ctx().egui_wants_keyboard_input()
}

pub(super) fn drag(
    ui: &egui::Ui,
    response: &egui::Response,
    session: &mut SessionState,
    (doc, index): (&Document, &SpatialIndex),
    pointer_in_canvas: Option<Pos2>,
    actions: &mut Vec<Action>,
) {
    let shift = ui.input(|i| i.modifiers.shift);
    if response.drag_started_by(PointerButton::Primary)
        && let Some(start) = response
            .interact_pointer_pos()
            .map(|p| session.camera.to_canvas(response.rect, p))
    {
        // Where the press happened, not where the pointer is after the drag threshold.
        let press = ui
            .input(|i| i.pointer.press_origin())
            .map_or(start, |p| session.camera.to_canvas(response.rect, p));
        let zoom = session.camera.zoom_factor;
        let hit = hit_test(
            index,
            to_point(press),
            EDGE_BAND_PX / zoom,
            LINK_TOLERANCE_PX / zoom,
        );
        session.drag = if space_held(ui) {
            Drag::Pan
        } else {
            start_drag(
                session,
                doc,
                hit,
                (to_point(press), to_point(start)),
                shift,
                actions,
            )
        };
    }

    if let Some(p) = pointer_in_canvas.map(to_point) {
        match &mut session.drag {
            Drag::Move {
                pointer_in_canvas, ..
            } => *pointer_in_canvas = p,
            Drag::Marquee { end_in_canvas, .. } | Drag::Link { end_in_canvas, .. } => {
                *end_in_canvas = p;
            }
            Drag::Idle | Drag::Pan => {}
        }
    }

    let released = response.drag_stopped()
        || (!ui.input(|i| i.pointer.any_down()) && session.drag != Drag::Idle);
    if released {
        let drag = std::mem::replace(&mut session.drag, Drag::Idle);
        finish_drag(session, (doc, index), drag, actions);
    }
}

fn start_drag(
    session: &SessionState,
    doc: &Document,
    hit: Hit,
    (press, now): (model::Point, model::Point),
    shift: bool,
    actions: &mut Vec<Action>,
) -> Drag {
    let link_from = match (session.tool, hit) {
        (Tool::Select, Hit::NodeEdge(id))
        | (Tool::Dependency | Tool::Funding, Hit::Node(id) | Hit::NodeEdge(id)) => Some(id),
        _ => None,
    };
    if let Some(from) = link_from {
        let kind = if session.tool == Tool::Funding
            || doc.node_kind(from) == Some(NodeKind::FundingSource)
        {
            LinkKindChoice::Funding
        } else {
            LinkKindChoice::Dependency
        };
        return Drag::Link {
            from,
            kind,
            end_in_canvas: now,
        };
    }
    match hit {
        Hit::Node(id) | Hit::NodeEdge(id) | Hit::Group(id) => {
            // Grabbing an unselected node or group selects it (added with Shift) and moves what
            // is selected; a group moves with everything in it.
            let mut selection = session.selection.clone();
            if !selection.contains(&id) {
                if !shift {
                    selection.clear();
                }
                selection.insert(id);
                actions.push(editor::Action::Select(selection.clone()).into());
            }
            let ids = doc.nodes_with_group_members(selection.iter().copied());
            Drag::Move {
                ids,
                grab_in_canvas: press,
                pointer_in_canvas: now,
            }
        }
        Hit::Link(_) | Hit::Nothing => Drag::Marquee {
            start_in_canvas: press,
            end_in_canvas: now,
            additive: shift,
        },
    }
}

fn finish_drag(
    session: &SessionState,
    (doc, index): (&Document, &SpatialIndex),
    drag: Drag,
    actions: &mut Vec<Action>,
) {
    let delta = drag.move_delta();
    match drag {
        Drag::Idle | Drag::Pan => {}
        Drag::Move {
            ids,
            pointer_in_canvas,
            ..
        } => {
            let into = dropped_into(session, (doc, index), pointer_in_canvas);
            match (delta, into) {
                (Some(delta), into) => {
                    actions.push(editor::Action::MoveNodes { ids, delta, into }.into());
                }
                (None, Some(group)) => actions.push(editor::Action::AddToGroup(group).into()),
                (None, None) => {}
            }
        }
        Drag::Marquee {
            start_in_canvas,
            end_in_canvas,
            additive,
        } => {
            let area = model::Rect {
                min: model::Point::new(
                    start_in_canvas.x.min(end_in_canvas.x),
                    start_in_canvas.y.min(end_in_canvas.y),
                ),
                max: model::Point::new(
                    start_in_canvas.x.max(end_in_canvas.x),
                    start_in_canvas.y.max(end_in_canvas.y),
                ),
            };
            let mut selection = if additive {
                session.selection.clone()
            } else {
                Default::default()
            };
            selection.extend(nodes_inside(index, area));
            actions.push(editor::Action::Select(selection).into());
        }
        Drag::Link {
            from,
            kind,
            end_in_canvas,
        } => {
            let zoom = session.camera.zoom_factor;
            let target = hit_test(index, end_in_canvas, EDGE_BAND_PX / zoom, 0.0);
            if let Some(to) = target.id().filter(|to| *to != from) {
                actions.push(editor::Action::DrawLink { from, to, kind }.into());
            }
        }
    }
}

/// The group a move drops the selection into: the innermost frame under the pointer where it is
/// let go, when something selected is not in that group yet. Dragging out of a frame, or
/// within the group it is in, changes no membership: membership is data, not geometry.
fn dropped_into(
    session: &SessionState,
    (doc, index): (&Document, &SpatialIndex),
    at: model::Point,
) -> Option<Id> {
    // A dragged group is never dropped into itself or a group nested in it.
    let dragged_groups: Vec<Id> = session
        .selection
        .iter()
        .filter(|id| doc.groups.contains_key(id))
        .copied()
        .collect();
    let target = index.groups_at(at).find(|g| {
        !dragged_groups
            .iter()
            .any(|d| d == g || doc.group_ancestors(*g).contains(d))
    })?;
    let joins = session.selection.iter().any(|id| {
        if doc.groups.contains_key(id) {
            doc.groups[id].parent != Some(target)
        } else {
            doc.node_kind(*id).is_some() && doc.group_of(*id) != Some(target)
        }
    });
    joins.then_some(target)
}

pub(super) fn clicks(
    ui: &egui::Ui,
    response: &egui::Response,
    session: &SessionState,
    doc: &Document,
    pointer_in_canvas: Option<Pos2>,
    actions: &mut Vec<Action>,
) {
    let shift = ui.input(|i| i.modifiers.shift);
    if response.double_clicked() {
        match session.hover {
            Hit::Node(id) | Hit::NodeEdge(id) | Hit::Group(id) => {
                actions.push(editor::Action::StartRename(id).into());
            }
            Hit::Link(_) => {}
            Hit::Nothing => {
                if let Some(p) = pointer_in_canvas {
                    actions.push(
                        editor::Action::StartNewNode {
                            kind: NodeKind::Team,
                            center: Some(to_point(p)),
                        }
                        .into(),
                    );
                }
            }
        }
        return;
    }
    if response.clicked() {
        let action = match session.hover.id() {
            Some(id) if shift => Some(editor::Action::ToggleSelected(id)),
            Some(id) => Some(editor::Action::Select([id].into())),
            None if shift => None,
            None => Some(editor::Action::Select(Default::default())),
        };
        actions.extend(action.map(Action::from));
        if let Some(team) = session.hover.id().and_then(|id| doc.teams.get(&id)) {
            actions.push(editor::Action::SetNewTeamType(team.model_type).into());
        }
    }
}

pub(super) fn set_cursor(ui: &egui::Ui, session: &SessionState) {
    let icon = match (&session.drag, session.hover) {
        (Drag::Pan | Drag::Move { .. }, _) => CursorIcon::Grabbing,
        (Drag::Link { .. }, _) | (Drag::Idle, Hit::NodeEdge(_)) => CursorIcon::Crosshair,
        (Drag::Marquee { .. }, _) => CursorIcon::Default,
        (Drag::Idle, Hit::Node(_)) if session.tool != Tool::Select => CursorIcon::Crosshair,
        (Drag::Idle, Hit::Node(_) | Hit::Link(_)) => CursorIcon::PointingHand,
        (Drag::Idle, Hit::Group(_)) => CursorIcon::Grab,
        (Drag::Idle, Hit::Nothing) => return,
    };
    ui.ctx().set_cursor_icon(icon);
}
