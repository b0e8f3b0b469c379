//! [`Linter`]: the pipeline from bytes to [`Report`], built once and reused.

use std::collections::HashSet;

use crate::analysis::Cart;
use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::CheckoutSession;
use crate::pointer::pointer_of;
use crate::report::Report;
use crate::rules::{self, Context, Rule};
use crate::schema::{self, Violation};
use crate::source::{InvalidUtf8, Source, TooLarge};
use crate::span::{MAX_TEXT_LEN, Span};
use crate::tree;

/// Lints checkout-session payloads. Build it once (it holds the config, catalogue and the
/// active rules) and share it: it is `Send + Sync`, and every call is independent.
///
/// ```
/// use checkout_lint::{Config, Level, Linter};
///
/// let linter = Linter::new(Config::default().with_rule("missing-card-fallback", Level::Error));
/// let report = linter.lint_str(
///     "body.json",
///     r#"{"product_cart": [{"product_id": "pdt_1", "quantity": 0}]}"#,
/// );
/// assert_eq!(report.diagnostics()[0].rule, "zero-quantity");
/// assert_eq!(report.diagnostics()[0].pointer, "/product_cart/0/quantity");
/// ```
#[derive(Debug, Clone)]
pub struct Linter {
    config: Config,
    active: Vec<(&'static dyn Rule, Severity)>,
}

impl std::fmt::Debug for dyn Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta().name)
    }
}

impl Default for Linter {
    fn default() -> Self {
        Self::new(Config::default())
    }
}

impl Linter {
    /// A linter with this config. Rule names in `config.rules` that no rule has are ignored
    /// (config files are checked when read, see [`Config::load`]).
    pub fn new(config: Config) -> Self {
        let active = rules::all()
            .iter()
            .filter_map(|rule| {
                let meta = rule.meta();
                let severity = match config.rules.get(meta.name) {
                    Some(level) => level.severity()?,
                    None => meta.severity,
                };
                Some((*rule, severity))
            })
            .collect();
        Self { config, active }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Lints JSON text; `name` (usually a path) names it in the report.
    pub fn lint_str(&self, name: &str, text: &str) -> Report {
        if let Some(report) = self.beyond_spans(name, text.len()) {
            return report;
        }
        self.lint_source(Source::new(name, text), None, None)
    }

    /// The report for a file that was not read because it is over a size limit: a
    /// `file-too-large` diagnostic instead of an out-of-memory.
    pub fn lint_too_large(&self, name: &str, size: u64, limit: u64) -> Report {
        self.lint_source(Source::new(name, ""), None, Some(TooLarge { size, limit }))
    }

    /// Lints raw bytes: invalid UTF-8 becomes an `invalid-json` diagnostic.
    pub fn lint_bytes(&self, name: &str, bytes: &[u8]) -> Report {
        if let Some(report) = self.beyond_spans(name, bytes.len()) {
            return report;
        }
        let (source, invalid) = Source::from_bytes(name, bytes);
        self.lint_source(source, invalid, None)
    }

    /// [`Linter::lint_bytes`] for bytes the caller is done with: valid UTF-8 becomes the
    /// report's text without a copy, which saves time and, on big files, peak memory.
    pub fn lint_byte_vec(&self, name: &str, bytes: Vec<u8>) -> Report {
        if let Some(report) = self.beyond_spans(name, bytes.len()) {
            return report;
        }
        let (source, invalid) = Source::from_byte_vec(name, bytes);
        self.lint_source(source, invalid, None)
    }

    /// Spans are 32-bit: a text over [`MAX_TEXT_LEN`] bytes (4 GiB) is reported as too large.
    fn beyond_spans(&self, name: &str, len: usize) -> Option<Report> {
        (len > MAX_TEXT_LEN).then(|| self.lint_too_large(name, len as u64, MAX_TEXT_LEN as u64))
    }

    /// Lints a `serde_json::Value`. Spans refer to its canonical (compact) serialization,
    /// `serde_json::to_string(value)`; pointers are the same either way.
    pub fn lint_value(&self, value: &serde_json::Value) -> Report {
        // Serializing a Value cannot fail: its keys are strings and its numbers finite.
        let text = serde_json::to_string(value).unwrap_or_default();
        self.lint_str("<value>", &text)
    }

    fn lint_source(
        &self,
        source: Source,
        invalid_utf8: Option<InvalidUtf8>,
        too_large: Option<TooLarge>,
    ) -> Report {
        let mut diagnostics = self.diagnose(&source, invalid_utf8, too_large);
        self.apply_overrides(source.name(), &mut diagnostics);
        Report::new(source, diagnostics)
    }

    /// `[[overrides]]` of the config that match this file (and a diagnostic's pointer) change
    /// its severity or drop it; the last matching override wins.
    fn apply_overrides(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) {
        let matching: Vec<_> = self
            .config
            .overrides
            .iter()
            .filter(|o| o.matches_file(name, self.config.root.as_deref()))
            .collect();
        if matching.is_empty() {
            return;
        }
        diagnostics.retain_mut(|diagnostic| {
            let level = matching
                .iter()
                .rev()
                .find_map(|o| o.level_for(diagnostic.rule, &diagnostic.pointer));
            match level.map(Level::severity) {
                None => true,
                Some(None) => false,
                Some(Some(severity)) => {
                    diagnostic.severity = severity;
                    true
                }
            }
        });
    }

    /// Runs the stages left to right: tree, schema, model, rules.
    fn diagnose(
        &self,
        source: &Source,
        invalid_utf8: Option<InvalidUtf8>,
        too_large: Option<TooLarge>,
    ) -> Vec<Diagnostic> {
        let readable = invalid_utf8.is_none() && too_large.is_none();
        let arena = tree::Arena::for_text(if readable { source.text().len() } else { 0 });
        let parsed = readable.then(|| tree::parse(source.text(), &arena));
        let (root, syntax_error) = match parsed {
            Some(Ok(root)) => (Some(root), None),
            Some(Err(error)) => (None, Some(error)),
            None => (None, None),
        };
        let object = root.as_ref().filter(|root| root.as_object().is_some());
        let violations: Vec<Violation> = object.map(schema::validate).unwrap_or_default();
        let failed: HashSet<Span> = violations
            .iter()
            .filter_map(Violation::failed_value)
            .collect();
        let session = object.map(|root| CheckoutSession::build(root, &failed));
        let catalogue = self.config.catalogue.as_deref();
        let cart = session
            .as_ref()
            .map(|session| Cart::new(session, catalogue))
            .unwrap_or_default();
        let ctx = Context {
            source,
            invalid_utf8,
            too_large,
            syntax_error: syntax_error.as_ref(),
            tree: root.as_ref(),
            violations: &violations,
            session: session.as_ref(),
            catalogue,
            cart: &cart,
            account: &self.config.account,
        };
        let mut diagnostics = Vec::new();
        let mut findings = Vec::new();
        for (rule, severity) in &self.active {
            rule.check(&ctx, &mut findings);
            if findings.is_empty() {
                // Most rules find nothing; an empty drain still costs its setup, 54 times a lint.
                continue;
            }
            diagnostics.extend(findings.drain(..).map(|finding| {
                Diagnostic {
                    rule: rule.meta().name,
                    severity: *severity,
                    pointer: root
                        .as_ref()
                        .map(|root| pointer_of(root, finding.span))
                        .unwrap_or_default(),
                    message: finding.message,
                    span: finding.span,
                    labels: finding.labels,
                    help: finding.help,
                    fix: finding.fix.map(Box::new),
                }
            }));
        }
        diagnostics
    }
}
