//! Command-line interface: arguments, inputs, config lookup, output and exit codes.
//!
//! Exit codes follow ruff: 0 no error-severity diagnostic, 1 at least one, 2 the tool could not
//! do its job (missing file, bad config, bad flag).

mod args;
mod configs;
mod inputs;

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Parser;

use checkout_lint::{Report, render};

use args::{Args, ColorChoice, Format};
use configs::Configs;
use inputs::Input;

/// Exit code when the tool could not do its job.
const EXIT_TOOL_ERROR: u8 = 2;

pub fn run() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            // clap prints help/version to stdout with code 0 and usage errors with code 2.
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(EXIT_TOOL_ERROR));
        }
    };
    match lint(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("checkout-lint: error: {message}");
            ExitCode::from(EXIT_TOOL_ERROR)
        }
    }
}

fn lint(args: &Args) -> Result<ExitCode, String> {
    let inputs = inputs::collect(&args.paths)?;
    let mut configs = Configs::new(args.config.as_deref())?;
    let mut reports: Vec<Report> = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let report = match input {
            Input::File(path) => {
                let bytes = std::fs::read(path)
                    .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
                let linter = configs.linter_for(path)?;
                linter.lint_bytes(&path.display().to_string(), &bytes)
            }
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|err| format!("cannot read standard input: {err}"))?;
                let linter = configs.linter_for_stdin()?;
                linter.lint_bytes("-", &bytes)
            }
        };
        reports.push(report);
    }
    let output = match args.format {
        Format::Human => render::human::render(&reports, use_color(args.color)),
        Format::Json => render::json::render(&reports),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not a lint failure; ignore write errors.
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    let failed = reports.iter().any(Report::has_errors);
    Ok(ExitCode::from(u8::from(failed)))
}

/// Colour only on a terminal, never with `NO_COLOR` set (https://no-color.org).
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
