//! `dsr-desk`: parse the command line and dispatch; nothing else.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    dsr_desk::cli::run(dsr_desk::cli::Cli::parse()).await
}
