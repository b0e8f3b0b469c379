//! Byte ranges into a source text.

use serde::Serialize;

/// The longest text a span can address. Longer texts are not linted: the linter reports them
/// as too large (see `Linter::lint_str`), as oxc and biome do with the same 32-bit spans.
pub(crate) const MAX_TEXT_LEN: usize = u32::MAX as usize;

/// A half-open byte range `[offset, offset + length)` into the linted text.
///
/// 32-bit, like oxc's and biome's spans: eight bytes instead of sixteen in every tree node,
/// member and model field, which is most of the memory a big payload costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub offset: u32,
    pub length: u32,
}

/// Offsets come from texts of at most [`MAX_TEXT_LEN`] bytes, so this never saturates there.
const fn narrow(value: usize) -> u32 {
    if value > MAX_TEXT_LEN {
        u32::MAX
    } else {
        value as u32
    }
}

impl Span {
    pub const fn new(offset: usize, length: usize) -> Self {
        Self {
            offset: narrow(offset),
            length: narrow(length),
        }
    }

    /// The span from `start` (inclusive) to `end` (exclusive).
    pub const fn between(start: usize, end: usize) -> Self {
        Self::new(start, end.saturating_sub(start))
    }

    /// The first byte, as an index into the text.
    pub const fn start(&self) -> usize {
        self.offset as usize
    }

    /// The number of bytes.
    pub const fn len(&self) -> usize {
        self.length as usize
    }

    pub const fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// One past the last byte.
    pub const fn end(&self) -> usize {
        self.start() + self.len()
    }

    /// The bytes as a range, for slicing the text.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    /// True when `other` lies entirely inside `self`.
    /// True when the two share a byte, or one is empty (an insertion point) strictly inside
    /// the other: an edit there would change the other's bytes.
    pub const fn overlaps(&self, other: Span) -> bool {
        let (a, b) = (*self, other);
        (a.start() < b.end() && b.start() < a.end())
            || (b.is_empty() && a.start() < b.start() && b.start() < a.end())
            || (a.is_empty() && b.start() < a.start() && a.start() < b.end())
    }

    pub const fn contains(&self, other: Span) -> bool {
        self.offset <= other.offset && other.end() <= self.end()
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start().into(), span.len())
    }
}
