//! The text being linted, its name, and a line index that turns byte offsets into positions
//! for people (1-based line and column) and for editors (LSP: 0-based line, UTF-16 character).

use std::sync::{Arc, OnceLock};

use crate::span::Span;

mod positions;

pub(crate) use positions::ColumnUnit;
pub use positions::{Position, Range};

/// A named text with its line index. Cheap to clone: one shared allocation holds it all.
#[derive(Debug, Clone)]
pub struct Source {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    name: Box<str>,
    /// A `String` rather than a `Box<str>`: bytes read from a file become the text without a
    /// copy or a shrinking reallocation.
    text: String,
    /// Built on first use: a payload without findings never needs positions.
    line_starts: OnceLock<Vec<usize>>,
    /// Column counts at regular offsets, built on first use, so columns on a very long line
    /// (a minified multi-megabyte payload) cost O(stride), not O(line length).
    checkpoints: OnceLock<Vec<Checkpoint>>,
}

/// Counts from the start of its line up to `offset`.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    utf16: usize,
    chars: usize,
}

/// Bytes between checkpoints; lines shorter than this are counted directly.
const CHECKPOINT_STRIDE: usize = 4096;

/// Where the bytes of a file stopped being UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// The first invalid sequence (each of its bytes became `?` in the text).
    pub span: Span,
}

/// A file left unread because it is larger than the configured limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub size: u64,
    pub limit: u64,
}

impl Source {
    pub fn new(name: impl Into<Box<str>>, text: impl Into<String>) -> Self {
        Self {
            inner: Arc::new(Inner {
                name: name.into(),
                text: text.into(),
                line_starts: OnceLock::new(),
                checkpoints: OnceLock::new(),
            }),
        }
    }

    /// Decodes bytes as UTF-8. Invalid sequences are replaced by U+FFFD so the text can still be
    /// shown; the first one is returned so it can be reported.
    pub fn from_bytes(name: impl Into<Box<str>>, bytes: &[u8]) -> (Self, Option<InvalidUtf8>) {
        match std::str::from_utf8(bytes) {
            Ok(text) => (Self::new(name, text), None),
            Err(err) => {
                let at = err.valid_up_to();
                let len = err.error_len().unwrap_or(bytes.len() - at).max(1);
                let span = Span::new(at, len);
                (
                    Self::new(name, same_length_lossy(bytes)),
                    Some(InvalidUtf8 { span }),
                )
            }
        }
    }

    /// [`Source::from_bytes`] for bytes the caller is done with: valid UTF-8 (nearly always)
    /// becomes the text in place, with no copy.
    pub fn from_byte_vec(name: impl Into<Box<str>>, bytes: Vec<u8>) -> (Self, Option<InvalidUtf8>) {
        match String::from_utf8(bytes) {
            Ok(text) => (Self::new(name, text), None),
            Err(err) => Self::from_bytes(name, err.as_bytes()),
        }
    }

    pub fn name(&self) -> &str {
        &self.inner.name
    }

    pub fn text(&self) -> &str {
        &self.inner.text
    }

    /// Byte offsets where lines begin.
    pub fn line_starts(&self) -> &[usize] {
        self.inner
            .line_starts
            .get_or_init(|| line_starts(self.text()))
    }

    /// Clamps `offset` into the text and back onto a character boundary.
    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut at = offset.min(self.text().len());
        while !self.text().is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The 0-based line an offset is on (an offset past the end: the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// 1-based line and column (in characters) for people.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let (line, _, chars) = self.columns(offset);
        (line + 1, chars + 1)
    }

    /// (0-based line, UTF-16 column, character column) of a byte offset.
    fn columns(&self, offset: usize) -> (usize, usize, usize) {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_of(offset);
        let mut start = self.line_starts()[line];
        let (mut utf16, mut chars) = (0, 0);
        if offset - start > CHECKPOINT_STRIDE {
            let checkpoints = self
                .inner
                .checkpoints
                .get_or_init(|| self.build_checkpoints());
            let after = checkpoints.partition_point(|c| c.offset <= offset);
            if let Some(checkpoint) = after.checked_sub(1).map(|i| checkpoints[i])
                && checkpoint.offset >= start
            {
                (start, utf16, chars) = (checkpoint.offset, checkpoint.utf16, checkpoint.chars);
            }
        }
        for ch in self.text()[start..offset].chars() {
            utf16 += ch.len_utf16();
            chars += 1;
        }
        (line, utf16, chars)
    }

    fn build_checkpoints(&self) -> Vec<Checkpoint> {
        let mut checkpoints = Vec::with_capacity(self.text().len() / CHECKPOINT_STRIDE + 1);
        let (mut utf16, mut chars, mut next) = (0, 0, CHECKPOINT_STRIDE);
        for (offset, ch) in self.text().char_indices() {
            if offset >= next {
                checkpoints.push(Checkpoint {
                    offset,
                    utf16,
                    chars,
                });
                next = offset + CHECKPOINT_STRIDE;
            }
            let line_break = ch == '\n'
                || (ch == '\r' && self.text().as_bytes().get(offset + 1) != Some(&b'\n'));
            if line_break {
                // The next line starts its counts at zero (a checkpoint never spans lines
                // because `columns` only uses one at or after the line's start).
                (utf16, chars) = (0, 0);
            } else {
                utf16 += ch.len_utf16();
                chars += 1;
            }
        }
        checkpoints
    }
}

/// Byte offsets where lines begin. `\n`, `\r\n` and a lone `\r` end a line, as in LSP: the
/// one line-break rule of the crate (code frames, diffs and editors count lines the same).
/// Written here rather than taken from a line-index crate (`line-index`, rust-analyzer's)
/// because those end lines at `\n` only, and an editor counts a lone `\r` as a break.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let lone_cr = bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if bytes[i] == b'\n' || lone_cr {
            starts.push(i + 1);
        }
    }
    starts
}

/// Text of `bytes` where each byte of an invalid UTF-8 sequence becomes one `?`, so every
/// offset in the text is an offset of the file's bytes (U+FFFD takes three bytes, and would
/// move every span after it).
fn same_length_lossy(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_people_count_characters() {
        let source = Source::new("t", "{\"a\":\n \"é😀x\"}");
        let x = source.text().find('x').unwrap();
        assert_eq!(
            source.position(x),
            Position {
                line: 1,
                character: 5
            }
        );
        assert_eq!(source.line_col(x), (2, 5));
        assert_eq!(source.offset(source.position(x)), Some(x));
    }

    #[test]
    fn long_lines_use_checkpoints_with_the_same_answers() {
        let line = "é😀a".repeat(5_000);
        let text = format!("x\n{line}\r\n{line}\r{line}");
        let source = Source::new("t", text.as_str());
        for offset in (0..text.len())
            .step_by(997)
            .filter(|o| text.is_char_boundary(*o))
        {
            let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1).max(
                if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                    text[..offset - 1].rfind(['\n', '\r']).map_or(0, |i| i + 1)
                } else {
                    0
                },
            );
            let expected = text[start..offset].encode_utf16().count();
            assert_eq!(source.position(offset).character, expected, "at {offset}");
            assert_eq!(
                source.line_col(offset).1,
                text[start..offset].chars().count() + 1
            );
        }
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let source = Source::new("t", "a\r\nb\rc");
        assert_eq!(
            source.position(3),
            Position {
                line: 1,
                character: 0
            }
        );
        assert_eq!(
            source.position(5),
            Position {
                line: 2,
                character: 0
            }
        );
    }

    #[test]
    fn invalid_utf8_is_located_not_fatal() {
        let (source, bad) = Source::from_bytes("t", b"{\"a\": \"\xff\"}");
        assert_eq!(
            bad,
            Some(InvalidUtf8 {
                span: Span::new(7, 1)
            })
        );
        assert_eq!(source.text(), "{\"a\": \"?\"}");
        // Every offset after it is the file's own: a byte became a byte.
        let (source, _) = Source::from_bytes("t", b"\xe9t\xc3\xa9 \xf0\x9f x");
        assert_eq!(source.text(), "?t\u{e9} ?? x");
        assert_eq!(source.text().len(), 9);
    }
}
