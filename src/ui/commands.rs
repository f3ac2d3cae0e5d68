//! The command table: every user action with its name, menu and group, all of its shortcuts, its
//! toolbar hint, and when it is enabled and checked. Menus, the toolbar, keyboard handling and the
//! `?` overlay are all drawn from this one table.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, ThemePreference};

use crate::editor::{self, Editor, Tool};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    CompareWith,
    CompareWithSaved,
    StopComparing,
    Import,
    Export,
    SaveViewAsPng,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    ClearSelection,
    Rename,
    SelectNext,
    SelectPrevious,
    SetModelType,
    CycleHorizon,
    CopyAsImage,
    EditModelTypes,
    Arrange,
    ArrangeSelection,
    Tidy,
    GroupSelection,
    Ungroup,
    RemoveFromGroup,
    CollapseGroup,
    ExpandGroup,
    AddTeam,
    AddFundingSource,
    SelectTool,
    DependencyTool,
    FundingTool,
    DependsOnField,
    FundingField,
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
    ShowInsights,
    PresentMode,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    ShowShortcuts,
}

/// Where a command shows up in the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum Menu {
    File,
    Edit,
    Insert,
    View,
    Help,
    /// Keyboard only (arrow nudges); listed in the `?` overlay.
    Keyboard,
}

impl Menu {
    pub fn title(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::Insert => "Insert",
            Self::View => "View",
            Self::Help => "Help",
            Self::Keyboard => "Move selection",
        }
    }
}

/// What a command looks at to say whether it is enabled or checked.
pub struct CommandState<'a> {
    pub editor: &'a Editor,
    pub theme: ThemePreference,
    pub insights_shown: bool,
    pub shortcuts_shown: bool,
    pub presenting: bool,
    /// An arrange is running on a worker thread.
    pub arranging: bool,
}

/// Everything a command declares about itself.
pub struct CommandInfo {
    pub name: &'static str,
    pub menu: Menu,
    /// Commands of a menu come in groups, with a separator between two groups.
    pub group: u8,
    /// Every key that runs it; the first is the one menus show.
    pub shortcuts: &'static [KeyboardShortcut],
    /// What a toolbar button or the `?` overlay says about it; empty when the name says it all.
    pub hint: &'static str,
    pub enabled: fn(&CommandState<'_>) -> bool,
    /// For toggles and choices: whether it is on now.
    pub checked: Option<fn(&CommandState<'_>) -> bool>,
    /// How the `?` overlay writes the keys, when listing each would say less ("1 … 9").
    pub keys_label: Option<&'static str>,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);

fn always(_: &CommandState<'_>) -> bool {
    true
}

fn can(state: &CommandState<'_>, action: &editor::Action) -> bool {
    state.editor.can(action)
}

/// The groups in the selection.
fn selected_groups<'a>(
    state: &'a CommandState<'_>,
) -> impl Iterator<Item = &'a crate::model::Group> + 'a {
    let doc = state.editor.doc();
    state
        .editor
        .session
        .selection
        .iter()
        .filter_map(move |id| doc.groups.get(id))
}

fn has_nodes(state: &CommandState<'_>) -> bool {
    can(state, &editor::Action::Duplicate)
}

const fn entry(name: &'static str, menu: Menu, group: u8) -> CommandInfo {
    CommandInfo {
        name,
        menu,
        group,
        shortcuts: &[],
        hint: "",
        enabled: always,
        checked: None,
        keys_label: None,
    }
}

impl CommandInfo {
    const fn keys(mut self, shortcuts: &'static [KeyboardShortcut]) -> Self {
        self.shortcuts = shortcuts;
        self
    }

    const fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }

    const fn enabled(mut self, enabled: fn(&CommandState<'_>) -> bool) -> Self {
        self.enabled = enabled;
        self
    }

    const fn checked(mut self, checked: fn(&CommandState<'_>) -> bool) -> Self {
        self.checked = Some(checked);
        self
    }

    const fn keys_label(mut self, label: &'static str) -> Self {
        self.keys_label = Some(label);
        self
    }
}

impl Command {
    /// Every command, in menu order.
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
    }

    #[allow(clippy::too_many_lines)] // One arm per command: the table itself.
    pub fn info(self) -> CommandInfo {
        use Menu::{Edit, File, Help, Insert, View};
        match self {
            Self::New => entry("New", File, 0).keys(&const { [key(CMD, Key::N)] }),
            Self::Open => entry("Open…", File, 0).keys(&const { [key(CMD, Key::O)] }),
            Self::Save => entry("Save", File, 1).keys(&const { [key(CMD, Key::S)] }),
            Self::SaveAs => entry("Save as…", File, 1).keys(&const { [key(CMD_SHIFT, Key::S)] }),
            Self::CompareWith => entry("Compare with…", File, 2)
                .hint("Mark what differs from another version of this map"),
            Self::CompareWithSaved => entry("Compare with last saved version", File, 2)
                .hint("Mark what changed since the map was last saved")
                .enabled(|s| s.editor.map().path().is_some()),
            Self::StopComparing => entry("Leave compare view", File, 2)
                .hint("Escape also leaves the compare view")
                .enabled(|s| s.editor.session.compare.is_some()),
            Self::Import => entry("Import…", File, 3)
                .keys(&const { [key(CMD_SHIFT, Key::I)] })
                .hint("Bring teams in from a spreadsheet (CSV, XLSX, ODS), Kumu or draw.io"),
            Self::Export => entry("Export…", File, 3).keys(&const { [key(CMD, Key::E)] }),
            Self::SaveViewAsPng => {
                entry("Save view as PNG…", File, 3).keys(&const { [key(CMD_SHIFT, Key::E)] })
            }
            Self::Quit => entry("Quit", File, 4).keys(&const { [key(CMD, Key::Q)] }),
            Self::Undo => entry("Undo", Edit, 0)
                .keys(&const { [key(CMD, Key::Z)] })
                .enabled(|s| can(s, &editor::Action::Undo)),
            Self::Redo => entry("Redo", Edit, 0)
                .keys(&const { [key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)] })
                .enabled(|s| can(s, &editor::Action::Redo)),
            Self::Cut => entry("Cut", Edit, 1)
                .keys(&const { [key(CMD, Key::X)] })
                .enabled(has_nodes),
            Self::Copy => entry("Copy", Edit, 1)
                .keys(&const { [key(CMD, Key::C)] })
                .enabled(has_nodes),
            Self::Paste => entry("Paste", Edit, 1).keys(&const { [key(CMD, Key::V)] }),
            Self::Duplicate => entry("Duplicate", Edit, 1)
                .keys(&const { [key(CMD, Key::D)] })
                .enabled(has_nodes),
            Self::Delete => entry("Delete", Edit, 1)
                .keys(&const { [key(NONE, Key::Delete), key(NONE, Key::Backspace)] })
                .enabled(|s| can(s, &editor::Action::DeleteSelection)),
            Self::SelectAll => entry("Select all", Edit, 2).keys(&const { [key(CMD, Key::A)] }),
            Self::ClearSelection => entry("Clear selection", Edit, 2)
                .keys(&const { [key(NONE, Key::Escape)] })
                .hint("Escape also leaves a link tool, closes a prompt, a menu or this overlay"),
            Self::Rename => entry("Rename", Edit, 2)
                .keys(&const { [key(NONE, Key::F2), key(NONE, Key::Enter)] })
                .enabled(|s| can(s, &editor::Action::RenameSelection)),
            Self::SelectNext => entry("Select next", Edit, 2)
                .keys(&const { [key(NONE, Key::Tab)] })
                .hint("The next team or funding source in reading order, brought into view"),
            Self::SelectPrevious => {
                entry("Select previous", Edit, 2).keys(&const { [key(SHIFT, Key::Tab)] })
            }
            Self::SetModelType => entry("Set model type", Edit, 2)
                .keys(
                    &const {
                        [
                            key(NONE, Key::Num1),
                            key(NONE, Key::Num2),
                            key(NONE, Key::Num3),
                            key(NONE, Key::Num4),
                            key(NONE, Key::Num5),
                            key(NONE, Key::Num6),
                            key(NONE, Key::Num7),
                            key(NONE, Key::Num8),
                            key(NONE, Key::Num9),
                        ]
                    },
                )
                .keys_label("1 … 9")
                .hint("The selected teams, and new teams after them, take the legend's n-th type"),
            Self::CycleHorizon => entry("Next bet horizon", Edit, 2)
                .keys(&const { [key(NONE, Key::H)] })
                .hint("The selected teams' bet horizon, one step longer (then not set)"),
            Self::CopyAsImage => {
                entry("Copy map as image", Edit, 3).keys(&const { [key(CMD_SHIFT, Key::C)] })
            }
            Self::EditModelTypes => {
                entry("Model types…", Edit, 3).keys(&const { [key(CMD, Key::M)] })
            }
            Self::Arrange => entry("Arrange", Edit, 4)
                .keys(&const { [key(CMD_SHIFT, Key::L)] })
                .hint("Lay the whole map out again in layers along the dependencies, funding sources above the teams they fund")
                .enabled(|s| !s.arranging && s.editor.doc().nodes_bounds().is_some()),
            Self::ArrangeSelection => entry("Arrange selection", Edit, 4)
                .keys(&const { [key(ALT_SHIFT, Key::L)] })
                .hint("Lay out only the selected teams and funding sources, where they were; nothing else moves")
                .enabled(|s| {
                    !s.arranging && s.editor.session.selected_nodes(s.editor.doc()).len() >= 2
                }),
            Self::Tidy => entry("Tidy", Edit, 4)
                .keys(&const { [key(CMD_SHIFT, Key::T)] })
                .hint("Move overlapping boxes apart, each as little as it takes (only the selected ones when there is a selection)")
                .enabled(|s| !s.arranging && can(s, &editor::Action::Tidy)),
            Self::GroupSelection => entry("Group", Edit, 5)
                .keys(&const { [key(CMD, Key::G)] })
                .hint("A new group (a business unit, say) of the selected teams and funding sources")
                .enabled(|s| can(s, &editor::Action::GroupSelection)),
            Self::Ungroup => entry("Ungroup", Edit, 5)
                .keys(&const { [key(CMD_SHIFT, Key::G)] })
                .hint("Remove the selected groups; what they held stays on the map")
                .enabled(|s| can(s, &editor::Action::Ungroup)),
            Self::RemoveFromGroup => entry("Remove from group", Edit, 5)
                .hint("Take the selected teams and funding sources out of their group")
                .enabled(|s| can(s, &editor::Action::RemoveFromGroup)),
            Self::CollapseGroup => entry("Collapse group", Edit, 5)
                .hint("Draw the selected groups as one box each, with their team count and headcount")
                .enabled(|s| {
                    selected_groups(s).any(|g| !g.collapsed)
                }),
            Self::ExpandGroup => entry("Expand group", Edit, 5)
                .hint("Draw the selected collapsed groups with their teams again")
                .enabled(|s| selected_groups(s).any(|g| g.collapsed)),
            Self::AddTeam => entry("Team", Insert, 0)
                .keys(&const { [key(NONE, Key::T)] })
                .hint("A new team at the view's centre: type its name, Enter"),
            Self::AddFundingSource => entry("Funding source", Insert, 0)
                .keys(&const { [key(NONE, Key::B)] })
                .hint("A new funding source at the view's centre: type its name, Enter"),
            Self::SelectTool => entry("Select", Insert, 1)
                .keys(&const { [key(NONE, Key::V)] })
                .hint("Select and move")
                .checked(|s| s.editor.session.tool == Tool::Select),
            Self::DependencyTool => entry("Depends on", Insert, 1)
                .hint("Drag from a team to the team it depends on")
                .checked(|s| s.editor.session.tool == Tool::Dependency),
            Self::FundingTool => entry("Funds", Insert, 1)
                .hint("Drag from a funding source or team to the team it funds")
                .checked(|s| s.editor.session.tool == Tool::Funding),
            Self::DependsOnField => entry("Depends on…", Insert, 2)
                .keys(&const { [key(NONE, Key::D)] })
                .hint("The selected team depends on the teams you type (commas between); with no team selected, the Depends on tool"),
            Self::FundingField => entry("Funds… / Funded by…", Insert, 2)
                .keys(&const { [key(NONE, Key::F)] })
                .hint("The selected source funds the teams you type (\"checkout 40, search 10\"), or the selected team is funded by them; with nothing selected, the Funds tool"),
            Self::NudgeLeft => nudge("Nudge left", &const { [key(NONE, Key::ArrowLeft)] }),
            Self::NudgeRight => nudge("Nudge right", &const { [key(NONE, Key::ArrowRight)] }),
            Self::NudgeUp => nudge("Nudge up", &const { [key(NONE, Key::ArrowUp)] }),
            Self::NudgeDown => nudge("Nudge down", &const { [key(NONE, Key::ArrowDown)] }),
            Self::NudgeLeftFar => {
                nudge("Nudge left (far)", &const { [key(SHIFT, Key::ArrowLeft)] })
            }
            Self::NudgeRightFar => nudge(
                "Nudge right (far)",
                &const { [key(SHIFT, Key::ArrowRight)] },
            ),
            Self::NudgeUpFar => nudge("Nudge up (far)", &const { [key(SHIFT, Key::ArrowUp)] }),
            Self::NudgeDownFar => {
                nudge("Nudge down (far)", &const { [key(SHIFT, Key::ArrowDown)] })
            }
            Self::ZoomIn => entry("Zoom in", View, 0)
                .keys(&const { [key(CMD, Key::Plus), key(CMD, Key::Equals)] }),
            Self::ZoomOut => entry("Zoom out", View, 0).keys(&const { [key(CMD, Key::Minus)] }),
            // "!" is what Shift+1 types on a US layout; Shift+1 is the key elsewhere.
            Self::ZoomToFit => entry("Zoom to fit", View, 0)
                .keys(&const { [key(SHIFT, Key::Num1), key(NONE, Key::Exclamationmark)] }),
            Self::ZoomTo100 => {
                entry("Zoom to 100 %", View, 0).keys(&const { [key(CMD, Key::Num0)] })
            }
            Self::ToggleGrid => entry("Show grid", View, 1)
                .keys(&const { [key(CMD, Key::Quote)] })
                .checked(|s| s.editor.session.view.grid),
            Self::ToggleSnap => entry("Snap to grid", View, 1)
                .keys(&const { [key(CMD_SHIFT, Key::Quote)] })
                .checked(|s| s.editor.session.view.snap),
            Self::ToggleLegend => entry("Show legend", View, 1)
                .keys(&const { [key(NONE, Key::L)] })
                .checked(|s| s.editor.session.view.legend),
            Self::ShowInsights => entry("Insights", View, 1)
                .keys(&const { [key(CMD, Key::I)] })
                .checked(|s| s.insights_shown),
            Self::PresentMode => entry("Present", View, 1)
                .keys(&const { [key(NONE, Key::F5)] })
                .hint("The map alone, fitted to the window, in large type; Escape leaves")
                .checked(|s| s.presenting),
            Self::ThemeSystem => entry("Theme: follow the system", View, 2)
                .checked(|s| s.theme == ThemePreference::System),
            Self::ThemeLight => {
                entry("Theme: light", View, 2).checked(|s| s.theme == ThemePreference::Light)
            }
            Self::ThemeDark => {
                entry("Theme: dark", View, 2).checked(|s| s.theme == ThemePreference::Dark)
            }
            Self::ShowShortcuts => entry("Keyboard shortcuts", Help, 0)
                .keys(&const { [key(NONE, Key::Questionmark)] })
                .checked(|s| s.shortcuts_shown),
        }
    }

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

    /// The editor action a command stands for, when it is one.
    pub fn editor_action(self) -> Option<editor::Action> {
        use crate::model::NodeKind;
        use editor::Action;
        Some(match self {
            Self::Undo => Action::Undo,
            Self::Redo => Action::Redo,
            Self::Duplicate => Action::Duplicate,
            Self::Delete => Action::DeleteSelection,
            Self::SelectAll => Action::SelectAll,
            Self::ClearSelection => Action::ClearSelection,
            Self::Rename => Action::RenameSelection,
            Self::AddTeam => Action::StartNewNode {
                kind: NodeKind::Team,
                center: None,
            },
            Self::AddFundingSource => Action::StartNewNode {
                kind: NodeKind::FundingSource,
                center: None,
            },
            Self::SelectTool => Action::SetTool(Tool::Select),
            Self::DependsOnField => Action::LinkFromSelection(editor::LinkKindChoice::Dependency),
            Self::FundingField => Action::LinkFromSelection(editor::LinkKindChoice::Funding),
            Self::SelectNext => Action::SelectNext { backwards: false },
            Self::SelectPrevious => Action::SelectNext { backwards: true },
            Self::CycleHorizon => Action::CycleHorizon,
            Self::Tidy => Action::Tidy,
            Self::GroupSelection => Action::GroupSelection,
            Self::Ungroup => Action::Ungroup,
            Self::RemoveFromGroup => Action::RemoveFromGroup,
            Self::CollapseGroup => Action::SetCollapsed {
                group: None,
                collapsed: true,
            },
            Self::ExpandGroup => Action::SetCollapsed {
                group: None,
                collapsed: false,
            },
            Self::DependencyTool => Action::SetTool(Tool::Dependency),
            Self::FundingTool => Action::SetTool(Tool::Funding),
            Self::ZoomIn => Action::ZoomBy(1.25),
            Self::ZoomOut => Action::ZoomBy(0.8),
            Self::ZoomToFit => Action::ZoomToFit,
            Self::ZoomTo100 => Action::ZoomTo100,
            Self::ToggleGrid => Action::ToggleGrid,
            Self::ToggleSnap => Action::ToggleSnap,
            Self::ToggleLegend => Action::ToggleLegend,
            Self::StopComparing => Action::StopComparing,
            nudge => Action::Nudge {
                steps: nudge.nudge_steps()?,
            },
        })
    }
}

fn nudge(name: &'static str, shortcuts: &'static [KeyboardShortcut]) -> CommandInfo {
    entry(name, Menu::Keyboard, 0)
        .keys(shortcuts)
        .enabled(has_nodes)
}

/// A shortcut as people write it: "Ctrl+Shift+Z", "?", "Ctrl+'".
pub fn shortcut_label(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    let plain = match shortcut.logical_key {
        Key::Questionmark => Some("?"),
        Key::Exclamationmark => Some("!"),
        _ => None,
    };
    if let Some(plain) = plain
        && shortcut.modifiers.is_none()
    {
        return plain.to_owned();
    }
    let text = ctx.format_shortcut(shortcut);
    let key_name = shortcut.logical_key.name();
    let symbol = match shortcut.logical_key {
        Key::Quote => "'",
        Key::Plus => "+",
        Key::Minus => "-",
        Key::Equals => "=",
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        _ => return text,
    };
    text.strip_suffix(key_name)
        .map_or_else(|| text.clone(), |prefix| format!("{prefix}{symbol}"))
}

/// Every shortcut with its command, in the order they must be checked: more modifiers first,
/// because egui matches modifiers loosely (Ctrl+Shift+Z would otherwise also fire Ctrl+Z).
pub fn by_shortcut_specificity() -> Vec<(KeyboardShortcut, Command)> {
    let mut shortcuts: Vec<(KeyboardShortcut, Command)> = Command::all()
        .flat_map(|c| c.info().shortcuts.iter().map(move |s| (*s, c)))
        .collect();
    shortcuts.sort_by_key(|(s, _)| {
        let m = s.modifiers;
        -(i32::from(m.command || m.ctrl) + i32::from(m.shift) + i32::from(m.alt))
    });
    shortcuts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for (shortcut, command) in by_shortcut_specificity() {
            if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                panic!("{command:?} and {other:?} share {shortcut:?}");
            }
            seen.push((shortcut, command));
        }
    }

    #[test]
    fn shortcuts_with_more_modifiers_are_checked_first() {
        let order = by_shortcut_specificity();
        let position = |wanted: KeyboardShortcut| {
            order
                .iter()
                .position(|(s, _)| *s == wanted)
                .expect("in the table")
        };
        assert!(position(key(CMD_SHIFT, Key::Z)) < position(key(CMD, Key::Z)));
        assert!(position(key(SHIFT, Key::ArrowLeft)) < position(key(NONE, Key::ArrowLeft)));
    }

    #[test]
    fn every_command_has_a_name_and_a_home() {
        for command in Command::all() {
            let info = command.info();
            assert!(!info.name.is_empty(), "{command:?}");
            assert!(
                info.menu != Menu::Keyboard || !info.shortcuts.is_empty(),
                "{command:?} is in no menu and has no key, so nothing reaches it"
            );
        }
    }

    #[test]
    fn redo_and_zoom_have_every_usual_key() {
        assert_eq!(Command::Redo.info().shortcuts.len(), 2);
        assert!(
            Command::ZoomIn
                .info()
                .shortcuts
                .contains(&key(CMD, Key::Equals))
        );
        assert!(
            Command::ZoomToFit
                .info()
                .shortcuts
                .contains(&key(NONE, Key::Exclamationmark))
        );
    }
}
