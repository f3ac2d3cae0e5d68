//! The `?` overlay: every command with all of its keys, from the command table, and the pointer
//! gestures. It fits the window (scrolling when it must) and closes with Escape or `?`.

use eframe::egui::{self, RichText};

use super::commands::{Command, Menu, shortcut_label};

const GESTURES: [(&str, &str); 6] = [
    ("Add a team", "Double-click empty canvas"),
    ("Rename", "Double-click a team or funding source"),
    ("Link", "Drag from a team's edge to another team"),
    ("Select several", "Drag on empty canvas, or Shift+click"),
    ("Pan", "Scroll, Space+drag or middle-drag"),
    ("Zoom", "Ctrl+scroll or pinch"),
];

pub fn shortcuts_ui(ctx: &egui::Context, open: &mut bool) {
    if !*open {
        return;
    }
    let screen = ctx.content_rect();
    let width = (screen.width() - 40.0).clamp(280.0, 900.0);
    let height = (screen.height() - 80.0).max(160.0);
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .fixed_size([width, height])
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(RichText::new("Escape or ? closes this.").weak());
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let columns = if width >= 760.0 { 2 } else { 1 };
                    ui.columns(columns, |columns| {
                        let two = columns.len() == 2;
                        for (index, menu) in [
                            Menu::File,
                            Menu::Edit,
                            Menu::Insert,
                            Menu::View,
                            Menu::Keyboard,
                            Menu::Help,
                        ]
                        .into_iter()
                        .enumerate()
                        {
                            // File and Edit on the left; Insert, View, moves and Help beside them.
                            let ui = &mut columns[usize::from(two && index >= 2)];
                            menu_keys_ui(ui, menu, index);
                        }
                    });
                    ui.separator();
                    ui.label(RichText::new("Pointer").strong());
                    egui::Grid::new("gestures").num_columns(2).show(ui, |ui| {
                        for (what, how) in GESTURES {
                            ui.label(what);
                            ui.label(how);
                            ui.end_row();
                        }
                    });
                });
        });
}

fn menu_keys_ui(ui: &mut egui::Ui, menu: Menu, index: usize) {
    let title = match menu {
        Menu::Insert => "Insert and tools",
        other => other.title(),
    };
    ui.label(RichText::new(title).strong());
    egui::Grid::new(("shortcuts", index))
        .num_columns(2)
        .show(ui, |ui| {
            for command in Command::all().filter(|c| c.info().menu == menu) {
                let info = command.info();
                if info.shortcuts.is_empty() {
                    continue;
                }
                let keys: Vec<String> = match info.keys_label {
                    Some(label) => vec![label.to_owned()],
                    None => info
                        .shortcuts
                        .iter()
                        .map(|s| shortcut_label(ui.ctx(), s))
                        .collect(),
                };
                let name = ui.label(info.name);
                if !info.hint.is_empty() {
                    name.on_hover_text(info.hint);
                }
                ui.label(RichText::new(keys.join("  or  ")).monospace());
                ui.end_row();
            }
        });
    ui.add_space(6.0);
}
