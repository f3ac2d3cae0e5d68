//! The `teamscape` binary: parses arguments, then runs a subcommand or starts the app.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let args = teamscape::cli::Args::parse();
    teamscape::cli::run(args)
}
