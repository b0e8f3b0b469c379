//! The tokens of a host language, reduced to what shapes a payload literal: brackets, the
//! separators of members and items, names and strings. Each front-end reads its own language's
//! lexical rules (comments, string prefixes and escapes, operators such as Python's `//`) and
//! hands back these, so code that follows a half-typed payload (an editor's completion) reads
//! every language alike.

use crate::span::Span;

/// One token, with its bytes in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexeme {
    pub kind: LexemeKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexemeKind {
    Open(Bracket),
    Close(Bracket),
    Comma,
    Colon,
    /// A lone `=` (an assignment, or a keyword argument in Python), not `==` or `=>`.
    Assign,
    /// A member access: `.`, or `?.` in JavaScript.
    Dot,
    /// An identifier, with its text.
    Name(String),
    /// A string literal with its value (escapes read); `closed` is false when the text ends
    /// (or, for a one-line string, the line ends) before its closing quote.
    Str {
        value: String,
        closed: bool,
    },
    /// Anything else: numbers, operators, keywords, template literals, regular expressions.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bracket {
    /// `(` `)`
    Round,
    /// `[` `]`
    Square,
    /// `{` `}`
    Curly,
}

impl Lexeme {
    pub fn new(kind: LexemeKind, start: usize, end: usize) -> Self {
        Self {
            kind,
            span: Span::between(start, end),
        }
    }
}

/// A quoted string's value: each backslash escape stands for the character it escapes (a
/// key's name rarely holds one, and a value being typed is not read). `raw` keeps backslashes.
pub fn unescape(body: &str, raw: bool) -> String {
    if raw {
        return body.to_string();
    }
    let mut value = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => value.extend(chars.next()),
            other => value.push(other),
        }
    }
    value
}
