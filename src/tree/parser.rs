//! The parser proper: one pass over the bytes, values built bottom-up into the arena.

use smallvec::SmallVec;

use super::{Extent, MAX_DEPTH, Member, Node, SyntaxError, Value};
use crate::span::Span;

/// A syntax error, boxed inside the parser: the `Err` side of every step is then one pointer.
type Failure = Box<SyntaxError>;

/// Parses one JSON text, its containers and unescaped strings allocated in `arena`.
pub(super) fn parse<'s>(text: &'s str, arena: &'s bumpalo::Bump) -> Result<Node<'s>, SyntaxError> {
    parse_boxed(text, arena).map_err(|error| *error)
}

/// The parse, its rare error boxed: a small `Err` keeps the hot `Ok` path's copies narrow.
fn parse_boxed<'s>(text: &'s str, arena: &'s bumpalo::Bump) -> Result<Node<'s>, Failure> {
    let mut parser = Parser {
        arena,
        text,
        bytes: text.as_bytes(),
        pos: 0,
        items: SmallVec::new(),
        members: SmallVec::new(),
    };
    if text.starts_with('\u{FEFF}') {
        parser.pos = '\u{FEFF}'.len_utf8();
    }
    parser.skip_whitespace();
    if parser.pos >= parser.bytes.len() {
        return Err(parser.error_here("the file is empty: expected a JSON object"));
    }
    let root = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error_at_char("unexpected text after the end of the JSON value"));
    }
    Ok(root)
}

/// The index of the first byte a string scan must stop at (`"`, `\\` or a control
/// character), or the length.
///
/// Eight bytes at a time, as serde_json does: most strings in a payload are short (ids, codes,
/// URLs), where a SIMD search's setup costs more than the scan, and long ones still go a word at
/// a time. In each word, a byte's high bit is set by the usual "has a zero byte" trick when the
/// byte is below 0x20 or equal to a quote or backslash; borrows can only mark bytes *after* a
/// real match, so the lowest marked byte is exact.
pub(super) fn first_special(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let control = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = word ^ (ONES * u64::from(b'"'));
        let quote = quote.wrapping_sub(ONES) & !quote;
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let backslash = backslash.wrapping_sub(ONES) & !backslash;
        let marked = (control | quote | backslash) & HIGH;
        if marked != 0 {
            return offset + marked.trailing_zeros() as usize / 8;
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    offset
        + tail
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(tail.len())
}

struct Parser<'s> {
    arena: &'s bumpalo::Bump,
    text: &'s str,
    bytes: &'s [u8],
    pos: usize,
    /// Items and members of the containers being parsed, innermost last. A finished container
    /// moves its tail into the arena at its exact size: no growth reallocations, no slack kept
    /// for the life of the tree. The stacks start inline, with room for a typical payload's open
    /// containers.
    items: SmallVec<[Node<'s>; 16]>,
    members: SmallVec<[Member<'s>; 16]>,
}

impl<'s> Parser<'s> {
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// A zero-length error at the current position (used at the end of input).
    fn error_here(&self, message: impl Into<String>) -> Failure {
        Box::new(SyntaxError {
            span: Span::new(self.pos, 0),
            message: message.into(),
        })
    }

    /// An error covering the character at the current position, or the end of input.
    fn error_at_char(&self, message: impl Into<String>) -> Failure {
        let length = self.text[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        Box::new(SyntaxError {
            span: Span::new(self.pos, length),
            message: message.into(),
        })
    }

    fn unexpected(&self, expected: &str) -> Failure {
        match self.text[self.pos..].chars().next() {
            None => self.error_here(format!("unexpected end of input: expected {expected}")),
            Some(found) => self.error_at_char(format!(
                "expected {expected}, found {}",
                describe_char(found)
            )),
        }
    }

    /// One value. Inlined into its three callers so that no `Value` crosses a call: the
    /// containers' steps return only their slices, and each node is built where it is stored.
    /// (Returning enums from the recursive steps cost a store-forwarding stall per value:
    /// their tag and small fields were copied in pieces of other widths than were written.)
    #[inline(always)]
    fn value(&mut self, depth: usize) -> Result<Node<'s>, Failure> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => Value::Object(self.object(depth + 1)?, Extent::Closed),
            Some(b'[') => Value::Array(self.array(depth + 1)?, Extent::Closed),
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => {
                self.keyword("true")?;
                Value::Bool(true)
            }
            Some(b'f') => {
                self.keyword("false")?;
                Value::Bool(false)
            }
            Some(b'n') => {
                self.keyword("null")?;
                Value::Null
            }
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            _ => return Err(self.unexpected("a JSON value")),
        };
        Ok(Node {
            span: Span::between(start, self.pos),
            value,
        })
    }

    fn enter(&self, depth: usize) -> Result<(), Failure> {
        if depth > MAX_DEPTH {
            return Err(Box::new(SyntaxError {
                span: Span::new(self.pos, 1),
                message: format!("nesting is deeper than {MAX_DEPTH} levels"),
            }));
        }
        Ok(())
    }

    fn keyword(&mut self, word: &str) -> Result<(), Failure> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn array(&mut self, depth: usize) -> Result<&'s [Node<'s>], Failure> {
        self.enter(depth)?;
        self.pos += 1; // '['
        let start = self.items.len();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(&[]);
        }
        loop {
            self.skip_whitespace();
            let item = self.value(depth)?;
            self.items.push(item);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    let items = self.arena.alloc_slice_copy(&self.items[start..]);
                    self.items.truncate(start);
                    return Ok(items);
                }
                _ => return Err(self.unexpected("',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<&'s [Member<'s>], Failure> {
        self.enter(depth)?;
        self.pos += 1; // '{'
        let start = self.members.len();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(&[]);
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a string key"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::between(key_start, self.pos);
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("':'"));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value(depth)?;
            self.members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    let members = self.arena.alloc_slice_copy(&self.members[start..]);
                    self.members.truncate(start);
                    return Ok(members);
                }
                _ => return Err(self.unexpected("',' or '}'")),
            }
        }
    }

    fn number(&mut self) -> Result<&'s str, Failure> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error_at_char("a number cannot have leading zeros"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        let int_digits = self.pos - int_start;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit in the exponent"));
            }
            self.digits();
        }
        let raw = &self.text[start..self.pos];
        // RFC 8259 allows implementations to limit the range; serde_json (and so Dodo's
        // serde-based server) rejects a number that does not fit an f64. Without an exponent,
        // 300 integer digits are far below f64::MAX (about 1.8e308), so only longer numbers
        // and exponents pay for a float parse.
        let could_overflow = int_digits > 300 || raw.contains(['e', 'E']);
        if could_overflow && !raw.parse::<f64>().is_ok_and(f64::is_finite) {
            return Err(Box::new(SyntaxError {
                span: Span::between(start, self.pos),
                message: format!("number {raw} is out of range"),
            }));
        }
        Ok(raw)
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<&'s str, Failure> {
        self.pos += 1; // opening quote
        let start = self.pos;
        // Fast path: no escapes, borrow straight from the text. One tight scan to the first
        // byte that needs a decision.
        let rest = self.text.as_bytes().get(start..).unwrap_or_default();
        self.pos = start + first_special(rest);
        match self.peek() {
            None => return Err(self.error_here("unterminated string")),
            Some(b'"') => {
                let text = &self.text[start..self.pos];
                self.pos += 1;
                return Ok(text);
            }
            Some(b'\\') => {}
            Some(byte) => return Err(self.control_character(byte)),
        }
        let mut owned = String::from(&self.text[start..self.pos]);
        loop {
            match self.peek() {
                None => return Err(self.error_here("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(self.arena.alloc_str(&owned));
                }
                Some(b'\\') => owned.push(self.escape()?),
                Some(byte) if byte < 0x20 => return Err(self.control_character(byte)),
                Some(_) => {
                    let run_start = self.pos;
                    while let Some(byte) = self.peek() {
                        if byte == b'"' || byte == b'\\' || byte < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    owned.push_str(&self.text[run_start..self.pos]);
                }
            }
        }
    }

    fn control_character(&self, byte: u8) -> Failure {
        Box::new(SyntaxError {
            span: Span::new(self.pos, 1),
            message: format!(
                "raw control character U+{byte:04X} in a string: write it as an escape such as \\n or \\u{byte:04x}"
            ),
        })
    }

    /// Reads one escape sequence starting at the backslash.
    fn escape(&mut self) -> Result<char, Failure> {
        let start = self.pos;
        self.pos += 1;
        let Some(kind) = self.peek() else {
            return Err(self.error_here("unterminated string"));
        };
        self.pos += 1;
        Ok(match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(start),
            _ => {
                self.pos -= 1;
                return Err(self.error_at_char("invalid escape sequence"));
            }
        })
    }

    fn unicode_escape(&mut self, start: usize) -> Result<char, Failure> {
        let high = self.hex4(start)?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.bytes[self.pos..].starts_with(b"\\u") {
                return Err(lone_surrogate(start, self.pos));
            }
            self.pos += 2;
            let low = self.hex4(start)?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(lone_surrogate(start, self.pos));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..0xE000).contains(&high) {
            return Err(lone_surrogate(start, self.pos));
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| lone_surrogate(start, self.pos))
    }

    fn hex4(&mut self, escape_start: usize) -> Result<u32, Failure> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let value = digits
            .and_then(|d| std::str::from_utf8(d).ok())
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        match value {
            Some(value) => {
                self.pos += 4;
                Ok(value)
            }
            None => Err(Box::new(SyntaxError {
                span: Span::between(escape_start, self.pos),
                message: "\\u must be followed by four hexadecimal digits".into(),
            })),
        }
    }
}

fn lone_surrogate(start: usize, end: usize) -> Failure {
    Box::new(SyntaxError {
        span: Span::between(start, end),
        message: "unpaired UTF-16 surrogate in a \\u escape".into(),
    })
}

fn describe_char(ch: char) -> String {
    if ch.is_control() || ch == '\u{FEFF}' {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("'{ch}'")
    }
}
