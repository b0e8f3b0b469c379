//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

use crate::environment::Environment;

/// Lint Dodo Payments checkout-session payloads (the JSON body of POST /checkouts).
///
/// Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 checkout-lint could not do its job.
#[derive(Debug, Parser)]
#[command(
    name = "checkout-lint",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// List every rule with its default severity and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Run the language server over stdio (diagnostics, hovers, completion, quick fixes).
    Lsp {
        /// Standard input and output, the only transport (accepted because language clients such
        /// as vscode-languageclient pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Print a rule's documentation page.
    Explain {
        /// The rule name, e.g. zero-quantity.
        rule: String,
    },
    /// The product catalogue that the catalogue rules (mixed-cart, unknown-product, ...) read.
    Catalogue {
        #[command(subcommand)]
        command: CatalogueCommand,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum CatalogueCommand {
    /// Fetch the account's products from the Dodo API into the catalogue file.
    ///
    /// The API key comes from DODO_PAYMENTS_API_KEY (never from a flag) and is never printed or
    /// written. Exit codes: 0 written, 2 nothing written (the old file is left as it was).
    Pull(PullArgs),
}

#[derive(Debug, ClapArgs)]
pub(super) struct PullArgs {
    /// Where to write the catalogue [default: the config's catalogue for the environment, else
    /// products.json].
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The environment whose products to pull (the API key must belong to it).
    #[arg(long, value_enum, default_value_t = Environment::TestMode)]
    pub environment: Environment,

    /// The API's address, instead of the environment's [env: DODO_PAYMENTS_BASE_URL].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Also pull archived products, marked as archived (unknown-product then says so).
    #[arg(long)]
    pub include_archived: bool,

    /// Seconds each request may take before it is retried (then given up).
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Seconds the whole pull may take, every request, retry and wait included; past it,
    /// nothing is written.
    #[arg(long, value_name = "SECONDS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub deadline: u64,

    /// The most bytes read from the API in all, every page and product together: bytes, or
    /// with a unit (KB, KiB, MB, MiB); past it, nothing is written.
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_bytes: u64,

    /// The most pages (100 products each) read of each product list (active, and archived with
    /// --include-archived); past it, nothing is written.
    #[arg(long, value_name = "N", default_value_t = 1_000,
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_pages: u64,

    /// The config whose catalogue path -o defaults to, instead of the nearest checkout-lint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

// The environments' names come from their one list.
impl ValueEnum for Environment {
    fn value_variants<'a>() -> &'a [Self] {
        &Environment::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

#[derive(Debug, ClapArgs)]
pub(super) struct CheckArgs {
    /// Files, directories (recursively: source files, and JSON files that look like checkout
    /// payloads; respecting .gitignore and the default excludes) or globs; `-` reads standard
    /// input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<String>,

    /// Apply the walk's rules to files named on the command line too (default excludes, the
    /// config's include/exclude, payload detection), as hooks that pass every staged file
    /// need.
    #[arg(long)]
    pub force_exclude: bool,

    /// Use this config file instead of the nearest checkout-lint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore all configuration files.
    #[arg(long)]
    pub isolated: bool,

    /// Output format [default: human on a terminal, concise otherwise].
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// When to use colours in human output (never when NO_COLOR is set, unless `always`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Set a rule's level, overriding the config: NAME=off|info|warning|error (repeatable).
    #[arg(long = "rule", value_name = "NAME=LEVEL")]
    pub rules: Vec<String>,

    /// The lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// The path to report (and to find the config and overrides by) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Apply safe fixes to the files (atomically), then report what remains.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Also apply unsafe fixes (they change behaviour: review them).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff and write nothing (exit 1 when there is a change).
    #[arg(long)]
    pub diff: bool,

    /// Files larger than this are reported (file-too-large), not read: bytes, or with a unit
    /// (KB, KiB, MB, MiB).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    /// The most diagnostics listed per file (the first by position); past it, one
    /// too-many-findings diagnostic says how many more there were.
    #[arg(long, value_name = "N", default_value_t = crate::config::DEFAULT_MAX_DIAGNOSTICS,
          value_parser = clap::value_parser!(usize))]
    pub max_diagnostics: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// Code frames for people.
    Human,
    /// One line per diagnostic: path:line:col: severity[rule] message.
    Concise,
    /// The versioned contract of schemas/diagnostics.schema.json.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum FailOn {
    Error,
    Warning,
}

/// "1048576", "512KB", "10MiB" → bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a size such as 1048576, 512KB or 10MiB"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "kib" | "k" => 1 << 10,
        "mb" => 1_000_000,
        "mib" | "m" => 1 << 20,
        "gb" => 1_000_000_000,
        "gib" | "g" => 1 << 30,
        other => {
            return Err(format!(
                "unknown size unit {other:?}: use B, KB, KiB, MB, MiB, GB or GiB"
            ));
        }
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("{text:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("512KB"), Ok(512_000));
        assert_eq!(parse_size("42"), Ok(42));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }
}
