//! The JavaScript and TypeScript front-end: oxc's parser, then two passes over the program —
//! what the file knows about Dodo ([`facts`]) and where its payloads are ([`find`]).

mod alternatives;
mod candidates;
mod facts;
mod fallbacks;
mod find;
// Tokens for the language server's completion, the one reader so far.
#[cfg(feature = "cli")]
pub(crate) mod lexemes;
mod lower;
mod probe;
mod suppress;
mod types;
mod urls;

use oxc_allocator::Allocator;
use oxc_ast_visit::Visit;
use oxc_span::SourceType;

use super::front_end::FrontEnd;
#[cfg(feature = "cli")]
use super::lexeme::{self, Atom, KeyStyle, Lexeme, Start, last_after};
use super::print::{BareKeys, Syntax};
use super::suppress::Suppression;
use super::{Comment, Found, depth};
use crate::span::Span;
use crate::tree::Arena;

/// JavaScript and TypeScript, with or without JSX.
pub(crate) struct JavaScript;

const SYNTAX: Syntax = Syntax {
    bare_keys: BareKeys::Identifiers,
    json_escapes: false,
};

impl FrontEnd for JavaScript {
    fn name(&self) -> &'static str {
        "javascript"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"]
    }

    fn frame_language(&self, extension: &str) -> &'static str {
        match extension {
            "ts" | "mts" | "cts" => "typescript",
            "tsx" => "tsx",
            "jsx" => "jsx",
            _ => "javascript",
        }
    }

    fn find<'s>(&self, name: &str, text: &'s str, arena: &'s Arena) -> Found<'s> {
        find(name, text, arena)
    }

    fn suppression(&self, comment: Span, text: &str) -> Option<Suppression> {
        suppress::eslint_style(comment, text)
    }

    fn syntax(&self) -> &'static Syntax {
        &SYNTAX
    }

    #[cfg(feature = "cli")]
    fn lexemes(&self, text: &str) -> Option<Vec<Lexeme>> {
        Some(lexemes::lexemes(text))
    }

    /// The literal after `checkoutSessions.create(` or a typed declaration.
    #[cfg(feature = "cli")]
    fn payload_start(&self, lexemes: &[Lexeme]) -> Option<Start> {
        let calls = lexeme::sdk_calls("checkoutSessions");
        let calls: [&[Atom]; 2] = [&calls[0], &calls[1]];
        let opener =
            last_after(lexemes, &calls).max(last_after(lexemes, lexeme::TYPED_LITERALS))?;
        lexeme::literal_after(lexemes, opener)
    }

    #[cfg(feature = "cli")]
    fn key_style(&self, _start: Start, _top_level: bool) -> KeyStyle {
        KeyStyle::Bare
    }
}

/// Text every file with a payload contains: `checkoutSessions.create`, a `/checkouts` URL or the
/// SDK's params types. Files without any are not parsed.
const NEEDLES: &[&str] = &["checkoutSessions", "/checkouts", "CheckoutSession"];

/// One pass for what every needle contains, so the common file (none of them) is read once.
const COMMON: &str = "heckout";

fn may_hold_payload(bytes: &[u8]) -> bool {
    static COMMON_FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let common = COMMON_FINDER.get_or_init(|| memchr::memmem::Finder::new(COMMON));
    common.find(bytes).is_some()
        && NEEDLES
            .iter()
            .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

/// Prefix operators that nest without brackets (`!!!!x`, `~~~~x`). `-` and `+` are left out:
/// comment rulers (`// ------`) would count.
const PREFIX: &[u8] = b"!~";

/// The payloads of one source file, with its comments (for suppressions).
fn find<'s>(name: &str, text: &'s str, arena: &'s Arena) -> Found<'s> {
    if !may_hold_payload(text.as_bytes()) {
        return Found::default();
    }
    if let Some(too_deep) = depth::too_deep_brackets(text.as_bytes(), PREFIX) {
        return Found::too_deep(too_deep);
    }
    // A parser defect must not end the run over a repository's other files: a file the parser
    // panics on is a file without payloads (the panic hook has already said what happened).
    depth::with_stack(text.len(), || parse_and_find(name, text, arena)).unwrap_or_default()
}

fn parse_and_find<'s>(name: &str, text: &'s str, arena: &'s Arena) -> Found<'s> {
    let allocator = Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, source_type(name)).parse();
    // Syntax errors are the compiler's to report; what the parser recovered is still linted.
    let program = &parsed.program;
    if let Some(too_deep) = probe::too_deep(program) {
        return Found::too_deep(too_deep);
    }
    let facts = facts::Facts::of(program);
    let lower = lower::Lowerer {
        text,
        arena: arena.bump(),
        types: types::Types::of(program),
        choices: alternatives::Choices::default(),
    };
    let mut finder = find::Finder::new(&facts, &lower, program.span, text.len());
    finder.visit_program(program);
    let comments = program
        .comments
        .iter()
        .map(|comment| Comment {
            span: lower::span_of(comment.span),
        })
        .collect();
    Found {
        payloads: finder.flow.payloads,
        comments,
        ..Found::default()
    }
}

fn source_type(name: &str) -> SourceType {
    // The registry claims extensions in any case (`Checkout.TSX`); the parser's mode follows.
    let extension = name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "ts" | "mts" | "cts" => SourceType::ts(),
        "tsx" => SourceType::tsx(),
        // JSX is common in .js files of React projects; plain scripts parse the same with it.
        _ => SourceType::jsx().with_module(extension != "cjs"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parser_mode_follows_the_extension_in_any_case() {
        assert!(source_type("a/Checkout.TSX").is_typescript());
        assert!(source_type("a/route.Ts").is_typescript());
        assert!(source_type("a/page.jsx").is_module());
    }

    #[test]
    fn every_needle_holds_the_common_part() {
        assert!(NEEDLES.iter().all(|needle| needle.contains(COMMON)));
        assert!(may_hold_payload(b"x.checkoutSessions.create({})"));
        assert!(!may_hold_payload(b"checkout the docs"));
    }
}
