//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Lint Dodo Payments checkout-session payloads (the JSON body of POST /checkouts).
///
/// Exit codes: 0 no errors, 1 errors found, 2 checkout-lint could not do its job.
#[derive(Debug, Parser)]
#[command(name = "checkout-lint", version, about)]
pub struct Args {
    /// Files or directories to lint (directories recursively, *.json); `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Use this config file instead of the nearest checkout-lint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colours in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Code frames for people.
    Human,
    /// The versioned contract of schemas/diagnostics.schema.json.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
