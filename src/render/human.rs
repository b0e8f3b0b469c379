//! Output for people: miette code frames, one per diagnostic, and a summary line.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Report;

/// Renders reports with code frames; `color` chooses ANSI colours (only for terminals).
pub fn render(reports: &[Report], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100);
    let mut out = String::new();
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for report in reports {
        // Code frames show the payload itself: render from a copy without control characters.
        let text: Arc<str> = match crate::text::for_terminal(report.source().text()) {
            Cow::Borrowed(_) => report.source().shared_text(),
            Cow::Owned(safe) => safe.into(),
        };
        let shown = NamedSource::new(crate::text::quote(report.name()).trim_matches('"'), text)
            .with_language("json");
        for diagnostic in report.diagnostics() {
            let framed = Framed {
                diagnostic,
                source: &shown,
            };
            if handler.render_report(&mut out, &framed).is_err() {
                // A frame that cannot be drawn still gets its one line.
                let _ = writeln!(out, "{}: {}", shown.name(), diagnostic.message);
            }
            out.push('\n');
        }
        errors += report.count(Severity::Error);
        warnings += report.count(Severity::Warning);
        infos += report.count(Severity::Info);
    }
    let files = reports.len();
    let _ = writeln!(
        out,
        "Checked {files} file{}: {errors} error{}, {warnings} warning{}, {infos} info.",
        plural(files),
        plural(errors),
        plural(warnings)
    );
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A diagnostic together with the report's source, for miette.
struct Framed<'r> {
    diagnostic: &'r Diagnostic,
    source: &'r NamedSource<Arc<str>>,
}

impl fmt::Debug for Framed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Framed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Framed<'_> {}

impl miette::Diagnostic for Framed<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::code(self.diagnostic)
    }

    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(self.diagnostic)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::help(self.diagnostic)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        miette::Diagnostic::labels(self.diagnostic)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }
}
