//! Bounds on everything a document holds, so a hostile file or paste is refused instead of exhausting memory.

/// Largest map file we read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest nesting the RON parser follows before refusing (a map needs about 5).
pub const MAX_NESTING: usize = 32;

pub const MAX_TEAMS: usize = 100_000;
pub const MAX_SOURCES: usize = 10_000;
pub const MAX_LINKS: usize = 500_000;
pub const MAX_MODEL_TYPES: usize = 256;
pub const MAX_GROUPS: usize = 10_000;
/// Levels of nesting: a value stream inside a business unit is level 2. Real maps use 2 or 3.
pub const MAX_GROUP_DEPTH: usize = 8;

/// Names and titles, in characters.
pub const MAX_NAME_CHARS: usize = 500;
/// Notes, descriptions and link labels, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_CURRENCY_CHARS: usize = 12;

/// Positions stay within ±this many canvas units of the origin.
pub const MAX_COORDINATE: f32 = 1_000_000.0;
pub const MIN_TEAM_SIDE: f32 = 16.0;
pub const MAX_TEAM_SIDE: f32 = 4_000.0;
pub const MAX_HEADCOUNT: u32 = 1_000_000;
pub const MAX_BUDGET: f64 = 1e15;

/// Largest id a team, funding source, link, group or model type may have: 2^53 − 1, the largest integer
/// a JSON reader keeps exactly. Far above any real map, and far enough below `u64::MAX` that the
/// next id never wraps onto an existing one.
pub const MAX_ID: u64 = (1 << 53) - 1;
