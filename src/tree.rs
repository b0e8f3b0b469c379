//! A strict (RFC 8259) span-preserving JSON parser.
//!
//! Every value, key and member keeps its byte range, duplicate keys are kept in order, and
//! strings borrow from the text unless they contain escapes. Hand-written rather than built on
//! `jsonc-parser` because that crate, even with every `allow_*` option off, accepts raw control
//! characters and out-of-range numbers, returns nothing for empty input and keeps the first of
//! duplicate keys; here each of those is a precise error.
//!
//! Nesting is bounded by [`MAX_DEPTH`] (serde_json's own limit), so recursion cannot overflow
//! the stack whatever the input.

use smallvec::SmallVec;

use crate::span::Span;

/// The index of the first byte a string scan must stop at (`"`, `\\` or a control
/// character), or the length.
///
/// Eight bytes at a time, as serde_json does: most strings in a payload are short (ids, codes,
/// URLs), where a SIMD search's setup costs more than the scan, and long ones still go a word at
/// a time. In each word, a byte's high bit is set by the usual "has a zero byte" trick when the
/// byte is below 0x20 or equal to a quote or backslash; borrows can only mark bytes *after* a
/// real match, so the lowest marked byte is exact.
fn first_special(bytes: &[u8]) -> usize {
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

/// The deepest nesting of arrays and objects accepted, as in serde_json.
pub const MAX_DEPTH: usize = 128;

/// A JSON value with the byte range it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'s> {
    pub span: Span,
    pub value: Value<'s>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'s> {
    Null,
    Bool(bool),
    /// The number's text exactly as written (already checked to be a valid, finite number).
    Number(&'s str),
    /// Borrowed from the text, or from the arena when it had escapes.
    String(&'s str),
    Array(&'s [Node<'s>]),
    /// Members in source order, duplicates included.
    Object(&'s [Member<'s>]),
}

/// `"key": value` inside an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'s> {
    pub key: &'s str,
    pub key_span: Span,
    pub value: Node<'s>,
}

impl Member<'_> {
    /// From the key's opening quote to the end of the value.
    pub fn span(&self) -> Span {
        Span::between(self.key_span.start(), self.value.span.end())
    }
}

/// Why the text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

impl<'s> Node<'s> {
    /// The JSON type name, for messages ("expected an object, found array").
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    pub fn as_object(&self) -> Option<&[Member<'s>]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node<'s>]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(flag) => Some(flag),
            _ => None,
        }
    }

    /// The number as an `i64`, when it is an integer in range (`2`, `2.0`, `2e0`, `-0`).
    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            Value::Number(raw) => raw.parse::<i64>().ok().or_else(|| {
                let float = raw.parse::<f64>().ok()?;
                let in_range = float.fract() == 0.0 && float.abs() < 9.0e18;
                in_range.then_some(float as i64)
            }),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Number(raw) => raw.parse::<f64>().ok(),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The member named `key`. With duplicate keys the last one wins, as in serde_json.
    pub fn member(&self, key: &str) -> Option<&Member<'s>> {
        self.as_object()?.iter().rev().find(|m| m.key == key)
    }

    /// The value of member `key` (see [`Node::member`]).
    pub fn get(&self, key: &str) -> Option<&Node<'s>> {
        self.member(key).map(|m| &m.value)
    }

    /// Converts to a `serde_json::Value` (duplicate keys: the last wins).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(flag) => serde_json::Value::Bool(*flag),
            Value::Number(raw) => raw
                .parse::<serde_json::Number>()
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::String(text) => serde_json::Value::String(text.to_string()),
            Value::Array(items) => items.iter().map(Node::to_json).collect(),
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.to_string(), m.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Where a tree's arrays, objects and unescaped strings live: one bump allocation region per
/// parse, as in oxc. Building a container is a pointer bump instead of a heap allocation, and
/// the whole tree is freed at once when the arena goes, with no walk over its nodes.
#[derive(Debug, Default)]
pub struct Arena(bumpalo::Bump);

impl Arena {
    pub fn new() -> Self {
        Self::default()
    }

    /// An arena whose first block fits the tree of a typical payload of `len` bytes (about
    /// twice its size), so parsing it allocates once. Bigger trees add blocks as needed.
    pub fn for_text(len: usize) -> Self {
        Self(bumpalo::Bump::with_capacity(
            len.saturating_mul(2).min(1 << 20),
        ))
    }
}

/// Parses one JSON text into `arena`. A leading UTF-8 byte order mark is skipped.
///
/// ```
/// use checkout_lint::tree::{Arena, parse};
///
/// let arena = Arena::new();
/// let root = parse(r#"{"confirm": true}"#, &arena).unwrap();
/// assert_eq!(root.get("confirm").and_then(|n| n.as_bool()), Some(true));
/// ```
pub fn parse<'s>(text: &'s str, arena: &'s Arena) -> Result<Node<'s>, SyntaxError> {
    let mut parser = Parser {
        arena: &arena.0,
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
    fn error_here(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            span: Span::new(self.pos, 0),
            message: message.into(),
        }
    }

    /// An error covering the character at the current position, or the end of input.
    fn error_at_char(&self, message: impl Into<String>) -> SyntaxError {
        let length = self.text[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        SyntaxError {
            span: Span::new(self.pos, length),
            message: message.into(),
        }
    }

    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self.text[self.pos..].chars().next() {
            None => self.error_here(format!("unexpected end of input: expected {expected}")),
            Some(found) => self.error_at_char(format!(
                "expected {expected}, found {}",
                describe_char(found)
            )),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'s>, SyntaxError> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object(depth + 1)?,
            Some(b'[') => self.array(depth + 1)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.keyword("true", Value::Bool(true))?,
            Some(b'f') => self.keyword("false", Value::Bool(false))?,
            Some(b'n') => self.keyword("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            _ => return Err(self.unexpected("a JSON value")),
        };
        Ok(Node {
            span: Span::between(start, self.pos),
            value,
        })
    }

    fn enter(&self, depth: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(SyntaxError {
                span: Span::new(self.pos, 1),
                message: format!("nesting is deeper than {MAX_DEPTH} levels"),
            });
        }
        Ok(())
    }

    fn keyword(&mut self, word: &str, value: Value<'s>) -> Result<Value<'s>, SyntaxError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'s>, SyntaxError> {
        self.enter(depth)?;
        self.pos += 1; // '['
        let start = self.items.len();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(&[]));
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
                    return Ok(Value::Array(
                        self.arena.alloc_slice_fill_iter(self.items.drain(start..)),
                    ));
                }
                _ => return Err(self.unexpected("',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'s>, SyntaxError> {
        self.enter(depth)?;
        self.pos += 1; // '{'
        let start = self.members.len();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(&[]));
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
                    return Ok(Value::Object(
                        self.arena
                            .alloc_slice_fill_iter(self.members.drain(start..)),
                    ));
                }
                _ => return Err(self.unexpected("',' or '}'")),
            }
        }
    }

    fn number(&mut self) -> Result<&'s str, SyntaxError> {
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
            return Err(SyntaxError {
                span: Span::between(start, self.pos),
                message: format!("number {raw} is out of range"),
            });
        }
        Ok(raw)
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<&'s str, SyntaxError> {
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

    fn control_character(&self, byte: u8) -> SyntaxError {
        SyntaxError {
            span: Span::new(self.pos, 1),
            message: format!(
                "raw control character U+{byte:04X} in a string: write it as an escape such as \\n or \\u{byte:04x}"
            ),
        }
    }

    /// Reads one escape sequence starting at the backslash.
    fn escape(&mut self) -> Result<char, SyntaxError> {
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

    fn unicode_escape(&mut self, start: usize) -> Result<char, SyntaxError> {
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

    fn hex4(&mut self, escape_start: usize) -> Result<u32, SyntaxError> {
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
            None => Err(SyntaxError {
                span: Span::between(escape_start, self.pos),
                message: "\\u must be followed by four hexadecimal digits".into(),
            }),
        }
    }
}

fn lone_surrogate(start: usize, end: usize) -> SyntaxError {
    SyntaxError {
        span: Span::between(start, end),
        message: "unpaired UTF-16 surrogate in a \\u escape".into(),
    }
}

fn describe_char(ch: char) -> String {
    if ch.is_control() || ch == '\u{FEFF}' {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("'{ch}'")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Tests keep their trees for the whole test: the arena is leaked.
    fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
        super::parse(text, Box::leak(Box::default()))
    }

    proptest! {
        /// The word-at-a-time scan stops exactly where a byte-at-a-time scan does.
        #[test]
        fn first_special_matches_a_plain_scan(bytes in proptest::collection::vec(
            prop_oneof![Just(b'"'), Just(b'\\'), 0u8..0x20, 0x20u8..=0xff, Just(b'a')], 0..40)
        ) {
            let plain = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(first_special(&bytes), plain.unwrap_or(bytes.len()));
        }
    }

    #[test]
    fn numbers_beyond_f64_are_found_with_or_without_an_exponent() {
        assert!(parse(&"9".repeat(300)).is_ok());
        assert_eq!(
            err(&"9".repeat(400)).message,
            format!("number {} is out of range", "9".repeat(400))
        );
        assert!(err("1e400").message.contains("out of range"));
        assert!(err("-1.5E+309").message.contains("out of range"));
        assert!(
            parse("1e-400").is_ok(),
            "underflow is zero, as in serde_json"
        );
    }

    fn err(text: &str) -> SyntaxError {
        parse(text).expect_err("should not parse")
    }

    #[test]
    fn keeps_spans_of_keys_and_values() {
        let text = r#"{"a": [1, "x\n"], "a": null}"#;
        let root = parse(text).unwrap();
        let members = root.as_object().unwrap();
        assert_eq!(members.len(), 2, "duplicates are kept");
        assert_eq!(
            &text[members[0].key_span.start()..members[0].key_span.end()],
            "\"a\""
        );
        let array = members[0].value.as_array().unwrap();
        assert_eq!(
            &text[array[1].span.start()..array[1].span.end()],
            "\"x\\n\""
        );
        assert_eq!(array[1].as_str(), Some("x\n"));
        assert!(root.get("a").unwrap().is_null(), "last duplicate wins");
    }

    #[test]
    fn rejects_what_rfc_8259_rejects() {
        assert_eq!(err("").message, "the file is empty: expected a JSON object");
        assert_eq!(err("  \n").span, Span::new(3, 0));
        assert!(
            err("{\"a\": \"\t\"}")
                .message
                .contains("raw control character U+0009")
        );
        assert_eq!(err("[1e400]").span, Span::new(1, 5));
        assert!(err("[01]").message.contains("leading zeros"));
        assert!(err("[1.]").message.contains("decimal point"));
        assert!(err("{\"a\":1,}").message.contains("a string key"));
        assert!(err("[1] x").message.contains("after the end"));
        assert!(err("[\"\\ud800\"]").message.contains("surrogate"));
        assert!(err("[\"\\udc00\\u0041\"]").message.contains("surrogate"));
        assert!(err("[\"\\x\"]").message.contains("invalid escape"));
        assert!(err("{'a': 1}").message.contains("found '''"));
        assert!(err("[tru]").message.contains("expected a JSON value"));
        assert!(err("{\"a\" 1}").message.contains("expected ':'"));
    }

    #[test]
    fn accepts_bom_escapes_and_surrogate_pairs() {
        let root = parse("\u{FEFF}{\"k\": \"\\ud83d\\ude00\\u00e9\\/\"}").unwrap();
        assert_eq!(root.get("k").and_then(Node::as_str), Some("😀é/"));
        assert_eq!(root.span.start(), 3);
    }

    #[test]
    fn bounds_nesting_without_overflowing() {
        let deep = "[".repeat(100_000);
        let error = err(&deep);
        assert_eq!(error.span, Span::new(MAX_DEPTH, 1));
        assert!(error.message.contains("deeper than 128"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn integers_read_the_way_a_server_would() {
        let root = parse("[2, 2.0, -0, 1.5, 123456789012345678901234567890]").unwrap();
        let items = root.as_array().unwrap();
        let ints: Vec<_> = items.iter().map(Node::as_i64).collect();
        assert_eq!(ints, [Some(2), Some(2), Some(0), None, None]);
    }
}
