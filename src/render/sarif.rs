//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
//!
//! Columns and character offsets count UTF-16 code units (`run.columnKind` says so, as the spec
//! requires), lines and columns are 1-based.

use std::io::Write;

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Report;
use crate::rules;
use crate::source::Source;
use crate::span::Span;

/// Where the rule pages live online.
pub const INFORMATION_URI: &str = "https://github.com/checkout-lint/checkout-lint";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn help_uri(rule: &str) -> String {
    format!("{INFORMATION_URI}/blob/main/rules/{rule}.md")
}

pub fn render(reports: &[Report]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail; the output is JSON, so UTF-8.
    let _ = render_to(reports, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Where the results go in the skeleton: replaced by the streamed list.
const RESULTS_PLACEHOLDER: &str = "checkout-lint:results";
/// Where the rule descriptors go: replaced by the text made once per process.
const RULES_PLACEHOLDER: &str = "checkout-lint:rules";

/// Every rule's descriptor, with its whole page as help, pretty-printed once per process at the
/// depth it has in the log (`runs[0].tool.driver.rules`: ten spaces).
fn rule_descriptors() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let descriptors: Vec<Value> = rules::all()
            .iter()
            .map(|rule| {
                let meta = rule.meta();
                json!({
                    "id": meta.name,
                    "name": meta.name,
                    "shortDescription": { "text": meta.summary },
                    "fullDescription": { "text": meta.section("What it checks").unwrap_or(meta.summary) },
                    "help": { "text": meta.docs, "markdown": meta.docs },
                    "helpUri": help_uri(meta.name),
                    "defaultConfiguration": { "level": level(meta.severity) },
                })
            })
            .collect();
        let mut text = Vec::new();
        let _ = serde_json::to_writer_pretty(
            Indented {
                out: &mut text,
                indent: b"          ",
            },
            &descriptors,
        );
        String::from_utf8(text).unwrap_or_default()
    })
}

/// Writes the SARIF log to `out`, one result at a time: only the small skeleton (rules and
/// artifacts) is built as a tree, so memory does not grow with the number of results. The
/// bytes are exactly those of pretty-printing the whole log as one tree.
pub fn render_to(reports: &[Report], out: &mut dyn Write) -> std::io::Result<()> {
    let all = rules::all();
    let artifacts: Vec<Value> = reports
        .iter()
        .map(|report| json!({ "location": { "uri": artifact_uri(report.name()) } }))
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": env!("CARGO_PKG_NAME"),
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": RULES_PLACEHOLDER,
            }},
            "columnKind": "utf16CodeUnits",
            "artifacts": artifacts,
            "results": RESULTS_PLACEHOLDER,
        }]
    });
    let skeleton = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    let skeleton = skeleton.replacen(&format!("\"{RULES_PLACEHOLDER}\""), rule_descriptors(), 1);
    let marker = format!("\"{RESULTS_PLACEHOLDER}\"");
    let (before, after) = skeleton.split_once(&marker).unwrap_or((&skeleton, ""));
    out.write_all(before.as_bytes())?;
    // The results array sits four levels deep: its items are indented by eight spaces.
    let mut first = true;
    for (artifact_index, report) in reports.iter().enumerate() {
        let uri = artifact_uri(report.name());
        let units = Utf16Index::new(report.source());
        for diagnostic in report.diagnostics() {
            out.write_all(if first {
                b"[\n        "
            } else {
                b",\n        "
            })?;
            first = false;
            let rule_index = all.iter().position(|r| r.meta().name == diagnostic.rule);
            let value = result(diagnostic, &uri, artifact_index, rule_index, &units);
            serde_json::to_writer_pretty(
                Indented {
                    out: &mut *out,
                    indent: b"        ",
                },
                &value,
            )
            .map_err(std::io::Error::other)?;
        }
    }
    out.write_all(if first { b"[]" } else { b"\n      ]" })?;
    out.write_all(after.as_bytes())?;
    out.write_all(b"\n")
}

/// Indents every line after the first: pretty JSON holds no raw line break inside a string,
/// so each `\n` it writes starts a line.
struct Indented<'w> {
    out: &'w mut dyn Write,
    indent: &'static [u8],
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|&b| b == b'\n') {
            self.out.write_all(&rest[..=at])?;
            self.out.write_all(self.indent)?;
            rest = &rest[at + 1..];
        }
        self.out.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

fn result(
    diagnostic: &Diagnostic,
    uri: &str,
    artifact_index: usize,
    rule_index: Option<usize>,
    units: &Utf16Index<'_>,
) -> Value {
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "level": level(diagnostic.severity),
        "message": { "text": message },
        "locations": [location(uri, artifact_index, diagnostic.span, units, None)],
        "properties": { "pointer": diagnostic.pointer },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !diagnostic.labels.is_empty() {
        result["relatedLocations"] = diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(id, label)| match &label.file {
                Some(file) => other_file_location(id, label, file),
                None => location(
                    uri,
                    artifact_index,
                    label.span,
                    units,
                    Some((id, &label.message)),
                ),
            })
            .collect();
    }
    if let Some(fix) = &diagnostic.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": {
                        "charOffset": units.offset(edit.span.start()),
                        "charLength": units.offset(edit.span.end()) - units.offset(edit.span.start()),
                    },
                    "insertedContent": { "text": edit.replacement },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.message },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri, "index": artifact_index },
                "replacements": replacements,
            }],
        }]);
    }
    result
}

/// A related location in another file than the result's: its own URI and region (it is not one
/// of the run's artifacts when only the result's file was linted).
fn other_file_location(id: usize, label: &crate::Label, file: &crate::LabelFile) -> Value {
    let (start, end) = (file.range.start, file.range.end);
    json!({
        "id": id,
        "message": { "text": label.message },
        "physicalLocation": {
            "artifactLocation": { "uri": artifact_uri(&file.path) },
            "region": {
                "startLine": start.line + 1,
                "startColumn": start.character + 1,
                "endLine": end.line + 1,
                "endColumn": end.character + 1,
            },
        }
    })
}

fn location(
    uri: &str,
    artifact_index: usize,
    span: Span,
    units: &Utf16Index<'_>,
    label: Option<(usize, &str)>,
) -> Value {
    let source = units.source;
    let start = source.position(span.start());
    let end = source.position(span.end());
    let char_offset = units.offset(span.start());
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri, "index": artifact_index },
            "region": {
                "startLine": start.line + 1,
                "startColumn": start.character + 1,
                "endLine": end.line + 1,
                "endColumn": end.character + 1,
                "charOffset": char_offset,
                "charLength": units.offset(span.end()) - char_offset,
            },
        }
    });
    if let Some((id, message)) = label {
        location["id"] = json!(id);
        location["message"] = json!({ "text": message });
    }
    location
}

/// UTF-16 offsets from the start of the file, via the offset of each line's start.
struct Utf16Index<'s> {
    source: &'s Source,
    line_starts: Vec<usize>,
}

impl<'s> Utf16Index<'s> {
    fn new(source: &'s Source) -> Self {
        let mut line_starts = Vec::new();
        let mut units = 0;
        let mut line_start = 0;
        let text = source.text();
        for (line, start) in source.line_starts().iter().enumerate() {
            if line > 0 {
                units += text[line_start..*start].encode_utf16().count();
            }
            line_start = *start;
            line_starts.push(units);
        }
        Self {
            source,
            line_starts,
        }
    }

    fn offset(&self, byte: usize) -> usize {
        let position = self.source.position(byte);
        self.line_starts.get(position.line).copied().unwrap_or(0) + position.character
    }
}

/// A relative URI reference for a path: forward slashes, reserved characters percent-encoded.
fn artifact_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri
}
