//! What dict an expression is: a literal (with the dicts its `**x` items unpack merged in), a
//! `dict(...)` call, a name bound to one, a builder's result (see [`super::resolve`]), an entry
//! of a map of payloads; and the object a call's keyword arguments make.

use ruff_python_ast::{Expr, ExprCall, ExprDict, Keyword};
use ruff_text_size::Ranged;

use super::find::Finder;
use super::lower::span_of;
use super::returns::is_dict_call;
use crate::payload::flow::Members;
use crate::tree::{Extent, Member, Node, Value};

/// Whose keyword arguments are read: `dict(a=1)`'s are all data; an SDK method's include the
/// SDK's own transport keywords.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum KeywordCall {
    Dict,
    SdkMethod,
}

/// Keywords of every SDK method that are transport, not payload.
pub(super) const TRANSPORT: &[&str] = &["extra_headers", "extra_query", "timeout"];

/// The keyword whose dict the SDK merges into the body.
pub(super) const EXTRA_BODY: &str = "extra_body";

/// `**x` inside `**x` (and builders inside builders) followed per payload.
const MAX_DICT_DEPTH: usize = 16;

impl<'s> Finder<'_, 's> {
    /// A dict literal, `dict(k=v, ...)`, a name bound to one (see [`Flow::follow`]), or what a
    /// builder's call returns (see [`super::resolve`]).
    pub(super) fn dict(&self, expr: &Expr, at: u32) -> Option<Node<'s>> {
        self.dict_in(expr, at, 0)
    }
    /// [`Finder::dict`], `depth` builders deep.
    pub(super) fn dict_in(&self, expr: &Expr, at: u32, depth: usize) -> Option<Node<'s>> {
        if depth > MAX_DICT_DEPTH {
            return None;
        }
        match expr {
            // `{**BASE, "customer": …}`: the dicts it unpacks, where they can be seen.
            Expr::Dict(dict) if dict.items.iter().any(|item| item.key.is_none()) => {
                Some(self.merged(dict, at, depth))
            }
            Expr::Dict(_) => Some(self.lower.node(expr, 0)),
            Expr::Call(call) if is_dict_call(call) => {
                Some(self.keywords(call, &call.arguments.keywords, KeywordCall::Dict))
            }
            Expr::Call(call) => self.call_result(call, at, depth),
            // `PLANS["pro"]`: that entry of a dict of payloads.
            Expr::Subscript(subscript) => {
                let (Expr::Name(map), Expr::StringLiteral(key)) =
                    (&*subscript.value, &*subscript.slice)
                else {
                    return None;
                };
                let map = self
                    .flow
                    .follow(map.id.as_str(), at as usize, self.lower.arena)?;
                map.get(key.value.to_str())
                    .filter(|entry| entry.as_object().is_some())
                    .cloned()
            }
            Expr::Name(name) => self
                .flow
                .follow(name.id.as_str(), at as usize, self.lower.arena),
            _ => None,
        }
    }
    /// A dict literal with `**x` items: each `x` a dict that can be seen adds its members, in
    /// order (a later key replaces an earlier one); any other makes the dict open.
    pub(super) fn merged(&self, dict: &ExprDict, at: u32, depth: usize) -> Node<'s> {
        let mut members = Members::default();
        let mut extent = Extent::Closed;
        for item in &dict.items {
            match &item.key {
                Some(Expr::StringLiteral(key)) => members.set(Member {
                    key: self.lower.alloc(key.value.to_str()),
                    key_span: span_of(key.range),
                    value: self.lower.node(&item.value, 0),
                }),
                Some(_) => extent = Extent::Open,
                None => match self.dict_in(&item.value, at, depth + 1) {
                    // A dict unpacked by name is copied shallowly: what it nests is shared
                    // with the name, which later code may change (`base["cart"].append(…)`),
                    // so every container it holds is open in the copy.
                    Some(node) if matches!(item.value, Expr::Name(_)) => {
                        match self.flow.open_deep(self.lower.arena, &node) {
                            Some(opened) => {
                                for member in opened.as_object().unwrap_or_default() {
                                    members.set(*member);
                                }
                            }
                            None => extent = Extent::Open,
                        }
                        if node.is_open() {
                            extent = Extent::Open;
                        }
                    }
                    Some(node) => {
                        if node.is_open() {
                            extent = Extent::Open;
                        }
                        for member in node.as_object().unwrap_or_default() {
                            members.set(*member);
                        }
                    }
                    None => extent = Extent::Open,
                },
            }
        }
        Node {
            span: span_of(dict.range),
            value: Value::Object(members.into_slice(self.lower.arena), extent),
        }
    }
    /// An object of keyword arguments: each keyword a member, `**x` merged when `x` is a dict
    /// that can be seen, else the object is open. An SDK call leaves out the SDK's transport
    /// keywords and merges `extra_body`.
    pub(super) fn keywords(
        &self,
        call: &ExprCall,
        keywords: &[Keyword],
        kind: KeywordCall,
    ) -> Node<'s> {
        let sdk = kind == KeywordCall::SdkMethod;
        let mut members = Members::default();
        let mut extent = Extent::Closed;
        let at = call.range().start().to_u32();
        let merge =
            |members: &mut Members<'s>, extent: &mut Extent, node: Option<Node<'s>>| match node {
                Some(node) => {
                    if node.is_open() {
                        *extent = Extent::Open;
                    }
                    for member in node.as_object().unwrap_or_default() {
                        members.set(*member);
                    }
                }
                None => *extent = Extent::Open,
            };
        for keyword in keywords {
            match &keyword.arg {
                Some(arg) if sdk && TRANSPORT.contains(&arg.as_str()) => {}
                Some(arg) if sdk && arg.as_str() == EXTRA_BODY => {
                    let body = self.dict(&keyword.value, at);
                    merge(&mut members, &mut extent, body);
                }
                Some(arg) => members.set(Member {
                    key: self.lower.alloc(arg.as_str()),
                    key_span: span_of(arg.range),
                    value: self.lower.node(&keyword.value, 0),
                }),
                None => {
                    let chosen = *self.chosen.borrow();
                    let splat = match chosen {
                        Some((span, node)) if span == span_of(keyword.value.range()) => Some(node),
                        _ => self.dict(&keyword.value, at),
                    };
                    merge(&mut members, &mut extent, splat);
                }
            }
        }
        Node {
            span: span_of(call.arguments.range),
            value: Value::Object(members.into_slice(self.lower.arena), extent),
        }
    }
}
