//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod dodo_api;
pub mod host_syntax;
pub mod source;

use std::path::{Path, PathBuf};

use checkout_lint::{Catalogue, Config, Diagnostic, Linter, Report};

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

pub fn example(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(path)
}

/// The catalogue bundled with the examples.
pub fn catalogue() -> Catalogue {
    Catalogue::load(&example("catalogue/products.json")).expect("bundled catalogue")
}

pub fn linter_with_catalogue() -> Linter {
    Linter::new(Config::default().with_catalogue(catalogue()))
}

/// The diagnostics of one rule.
pub fn of_rule<'r>(report: &'r Report, rule: &str) -> Vec<&'r Diagnostic> {
    report
        .diagnostics()
        .iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// The source text a span covers.
pub fn spanned<'r>(report: &'r Report, diagnostic: &Diagnostic) -> &'r str {
    let span = diagnostic.span;
    &report.source().text()[span.range()]
}

/// The byte span of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn find_nth(text: &str, needle: &str, nth: usize) -> checkout_lint::Span {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", nth + 1))
        .0;
    checkout_lint::Span::new(offset, needle.len())
}

/// The binary, run from the package root, with `NO_COLOR` cleared.
pub fn bin() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_checkout-lint"));
    command
        .env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

pub fn run(args: &[&str]) -> std::process::Output {
    bin().args(args).output().expect("runs")
}

/// Runs with `input` on standard input.
pub fn run_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // The child may exit before reading everything; a broken pipe is fine here.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().expect("finishes")
}
