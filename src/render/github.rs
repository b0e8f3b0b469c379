//! GitHub Actions workflow commands: `::error file=…,line=…::message`, one per diagnostic,
//! escaped exactly as GitHub's own toolkit (`@actions/core`) escapes them, so no text from a
//! payload can end the command early or start one of its own.

use std::fmt::Write as _;

use crate::diagnostic::Severity;
use crate::report::Report;
use crate::text::escape_line;

pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        for diagnostic in report.diagnostics() {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let source = report.source();
            let (line, column) = source.line_col(diagnostic.span.start());
            let (end_line, end_column) = source.line_col(diagnostic.span.end());
            let mut properties = vec![
                // Escape sequences and bidi controls in a file name would reach the log raw.
                ("file", safe_file_name(report.name())),
                ("line", line.to_string()),
            ];
            // GitHub ignores columns on annotations spanning lines; leave them out there.
            if end_line == line {
                properties.push(("col", column.to_string()));
                properties.push(("endLine", end_line.to_string()));
                properties.push(("endColumn", end_column.to_string()));
            } else {
                properties.push(("endLine", end_line.to_string()));
            }
            properties.push(("title", format!("checkout-lint ({})", diagnostic.rule)));
            let properties: Vec<String> = properties
                .into_iter()
                .map(|(key, value)| format!("{key}={}", escape_property(&value)))
                .collect();
            let mut message = format!("[{}] {}", diagnostic.rule, escape_line(&diagnostic.message));
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(&escape_line(help));
            }
            let _ = writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&message)
            );
        }
    }
    out
}

/// A file name for the `file=` property: line breaks stay for `escape_property` (GitHub decodes
/// them back, so the annotation still finds the file); every other control or bidi character
/// is escaped as `\u{..}`, since GitHub would print it raw in the log.
fn safe_file_name(name: &str) -> String {
    name.split_inclusive(['\n', '\r'])
        .map(|part| {
            let (text, brk) = match part.strip_suffix(['\n', '\r']) {
                Some(text) => (text, &part[text.len()..]),
                None => (part, ""),
            };
            format!("{}{brk}", escape_line(text))
        })
        .collect()
}

/// `escapeData` of @actions/core.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `escapeProperty` of @actions/core.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("50%\r\n::error::x"), "50%25%0D%0A::error::x");
        assert_eq!(escape_property("a:b,c\n"), "a%3Ab%2Cc%0A");
    }
}
