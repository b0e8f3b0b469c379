//! [`Linter`]: the pipeline from bytes to [`Report`], built once and reused.

mod emit;
mod host;

use crate::analysis::Cart;
use crate::bounded::Bounded;
use crate::config::{Config, Level, OverrideMatcher};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::CheckoutSession;
use crate::payload::neighbours::Neighbours;
use crate::payload::{Payload, front_end};
use crate::report::Report;
use crate::rules::{self, Context, Findings, Rule, too_many_findings};
use crate::schema::{self, Validation};
use crate::source::{InvalidUtf8, Source, TooLarge};
use crate::span::MAX_TEXT_LEN;
use emit::Emitter;
use host::{Collected, Frame, Host};

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
    /// The rules that run, at their level, with what each cannot find anything without (read
    /// once here rather than per rule per payload).
    active: Vec<(&'static dyn Rule, Severity, rules::Trigger)>,
    /// The config's overrides, matched in one pass per file.
    overrides: OverrideMatcher,
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
                Some((*rule, severity, meta.on))
            })
            .collect();
        let overrides = OverrideMatcher::new(&config.overrides);
        Self {
            config,
            active,
            overrides,
        }
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
        self.lint_source_in(source, invalid_utf8, too_large, &Neighbours::default())
    }

    fn lint_source_in(
        &self,
        source: Source,
        invalid_utf8: Option<InvalidUtf8>,
        too_large: Option<TooLarge>,
        neighbours: &Neighbours,
    ) -> Report {
        let (diagnostics, payloads) = self
            .diagnose(&source, invalid_utf8, too_large, false, neighbours)
            .unwrap_or_default();
        Report::with_payloads(source, diagnostics, payloads)
    }

    /// The report of a source file known to hold nothing to lint (the project stage read it):
    /// no payloads, no diagnostics, nothing read.
    pub(crate) fn lint_nothing(&self, name: &str) -> Report {
        Report::with_payloads(Source::new(name, ""), Vec::new(), 0)
    }

    /// [`Linter::lint_byte_vec`] for a source file of a project: `neighbours` is what the
    /// project stage knows of the names it imports and of its helpers other files send.
    pub(crate) fn lint_in_project(
        &self,
        name: &str,
        bytes: Vec<u8>,
        neighbours: &Neighbours,
    ) -> Report {
        if let Some(report) = self.beyond_spans(name, bytes.len()) {
            return report;
        }
        let (source, invalid) = Source::from_byte_vec(name, bytes);
        self.lint_source_in(source, invalid, None, neighbours)
    }

    /// [`Linter::lint_byte_vec`] for a JSON file that a directory walk found: `None` when it
    /// does not look like a checkout payload (see [`crate::payload::detect`]), decided on the
    /// parse the lint itself uses, so a payload file is parsed once. Text that is not UTF-8 is
    /// not taken for a payload.
    pub fn lint_walked_json(&self, name: &str, bytes: Vec<u8>) -> Option<Report> {
        if bytes.len() > MAX_TEXT_LEN {
            return None;
        }
        let (source, invalid) = Source::from_byte_vec(name, bytes);
        if invalid.is_some() {
            return None;
        }
        let (diagnostics, payloads) =
            self.diagnose(&source, None, None, true, &Neighbours::default())?;
        Some(Report::with_payloads(source, diagnostics, payloads))
    }

    /// The level the config's `[[overrides]]` set for a finding of `rule` at `pointer` in this
    /// file, if any: the last matching override wins.
    pub(super) fn override_level(
        &self,
        matching: &[usize],
        rule: &str,
        pointer: &str,
    ) -> Option<Level> {
        matching
            .iter()
            .rev()
            .find_map(|&index| self.config.overrides[index].level_for(rule, pointer))
    }

    /// Runs the stages left to right: front-end, schema, model, rules — once for a JSON file,
    /// once per payload for a source file. At most `config.max_diagnostics` diagnostics are
    /// kept (the first by position, overrides already applied); past that, one
    /// `too-many-findings` diagnostic says how many more there were.
    fn diagnose(
        &self,
        source: &Source,
        invalid_utf8: Option<InvalidUtf8>,
        too_large: Option<TooLarge>,
        only_payload: bool,
        neighbours: &Neighbours,
    ) -> Option<(Vec<Diagnostic>, usize)> {
        let limit = self.config.max_diagnostics.max(1);
        let mut collected = Collected {
            kept: Bounded::new(limit),
            worst_dropped: None,
            dropped: 0,
            sequence: 0,
            payloads: 0,
            reported: None,
            matching: self
                .overrides
                .matching(source.name(), self.config.root.as_deref()),
        };
        let front_end = front_end::of(source.name());
        if front_end.payload_is_file() {
            let frame = Frame {
                source,
                invalid_utf8,
                too_large,
                too_deep: None,
                syntax_error: None,
            };
            self.diagnose_file(front_end, frame, only_payload, &mut collected)?;
        } else if too_large.is_none() {
            // A source file is the compiler's: its encoding is not ours to report (a payload in
            // it is still linted, over the lossy text), and one past the size limit is a bundle
            // or generated code, not a file anyone writes a payload in by hand: skipped.
            self.diagnose_host(front_end, source, neighbours, &mut collected);
        }
        let dropped = collected.kept.dropped() + collected.dropped;
        let worst_dropped = collected.worst_dropped;
        let mut diagnostics = collected.kept.into_sorted();
        if let Some(worst) = worst_dropped.filter(|_| dropped > 0) {
            self.push_summary(&mut diagnostics, dropped, worst);
        }
        Some((diagnostics, collected.payloads))
    }

    /// Schema, model and rules over one payload (none when the file did not parse).
    pub(crate) fn check_payload(
        &self,
        frame: &Frame<'_>,
        payload: Option<&Payload<'_>>,
        host: &Host<'_>,
        collected: &mut Collected,
    ) {
        let root = payload.map(|payload| &payload.root);
        let response = payload.and_then(|payload| {
            let call = payload.sent_with?;
            Some((call, payload.reads.as_slice()))
        });
        let limit = self.config.max_diagnostics.max(1);
        let object = root.filter(|root| root.as_object().is_some());
        let validation: Validation = object
            .map(|root| schema::validate_within(root, limit))
            .unwrap_or_default();
        let session = object.map(|root| CheckoutSession::build(root, &validation.failed));
        let catalogue = self.config.catalogue.as_deref();
        let cart = session
            .as_ref()
            .map(|session| Cart::new(session, catalogue))
            .unwrap_or_default();
        let ctx = Context {
            source: frame.source,
            invalid_utf8: frame.invalid_utf8,
            too_large: frame.too_large,
            too_deep: frame.too_deep,
            syntax_error: frame.syntax_error,
            tree: root,
            violations: &validation.violations,
            session: session.as_ref(),
            catalogue,
            cart: &cart,
            account: &self.config.account,
            response,
            posted_to: payload.and_then(|payload| payload.posted_to.as_ref()),
            adapter: payload.and_then(|payload| payload.adapter.as_ref()),
            enabled: &|name| {
                self.active
                    .iter()
                    .any(|(rule, ..)| rule.meta().name == name)
            },
        };
        // Violations past the limit were never handed to the rules; they count as errors.
        if validation.dropped > 0 {
            collected.dropped += validation.dropped;
            collected.worst_dropped = Some(Severity::Error);
        }
        let emitter = Emitter::new(self, host, payload);
        let present = crate::rules::Triggers::of(&ctx);
        for &(rule, severity, on) in &self.active {
            if !present.contains(on) {
                continue;
            }
            let mut sink = |finding| emitter.emit(rule, severity, finding, collected);
            rule.check(&ctx, &mut Findings::new(&mut sink));
        }
    }

    /// The `too-many-findings` diagnostic, at the severity of the worst finding it stands for
    /// (or the level the config gives the rule); none when the rule is off.
    fn push_summary(&self, diagnostics: &mut Vec<Diagnostic>, dropped: usize, worst: Severity) {
        let meta = &too_many_findings::META;
        let severity = match self.config.rules.get(meta.name) {
            Some(level) => match level.severity() {
                Some(severity) => severity,
                None => return,
            },
            None => worst,
        };
        let finding = too_many_findings::finding(diagnostics.len(), dropped);
        diagnostics.push(Diagnostic {
            rule: meta.name,
            severity,
            pointer: String::new(),
            message: finding.message,
            span: finding.span,
            payload: None,
            call: None,
            labels: finding.labels,
            help: finding.help,
            fix: None,
        });
    }
}
