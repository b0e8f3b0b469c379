//! One line per diagnostic, `path:line:col: severity[rule] message` — for editors' problem
//! matchers and grep.

use std::fmt::Write as _;

use crate::report::Report;
use crate::text::escape_line;

pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        let path = escape_line(report.name());
        for diagnostic in report.diagnostics() {
            let (line, column) = report.source().line_col(diagnostic.span.start());
            let _ = writeln!(
                out,
                "{path}:{line}:{column}: {}[{}] {}",
                diagnostic.severity,
                diagnostic.rule,
                escape_line(&diagnostic.message)
            );
        }
    }
    out
}
