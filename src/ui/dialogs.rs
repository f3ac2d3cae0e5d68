//! The palette editor: rename, recolour, describe, add and remove model types.

use eframe::egui::{self, RichText, TextEdit};

use super::Action;
use super::fields::text_field;
use super::paint::color32;
use crate::edit::{Edit, ModelTypeField, TeamField};
use crate::editor;
use crate::model::{Color, Document, ModelType, ModelTypeId};
use crate::scene::Rgba;

/// Colours offered for model types: distinct, and legible with white or dark text.
pub const PRESET_COLORS: [Color; 12] = [
    Color::rgb(0x25, 0x63, 0xeb),
    Color::rgb(0x7c, 0x3a, 0xed),
    Color::rgb(0x05, 0x96, 0x69),
    Color::rgb(0xea, 0x58, 0x0c),
    Color::rgb(0xdb, 0x27, 0x77),
    Color::rgb(0x0e, 0x74, 0x90),
    Color::rgb(0x65, 0xa3, 0x0d),
    Color::rgb(0xca, 0x8a, 0x04),
    Color::rgb(0xdc, 0x26, 0x26),
    Color::rgb(0x47, 0x55, 0x69),
    Color::rgb(0x93, 0x33, 0xea),
    Color::rgb(0x08, 0x91, 0xb2),
];

#[derive(Default)]
pub struct PaletteEditor {
    pub open: bool,
    /// A model type in use that the user asked to delete, and where its teams should go.
    pending_delete: Option<(ModelTypeId, Option<ModelTypeId>)>,
}

impl PaletteEditor {
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Model types")
            .open(&mut open)
            .default_width(460.0)
            .resizable(true)
            .show(ctx, |ui| self.list_ui(ui, doc, actions));
        self.open = open;
        self.delete_prompt_ui(ctx, doc, actions);
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, doc: &Document, actions: &mut Vec<Action>) {
        ui.label(
            "Each team is drawn in its model type's colour. The palette is saved with the map.",
        );
        ui.add_space(6.0);
        for model_type in &doc.palette {
            let count = doc.teams_of_type(model_type.id).count();
            ui.push_id(model_type.id.0, |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        color_menu_ui(ui, model_type, actions);
                        ui.label(RichText::new(format!("{count} teams")).weak());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.button("Delete").clicked() {
                                if count == 0 {
                                    let edit = Edit::RemoveModelType { id: model_type.id };
                                    actions.push(Action::Editor(editor::Action::Edit {
                                        edit,
                                        label: "Delete model type".into(),
                                        select: None,
                                    }));
                                } else {
                                    let fallback = doc
                                        .palette
                                        .iter()
                                        .find(|t| t.id != model_type.id)
                                        .map(|t| t.id);
                                    self.pending_delete = Some((model_type.id, fallback));
                                }
                            }
                        });
                    });
                    egui::Grid::new("fields").num_columns(2).show(ui, |ui| {
                        if let Some(name) = text_field(ui, "Name", &model_type.name, false) {
                            let edit = Edit::SetModelType {
                                id: model_type.id,
                                field: ModelTypeField::Name(name),
                            };
                            actions.push(Action::Editor(editor::Action::Edit {
                                edit,
                                label: "Rename model type".into(),
                                select: None,
                            }));
                        }
                        if let Some(description) =
                            text_field(ui, "Description", &model_type.description, false)
                        {
                            let edit = Edit::SetModelType {
                                id: model_type.id,
                                field: ModelTypeField::Description(description),
                            };
                            actions.push(Action::Editor(editor::Action::Edit {
                                edit,
                                label: "Edit model type".into(),
                                select: None,
                            }));
                        }
                    });
                });
            });
        }
        ui.add_space(6.0);
        if ui.button("Add model type").clicked() {
            let color = PRESET_COLORS[doc.palette.len() % PRESET_COLORS.len()];
            let model_type = ModelType {
                id: doc.next_model_type_id(),
                name: "New model type".to_owned(),
                color,
                description: String::new(),
            };
            let edit = Edit::InsertModelType {
                index: usize::MAX,
                model_type,
            };
            actions.push(Action::Editor(editor::Action::Edit {
                edit,
                label: "Add model type".into(),
                select: None,
            }));
        }
    }

    fn delete_prompt_ui(&mut self, ctx: &egui::Context, doc: &Document, actions: &mut Vec<Action>) {
        let Some((id, mut target)) = self.pending_delete else {
            return;
        };
        let Some(model_type) = doc.model_type(id) else {
            self.pending_delete = None;
            return;
        };
        let count = doc.teams_of_type(id).count();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("delete_model_type")).show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.heading(format!("Delete “{}”?", model_type.name));
            ui.label(format!(
                "{count} teams have this model type. Give them another type first:"
            ));
            egui::ComboBox::from_label("Move teams to")
                .selected_text(
                    target
                        .and_then(|t| doc.model_type(t))
                        .map_or("—", |t| t.name.as_str()),
                )
                .show_ui(ui, |ui| {
                    for other in doc.palette.iter().filter(|t| t.id != id) {
                        ui.selectable_value(&mut target, Some(other.id), &other.name);
                    }
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let can_move = target.is_some();
                if ui
                    .add_enabled(can_move, egui::Button::new("Move teams and delete"))
                    .clicked()
                    && let Some(target) = target
                {
                    let mut edits: Vec<Edit> = doc
                        .teams_of_type(id)
                        .map(|team| Edit::SetTeam {
                            id: team,
                            field: TeamField::ModelType(target),
                        })
                        .collect();
                    edits.push(Edit::RemoveModelType { id });
                    actions.push(Action::Editor(editor::Action::Edit {
                        edit: Edit::Batch(edits),
                        label: "Delete model type".into(),
                        select: None,
                    }));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        self.pending_delete = if close { None } else { Some((id, target)) };
    }
}

/// The preset colours as a grid of swatches, `selected` marked; the one clicked, if any.
pub(super) fn swatches_ui(ui: &mut egui::Ui, selected: Option<Color>) -> Option<Color> {
    let mut clicked = None;
    egui::Grid::new("swatches").show(ui, |ui| {
        for (i, color) in PRESET_COLORS.iter().enumerate() {
            let button = egui::Button::new(
                RichText::new("    ").background_color(color32(Rgba::from(*color))),
            )
            .selected(Some(*color) == selected);
            if ui.add(button).on_hover_text(color.to_string()).clicked() {
                clicked = Some(*color);
            }
            if i % 6 == 5 {
                ui.end_row();
            }
        }
    });
    clicked
}

fn color_menu_ui(ui: &mut egui::Ui, model_type: &ModelType, actions: &mut Vec<Action>) {
    let swatch = egui::Button::new(
        RichText::new("      ").background_color(color32(Rgba::from(model_type.color))),
    )
    .min_size(egui::vec2(28.0, 20.0));
    let recolour = |actions: &mut Vec<Action>, color: Color| {
        let edit = Edit::SetModelType {
            id: model_type.id,
            field: ModelTypeField::Color(color),
        };
        actions.push(Action::Editor(editor::Action::Edit {
            edit,
            label: "Recolour model type".into(),
            select: None,
        }));
    };
    egui::containers::menu::MenuButton::from_button(swatch).ui(ui, |ui| {
        ui.label("Colour");
        if let Some(color) = swatches_ui(ui, Some(model_type.color)) {
            recolour(actions, color);
            ui.close();
        }
        let id = ui.make_persistent_id("hex");
        let mut hex = ui
            .data(|d| d.get_temp::<String>(id))
            .unwrap_or_else(|| model_type.color.to_string());
        let response = ui.add(
            TextEdit::singleline(&mut hex)
                .desired_width(90.0)
                .hint_text("#rrggbb"),
        );
        ui.data_mut(|d| d.insert_temp(id, hex.clone()));
        if response.lost_focus() {
            ui.data_mut(|d| d.remove::<String>(id));
            match hex.trim().parse::<Color>() {
                Ok(color) if color != model_type.color => recolour(actions, color),
                Ok(_) => {}
                Err(error) => actions.push(Action::Notify(error.to_string())),
            }
        }
    });
}
