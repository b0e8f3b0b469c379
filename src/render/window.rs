//! What a code frame shows of a file: the lines of a span and one line around it, as usual — but
//! a line longer than [`MAX_LINE`] (a minified payload) only as a window of it around the span,
//! and never as context. Output stays proportional to the findings whatever the file's shape.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::Source;

/// Lines longer than this are shown as a window around the span.
pub(super) const MAX_LINE: usize = 500;
/// Bytes shown on each side of a span on a long line.
const WINDOW: usize = 60;

/// A file's text for code frames, named and tagged with its language.
pub(super) struct Windowed<'a> {
    pub(super) name: &'a str,
    pub(super) language: &'static str,
    pub(super) source: Source,
}

impl Windowed<'_> {
    /// True when the frame of `span` can be drawn: a span on one line is windowed when that
    /// line is long; a span over several lines needs them all short.
    pub(super) fn fits(&self, span: SourceSpan) -> bool {
        let (first, last) = self.lines_of(span);
        first == last || (first..=last).all(|line| !self.is_long(line))
    }

    /// True when the span's lines are all short: drawn whole, as usual.
    pub(super) fn fits_whole(&self, span: SourceSpan) -> bool {
        let (first, last) = self.lines_of(span);
        (first..=last).all(|line| !self.is_long(line))
    }

    fn lines_of(&self, span: SourceSpan) -> (usize, usize) {
        let end = (span.offset() + span.len())
            .saturating_sub(1)
            .max(span.offset());
        (self.source.line_of(span.offset()), self.source.line_of(end))
    }

    /// The line's bytes, without its line break.
    fn line_range(&self, line: usize) -> (usize, usize) {
        let text = self.source.text();
        let starts = self.source.line_starts();
        let start = starts.get(line).copied().unwrap_or(text.len());
        let mut end = starts.get(line + 1).copied().unwrap_or(text.len());
        while end > start && matches!(text.as_bytes().get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        (start, end)
    }

    fn is_long(&self, line: usize) -> bool {
        let (start, end) = self.line_range(line);
        end - start > MAX_LINE
    }
}

impl SourceCode for Windowed<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.source.text();
        if span.offset() + span.len() > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let (first, last) = self.lines_of(*span);
        let long_around = (first.saturating_sub(context_lines_before)..=last + context_lines_after)
            .any(|line| self.is_long(line));
        if long_around && first != last && (first..=last).any(|line| self.is_long(line)) {
            // A span over several lines, one of them long (miette merging two labels' contexts):
            // refused, so miette draws each label in its own window.
            return Err(MietteError::OutOfBounds);
        }
        if !long_around || first != last {
            // Next to a long line, a span's own (short) lines without context.
            let (before, after) = if long_around {
                (0, 0)
            } else {
                (context_lines_before, context_lines_after)
            };
            let contents = self.source.read_span(span, before, after)?;
            return Ok(Box::new(
                MietteSpanContents::new_named(
                    self.name.to_string(),
                    contents.data(),
                    *contents.span(),
                    contents.line(),
                    contents.column(),
                    contents.line_count(),
                )
                .with_language(self.language),
            ));
        }
        let (line_start, line_end) = self.line_range(first);
        // Without context miette is asking where the span is (the frame's header): from the
        // span itself, so the column is the span's.
        let before = if context_lines_before == 0 && context_lines_after == 0 {
            0
        } else {
            WINDOW
        };
        let mut start = span.offset().saturating_sub(before).max(line_start);
        let mut end = (span.offset() + span.len() + WINDOW)
            .min(line_end)
            .max(start);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.to_string(),
                &text.as_bytes()[start..end],
                (start, end - start).into(),
                first,
                start - line_start,
                1,
            )
            .with_language(self.language),
        ))
    }
}
