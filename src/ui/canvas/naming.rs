//! Typing a name in place: for a new team (double-click on empty canvas) or to rename one.

#[allow(clippy::wildcard_imports)]
use super::*;

impl Canvas {
    pub(super) fn name_edit_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        theme: Theme,
        actions: &mut Vec<Action>,
    ) {
        let Some(edit) = &mut self.name_edit else {
            return;
        };
        let (rect_in_canvas, fill) = match edit.target {
            NameTarget::NewTeam {
                position,
                model_type,
            } => (
                model::Rect::from_min_size(position, Team::DEFAULT_SIZE),
                doc.model_type(model_type)
                    .map(|t| scene::Rgba::from(t.color)),
            ),
            NameTarget::Existing(id) => match doc.node_rect(id) {
                Some(rect) => (rect, None),
                None => {
                    self.name_edit = None;
                    return;
                }
            },
        };
        let rect = self.camera.rect_on_screen(self.viewport, rect_in_canvas);
        if let Some(fill) = fill {
            ui.painter()
                .rect_filled(rect, 10.0 * self.camera.zoom_factor, color32(fill));
        }
        let font_size = (scene::TEAM_NAME_SIZE * self.camera.zoom_factor).clamp(12.0, 28.0);
        let field_height = font_size + 12.0;
        let field =
            Rect::from_center_size(rect.center(), vec2(rect.width().max(160.0), field_height));
        if edit.focused_once && ui.input(|i| i.key_pressed(Key::Escape)) {
            edit.cancelled = true;
        }
        let response = ui.put(
            field,
            TextEdit::singleline(&mut edit.text)
                .font(FontId::proportional(font_size))
                .align(egui::Align2::CENTER_CENTER)
                .hint_text("Team name")
                .background_color(color32(theme.colors().panel)),
        );
        // Until the field has had focus once, keep asking for it; after that, losing it ends the edit.
        if !edit.focused_once {
            if response.has_focus() {
                edit.focused_once = true;
            } else {
                response.request_focus();
                return;
            }
        }
        if (response.lost_focus() || !response.has_focus())
            && let Some(edit) = self.name_edit.take()
            && !edit.cancelled
        {
            actions.extend(commit_name(doc, edit));
        }
    }
}

pub(super) fn commit_name(doc: &Document, edit: NameEdit) -> Option<Action> {
    let name = edit.text.trim().to_owned();
    match edit.target {
        NameTarget::NewTeam {
            position,
            model_type,
        } => {
            let name = if name.is_empty() {
                "New team".to_owned()
            } else {
                name
            };
            let id = doc.next_id();
            Some(Action::Edit {
                edit: Edit::InsertTeam {
                    id,
                    team: Team::new(name, model_type, position),
                },
                label: "Add team".to_owned(),
                select: Some(BTreeSet::from([id])),
            })
        }
        NameTarget::Existing(id) => {
            if doc.node_name(id) == Some(name.as_str()) {
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
            Some(Action::Edit {
                edit,
                label,
                select: None,
            })
        }
    }
}
