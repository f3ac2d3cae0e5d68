//! The command table: every user action with its name, menu, shortcut and when it is enabled.
//! Menus, keyboard shortcuts and the `?` overlay are all drawn from this one list.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    Save,
    Quit,
    SaveAs,
    Export,
    SaveViewAsPng,
    CopyAsImage,
    Undo,
    Redo,
    RedoAlt,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    DeleteBackspace,
    SelectAll,
    ClearSelection,
    Rename,
    AddTeam,
    AddFundingSource,
    SelectTool,
    DependencyTool,
    FundingTool,
    NudgeLeft,
    NudgeRight,
    NudgeUp,
    NudgeDown,
    NudgeLeftFar,
    NudgeRightFar,
    NudgeUpFar,
    NudgeDownFar,
    ZoomIn,
    ZoomOut,
    ZoomToFit,
    ZoomTo100,
    ToggleGrid,
    ToggleSnap,
    ToggleLegend,
    EditModelTypes,
    ShowInsights,
    ShowShortcuts,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
}

impl Command {
    /// For the nudge commands: how far they move the selection, in steps (a far nudge is 5).
    pub fn nudge_steps(self) -> Option<(f32, f32)> {
        Some(match self {
            Self::NudgeLeft => (-1.0, 0.0),
            Self::NudgeRight => (1.0, 0.0),
            Self::NudgeUp => (0.0, -1.0),
            Self::NudgeDown => (0.0, 1.0),
            Self::NudgeLeftFar => (-5.0, 0.0),
            Self::NudgeRightFar => (5.0, 0.0),
            Self::NudgeUpFar => (0.0, -5.0),
            Self::NudgeDownFar => (0.0, 5.0),
            _ => return None,
        })
    }
}

/// Where a command shows up in the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Insert,
    View,
    Help,
    /// Keyboard only (an alternative key for another command, or arrow nudges).
    None,
}

pub struct CommandInfo {
    pub command: Command,
    pub name: &'static str,
    pub menu: Menu,
    pub shortcut: Option<KeyboardShortcut>,
}

const fn key(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;

const fn info(
    command: Command,
    name: &'static str,
    menu: Menu,
    shortcut: Option<KeyboardShortcut>,
) -> CommandInfo {
    CommandInfo {
        command,
        name,
        menu,
        shortcut,
    }
}

/// Every command, in menu order.
pub const COMMANDS: &[CommandInfo] = &[
    info(Command::New, "New", Menu::File, key(CMD, Key::N)),
    info(Command::Open, "Open…", Menu::File, key(CMD, Key::O)),
    info(Command::Save, "Save", Menu::File, key(CMD, Key::S)),
    info(
        Command::SaveAs,
        "Save as…",
        Menu::File,
        key(CMD_SHIFT, Key::S),
    ),
    info(Command::Export, "Export…", Menu::File, key(CMD, Key::E)),
    info(
        Command::SaveViewAsPng,
        "Save view as PNG…",
        Menu::File,
        key(CMD_SHIFT, Key::E),
    ),
    info(
        Command::CopyAsImage,
        "Copy map as image",
        Menu::Edit,
        key(CMD_SHIFT, Key::C),
    ),
    info(Command::Quit, "Quit", Menu::File, key(CMD, Key::Q)),
    info(Command::Undo, "Undo", Menu::Edit, key(CMD, Key::Z)),
    info(Command::Redo, "Redo", Menu::Edit, key(CMD_SHIFT, Key::Z)),
    info(Command::RedoAlt, "Redo", Menu::None, key(CMD, Key::Y)),
    info(Command::Cut, "Cut", Menu::Edit, key(CMD, Key::X)),
    info(Command::Copy, "Copy", Menu::Edit, key(CMD, Key::C)),
    info(Command::Paste, "Paste", Menu::Edit, key(CMD, Key::V)),
    info(
        Command::Duplicate,
        "Duplicate",
        Menu::Edit,
        key(CMD, Key::D),
    ),
    info(
        Command::Delete,
        "Delete",
        Menu::Edit,
        key(NONE, Key::Delete),
    ),
    info(
        Command::DeleteBackspace,
        "Delete",
        Menu::None,
        key(NONE, Key::Backspace),
    ),
    info(
        Command::SelectAll,
        "Select all",
        Menu::Edit,
        key(CMD, Key::A),
    ),
    info(
        Command::ClearSelection,
        "Clear selection",
        Menu::Edit,
        key(NONE, Key::Escape),
    ),
    info(Command::Rename, "Rename", Menu::Edit, key(NONE, Key::F2)),
    info(
        Command::EditModelTypes,
        "Model types…",
        Menu::Edit,
        key(CMD, Key::M),
    ),
    info(Command::AddTeam, "Team", Menu::Insert, key(NONE, Key::T)),
    info(
        Command::AddFundingSource,
        "Funding source",
        Menu::Insert,
        key(NONE, Key::B),
    ),
    info(
        Command::SelectTool,
        "Select tool",
        Menu::Insert,
        key(NONE, Key::V),
    ),
    info(
        Command::DependencyTool,
        "Dependency link tool",
        Menu::Insert,
        key(NONE, Key::D),
    ),
    info(
        Command::FundingTool,
        "Funding link tool",
        Menu::Insert,
        key(NONE, Key::F),
    ),
    info(
        Command::NudgeLeftFar,
        "Nudge left (far)",
        Menu::None,
        key(SHIFT, Key::ArrowLeft),
    ),
    info(
        Command::NudgeRightFar,
        "Nudge right (far)",
        Menu::None,
        key(SHIFT, Key::ArrowRight),
    ),
    info(
        Command::NudgeUpFar,
        "Nudge up (far)",
        Menu::None,
        key(SHIFT, Key::ArrowUp),
    ),
    info(
        Command::NudgeDownFar,
        "Nudge down (far)",
        Menu::None,
        key(SHIFT, Key::ArrowDown),
    ),
    info(
        Command::NudgeLeft,
        "Nudge left",
        Menu::None,
        key(NONE, Key::ArrowLeft),
    ),
    info(
        Command::NudgeRight,
        "Nudge right",
        Menu::None,
        key(NONE, Key::ArrowRight),
    ),
    info(
        Command::NudgeUp,
        "Nudge up",
        Menu::None,
        key(NONE, Key::ArrowUp),
    ),
    info(
        Command::NudgeDown,
        "Nudge down",
        Menu::None,
        key(NONE, Key::ArrowDown),
    ),
    info(Command::ZoomIn, "Zoom in", Menu::View, key(CMD, Key::Plus)),
    info(
        Command::ZoomOut,
        "Zoom out",
        Menu::View,
        key(CMD, Key::Minus),
    ),
    info(
        Command::ZoomToFit,
        "Zoom to fit",
        Menu::View,
        key(SHIFT, Key::Num1),
    ),
    info(
        Command::ZoomTo100,
        "Zoom to 100 %",
        Menu::View,
        key(CMD, Key::Num0),
    ),
    info(
        Command::ToggleGrid,
        "Show grid",
        Menu::View,
        key(CMD, Key::Quote),
    ),
    info(
        Command::ToggleSnap,
        "Snap to grid",
        Menu::View,
        key(CMD_SHIFT, Key::Quote),
    ),
    info(
        Command::ToggleLegend,
        "Show legend",
        Menu::View,
        key(NONE, Key::L),
    ),
    info(
        Command::ShowInsights,
        "Insights",
        Menu::View,
        key(CMD, Key::I),
    ),
    info(
        Command::ThemeSystem,
        "Theme: follow the system",
        Menu::View,
        None,
    ),
    info(Command::ThemeLight, "Theme: light", Menu::View, None),
    info(Command::ThemeDark, "Theme: dark", Menu::View, None),
    info(
        Command::ShowShortcuts,
        "Keyboard shortcuts",
        Menu::Help,
        key(NONE, Key::Questionmark),
    ),
];

/// A shortcut as people write it: "Ctrl+Shift+Z", "?", "Ctrl+'".
pub fn shortcut_label(ctx: &eframe::egui::Context, shortcut: &KeyboardShortcut) -> String {
    if shortcut.logical_key == Key::Questionmark {
        return "?".to_owned();
    }
    let text = ctx.format_shortcut(shortcut);
    let key_name = shortcut.logical_key.name();
    let symbol = match shortcut.logical_key {
        Key::Quote => "'",
        Key::Plus => "+",
        Key::Minus => "-",
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        _ => return text,
    };
    text.strip_suffix(key_name)
        .map_or_else(|| text.clone(), |prefix| format!("{prefix}{symbol}"))
}

/// Commands in the order their shortcuts must be checked: more modifiers first, because egui
/// matches modifiers loosely (Ctrl+Shift+Z would otherwise also fire Ctrl+Z).
pub fn by_shortcut_specificity() -> Vec<&'static CommandInfo> {
    let mut commands: Vec<&CommandInfo> =
        COMMANDS.iter().filter(|c| c.shortcut.is_some()).collect();
    commands.sort_by_key(|c| {
        c.shortcut.map_or(0, |s| {
            let m = s.modifiers;
            -(i32::from(m.command || m.ctrl) + i32::from(m.shift) + i32::from(m.alt))
        })
    });
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command; the match makes adding a variant without listing it here a compile error.
    fn every_command() -> Vec<Command> {
        use Command::*;
        let all = vec![
            New,
            Open,
            Save,
            Quit,
            SaveAs,
            Export,
            SaveViewAsPng,
            CopyAsImage,
            Undo,
            Redo,
            RedoAlt,
            Cut,
            Copy,
            Paste,
            Duplicate,
            Delete,
            DeleteBackspace,
            SelectAll,
            ClearSelection,
            Rename,
            AddTeam,
            AddFundingSource,
            SelectTool,
            DependencyTool,
            FundingTool,
            NudgeLeft,
            NudgeRight,
            NudgeUp,
            NudgeDown,
            NudgeLeftFar,
            NudgeRightFar,
            NudgeUpFar,
            NudgeDownFar,
            ZoomIn,
            ZoomOut,
            ZoomToFit,
            ZoomTo100,
            ToggleGrid,
            ToggleSnap,
            ToggleLegend,
            EditModelTypes,
            ShowInsights,
            ShowShortcuts,
            ThemeSystem,
            ThemeLight,
            ThemeDark,
        ];
        for command in &all {
            match command {
                New | Open | Save | Quit | SaveAs | Export | SaveViewAsPng | CopyAsImage | Undo
                | Redo | RedoAlt | Cut | Copy | Paste | Duplicate | Delete | DeleteBackspace
                | SelectAll | ClearSelection | Rename | AddTeam | AddFundingSource | SelectTool
                | DependencyTool | FundingTool | NudgeLeft | NudgeRight | NudgeUp | NudgeDown
                | NudgeLeftFar | NudgeRightFar | NudgeUpFar | NudgeDownFar | ZoomIn | ZoomOut
                | ZoomToFit | ZoomTo100 | ToggleGrid | ToggleSnap | ToggleLegend
                | EditModelTypes | ShowInsights | ShowShortcuts | ThemeSystem | ThemeLight
                | ThemeDark => {}
            }
        }
        all
    }

    #[test]
    fn every_command_is_in_the_table() {
        for command in every_command() {
            assert!(
                COMMANDS.iter().any(|c| c.command == command),
                "{command:?} has no entry, so no menu or shortcut reaches it"
            );
        }
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for c in COMMANDS {
            if let Some(shortcut) = c.shortcut {
                assert!(!seen.contains(&shortcut), "{} repeats a shortcut", c.name);
                seen.push(shortcut);
            }
        }
    }

    #[test]
    fn shortcuts_with_more_modifiers_are_checked_first() {
        let order = by_shortcut_specificity();
        let redo = order
            .iter()
            .position(|c| c.command == Command::Redo)
            .expect("redo");
        let undo = order
            .iter()
            .position(|c| c.command == Command::Undo)
            .expect("undo");
        assert!(redo < undo);
    }
}
