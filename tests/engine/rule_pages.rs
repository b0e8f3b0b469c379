//! Reading a rule's page (`rules/<name>.md`, embedded in the binary): its fenced code blocks, and
//! each example linted as the page sets it up (the catalogue and config blocks above it, and the
//! block's own `nest=`, `max-diagnostics=` and `too-large`). One reader, so that `rule_docs` (the
//! examples hold) and `rule_snapshots` (how the bad ones read) lint exactly the same thing.

use std::path::Path;

use checkout_lint::{Catalogue, Config, Linter, Report};

pub struct Block {
    pub info: Vec<String>,
    pub body: String,
    pub line: usize,
}

pub fn code_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (index, line) in markdown.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.split_whitespace().map(str::to_string).collect(),
                    body: String::new(),
                    line: index + 1,
                })
            }
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some(block), None) => {
                block.body.push_str(line);
                block.body.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "unclosed code block");
    blocks
}

/// `nest=N` on a block replaces `NEST` in its body with `N` nested parentheses around `1`.
fn nested(info: &[String], body: &str) -> String {
    match info.iter().find_map(|a| a.strip_prefix("nest=")) {
        Some(levels) => {
            let levels: usize = levels.parse().expect("nest=N");
            let nest = format!("{}1{}", "(".repeat(levels), ")".repeat(levels));
            body.replace("NEST", &nest)
        }
        None => body.to_string(),
    }
}

/// `max-diagnostics=N` on a block runs it with that per-file limit.
fn with_limit(info: &[String], config: Config) -> Config {
    match info.iter().find_map(|a| a.strip_prefix("max-diagnostics=")) {
        Some(limit) => config.with_max_diagnostics(limit.parse().expect("max-diagnostics=N")),
        None => config,
    }
}

pub enum Example {
    /// A `bad` block: the linter it ran with (its fixes are checked with it; boxed, as it is
    /// far larger than a report) and its report.
    Bad {
        block: Block,
        language: String,
        linter: Box<Linter>,
        report: Report,
    },
    /// A `good` block and its report.
    Good { block: Block, report: Report },
}

/// Every `json`/`ts` example of a page, in order, linted as `example.<language>`.
pub fn examples(page: &str) -> Vec<Example> {
    let mut config = Config::default();
    let mut examples = Vec::new();
    for block in code_blocks(page) {
        let kind: Vec<&str> = block.info.iter().take(2).map(String::as_str).collect();
        match kind.as_slice() {
            ["json", "catalogue"] => {
                let catalogue = Catalogue::from_json_str("page catalogue", &block.body).unwrap();
                config = config.with_catalogue(catalogue);
            }
            ["toml", "config"] => {
                let catalogue = config.catalogue.take();
                config =
                    Config::from_toml_str("page config", &block.body, Path::new("rules")).unwrap();
                config.catalogue = config.catalogue.take().or(catalogue);
            }
            [language @ ("json" | "ts"), "bad", ..] => {
                let language = language.to_string();
                let linter = Linter::new(with_limit(&block.info, config.clone()));
                let file = format!("example.{language}");
                let body = nested(&block.info, &block.body);
                let report = if block.info.iter().any(|a| a == "too-large") {
                    linter.lint_too_large(&file, 1 << 30, 10 << 20)
                } else {
                    linter.lint_str(&file, &body)
                };
                examples.push(Example::Bad {
                    block,
                    language,
                    linter: Box::new(linter),
                    report,
                });
            }
            [language @ ("json" | "ts"), "good", ..] => {
                let report = Linter::new(with_limit(&block.info, config.clone()))
                    .lint_str(&format!("example.{language}"), &block.body);
                examples.push(Example::Good { block, report });
            }
            _ => {}
        }
    }
    examples
}
