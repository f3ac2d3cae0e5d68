//! Writes a generated map: `cargo run --release --example generate_map -- --teams N --links M --seed S -o FILE`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser as _;
use teamscape::generate::{GenerateOptions, generate};

/// Generate a large, realistic map: teams in clusters, each funded by its business unit, with
/// dependencies mostly inside a cluster.
#[derive(Debug, clap::Parser)]
struct Args {
    #[arg(long, default_value_t = 1_000)]
    teams: usize,
    /// Funding and dependency links together (about a third are funding).
    #[arg(long, default_value_t = 3_000)]
    links: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the map (RON).
    #[arg(short, long)]
    output: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let doc = generate(GenerateOptions {
        teams: args.teams,
        links: args.links,
        seed: args.seed,
    });
    match teamscape::file::save(&doc, &args.output) {
        Ok(()) => {
            println!(
                "wrote {}: {} teams, {} funding sources, {} links",
                args.output.display(),
                doc.teams.len(),
                doc.sources.len(),
                doc.links.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
