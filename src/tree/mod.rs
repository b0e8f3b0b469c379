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

mod parser;

use crate::span::Span;

/// The deepest nesting of arrays and objects accepted, as in serde_json.
pub const MAX_DEPTH: usize = 128;

/// A JSON value with the byte range it was read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node<'s> {
    pub span: Span,
    pub value: Value<'s>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'s> {
    Null,
    Bool(bool),
    /// The number's text exactly as written (already checked to be a valid, finite number).
    Number(&'s str),
    /// Borrowed from the text, or from the arena when it had escapes.
    String(&'s str),
    /// Items in order; [`Extent::Open`] when a spread may add items that cannot be seen.
    Array(&'s [Node<'s>], Extent),
    /// Members in source order, duplicates included; [`Extent::Open`] when a spread or a
    /// computed key may add members that cannot be seen.
    Object(&'s [Member<'s>], Extent),
    /// A value that is not known statically: a variable, a call, a template with substitutions.
    /// JSON never has one; source front-ends do.
    Unknown(Unknown<'s>),
}

/// Whether every item or member of a container is visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extent {
    /// All of them: every JSON container, and source literals without spreads.
    #[default]
    Closed,
    /// Some may come from a spread (`...rest`, `**extra`) or a computed key.
    Open,
}

/// What is known of a value that is not known: its type, and the start of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unknown<'s> {
    pub kind: StaticType,
    /// The text a string is known to start with (a template's first quasi), else `""`.
    pub prefix: &'s str,
}

/// The JSON type a value will have, when the source says so without running it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaticType {
    /// Anything (an identifier, a call): even absent, for `undefined`.
    Any,
    String,
    Number,
    Boolean,
    Object,
    Array,
}

impl StaticType {
    /// The JSON type name, as [`Node::type_name`] gives it; `None` for [`StaticType::Any`].
    pub fn json_name(self) -> Option<&'static str> {
        Some(match self {
            Self::Any => return None,
            Self::String => "string",
            Self::Number => "number",
            Self::Boolean => "boolean",
            Self::Object => "object",
            Self::Array => "array",
        })
    }
}

/// `"key": value` inside an object.
#[derive(Debug, Clone, Copy, PartialEq)]
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
            Value::Array(..) => "array",
            Value::Object(..) => "object",
            Value::Unknown(unknown) => unknown.kind.json_name().unwrap_or("unknown"),
        }
    }

    /// The value, when it is not known statically.
    pub fn as_unknown(&self) -> Option<Unknown<'s>> {
        match self.value {
            Value::Unknown(unknown) => Some(unknown),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown(_))
    }

    /// True for a container whose members are not all visible (see [`Extent::Open`]).
    pub fn is_open(&self) -> bool {
        matches!(
            self.value,
            Value::Array(_, Extent::Open) | Value::Object(_, Extent::Open)
        )
    }

    /// True when this value or anything in it is not known statically or is open.
    pub fn has_unknowns(&self) -> bool {
        match &self.value {
            Value::Unknown(_) => true,
            Value::Array(_, Extent::Open) | Value::Object(_, Extent::Open) => true,
            Value::Array(items, _) => items.iter().any(Node::has_unknowns),
            Value::Object(members, _) => members.iter().any(|m| m.value.has_unknowns()),
            _ => false,
        }
    }

    pub fn as_object(&self) -> Option<&[Member<'s>]> {
        match &self.value {
            Value::Object(members, _) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node<'s>]> {
        match &self.value {
            Value::Array(items, _) => Some(items),
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
            // Only for display: an unknown value has no JSON, and reads as null.
            Value::Unknown(_) => serde_json::Value::Null,
            Value::Array(items, _) => items.iter().map(Node::to_json).collect(),
            Value::Object(members, _) => serde_json::Value::Object(
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

    /// The region itself, for front-ends that build trees of their own.
    #[cfg(any(feature = "js", feature = "python", feature = "go"))]
    pub(crate) fn bump(&self) -> &bumpalo::Bump {
        &self.0
    }

    /// An arena whose first block fits the tree of a typical payload of `len` bytes (about
    /// twice its size), so parsing it allocates once. Bigger trees add blocks as needed.
    pub fn for_text(len: usize) -> Self {
        Self(bumpalo::Bump::with_capacity(
            len.saturating_mul(2).min(1 << 20),
        ))
    }

    /// Runs `work` with an arena for a text of `len` bytes that this thread reuses from one
    /// lint to the next: a small payload's lint then neither allocates nor frees a region, and
    /// parses into memory that is still in cache. An arena grown past [`KEEP_AT_MOST`] by a big
    /// payload is freed rather than kept, and a lint inside a lint gets an arena of its own.
    pub(crate) fn reused<R>(len: usize, work: impl FnOnce(&Arena) -> R) -> R {
        thread_local! {
            static SPARE: std::cell::Cell<Option<Arena>> = const { std::cell::Cell::new(None) };
        }
        let mut arena = SPARE
            .try_with(std::cell::Cell::take)
            .ok()
            .flatten()
            .unwrap_or_else(|| Self::for_text(len));
        let result = work(&arena);
        arena.0.reset();
        if arena.0.allocated_bytes() <= KEEP_AT_MOST {
            // A thread being torn down has no slot left: the arena is then simply dropped.
            let _ = SPARE.try_with(|spare| spare.set(Some(arena)));
        }
        result
    }
}

/// The largest arena a thread keeps for its next lint (a payload of about half of it).
const KEEP_AT_MOST: usize = 1 << 20;

/// Parses one JSON text into `arena`. A leading UTF-8 byte order mark is skipped.
///
/// ```
/// use checkout_lint::internals::{Arena, parse};
///
/// let arena = Arena::new();
/// let root = parse(r#"{"confirm": true}"#, &arena).unwrap();
/// assert_eq!(root.get("confirm").and_then(|n| n.as_bool()), Some(true));
/// ```
pub fn parse<'s>(text: &'s str, arena: &'s Arena) -> Result<Node<'s>, SyntaxError> {
    parser::parse(text, &arena.0)
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
            prop_assert_eq!(parser::first_special(&bytes), plain.unwrap_or(bytes.len()));
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
