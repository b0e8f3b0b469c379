//! Output for people: miette code frames, one per diagnostic, and a summary line.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::window::{MAX_LINE, Windowed};

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Report;
use crate::source::Source;
use crate::text::escape_line;

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
        // Escaped (a name is repository text), never shortened: a path is only useful whole.
        let name = crate::text::escape_line(report.name());
        let name = name.as_ref();
        let text = match crate::text::for_terminal(report.source().text()) {
            Cow::Borrowed(_) => report.source().clone(),
            Cow::Owned(safe) => Source::new(name, safe),
        };
        let shown = Windowed {
            name,
            language: crate::payload::front_end::frame_language(report.name()),
            source: text,
        };
        for diagnostic in report.diagnostics() {
            let (line, column) = report.source().line_col(diagnostic.span.start());
            let framed = Framed {
                diagnostic,
                source: &shown,
                lines: report.source(),
                frame: frame_fits(&shown, report.source(), diagnostic),
                location: format!("{name}:{line}:{column}"),
            };
            if handler.render_report(&mut out, &framed).is_err() {
                // A frame that cannot be drawn still gets its one line.
                let _ = writeln!(out, "{name}: {}", diagnostic.message);
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

/// True when every span of the diagnostic (as drawn: see [`clamp_to_first_line`]) can be
/// framed: long lines are windowed around a span on them, never drawn whole.
fn frame_fits(shown: &Windowed<'_>, source: &Source, diagnostic: &Diagnostic) -> bool {
    let spans = std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span));
    let drawn: Vec<miette::SourceSpan> = spans
        .map(|span| clamp_to_first_line(source, (span.start(), span.len()).into()))
        .collect();
    // Spans far apart on one long line would make one window as wide as the distance.
    let (start, end) = drawn.iter().fold((usize::MAX, 0), |(start, end), span| {
        (
            start.min(span.offset()),
            end.max(span.offset() + span.len()),
        )
    });
    let one_window =
        end.saturating_sub(start) <= MAX_LINE || drawn.iter().all(|s| shown.fits_whole(*s));
    one_window
        && drawn
            .iter()
            .all(|span| span.len() <= MAX_LINE && shown.fits(*span))
}

/// Spans over more lines than this are drawn on their first line only.
const MAX_FRAME_SPAN_LINES: usize = 3;

/// A span over many lines (a diagnostic on a whole object) as its first line: miette draws
/// every line a span covers, so a finding on a 5,000-line payload would print all of it. The
/// opening line says where it starts; the labels point at what matters.
fn clamp_to_first_line(source: &Source, span: miette::SourceSpan) -> miette::SourceSpan {
    let (start, len) = (span.offset(), span.len());
    let starts = source.line_starts();
    let (first, last) = (source.line_of(start), source.line_of(start + len));
    if last - first < MAX_FRAME_SPAN_LINES {
        // One long span on a long line (a minified object): its first character.
        return if first == last && len > MAX_LINE {
            (start, 1).into()
        } else {
            span
        };
    }
    let text = source.text().as_bytes();
    let line_end = starts
        .get(first + 1)
        .copied()
        .unwrap_or(text.len())
        .min(text.len());
    // Without the line break (and a CR before it).
    let mut end = line_end;
    while end > start && matches!(text.get(end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    (start, (end - start).max(1)).into()
}

/// A diagnostic together with the report's source, for miette.
struct Framed<'r> {
    diagnostic: &'r Diagnostic,
    source: &'r Windowed<'r>,
    /// The report's own text, for its line index.
    lines: &'r Source,
    /// Draw a code frame; otherwise the location goes in the message.
    frame: bool,
    location: String,
}

impl fmt::Debug for Framed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Framed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = escape_line(&self.diagnostic.message);
        if self.frame {
            f.write_str(&message)
        } else {
            write!(f, "{message} (at {})", self.location)
        }
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
        let help = miette::Diagnostic::help(self.diagnostic)?.to_string();
        Some(Box::new(crate::text::escape_lines(&help)))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self
            .frame
            .then(|| miette::Diagnostic::labels(self.diagnostic))
            .flatten()?;
        Some(Box::new(labels.map(|label| {
            let text = label.label().map(|text| escape_line(text).into_owned());
            let span = clamp_to_first_line(self.lines, *label.inner());
            if label.primary() {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        })))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.frame.then_some(self.source as &dyn SourceCode)
    }
}
