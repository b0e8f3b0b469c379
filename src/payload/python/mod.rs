//! The Python front-end: ruff's parser (error-tolerant, so a payload in a file being edited is
//! still found), then two passes over the module — what it knows about Dodo ([`facts`]) and
//! where its payloads are ([`find`]).

mod annotations;
mod calls;
mod dicts;
mod exports;
mod facts;
mod fallbacks;
mod find;
mod injection;
// Tokens for the language server's completion, the one reader so far.
#[cfg(feature = "cli")]
pub(crate) mod lexemes;
mod lower;
mod probe;
mod qualified;
mod resolve;
mod responses;
mod returns;
mod sends;
mod sent_by_others;
mod shapes;
mod suppress;
mod urls;
mod variants;

use ruff_python_ast::Stmt;
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::Visitor;
use ruff_text_size::Ranged;

use super::exports::ModuleFacts;
use super::front_end::FrontEnd;
#[cfg(feature = "cli")]
use super::lexeme::{self, Atom, KeyStyle, Lexeme, Start, last_after};
use super::needles::Needles;
use super::neighbours::Neighbours;
use super::print::{BareKeys, Syntax};
use super::suppress::Suppression;
use super::{Comment, Found, depth};
use crate::span::Span;
use crate::tree::Arena;

/// Python (`.pyi` stubs hold no calls, and are not read).
pub(crate) struct Python;

const SYNTAX: Syntax = Syntax {
    bare_keys: BareKeys::Keywords,
    json_escapes: false,
};

impl FrontEnd for Python {
    fn name(&self) -> &'static str {
        "python"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["py"]
    }

    fn frame_language(&self, _extension: &str) -> &'static str {
        "python"
    }

    fn find<'s>(
        &self,
        name: &str,
        text: &'s str,
        arena: &'s Arena,
        neighbours: &Neighbours,
    ) -> Found<'s> {
        find(name, text, arena, neighbours)
    }

    fn resolves_imports(&self) -> bool {
        true
    }

    fn mentions_anything(&self, bytes: &[u8]) -> bool {
        static ANY: Needles = Needles::new(&[NEEDLES, MODULE_NEEDLES]);
        ANY.any_in(bytes)
    }

    /// The project stage asks only of modules that mention something or are imported.
    fn module_facts(&self, name: &str, text: &str, _imported: bool) -> Option<ModuleFacts> {
        if depth::too_deep_brackets(text.as_bytes(), PREFIX).is_some() {
            return None;
        }
        depth::with_stack(text.len(), || {
            let parsed = ruff_python_parser::parse_unchecked_source(
                text,
                ruff_python_ast::PySourceType::Python,
            );
            let module = parsed.syntax();
            if probe::too_deep(&module.body).is_some() {
                return None;
            }
            let facts = facts::Facts::of(&module.body, &Neighbours::default());
            let mut out = exports::module_facts(&module.body, &facts);
            (out.shapes, out.param_names) = shapes::shapes(&module.body, name, text);
            Some(out)
        })
        .flatten()
    }

    fn module_paths(
        &self,
        from: &std::path::Path,
        specifier: &str,
        root: &std::path::Path,
    ) -> Option<Vec<std::path::PathBuf>> {
        Some(exports::module_paths(from, specifier, root))
    }

    fn suppression(&self, comment: Span, text: &str) -> Option<Suppression> {
        suppress::pylint_style(comment, text)
    }

    fn syntax(&self) -> &'static Syntax {
        &SYNTAX
    }

    #[cfg(feature = "cli")]
    fn lexemes(&self, text: &str) -> Option<Vec<Lexeme>> {
        lexemes::lexemes(text)
    }

    /// The keyword arguments of `checkout_sessions.create(`, or the literal of a typed
    /// declaration written after the last such call.
    #[cfg(feature = "cli")]
    fn payload_start(&self, lexemes: &[Lexeme]) -> Option<Start> {
        let calls = lexeme::sdk_calls("checkout_sessions");
        let calls: [&[Atom]; 2] = [&calls[0], &calls[1]];
        let call = last_after(lexemes, &calls);
        let literal = last_after(lexemes, lexeme::TYPED_LITERALS);
        match (call, literal) {
            (Some(call), literal) if literal.is_none_or(|literal| literal < call) => Some(Start {
                index: call,
                keyword_call: true,
            }),
            (_, literal) => lexeme::literal_after(lexemes, literal?),
        }
    }

    /// `name=` among a call's own keyword arguments; quoted in a dict.
    #[cfg(feature = "cli")]
    fn key_style(&self, start: Start, top_level: bool) -> KeyStyle {
        if start.keyword_call && top_level {
            KeyStyle::Keyword
        } else {
            KeyStyle::Quoted
        }
    }
}

/// Text every file with a payload contains: `checkout_sessions`, a `/checkouts` URL or the
/// SDK's params types. Files without any are not parsed.
const NEEDLES: &[&str] = &["checkout_sessions", "/checkouts", "CheckoutSession"];

/// Text every module the project stage reads has: the SDK's name (a client or factory module)
/// or a payload's cart (a builder).
const MODULE_NEEDLES: &[&str] = &["dodopayments", "product_cart"];

/// What every needle shares, found in one pass.
const COMMON: &str = "heckout";

fn may_hold_payload(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, COMMON.as_bytes()).is_some()
        && NEEDLES
            .iter()
            .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

/// Prefix operators that nest without brackets (`~~~~x`). `-` and `+` are left out: comment
/// rulers (`# ------`) would count.
const PREFIX: &[u8] = b"~";

/// The payloads of one Python file, with its comments (for suppressions).
fn find<'s>(_name: &str, text: &'s str, arena: &'s Arena, neighbours: &Neighbours) -> Found<'s> {
    let imports_known = neighbours
        .imported
        .keys()
        .any(|name| memchr::memmem::find(text.as_bytes(), name.as_bytes()).is_some());
    if !may_hold_payload(text.as_bytes()) && neighbours.sent.is_empty() && !imports_known {
        return Found::default();
    }
    if let Some(too_deep) = depth::too_deep_brackets(text.as_bytes(), PREFIX) {
        return Found::too_deep(too_deep);
    }
    // ruff's parser grows its own stack as it recurses; the visits of its tree run on ours.
    depth::with_stack(text.len(), || parse_and_find(text, arena, neighbours)).unwrap_or_default()
}

fn parse_and_find<'s>(text: &'s str, arena: &'s Arena, neighbours: &Neighbours) -> Found<'s> {
    let parsed =
        ruff_python_parser::parse_unchecked_source(text, ruff_python_ast::PySourceType::Python);
    let module = parsed.syntax();
    if let Some(too_deep) = probe::too_deep(&module.body) {
        // Dropped here, on the stack sized for the file: dropping recurses as deep as the
        // tree nests, at most a level per byte, each far smaller than the bound per byte.
        return Found::too_deep(too_deep);
    }
    let facts = facts::Facts::of(&module.body, neighbours);
    let lower = lower::Lowerer {
        text,
        arena: arena.bump(),
        typed: annotations::typed_reads(&module.body),
    };
    let mut finder = find::Finder::new(&facts, &lower, module, neighbours);
    // Top-level builders first: the dicts their bodies bind are known wherever they are
    // called, even from code written above them.
    let (builders, rest): (Vec<&Stmt>, Vec<&Stmt>) = module.body.iter().partition(|stmt| {
        matches!(stmt, Stmt::FunctionDef(function) if !returns::returned_dicts(&function.body).is_empty())
    });
    for stmt in builders.into_iter().chain(rest) {
        finder.visit_stmt(stmt);
    }
    // What other modules send of this one: linted here, open when the call adds keywords of
    // its own.
    finder.sent_by_others();
    let comments = parsed
        .tokens()
        .iter()
        .filter(|token| token.kind() == TokenKind::Comment)
        .map(|token| Comment {
            span: lower::span_of(token.range()),
        })
        .collect();
    Found {
        payloads: finder.flow.payloads,
        comments,
        ..Found::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_needle_holds_the_common_part() {
        assert!(NEEDLES.iter().all(|needle| needle.contains(COMMON)));
        assert!(may_hold_payload(b"client.checkout_sessions.create()"));
        assert!(!may_hold_payload(b"check out"));
    }
}
