//! [`Report`]: the diagnostics of one linted payload, usable as an error.

use std::fmt;
use std::sync::OnceLock;

use miette::{
    LabeledSpan, MietteError, MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// The outcome of linting one payload: its source and its diagnostics, sorted by position.
///
/// A `Report` is a [`std::error::Error`] and a [`miette::Diagnostic`], so a caller can turn it
/// into an error before sending a request:
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let linter = checkout_lint::Linter::default();
/// let report = linter.lint_str("body.json", r#"{"product_cart": [{"product_id": "p", "quantity": 1}]}"#);
/// report.into_result()?; // Err when any diagnostic is an error
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Report {
    source: Source,
    /// Built on first use (only miette needs it). Boxed: keeps `Report` small enough to travel
    /// in `Result::Err`.
    named: OnceLock<Box<NamedSource<Source>>>,
    diagnostics: Vec<Diagnostic>,
    /// How many payloads were linted: one for a JSON document, each one found in a source file.
    payloads: usize,
}

impl Report {
    pub(crate) fn with_payloads(
        source: Source,
        mut diagnostics: Vec<Diagnostic>,
        payloads: usize,
    ) -> Self {
        diagnostics.sort_by(|a, b| {
            (a.span.start(), a.span.len(), a.rule).cmp(&(b.span.start(), b.span.len(), b.rule))
        });
        Self {
            source,
            named: OnceLock::new(),
            diagnostics,
            payloads,
        }
    }

    /// How many payloads were linted: one for a JSON document, and in a source file each one
    /// its front-end found (zero for a file without any).
    pub fn payload_count(&self) -> usize {
        self.payloads
    }

    /// The name the payload was linted under (a path, or `<value>`).
    pub fn name(&self) -> &str {
        self.source.name()
    }

    /// The linted text and its line index.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The text as miette wants it, named.
    pub fn named_source(&self) -> &NamedSource<Source> {
        self.named.get_or_init(|| {
            let named = NamedSource::new(self.source.name(), self.source.clone());
            Box::new(named.with_language("json"))
        })
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The highest severity among the diagnostics, `None` when there are none.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.diagnostics.iter().map(|d| d.severity).max()
    }

    /// True when any diagnostic has error severity.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// `Err(self)` when the report has errors, so `?` stops before a doomed request.
    pub fn into_result(self) -> Result<Self, Self> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok(self)
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.count(Severity::Error);
        let warnings = self.count(Severity::Warning);
        write!(
            f,
            "{}: {errors} error{}, {warnings} warning{}",
            self.name(),
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )?;
        for diagnostic in &self.diagnostics {
            let (line, column) = self.source.line_col(diagnostic.span.start());
            write!(
                f,
                "\n  {line}:{column} {}[{}] {}",
                diagnostic.severity, diagnostic.rule, diagnostic.message
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn severity(&self) -> Option<miette::Severity> {
        self.worst_severity().map(miette_severity)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.named_source())
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.diagnostics
                .iter()
                .map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

pub(crate) fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// Each diagnostic renders as a miette code frame; the source comes from the parent [`Report`]
/// or from [`crate::render`].
impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.severity))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let fix = self
            .fix
            .as_ref()
            .map(|fix| format!("fix available: {}", fix.message));
        // Labels in other files cannot be drawn in this file's frame: each is a line of help.
        let elsewhere = self.labels.iter().filter_map(|label| {
            let file = label.file.as_ref()?;
            let start = file.range.start;
            Some(format!(
                "{}:{}:{}: {}",
                file.path,
                start.line + 1,
                start.character + 1,
                label.message
            ))
        });
        let lines: Vec<String> = self
            .help
            .iter()
            .map(|help| help.to_string())
            .chain(elsewhere)
            .chain(fix)
            .collect();
        (!lines.is_empty()).then(|| Box::new(lines.join("\n")) as Box<dyn fmt::Display + 'a>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(None, self.span);
        let secondary = self
            .labels
            .iter()
            .filter(|label| label.file.is_none())
            .map(|label| LabeledSpan::new_with_span(Some(label.message.clone()), label.span));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// Code frames straight from the line index: finding the context lines of a span costs a binary
/// search, where miette's own `str` implementation scans from the start of the text each time
/// (quadratic for thousands of diagnostics in a big file). Same contents as miette's.
impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text();
        let span_end = span.offset() + span.len();
        if span_end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let starts = self.line_starts();
        let line_of = |offset: usize| self.line_of(offset);
        let first_line = line_of(span.offset()).saturating_sub(context_lines_before);
        let last_line = (line_of(span_end.saturating_sub(1).max(span.offset()))
            + context_lines_after)
            .min(starts.len() - 1);
        let (start, column) = if context_lines_before == 0 {
            let line_start = starts[line_of(span.offset())];
            (span.offset(), span.offset() - line_start)
        } else {
            (starts[first_line], 0)
        };
        let end = starts
            .get(last_line + 1)
            .copied()
            .unwrap_or(text.len())
            .max(start);
        Ok(Box::new(MietteSpanContents::new(
            &text.as_bytes()[start..end],
            (start, end - start).into(),
            first_line,
            column,
            last_line - first_line + 1,
        )))
    }
}
