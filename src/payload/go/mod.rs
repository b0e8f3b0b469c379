//! The Go front-end: tree-sitter's Go grammar (error-tolerant, as GitHub, ast-grep and
//! difftastic use it), then one bounded probe of the tree (its depth, its comments) and one pass
//! that finds the payloads ([`find`], [`raw`]). A payload is a typed struct here, not an object
//! literal: [`lower`] reads the SDK's struct fields as the API's fields through the SDK's own
//! `json` tags ([`sdk`]).
//!
//! A file that does not contain the SDK's import path is never parsed: every payload the
//! front-end finds needs it (the SDK's params types) or a Dodo URL with `/checkouts` (a raw
//! request).

mod find;
mod imports;
mod literals;
mod lower;
mod numbers;
mod raw;
pub(crate) mod sdk;
mod strings;
mod structs;

use tree_sitter::{Node as TsNode, Parser, Tree};

use super::front_end::FrontEnd;
#[cfg(feature = "cli")]
use super::lexeme::{KeyStyle, Lexeme, Start};
use super::needles::Needles;
use super::neighbours::Neighbours;
use super::print::{BareKeys, Syntax};
use super::suppress::Suppression;
use super::{Comment, Found, depth};
use crate::span::Span;
use crate::tree::Arena;

/// Go (`_test.go` files included: a test that builds a payload sends it in a test).
pub(crate) struct Go;

/// Strings are written with double quotes and read Go's escapes, which serde_json's escapes
/// are a subset of; a struct field is a bare key, named through the SDK's table.
const SYNTAX: Syntax = Syntax {
    bare_keys: BareKeys::GoFields,
    json_escapes: true,
};

/// Text every file with a payload contains: the SDK's import path, or `/checkouts` (a raw
/// request's URL).
const NEEDLES: &[&str] = &[sdk::IMPORT_PATH, "/checkouts"];

/// Unary operators nest without brackets. `-` and `+` are left out: comment rulers
/// (`// ------`) would count; the tree's probe bounds them.
const PREFIX: &[u8] = b"!^*&";

impl FrontEnd for Go {
    fn name(&self) -> &'static str {
        "go"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["go"]
    }

    fn frame_language(&self, _extension: &str) -> &'static str {
        "go"
    }

    fn find<'s>(
        &self,
        _name: &str,
        text: &'s str,
        arena: &'s Arena,
        _neighbours: &Neighbours,
    ) -> Found<'s> {
        if !self.mentions_anything(text.as_bytes()) {
            return Found::default();
        }
        if let Some(too_deep) = depth::too_deep_brackets(text.as_bytes(), PREFIX) {
            return Found::too_deep(too_deep);
        }
        depth::with_stack(text.len(), || parse_and_find(text, arena)).unwrap_or_default()
    }

    fn mentions_anything(&self, bytes: &[u8]) -> bool {
        static ANY: Needles = Needles::new(&[NEEDLES]);
        ANY.any_in(bytes)
    }

    fn suppression(&self, comment: Span, text: &str) -> Option<Suppression> {
        super::eslint::eslint_style(comment, text)
    }

    fn syntax(&self) -> &'static Syntax {
        &SYNTAX
    }

    /// Completion reads lexemes of JavaScript and Python so far; Go's are not read yet.
    #[cfg(feature = "cli")]
    fn lexemes(&self, _text: &str) -> Option<Vec<Lexeme>> {
        None
    }

    #[cfg(feature = "cli")]
    fn payload_start(&self, _lexemes: &[Lexeme]) -> Option<Start> {
        None
    }

    #[cfg(feature = "cli")]
    fn key_style(&self, _start: Start, _top_level: bool) -> KeyStyle {
        KeyStyle::Bare
    }
}

fn parse(text: &str) -> Option<Tree> {
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_go::LANGUAGE.into()).ok()?;
    parser.parse(text, None)
}

fn parse_and_find<'s>(text: &'s str, arena: &'s Arena) -> Found<'s> {
    let Some(tree) = parse(text) else {
        return Found::default();
    };
    let root = tree.root_node();
    let (comments, too_deep) = probe(root);
    if let Some(too_deep) = too_deep {
        return Found::too_deep(too_deep);
    }
    let imports = imports::Imports::of(root, text);
    let structs = structs::Structs::of(root, text);
    let lower = lower::Lowerer {
        text,
        arena: arena.bump(),
        imports: &imports,
        structs: &structs,
    };
    let mut finder = find::Finder::new(&lower, span_of(root));
    finder.visit(root);
    finder.finish();
    Found {
        payloads: finder.flow.payloads,
        comments,
        ..Found::default()
    }
}

/// The file's comments, and where its tree nests past the limit, if it does: one walk with a
/// cursor (no recursion), before any recursive pass.
fn probe(root: TsNode<'_>) -> (Vec<Comment>, Option<depth::TooDeep>) {
    let mut comments = Vec::new();
    let mut probe = depth::DepthProbe::default();
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.kind() == "comment" {
            comments.push(Comment {
                span: span_of(node),
            });
        }
        let entered = probe.enter(span_of(node));
        if probe.too_deep.is_some() {
            return (comments, probe.too_deep);
        }
        if entered && cursor.goto_first_child() {
            continue;
        }
        probe.leave();
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return (comments, probe.too_deep);
            }
            probe.leave();
        }
    }
}

/// The named children of `node` but its comments (which tree-sitter places anywhere: between
/// a call's arguments, inside a keyed element).
pub(super) fn named(node: TsNode<'_>) -> Vec<TsNode<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|child| child.kind() != "comment")
        .collect()
}

/// The `index`th named child of `node` that is not a comment.
pub(super) fn nth(node: TsNode<'_>, index: usize) -> Option<TsNode<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|child| child.kind() != "comment")
        .nth(index)
}

pub(super) fn span_of(node: TsNode<'_>) -> Span {
    Span::between(node.start_byte(), node.end_byte())
}

/// The text of `node` (empty if its bytes are not a slice of `text` on char boundaries, which
/// tree-sitter's byte ranges of a `&str` always are).
pub(super) fn text_of<'s>(node: TsNode<'_>, text: &'s str) -> &'s str {
    text.get(node.start_byte()..node.end_byte())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probe_finds_comments_and_stops_past_the_depth_limit() {
        let text = "package a\n// one\nfunc f() { /* two */ }\n";
        let tree = parse(text).unwrap();
        let (comments, too_deep) = probe(tree.root_node());
        assert_eq!(comments.len(), 2);
        assert_eq!(too_deep, None);
        let deep = format!(
            "package a\nvar x = {}1",
            "- ".repeat(depth::MAX_TREE_DEPTH + 5)
        );
        let tree = parse(&deep).unwrap();
        assert!(probe(tree.root_node()).1.is_some());
    }
}
