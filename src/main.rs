//! The `plenary` binary: parses the command line and hands it to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    match plenary::cli::run(plenary::cli::Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("plenary: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
