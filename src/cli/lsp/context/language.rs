//! What completion needs from a host language, behind functions that take the language (the
//! parts a per-language front-end will provide): its tokens, by its own lexical rules, and where
//! a payload being typed starts — the object literal after an SDK call or a typed declaration,
//! or in Python the keyword arguments of the call.

use crate::payload::HostLanguage;
use crate::payload::lexeme::{Bracket, Lexeme, LexemeKind};

/// The tokens of `text` by `language`'s lexical rules; `None` when the text is beyond what
/// the language's front-end reads (too large, too deep).
pub fn lexemes(language: HostLanguage, text: &str) -> Option<Vec<Lexeme>> {
    match language {
        // JSON is JavaScript to a lexer.
        HostLanguage::Json | HostLanguage::JavaScript => {
            Some(crate::payload::js::lexemes::lexemes(text))
        }
        HostLanguage::Python => crate::payload::python::lexemes::lexemes(text),
    }
}

/// Where the payload around the cursor starts in a text's lexemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    /// The index of its first lexeme.
    pub index: usize,
    /// True when the payload is the keyword arguments of a Python call (`name=value`), which
    /// start just inside the call's parenthesis.
    pub keyword_call: bool,
}

/// One token of an opener.
#[derive(Debug, Clone, Copy)]
enum Atom {
    Name(&'static str),
    Dot,
    Call,
    Assign,
}

/// An SDK call whose first argument is the payload: `checkoutSessions.create(`.
const JS_CALLS: &[&[Atom]] = &[
    &[
        Atom::Name("checkoutSessions"),
        Atom::Dot,
        Atom::Name("create"),
        Atom::Call,
    ],
    &[
        Atom::Name("checkoutSessions"),
        Atom::Dot,
        Atom::Name("preview"),
        Atom::Call,
    ],
];

/// A call whose keyword arguments are the payload: `checkout_sessions.create(`.
const PYTHON_CALLS: &[&[Atom]] = &[
    &[
        Atom::Name("checkout_sessions"),
        Atom::Dot,
        Atom::Name("create"),
        Atom::Call,
    ],
    &[
        Atom::Name("checkout_sessions"),
        Atom::Dot,
        Atom::Name("preview"),
        Atom::Call,
    ],
];

/// A declaration of the SDK's params type, assigned a literal: `…CreateParams = {`.
const TYPED_LITERALS: &[&[Atom]] = &[
    &[Atom::Name("CheckoutSessionCreateParams"), Atom::Assign],
    &[Atom::Name("CheckoutSessionPreviewParams"), Atom::Assign],
];

/// Where the payload being typed starts: the whole JSON document, or in source code the last
/// payload opener's literal (or Python call) before the cursor.
pub fn payload_start(language: HostLanguage, lexemes: &[Lexeme]) -> Option<Start> {
    let literal_after = |opener: usize| {
        let index = opener
            + lexemes
                .get(opener..)?
                .iter()
                .position(|l| l.kind == LexemeKind::Open(Bracket::Curly))?;
        Some(Start {
            index,
            keyword_call: false,
        })
    };
    match language {
        HostLanguage::Json => Some(Start {
            index: 0,
            keyword_call: false,
        }),
        HostLanguage::JavaScript => {
            let opener = last_after(lexemes, JS_CALLS).max(last_after(lexemes, TYPED_LITERALS))?;
            literal_after(opener)
        }
        HostLanguage::Python => {
            let call = last_after(lexemes, PYTHON_CALLS);
            let literal = last_after(lexemes, TYPED_LITERALS);
            match (call, literal) {
                (Some(call), literal) if literal.is_none_or(|literal| literal < call) => {
                    Some(Start {
                        index: call,
                        keyword_call: true,
                    })
                }
                (_, literal) => literal_after(literal?),
            }
        }
    }
}

/// The index just after the last place in `lexemes` where one of `openers` is written.
fn last_after(lexemes: &[Lexeme], openers: &[&[Atom]]) -> Option<usize> {
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
