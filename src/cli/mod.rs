//! Command-line interface: arguments, inputs, config lookup, output and exit codes.
//!
//! Part of the library (feature `cli`, on by default) so that every distribution runs the same
//! command: the `checkout-lint` binary, and the Python package's console script.
//!
//! Exit codes follow ruff: 0 nothing at or above `--fail-on`, 1 findings, 2 the tool could not
//! do its job (missing file, unreadable directory, bad config, bad flag).

mod args;
mod atomic;
mod check;
mod configs;
mod coverage;
mod diff;
mod docs;
mod fixes;
mod inputs;
mod job;
mod lsp;
mod project_of;
mod pull;
mod read;
mod repository;
mod select;
mod traverse;
mod walk;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

use args::{CatalogueCommand, Cli, Command};

/// Exit code when the tool could not do its job.
const EXIT_TOOL_ERROR: u8 = 2;

#[doc(hidden)]
pub use lsp::serve_bytes as lsp_serve_bytes;
#[doc(hidden)]
pub use lsp::serve_bytes_answers as lsp_serve_bytes_answers;

/// Runs the command line of this process.
pub fn run() -> ExitCode {
    ExitCode::from(run_from(std::env::args_os()))
}

/// Runs a command line (program name first) and returns its exit code.
pub fn run_from<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help/version to stdout with code 0 and usage errors with code 2.
            let _ = err.print();
            return u8::try_from(err.exit_code()).unwrap_or(EXIT_TOOL_ERROR);
        }
    };
    let outcome = match cli.command {
        Some(Command::Rules { format }) => print(&docs::list(format)).map(|()| 0),
        Some(Command::Explain { rule }) => {
            docs::explain(&rule).and_then(|page| print(&page).map(|()| 0))
        }
        Some(Command::Lsp { stdio: _ }) => lsp::run(),
        Some(Command::Catalogue {
            command: CatalogueCommand::Pull(args),
        }) => pull::run(&args),
        None => check::run(&cli.check),
    };
    outcome.unwrap_or_else(|message| {
        // Messages carry file names, config keys and glob errors from the repository: nothing
        // of theirs may reach the terminal raw.
        eprintln!(
            "checkout-lint: error: {}",
            crate::text::escape_lines(&message)
        );
        EXIT_TOOL_ERROR
    })
}

/// Writes to standard output; a closed pipe (`| head`) is not an error worth reporting.
fn print(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    Ok(())
}
