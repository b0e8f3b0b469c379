//! The JSON output: a stable, versioned contract described by
//! `schemas/diagnostics.schema.json`. Byte spans for tools, LSP ranges (0-based line, UTF-16
//! character, end exclusive) for editors.

use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::report::Report;
use crate::source::{Range, Source};
use crate::span::Span;

/// Bumped only when a change could break a consumer.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'r> {
    version: u32,
    tool: Tool,
    files: Files<'r>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'r> {
    path: &'r str,
    diagnostics: Diagnostics<'r>,
}

/// One diagnostic in the JSON contract.
#[derive(Serialize)]
pub struct JsonDiagnostic<'r> {
    rule: &'static str,
    severity: Severity,
    message: &'r str,
    pointer: &'r str,
    span: Span,
    range: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    payload: Option<JsonPayload>,
    #[serde(skip_serializing_if = "Option::is_none")]
    call: Option<JsonPayload>,
    labels: Vec<JsonLabel<'r>>,
    help: Option<&'r str>,
    fix: Option<JsonFix<'r>>,
}

#[derive(Serialize)]
struct JsonPayload {
    span: Span,
    range: Range,
}

#[derive(Serialize)]
struct JsonLabel<'r> {
    message: &'r str,
    /// The file the label points into, when not the diagnostic's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'r str>,
    span: Span,
    range: Range,
}

#[derive(Serialize)]
struct JsonFix<'r> {
    message: &'r str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'r>>,
}

#[derive(Serialize)]
struct JsonEdit<'r> {
    span: Span,
    range: Range,
    replacement: &'r str,
}

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl<'r> JsonDiagnostic<'r> {
    pub fn new(source: &Source, diagnostic: &'r Diagnostic) -> Self {
        Self {
            rule: diagnostic.rule,
            severity: diagnostic.severity,
            message: &diagnostic.message,
            pointer: &diagnostic.pointer,
            span: diagnostic.span,
            range: source.range(diagnostic.span),
            payload: diagnostic.payload.map(|span| JsonPayload {
                span,
                range: source.range(span),
            }),
            call: diagnostic.call.map(|span| JsonPayload {
                span,
                range: source.range(span),
            }),
            labels: diagnostic
                .labels
                .iter()
                .map(|label| JsonLabel {
                    message: &label.message,
                    file: label.file.as_ref().map(|file| file.path.as_str()),
                    span: label.span,
                    range: match &label.file {
                        Some(file) => file.range,
                        None => source.range(label.span),
                    },
                })
                .collect(),
            help: diagnostic.help.as_deref(),
            fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
                message: &fix.message,
                applicability: fix.applicability,
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| JsonEdit {
                        span: edit.span,
                        range: source.range(edit.span),
                        replacement: &edit.replacement,
                    })
                    .collect(),
            }),
        }
    }
}

/// Renders reports as one JSON document (pretty-printed, newline-terminated).
pub fn render(reports: &[Report]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = render_to(reports, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`render`], written as it is produced: a report with 100,000 diagnostics never exists as
/// one string, and each file's diagnostics are converted only while they are written.
pub fn render_to(
    reports: &[Report],
    out: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let mut summary = Summary {
        files: reports.len(),
        ..Summary::default()
    };
    for report in reports {
        summary.errors += report.count(Severity::Error);
        summary.warnings += report.count(Severity::Warning);
        summary.infos += report.count(Severity::Info);
    }
    let output = Output {
        version: FORMAT_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        files: Files(reports),
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    out.write_all(b"\n")
}

/// The files, serialized lazily from the reports.
struct Files<'r>(&'r [Report]);

impl Serialize for Files<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|report| File {
            path: report.name(),
            diagnostics: Diagnostics(report),
        }))
    }
}

/// One report's diagnostics, each converted to the contract as it is written.
struct Diagnostics<'r>(&'r Report);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let source = self.0.source();
        serializer.collect_seq(
            self.0
                .diagnostics()
                .iter()
                .map(|diagnostic| JsonDiagnostic::new(source, diagnostic)),
        )
    }
}
