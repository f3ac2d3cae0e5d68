//! The fields on the canvas: a new team's or funding source's name, a rename, the names a node
//! links to (with the matching names listed under it), and a new funding link's share. Enter (or a
//! click elsewhere) commits, Escape leaves nothing behind. A field opens with all of its text
//! selected, so typing replaces it.

#[allow(clippy::wildcard_imports)]
use super::*;
use egui::text::{CCursor, CCursorRange};

pub(super) fn name_field_ui(
    ui: &mut egui::Ui,
    session: &mut SessionState,
    (doc, index): (&Document, &SpatialIndex),
    theme: Theme,
    actions: &mut Vec<Action>,
) {
    let camera = session.camera;
    let viewport = to_egui_rect(session.viewport);
    let Some(edit) = &mut session.name_edit else {
        return;
    };
    let (rect_in_canvas, fill, hint) = match edit.target {
        NameTarget::New {
            kind,
            position,
            model_type,
        } => {
            let size = editor::rules::new_node_size(kind);
            let fill = match kind {
                NodeKind::Team => model_type
                    .and_then(|t| doc.model_type(t))
                    .map(|t| scene::Rgba::from(t.color)),
                NodeKind::FundingSource => Some(theme.colors().source_fill),
            };
            let hint = match kind {
                NodeKind::Team => "Team name",
                NodeKind::FundingSource => "Funding source name",
            };
            (model::Rect::from_min_size(position, size), fill, hint)
        }
        // A group is renamed in its frame's name band (or on its box when collapsed).
        NameTarget::Existing(id) => match doc
            .node_rect(id)
            .or_else(|| {
                index
                    .is_collapsed_group(id)
                    .then(|| index.node_rect(id))
                    .flatten()
            })
            .or_else(|| index.group_frame(id).map(|frame| frame.label_band()))
        {
            Some(rect) => (rect, None, "Name"),
            None => {
                actions.push(editor::Action::CancelName.into());
                return;
            }
        },
        NameTarget::Links { from, direction } => {
            let Some(rect) = doc.node_rect(from) else {
                actions.push(editor::Action::CancelName.into());
                return;
            };
            list_field_ui(ui, session, doc, rect, (from, direction), theme, actions);
            return;
        }
        NameTarget::Allocation(link) => {
            let Some(path) = index.link_path(link) else {
                actions.push(editor::Action::CancelName.into());
                return;
            };
            let middle = scene::route::halfway(path);
            let rect = model::Rect {
                min: middle.offset(-40.0, -14.0),
                max: middle.offset(40.0, 14.0),
            };
            (rect, None, "Share %")
        }
    };
    let rect = camera.rect_to_screen(viewport, rect_in_canvas);
    if let Some(fill) = fill {
        ui.painter()
            .rect_filled(rect, 10.0 * camera.zoom_factor, color32(fill));
    }
    let font_size = (scene::TEAM_NAME_SIZE * camera.zoom_factor).clamp(12.0, 28.0);
    let field_height = font_size + 12.0;
    let field = Rect::from_center_size(rect.center(), vec2(rect.width().max(160.0), field_height));
    canvas_field(ui, edit, field, (font_size, hint, true), theme, actions);
}

/// The text field itself. Until it has had focus once it asks for it (a name field with its whole
/// text selected); after that, Escape cancels and losing focus (Enter, a click elsewhere) commits.
fn canvas_field(
    ui: &mut egui::Ui,
    edit: &mut editor::NameEdit,
    field: Rect,
    (font_size, hint, centred): (f32, &str, bool),
    theme: Theme,
    actions: &mut Vec<Action>,
) {
    let id = egui::Id::unique(("name_field", edit.serial));
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    let mut text_edit = TextEdit::singleline(&mut edit.text)
        .id(id)
        .font(FontId::proportional(font_size))
        .hint_text(hint)
        .background_color(color32(theme.colors().panel));
    if centred {
        text_edit = text_edit.align(egui::Align2::CENTER_CENTER);
    }
    let response = ui.put(field, text_edit);
    if !edit.focused_once {
        if response.has_focus() {
            edit.focused_once = true;
        } else {
            response.request_focus();
            select_all(ui.ctx(), id, &edit.text);
        }
        return;
    }
    if escape {
        actions.push(editor::Action::CancelName.into());
    } else if response.lost_focus() || !response.has_focus() {
        actions.push(editor::Action::CommitName.into());
    }
}

fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    let range = CCursorRange::two(CCursor::new(0), CCursor::new(text.chars().count()));
    state.cursor.set_char_range(Some(range));
    state.store(ctx, id);
}

/// The field for the names a node links to, below the node, with the names that match what is
/// being typed listed under it (best first; Enter takes the best for each name typed).
fn list_field_ui(
    ui: &mut egui::Ui,
    session: &mut SessionState,
    doc: &Document,
    node: model::Rect,
    (from, direction): (Id, editor::LinkDirection),
    theme: Theme,
    actions: &mut Vec<Action>,
) {
    let camera = session.camera;
    let viewport = to_egui_rect(session.viewport);
    let Some(edit) = &mut session.name_edit else {
        return;
    };
    let rect = camera.rect_to_screen(viewport, node);
    let font_size = 16.0;
    let width = rect.width().max(360.0);
    let field = Rect::from_min_size(
        egui::pos2(rect.center().x - width / 2.0, rect.max.y + 8.0),
        vec2(width, font_size + 12.0),
    );
    canvas_field(
        ui,
        edit,
        field,
        (font_size, direction.hint(), false),
        theme,
        actions,
    );
    // The name being typed, read as Enter will read it: a whole name first, else the name
    // before its share.
    let candidates = direction.candidates(doc, from);
    let last = editor::capture::parse_list(&edit.text, direction.has_shares()).pop();
    let typing = last.map_or_else(String::new, |item| {
        let whole = editor::capture::fold(&item.text);
        if candidates
            .iter()
            .any(|(_, name)| editor::capture::fold(name) == whole)
        {
            item.text
        } else {
            item.name
        }
    });
    let found = editor::capture::suggestions(&typing, candidates.iter().copied());
    let mut top = field.left_bottom() + vec2(0.0, 4.0);
    for (n, (_, name)) in found.iter().take(6).enumerate() {
        let row = Rect::from_min_size(top, vec2(width, font_size + 8.0));
        let fill = if n == 0 {
            color32(theme.colors().selection).gamma_multiply(0.35)
        } else {
            color32(theme.colors().panel)
        };
        ui.painter().rect_filled(row, 3.0, fill);
        ui.painter().text(
            row.left_center() + vec2(8.0, 0.0),
            egui::Align2::LEFT_CENTER,
            *name,
            FontId::proportional(font_size - 2.0),
            ui.visuals().text_color(),
        );
        top.y += row.height();
    }
}
