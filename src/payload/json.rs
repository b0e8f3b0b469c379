//! The JSON front-end: the file is the payload. Parsed by [`crate::tree`]'s own parser, which
//! keeps exact spans and bounds nesting itself.

use super::front_end::FrontEnd;
#[cfg(feature = "cli")]
use super::lexeme::{KeyStyle, Lexeme, Start};
use super::print::{BareKeys, Syntax};
use super::{Found, Payload};
use crate::tree::{self, Arena};

pub(crate) struct Json;

const SYNTAX: Syntax = Syntax {
    bare_keys: BareKeys::Never,
    json_escapes: true,
};

impl FrontEnd for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn frame_language(&self, _extension: &str) -> &'static str {
        "json"
    }

    fn payload_is_file(&self) -> bool {
        true
    }

    fn find<'s>(
        &self,
        _name: &str,
        text: &'s str,
        arena: &'s Arena,
        _neighbours: &super::neighbours::Neighbours,
    ) -> Found<'s> {
        match tree::parse(text, arena) {
            Ok(root) => Found {
                payloads: vec![Payload {
                    call: root.span,
                    root,
                    sent_with: None,
                    reads: Vec::new(),
                    posted_to: None,
                    bound: Vec::new(),
                    adapter: None,
                }],
                ..Found::default()
            },
            Err(error) => Found {
                syntax_error: Some(error),
                ..Found::default()
            },
        }
    }

    fn syntax(&self) -> &'static Syntax {
        &SYNTAX
    }

    /// JSON is JavaScript to a lexer.
    #[cfg(feature = "cli")]
    fn lexemes(&self, text: &str) -> Option<Vec<Lexeme>> {
        Some(super::js::lexemes::lexemes(text))
    }

    /// The whole document.
    #[cfg(feature = "cli")]
    fn payload_start(&self, _lexemes: &[Lexeme]) -> Option<Start> {
        Some(Start {
            index: 0,
            keyword_call: false,
        })
    }

    #[cfg(feature = "cli")]
    fn key_style(&self, _start: Start, _top_level: bool) -> KeyStyle {
        KeyStyle::Quoted
    }

    #[cfg(feature = "cli")]
    fn value_quote(&self, _text: &str) -> char {
        '"'
    }
}
