//! The tokens of a host language, reduced to what shapes a payload literal: brackets, the
//! separators of members and items, names and strings. Each front-end reads its own language's
//! lexical rules (comments, string prefixes and escapes, operators such as Python's `//`) and
//! hands back these, so code that follows a half-typed payload (an editor's completion) reads
//! every language alike.

use crate::span::Span;

/// One token, with its bytes in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lexeme {
    pub kind: LexemeKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LexemeKind {
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
pub(crate) enum Bracket {
    /// `(` `)`
    Round,
    /// `[` `]`
    Square,
    /// `{` `}`
    Curly,
}

impl Lexeme {
    pub(crate) fn new(kind: LexemeKind, start: usize, end: usize) -> Self {
        Self {
            kind,
            span: Span::between(start, end),
        }
    }
}

/// A quoted string's value: each backslash escape stands for the character it escapes (a
/// key's name rarely holds one, and a value being typed is not read). `raw` keeps backslashes.
pub(crate) fn unescape(body: &str, raw: bool) -> String {
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

/// Where the payload around a cursor starts in a text's lexemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Start {
    /// The index of its first lexeme.
    pub index: usize,
    /// True when the payload is the keyword arguments of a Python call (`name=value`), which
    /// start just inside the call's parenthesis.
    pub keyword_call: bool,
}

/// How keys are written where a cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyStyle {
    /// JSON, and Python dict keys: quoted.
    Quoted,
    /// JavaScript object keys: bare.
    Bare,
    /// The keyword arguments of a Python call: `name=`.
    Keyword,
}

/// One token of an opener.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Atom {
    Name(&'static str),
    Dot,
    Call,
    Assign,
}

/// A declaration of the SDK's params type, assigned a literal: `…CreateParams = {`.
pub(crate) const TYPED_LITERALS: &[&[Atom]] = &[
    &[Atom::Name("CheckoutSessionCreateParams"), Atom::Assign],
    &[Atom::Name("CheckoutSessionPreviewParams"), Atom::Assign],
];

/// `<resource>.create(` and `<resource>.preview(`: the SDK calls whose argument is a payload.
pub(crate) const fn sdk_calls(resource: &'static str) -> [[Atom; 4]; 2] {
    [
        [
            Atom::Name(resource),
            Atom::Dot,
            Atom::Name("create"),
            Atom::Call,
        ],
        [
            Atom::Name(resource),
            Atom::Dot,
            Atom::Name("preview"),
            Atom::Call,
        ],
    ]
}

/// The index just after the last place in `lexemes` where one of `openers` is written.
pub(crate) fn last_after(lexemes: &[Lexeme], openers: &[&[Atom]]) -> Option<usize> {
    (0..lexemes.len()).rev().find_map(|at| {
        openers
            .iter()
            .find_map(|opener| matches_at(lexemes, at, opener))
    })
}

fn matches_at(lexemes: &[Lexeme], at: usize, opener: &[Atom]) -> Option<usize> {
    let written = lexemes.get(at..at + opener.len())?;
    let matched = written
        .iter()
        .zip(opener)
        .all(|(lexeme, atom)| match (atom, &lexeme.kind) {
            (Atom::Name(name), LexemeKind::Name(word)) => word == name,
            (Atom::Dot, LexemeKind::Dot) => true,
            (Atom::Call, LexemeKind::Open(Bracket::Round)) => true,
            (Atom::Assign, LexemeKind::Assign) => true,
            _ => false,
        });
    matched.then_some(at + opener.len())
}

/// The object literal that starts at the first `{` from `opener` on.
pub(crate) fn literal_after(lexemes: &[Lexeme], opener: usize) -> Option<Start> {
    let index = opener
        + lexemes
            .get(opener..)?
            .iter()
            .position(|l| l.kind == LexemeKind::Open(Bracket::Curly))?;
    Some(Start {
        index,
        keyword_call: false,
    })
}

/// The quote a value is written in: the one the text uses most (`"` on a tie).
pub(crate) fn majority_quote(text: &str) -> char {
    if text.matches('"').count() >= text.matches('\'').count() {
        '"'
    } else {
        '\''
    }
}
