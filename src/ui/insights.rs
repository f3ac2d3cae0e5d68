//! The Insights panel: every problem in words (click one to select and frame its items), funding
//! per source, the model mix by type and by horizon, each group's roll-up, and the most
//! depended-on teams.

use std::collections::BTreeSet;

use eframe::egui::{self, Color32, RichText, Sense, vec2};

use super::Action;
use super::paint::color32;
use crate::analysis::{Analysis, MixFigures, ProblemKind, format_amounts};
use crate::editor;
use crate::model::{Document, Id};
use crate::scene::Rgba;
use crate::text::{format_percent, format_share, plural};

/// Where a click sends the view: select these items and frame them.
struct Focus(BTreeSet<Id>);

/// The problems take at most this share of the panel's height; the rest stays in view below.
const PROBLEMS_SHARE: f32 = 0.45;
/// A problem's text wraps to at most this many lines; the whole text is in its tooltip.
const PROBLEM_MAX_ROWS: usize = 4;

pub fn insights_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    analysis: &Analysis,
    selection: &BTreeSet<Id>,
    actions: &mut Vec<Action>,
) {
    let mut focus = None;
    conflicts_ui(ui, analysis, &mut focus, actions);
    problems_ui(ui, analysis, selection, &mut focus);
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("insights_rest")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            funding_ui(ui, analysis, &mut focus);
            ui.add_space(12.0);
            mix_ui(ui, doc, analysis);
            ui.add_space(12.0);
            if let Some(group) = super::insights_groups::groups_ui(ui, analysis) {
                focus = Some(Focus(group));
            }
            ui.add_space(12.0);
            depended_on_ui(ui, analysis, &mut focus);
        });
    if let Some(Focus(items)) = focus {
        actions.push(editor::Action::Focus(items).into());
    }
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.label(RichText::new(title).strong().size(15.0));
    ui.add_space(4.0);
}

fn kind_color(ui: &egui::Ui, kind: ProblemKind) -> Color32 {
    match kind {
        ProblemKind::OverAllocated | ProblemKind::DependencyCycle | ProblemKind::FundingLoop => {
            ui.visuals().error_fg_color
        }
        ProblemKind::Unfunded | ProblemKind::UnfundedDependency => ui.visuals().warn_fg_color,
    }
}

/// The problems, each wrapped inside the panel, in a list of their own that lays out only the
/// rows in view: a map with hundreds of problems scrolls them and keeps the rest of the panel.
fn problems_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    selection: &BTreeSet<Id>,
    focus: &mut Option<Focus>,
) {
    let problems = &analysis.problems;
    section(
        ui,
        &match analysis.total_problems() {
            0 => "No problems".to_owned(),
            n => plural(n, "problem", "problems"),
        },
    );
    if problems.is_empty() {
        ui.add(
            egui::Label::new(
                "Every team is funded, no source gives more than 100 %, and there are no \
                 dependency cycles.",
            )
            .wrap(),
        );
        return;
    }
    let text_width = (ui.available_width() - 22.0).max(60.0);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let row_height = ui.fonts_mut(|f| f.row_height(&font));
    let spacing = ui.spacing().item_spacing.y;
    let max_height = (ui.available_height() * PROBLEMS_SHARE).max(4.0 * row_height);
    // Each row is at most PROBLEM_MAX_ROWS lines; counting a row's lines without laying it out
    // keeps a list of thousands cheap.
    let lines: Vec<usize> = problems
        .iter()
        .map(|p| estimated_lines(&p.message, text_width, row_height).min(PROBLEM_MAX_ROWS))
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .max_height(max_height)
        .auto_shrink([false, true])
        .show_viewport(ui, |ui, viewport| {
            let heights: Vec<f32> = lines
                .iter()
                .map(|n| *n as f32 * row_height + spacing + 4.0)
                .collect();
            let total: f32 = heights.iter().sum();
            ui.set_height(total);
            let top = ui.min_rect().top();
            let mut y = 0.0;
            for (problem, height) in problems.iter().zip(&heights) {
                let row_top = y;
                y += height;
                if y < viewport.min.y || row_top > viewport.max.y {
                    continue;
                }
                let rect = egui::Rect::from_min_size(
                    egui::pos2(ui.min_rect().left(), top + row_top),
                    vec2(text_width + 18.0, *height),
                );
                let selected = !problem.items.is_empty()
                    && problem.items.iter().all(|id| selection.contains(id));
                let mut row = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                problem_row_ui(&mut row, problem, selected, text_width, focus);
            }
        });
    if analysis.problems_not_listed > 0 {
        let more = crate::text::and_more(analysis.problems_not_listed, "problem", "problems");
        ui.label(RichText::new(format!("… {more} of these kinds")).weak());
    }
}

/// Conflicts a merge left in the map, each with "Keep ours" and "Keep theirs".
fn conflicts_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    focus: &mut Option<Focus>,
    actions: &mut Vec<Action>,
) {
    if analysis.conflicts.is_empty() {
        return;
    }
    section(
        ui,
        &plural(
            analysis.conflicts.len(),
            "merge conflict",
            "merge conflicts",
        ),
    );
    egui::ScrollArea::vertical()
        .id_salt("conflicts")
        .max_height(ui.available_height() * 0.3)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for conflict in &analysis.conflicts {
                let message = ui
                    .add(
                        egui::Label::new(&conflict.message)
                            .wrap()
                            .sense(Sense::click()),
                    )
                    .on_hover_text("Click to select and show");
                if message.clicked() {
                    *focus = Some(Focus(conflict.items.iter().copied().collect()));
                }
                ui.horizontal(|ui| {
                    for keep in [crate::edit::Keep::Ours, crate::edit::Keep::Theirs] {
                        if ui.button(keep.label()).clicked() {
                            actions.push(
                                editor::Action::ResolveConflict {
                                    index: conflict.index,
                                    keep,
                                }
                                .into(),
                            );
                        }
                    }
                });
                ui.add_space(4.0);
            }
        });
    ui.separator();
}

/// How many lines `text` takes at `width`, from an average glyph width: close enough to size a
/// row, and exact for short texts.
fn estimated_lines(text: &str, width: f32, row_height: f32) -> usize {
    let glyph = row_height * 0.5;
    let per_line = (width / glyph).max(8.0) as usize;
    text.chars().count().div_ceil(per_line).max(1)
}

fn problem_row_ui(
    ui: &mut egui::Ui,
    problem: &crate::analysis::Problem,
    selected: bool,
    width: f32,
    focus: &mut Option<Focus>,
) {
    ui.horizontal_top(|ui| {
        let (dot, _) = ui.allocate_exact_size(vec2(10.0, 14.0), Sense::hover());
        ui.painter()
            .circle_filled(dot.center(), 4.0, kind_color(ui, problem.kind));
        let mut job = egui::text::LayoutJob::simple(
            problem.message.clone(),
            egui::TextStyle::Body.resolve(ui.style()),
            if selected {
                ui.visuals().strong_text_color()
            } else {
                ui.visuals().text_color()
            },
            width,
        );
        job.wrap.max_rows = PROBLEM_MAX_ROWS;
        let response = ui
            .add(egui::Label::new(job).wrap().sense(Sense::click()))
            .on_hover_text(format!(
                "{}: {}\nClick to select and show",
                problem.kind.label(),
                problem.message
            ));
        if selected {
            ui.painter().rect_stroke(
                response.rect.expand(2.0),
                3.0,
                egui::Stroke::new(1.0, ui.visuals().selection.stroke.color),
                egui::StrokeKind::Outside,
            );
        }
        if response.clicked() {
            *focus = Some(Focus(problem.items.iter().copied().collect()));
        }
    });
}

fn funding_ui(ui: &mut egui::Ui, analysis: &Analysis, focus: &mut Option<Focus>) {
    section(ui, "Funding");
    if analysis.funding.funders.is_empty() {
        ui.label(
            "No funding sources yet. Press B to add one, then drag from it to the teams it funds.",
        );
        return;
    }
    for funder in &analysis.funding.funders {
        ui.horizontal_wrapped(|ui| {
            if ui.link(&funder.name).clicked() {
                *focus = Some(Focus(BTreeSet::from([funder.id])));
            }
            if !funder.budget.is_empty() {
                ui.label(RichText::new(format_amounts(&funder.budget)).weak());
            }
        });
        let (bar, _) =
            ui.allocate_exact_size(vec2(ui.available_width().min(260.0), 10.0), Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(bar, 3.0, ui.visuals().faint_bg_color.gamma_multiply(2.0));
        let share = (funder.allocated_percent / 100.0).clamp(0.0, 1.0) as f32;
        let mut filled = bar;
        filled.set_width(bar.width() * share);
        let color = if funder.over_allocated {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().selection.bg_fill
        };
        painter.rect_filled(filled, 3.0, color);
        let text = if funder.over_allocated {
            format!(
                "allocates {} — over budget",
                format_percent(funder.allocated_percent)
            )
        } else {
            format!(
                "allocates {}, {} unallocated",
                format_percent(funder.allocated_percent),
                format_percent(funder.unallocated_percent)
            )
        };
        let label = RichText::new(text).small();
        if funder.over_allocated {
            ui.label(label.color(ui.visuals().error_fg_color));
        } else {
            ui.label(label.weak());
        }
        ui.add_space(4.0);
    }
}

/// A horizontal bar split in each part's colour by its share.
fn stacked_bar(ui: &mut egui::Ui, parts: &[(Color32, f64)]) {
    let (bar, response) =
        ui.allocate_exact_size(vec2(ui.available_width().min(280.0), 14.0), Sense::hover());
    let total: f64 = parts.iter().map(|(_, v)| v).sum();
    if total <= 0.0 {
        ui.painter()
            .rect_filled(bar, 3.0, ui.visuals().faint_bg_color);
        return;
    }
    let mut x = bar.left();
    for (color, value) in parts {
        let width = bar.width() * (*value / total) as f32;
        let part = egui::Rect::from_min_size(egui::pos2(x, bar.top()), vec2(width, bar.height()));
        ui.painter().rect_filled(part, 0.0, *color);
        x += width;
    }
    let _ = response;
}

/// Width of each figure column of the mix tables.
const FIGURE_WIDTH: f32 = 70.0;

/// One row of a mix table: swatch, name (cut to fit, whole on hover), teams, people. Laid out in
/// the panel's width, so a long type name never widens the panel.
fn mix_row(ui: &mut egui::Ui, color: Option<Color32>, cells: [&str; 3]) {
    let [name, teams, people] = cells;
    ui.horizontal(|ui| {
        let (swatch, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
        if let Some(color) = color {
            ui.painter().rect_filled(swatch, 2.0, color);
        }
        let spacing = ui.spacing().item_spacing.x;
        let name_width = (ui.available_width() - 2.0 * (FIGURE_WIDTH + spacing)).max(40.0);
        let height = ui.spacing().interact_size.y;
        let text = |ui: &mut egui::Ui, width: f32, text: &str, weak: bool| {
            let rich = if weak {
                RichText::new(text).small().weak()
            } else {
                RichText::new(text)
            };
            ui.allocate_ui_with_layout(
                vec2(width, height),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_max_width(width);
                    ui.add(egui::Label::new(rich).truncate())
                },
            );
        };
        let weak = color.is_none();
        text(ui, name_width, name, weak);
        text(ui, FIGURE_WIDTH, teams, weak);
        text(ui, FIGURE_WIDTH, people, weak);
    });
}

/// "4 (21 %)": whole percents, as a chart of shares, not an audit.
fn figures_cells(figures: &MixFigures) -> (String, String) {
    (
        format!("{} ({})", figures.teams, format_share(figures.team_share)),
        format!(
            "{} ({})",
            figures.headcount,
            format_share(figures.headcount_share)
        ),
    )
}

fn mix_ui(ui: &mut egui::Ui, doc: &Document, analysis: &Analysis) {
    section(ui, "Model mix");
    let mix = &analysis.model_mix;
    let type_color = |id: Option<crate::model::ModelTypeId>| {
        id.and_then(|id| doc.model_type(id))
            .map_or(Color32::GRAY, |t| color32(Rgba::from(t.color)))
    };
    ui.label(RichText::new("Teams by model type").small().weak());
    let parts: Vec<(Color32, f64)> = mix
        .by_type
        .iter()
        .map(|t| (type_color(t.model_type), t.figures.teams as f64))
        .collect();
    stacked_bar(ui, &parts);
    ui.add_space(4.0);
    mix_row(ui, None, ["Type", "Teams", "People"]);
    for row in &mix.by_type {
        let (teams, people) = figures_cells(&row.figures);
        mix_row(
            ui,
            Some(type_color(row.model_type)),
            [&row.name, &teams, &people],
        );
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Teams by bet horizon").small().weak());
    let shades = |i: usize| {
        let t = i as f32 / mix.by_horizon.len().max(1) as f32;
        Color32::from_rgb(
            (40.0 + 160.0 * t) as u8,
            (110.0 + 60.0 * t) as u8,
            (200.0 - 120.0 * t) as u8,
        )
    };
    let parts: Vec<(Color32, f64)> = mix
        .by_horizon
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (
                if h.horizon.is_none() {
                    Color32::GRAY
                } else {
                    shades(i)
                },
                h.figures.teams as f64,
            )
        })
        .collect();
    stacked_bar(ui, &parts);
    ui.add_space(4.0);
    for (i, row) in mix
        .by_horizon
        .iter()
        .enumerate()
        .filter(|(_, h)| h.figures.teams > 0)
    {
        let color = if row.horizon.is_none() {
            Color32::GRAY
        } else {
            shades(i)
        };
        let (teams, people) = figures_cells(&row.figures);
        mix_row(ui, Some(color), [&row.label, &teams, &people]);
    }
}

fn depended_on_ui(ui: &mut egui::Ui, analysis: &Analysis, focus: &mut Option<Focus>) {
    section(ui, "Most depended on");
    let top: Vec<_> = analysis
        .dependencies
        .most_depended_on
        .iter()
        .filter(|d| d.fan_in > 0)
        .take(5)
        .collect();
    if top.is_empty() {
        ui.label("No dependencies yet.");
        return;
    }
    for team in top {
        ui.horizontal_wrapped(|ui| {
            if ui.link(&team.name).clicked() {
                *focus = Some(Focus(BTreeSet::from([team.team])));
            }
            let verb = if team.fan_in == 1 {
                "depends"
            } else {
                "depend"
            };
            let teams = plural(team.fan_in, "team", "teams");
            ui.label(RichText::new(format!("{teams} {verb} on it")).weak());
        });
    }
}
