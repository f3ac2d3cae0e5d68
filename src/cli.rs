//! The command line: `teamscape [FILE]` starts the app; `check`, `fmt`, `diff` and the git helpers work without a window.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::diff::{self, Diff, DiffFormat};
use crate::analysis::merge::merge;
use crate::analysis::{self, Analysis, CheckReport, LoadFailure, MapReport};
use crate::file;
use crate::model::{Document, LinkKind};
use crate::text::{for_terminal, format_count, plural};

/// Map how teams depend on each other and how they are funded.
#[derive(Debug, clap::Parser)]
#[command(
    name = "teamscape",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Map to open in the app. Without one, the bundled example opens.
    pub file: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Load and validate maps; print a summary of each and its findings: problems, funding per
    /// source, model mix, most depended-on teams.
    ///
    /// Exits 0 when no map has problems, 1 when one has and 2 when one cannot be loaded.
    Check {
        /// `text` for people, `json` for scripts (one JSON document for all the files).
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite maps in canonical form (stable order, one item per line), atomically.
    ///
    /// The canonical form has no comments: a map with comments is left alone (exit 1) unless
    /// `--drop-comments` says to remove them.
    Fmt {
        /// Change nothing; exit 1 when a map is not in canonical form.
        #[arg(long)]
        check: bool,
        /// Rewrite maps that have comments too, removing the comments.
        #[arg(long)]
        drop_comments: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export a map as PNG, SVG, draw.io, Mermaid, DOT or JSON Canvas, or (`-o folder/`) as CSV
    /// tables, without a window.
    Export(crate::export::cli::ExportArgs),
    /// Bring a map in and save it as a map file: the tables `export` writes (a folder of CSV
    /// files or an .xlsx workbook, read back without loss), a CSV or workbook sheet with a row
    /// per team, a Kumu blueprint (.json, or Kumu's two-sheet workbook) or a draw.io diagram.
    ///
    /// Prints what was read, what was guessed and every row or cell that was skipped, and why.
    /// Exits 0 when written, 2 when nothing can be read (the message names the file, sheet, row
    /// and column).
    Import {
        /// The file or folder to read: folder/, .csv, .xlsx, .ods, .json or .drawio.
        input: PathBuf,
        /// The map file to write.
        #[arg(short, long, value_name = "MAP.ron")]
        output: PathBuf,
    },
    /// Lay a map out again: teams in layers along their dependencies (a team above what it
    /// depends on), funding sources in a row above the teams they fund; write it to OUT.
    ///
    /// Prints how many links pass through a box and how many pairs cross, before and after.
    /// Exits 0 when written, 1 when it cannot be written, 2 when the map cannot be loaded.
    Arrange {
        file: PathBuf,
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
    },
    /// How readable each map's links are: links that pass through a team or funding source that
    /// is not one of their ends, and pairs of links that cross, with the links routed as they are
    /// drawn (and, in brackets, as if drawn straight).
    ///
    /// Exits 0, or 2 when a map cannot be loaded.
    Readability {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// What changed from OLD to NEW: items matched by id, field by field, with funding, headcount,
    /// problems and model mix before and after. Also a git difftool.
    ///
    /// Exits 0 when the maps are the same, 1 when they differ and 2 when one cannot be loaded.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// List every moved or resized item instead of counting them.
        #[arg(long)]
        layout: bool,
        /// `text` for people, `markdown` for a pull request, `json` for scripts.
        #[arg(long, value_enum, default_value_t = DiffFormatArg::Text)]
        format: DiffFormatArg,
    },
    /// Print a map as stable text, one line per item without positions: a git textconv.
    Textconv { file: PathBuf },
    /// Git merge driver: merge %A and %B (both changed from %O) into %A, per item and per field.
    ///
    /// Conflicts keep our value and are recorded in the map, which still opens; exits 1 when there
    /// are any (git then stops for you), 2 when a version cannot be loaded.
    MergeDriver {
        /// %O: the common ancestor.
        base: PathBuf,
        /// %A: our version; the merged map is written here.
        ours: PathBuf,
        /// %B: their version.
        theirs: PathBuf,
        /// %P: the map's path in the repository, for messages.
        path: Option<String>,
    },
}

/// How `teamscape diff` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormatArg {
    Text,
    Json,
    Markdown,
}

/// How `teamscape check` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// Exit codes shared by the subcommands.
const EXIT_FINDINGS: u8 = 1;
const EXIT_UNLOADABLE: u8 = 2;

pub fn run(args: Args) -> ExitCode {
    match args.command {
        None => open_window(args.file),
        Some(Command::Check { format, files }) => check(&files, format),
        Some(Command::Fmt {
            check,
            drop_comments,
            files,
        }) => fmt(&files, check, drop_comments),
        Some(Command::Export(export)) => crate::export::cli::run(&export),
        Some(Command::Diff {
            old,
            new,
            layout,
            format,
        }) => compare(&old, &new, layout, format),
        Some(Command::Textconv { file }) => textconv(&file),
        Some(Command::Arrange { file, output }) => arrange(&file, &output),
        Some(Command::Readability { files }) => readability(&files),
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        }) => merge_driver(&base, &ours, &theirs, path.as_deref()),
        Some(Command::Import { input, output }) => import(&input, &output),
    }
}

/// `teamscape import FOLDER -o MAP.ron`.
fn import(input: &Path, output: &Path) -> ExitCode {
    let imported = match crate::import::import(input) {
        Ok(imported) => imported,
        Err(error) => {
            warn(&format!("error: {error}"));
            return ExitCode::from(EXIT_UNLOADABLE);
        }
    };
    let doc = &imported.doc;
    match crate::file::save(doc, output) {
        Ok(()) => {
            say(&format!(
                "{}wrote {}: {}, {}, {}\n",
                for_terminal(&imported.report.to_string()),
                output.display(),
                plural(doc.teams.len(), "team", "teams"),
                plural(doc.sources.len(), "funding source", "funding sources"),
                plural(doc.links.len(), "link", "links"),
            ));
            ExitCode::SUCCESS
        }
        Err(error) => {
            warn(&format!("error: {error}"));
            ExitCode::from(EXIT_FINDINGS)
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(file: Option<PathBuf>) -> ExitCode {
    crate::ui::run(file)
}

#[cfg(not(feature = "gui"))]
fn open_window(_file: Option<PathBuf>) -> ExitCode {
    warn("This Teamscape was built without its window (the \"gui\" feature); use a subcommand");
    ExitCode::from(EXIT_UNLOADABLE)
}

fn check(files: &[PathBuf], format: CheckFormat) -> ExitCode {
    let mut worst = 0;
    let mut report = CheckReport::default();
    for (index, path) in files.iter().enumerate() {
        match file::load(path) {
            Ok(doc) => {
                let analysis = Analysis::of(&doc);
                if analysis.has_problems() {
                    worst = worst.max(EXIT_FINDINGS);
                }
                if format == CheckFormat::Json {
                    let file = path.display().to_string();
                    report
                        .maps
                        .push(MapReport::new(file, doc.title.clone(), analysis));
                    continue;
                }
                if index > 0 {
                    say("\n");
                }
                if files.len() > 1 {
                    say(&format!("{}\n", path.display()));
                }
                say(&summary(&doc));
                say(&analysis::text_report(&analysis));
            }
            Err(error) => {
                warn(&format!("error: {error}"));
                worst = worst.max(EXIT_UNLOADABLE);
                report.errors.push(LoadFailure {
                    file: path.display().to_string(),
                    message: error.to_string(),
                });
            }
        }
    }
    if format == CheckFormat::Json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => say(&format!("{json}\n")),
            Err(error) => {
                warn(&format!(
                    "error: cannot write the findings as JSON: {error}"
                ));
                worst = worst.max(EXIT_UNLOADABLE);
            }
        }
    }
    ExitCode::from(worst)
}

fn fmt(files: &[PathBuf], check_only: bool, drop_comments: bool) -> ExitCode {
    let mut worst = 0;
    for path in files {
        let result = std::fs::read(path)
            .map_err(|source| file::LoadError::Io {
                origin: path.display().to_string(),
                source,
            })
            .and_then(|bytes| {
                let doc = file::parse_bytes(&bytes, &path.display().to_string())?;
                Ok((bytes, doc))
            });
        let (bytes, doc) = match result {
            Ok(loaded) => loaded,
            Err(error) => {
                warn(&format!("error: {error}"));
                worst = worst.max(EXIT_UNLOADABLE);
                continue;
            }
        };
        let canonical = file::to_string(&doc);
        if bytes == canonical.as_bytes() {
            continue;
        }
        let comment = std::str::from_utf8(&bytes)
            .ok()
            .and_then(file::first_comment_line);
        if let (Some(line), false) = (comment, drop_comments) {
            let verb = if check_only {
                "would remove"
            } else {
                "removes"
            };
            warn(&format!(
                "{} has comments (the first on line {line}); `teamscape fmt` {verb} them, so it is \
                 left alone. Move them into notes or descriptions, or run `teamscape fmt \
                 --drop-comments`",
                path.display()
            ));
            worst = worst.max(EXIT_FINDINGS);
        } else if check_only {
            let why = older_version(&bytes).map_or_else(
                || "is not in canonical form".to_owned(),
                |version| format!("is in file format version {version}, not {}", file::VERSION),
            );
            warn(&format!(
                "{} {why}; run `teamscape fmt` on it",
                path.display()
            ));
            worst = worst.max(EXIT_FINDINGS);
        } else if let Err(error) = file::write_atomically(path, canonical.as_bytes()) {
            warn(&format!("error: cannot write {}: {error}", path.display()));
            worst = worst.max(EXIT_UNLOADABLE);
        } else {
            match older_version(&bytes) {
                Some(version) => say(&format!(
                    "migrated {} from file format version {version} to version {}\n",
                    path.display(),
                    file::VERSION
                )),
                None => say(&format!("formatted {}\n", path.display())),
            }
        }
    }
    ExitCode::from(worst)
}

/// The version of a map file older than the one this Teamscape writes, if it is one.
fn older_version(bytes: &[u8]) -> Option<u32> {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(file::file_version)
        .filter(|&version| version < file::VERSION)
}

/// Writes a report to standard output, with anything risky in names made visible rather than
/// obeyed (see [`for_terminal`]). A reader that has gone away (`check … | head`) is not an error:
/// the rest is dropped quietly.
pub fn say(text: &str) {
    let _ = std::io::stdout()
        .lock()
        .write_all(for_terminal(text).as_bytes());
}

/// Writes one line to standard error, like [`say`]; a closed stream is not an error either.
pub fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", for_terminal(line));
}

fn load_or_report(path: &Path) -> Option<Document> {
    file::load(path)
        .inspect_err(|error| warn(&format!("error: {error}")))
        .ok()
}

fn compare(old: &Path, new: &Path, layout: bool, format: DiffFormatArg) -> ExitCode {
    let (Some(old), Some(new)) = (load_or_report(old), load_or_report(new)) else {
        return ExitCode::from(EXIT_UNLOADABLE);
    };
    let diff = Diff::of(&old, &new);
    let format = match format {
        DiffFormatArg::Text => DiffFormat::Text,
        DiffFormatArg::Json => DiffFormat::Json,
        DiffFormatArg::Markdown => DiffFormat::Markdown,
    };
    say(&diff::render(&diff, format, layout));
    ExitCode::from(if diff.is_empty() { 0 } else { EXIT_FINDINGS })
}

/// "50 links: 0 through a box, 54 crossing pairs".
fn describe_quality(quality: crate::layout::quality::Quality) -> String {
    format!(
        "{}: {} through a box, {}",
        plural(quality.links, "link", "links"),
        format_count(quality.through_boxes),
        plural(quality.crossings, "crossing pair", "crossing pairs"),
    )
}

fn arrange(path: &Path, output: &Path) -> ExitCode {
    let Some(mut doc) = load_or_report(path) else {
        return ExitCode::from(EXIT_UNLOADABLE);
    };
    let before = crate::layout::quality::measure(&doc);
    let all = doc.node_ids().collect();
    crate::layout::arrange(&mut doc, &all);
    let after = crate::layout::quality::measure(&doc);
    match crate::file::save(&doc, output) {
        Ok(()) => {
            say(&format!(
                "before: {}\nafter:  {}\nwrote {}\n",
                describe_quality(before),
                describe_quality(after),
                output.display()
            ));
            ExitCode::SUCCESS
        }
        Err(error) => {
            warn(&format!("error: {error}"));
            ExitCode::from(EXIT_FINDINGS)
        }
    }
}

fn readability(files: &[PathBuf]) -> ExitCode {
    let mut code = ExitCode::SUCCESS;
    for path in files {
        match load_or_report(path) {
            Some(doc) => {
                // As drawn: a collapsed group is one box, and the links of its teams end on it.
                let doc = crate::scene::collapse::shown(&doc);
                let straight = crate::scene::Routes::straight(&doc);
                say(&format!(
                    "{}: {} (drawn straight: {})\n",
                    for_terminal(&path.display().to_string()),
                    describe_quality(crate::layout::quality::measure(&doc)),
                    describe_quality(crate::layout::quality::measure_routed(&doc, &straight))
                        .split_once(": ")
                        .map_or(String::new(), |(_, counts)| counts.to_owned()),
                ))
            }
            None => code = ExitCode::from(EXIT_UNLOADABLE),
        }
    }
    code
}

fn textconv(path: &Path) -> ExitCode {
    let Some(doc) = load_or_report(path) else {
        return ExitCode::from(EXIT_UNLOADABLE);
    };
    say(&diff::outline(&doc));
    ExitCode::SUCCESS
}

fn merge_driver(base: &Path, ours: &Path, theirs: &Path, shown: Option<&str>) -> ExitCode {
    let shown = shown.map_or_else(|| ours.display().to_string(), str::to_owned);
    let (Some(base), Some(our_doc), Some(their_doc)) = (
        load_or_report(base),
        load_or_report(ours),
        load_or_report(theirs),
    ) else {
        warn(&format!(
            "error: cannot merge {shown}: a version does not load; left as ours"
        ));
        return ExitCode::from(EXIT_UNLOADABLE);
    };
    let merged = match merge(&base, &our_doc, &their_doc) {
        Ok(merged) => merged,
        Err(problems) => {
            warn(&format!(
                "error: cannot merge {shown}: the merge is invalid: {problems}"
            ));
            return ExitCode::from(EXIT_UNLOADABLE);
        }
    };
    if let Err(error) = file::write_atomically(ours, file::to_string(&merged).as_bytes()) {
        warn(&format!(
            "error: cannot write the merge of {shown}: {error}"
        ));
        return ExitCode::from(EXIT_UNLOADABLE);
    }
    let analysis = Analysis::of(&merged);
    if analysis.conflicts.is_empty() {
        return ExitCode::SUCCESS;
    }
    warn(&format!(
        "{shown}: {} kept in the map (ours kept; resolve them in Teamscape):",
        plural(
            analysis.conflicts.len(),
            "merge conflict",
            "merge conflicts"
        )
    ));
    for conflict in &analysis.conflicts {
        warn(&format!("  {}", conflict.message));
    }
    ExitCode::from(EXIT_FINDINGS)
}

/// Title, counts, and teams per model type (in legend order), as printed by `teamscape check`.
pub fn summary(doc: &Document) -> String {
    let funding = doc.links.values().filter(|l| l.kind.is_funding()).count();
    let dependencies = doc
        .links
        .values()
        .filter(|l| l.kind == LinkKind::Dependency)
        .count();
    let title = if doc.title.is_empty() {
        "(untitled map)"
    } else {
        &doc.title
    };
    let mut out = String::new();
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "  {}, {}, {} ({} dependency, {} funding)",
        plural(doc.teams.len(), "team", "teams"),
        plural(doc.sources.len(), "funding source", "funding sources"),
        plural(doc.links.len(), "link", "links"),
        format_count(dependencies),
        format_count(funding),
    );
    let _ = writeln!(out, "  Teams per model type:");
    let width = doc
        .palette
        .iter()
        .map(|t| t.name.chars().count())
        .max()
        .unwrap_or(0);
    for model_type in &doc.palette {
        let count = doc.teams_of_type(model_type.id).count();
        let _ = writeln!(
            out,
            "    {:<width$}  {:>5}",
            model_type.name,
            format_count(count)
        );
    }
    out
}
