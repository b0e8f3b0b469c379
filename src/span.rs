//! Byte ranges into a source text.

use serde::Serialize;

/// A half-open byte range `[offset, offset + length)` into the linted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub offset: usize,
    pub length: usize,
}

impl Span {
    pub const fn new(offset: usize, length: usize) -> Self {
        Self { offset, length }
    }

    /// The span from `start` (inclusive) to `end` (exclusive).
    pub const fn between(start: usize, end: usize) -> Self {
        Self {
            offset: start,
            length: end.saturating_sub(start),
        }
    }

    pub const fn end(&self) -> usize {
        self.offset + self.length
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.offset <= other.offset && other.end() <= self.end()
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.offset.into(), span.length)
    }
}
