//! The fields the inspector and the palette editor are made of: each edits a copy and sends one
//! edit when the user is done with it, so typing a name is one undo step, not one per letter.

use eframe::egui::{self, DragValue, RichText, TextEdit};

use super::Action;
use super::paint::color32;
use crate::edit::Edit;
use crate::editor;
use crate::model::{Document, ModelTypeId};
use crate::scene::Rgba;

/// Width of every field, so the panel keeps its size whatever it shows.
pub(super) const FIELD_WIDTH: f32 = 190.0;

pub(super) fn heading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(text).heading().strong());
    ui.add_space(6.0);
}

pub(super) fn edit(actions: &mut Vec<Action>, edit: Edit) {
    let label = edit.describe();
    actions.push(
        editor::Action::Edit {
            edit,
            label,
            select: None,
        }
        .into(),
    );
}

/// A text field (in a two-column grid; a multi-line one goes below its label, outside a grid)
/// that edits a copy and commits it when the field loses focus (Enter, Tab or a click
/// elsewhere), so typing a name is one undo step, not one per letter.
pub(super) fn text_field(
    ui: &mut egui::Ui,
    label: &str,
    current: &str,
    multiline: bool,
) -> Option<String> {
    let label_response = ui.label(label);
    let id = ui.make_persistent_id(("text_field", label));
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let widget = if multiline {
        TextEdit::multiline(&mut text)
            .desired_rows(4)
            .desired_width(f32::INFINITY)
    } else {
        TextEdit::singleline(&mut text).desired_width(FIELD_WIDTH)
    };
    let response = ui
        .add(widget.id(id.with("edit")))
        .labelled_by(label_response.id);
    if !multiline {
        ui.end_row();
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text));
        None
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
        (response.lost_focus() && text != current).then_some(text)
    }
}

/// A number field; dragging it previews locally and commits once on release.
pub(super) fn number_field(
    ui: &mut egui::Ui,
    label: &str,
    current: f64,
    range: std::ops::RangeInclusive<f64>,
    suffix: &str,
    decimals: usize,
) -> Option<f64> {
    let label_response = ui.label(label);
    let id = ui.make_persistent_id(("number_field", label));
    let mut value = ui.data(|d| d.get_temp::<f64>(id)).unwrap_or(current);
    let response = ui
        .add(
            DragValue::new(&mut value)
                .range(range)
                .suffix(suffix)
                .speed(0.5)
                .max_decimals(decimals),
        )
        .labelled_by(label_response.id);
    ui.end_row();
    if response.dragged() {
        ui.data_mut(|d| d.insert_temp(id, value));
        return None;
    }
    ui.data_mut(|d| d.remove::<f64>(id));
    (value != current && (response.changed() || response.drag_stopped())).then_some(value)
}

pub(super) fn model_type_combo(
    ui: &mut egui::Ui,
    doc: &Document,
    current: Option<ModelTypeId>,
) -> Option<ModelTypeId> {
    let label_response = ui.label("Model type");
    let selected_text = current
        .and_then(|id| doc.model_type(id))
        .map_or_else(|| "Mixed".to_owned(), |t| t.name.clone());
    let mut picked = None;
    egui::ComboBox::from_id_salt("model_type")
        .selected_text(selected_text)
        .width(FIELD_WIDTH)
        .truncate()
        .show_ui(ui, |ui| {
            for model_type in &doc.palette {
                ui.horizontal(|ui| {
                    let (swatch, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(swatch, 3.0, color32(Rgba::from(model_type.color)));
                    if ui
                        .selectable_label(current == Some(model_type.id), &model_type.name)
                        .on_hover_text(&model_type.description)
                        .clicked()
                    {
                        picked = Some(model_type.id);
                    }
                });
            }
        })
        .response
        .labelled_by(label_response.id);
    ui.end_row();
    picked.filter(|p| Some(*p) != current)
}
