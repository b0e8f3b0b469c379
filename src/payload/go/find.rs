//! The pass over a Go file that finds its payloads: literals of the SDK's params types
//! (`dodopayments.CheckoutSessionNewParams{…}`, `…PreviewParams{…}`,
//! `…CheckoutSessionRequestParam{…}`), read where a call sends them — `client.CheckoutSessions.
//! New(ctx, params)`, `.Preview(…)`, or the service's own `New` — following a variable bound to
//! one with the fields assigned to it before the call (`params.CheckoutSessionRequest.ReturnURL
//! = …`). A literal no call is seen sending is read where it is written, or, bound to a name,
//! where the name's scope ends (with what was assigned; open when the name went elsewhere). Raw
//! requests are in [`super::raw`].
//!
//! Go's static types are the certainty here: a params literal of the SDK's type is a checkout
//! session's request whichever client sends it, so no client need be traced; a struct of the same
//! names from a package other than the SDK (as the file imports it) is not one.

mod bindings;

use std::collections::HashMap;

use tree_sitter::Node as TsNode;

use super::lower::Lowerer;
use super::sdk::{BODY_KEEPING_OPTIONS, CALL_PARAMS, REQUEST_FIELD, REQUEST_PARAMS};
use super::{span_of, text_of};
use crate::payload::Call;
use crate::payload::flow::{Binding, Flow};
use crate::payload::urls::UrlText;
use crate::span::Span;
use crate::tree::{Extent, Node, Value};

/// What a name is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    /// A checkout session's request (the SDK's params, or its request struct).
    Request,
    /// A map literal or a literal of a struct the file declares (a raw request's body, once
    /// marshalled).
    Body,
}

pub(super) struct Finder<'f, 's> {
    pub(super) lower: &'f Lowerer<'s, 'f>,
    pub(super) flow: Flow<'s>,
    scopes: Vec<Span>,
    /// What each bound literal is, by its span.
    pub(super) bound: HashMap<Span, Bound>,
    /// `body, err := json.Marshal(x)`: the object marshalled, by name, in source order.
    pub(super) marshaled: HashMap<String, Vec<(usize, Span, Node<'s>)>>,
    /// String constants and variables, by name: a URL built from them.
    pub(super) strings: HashMap<String, UrlText>,
    /// Params literals bound to a name: (name, scope, the literal's span), read where the scope
    /// ends ([`Finder::close_scope`]) rather than where they are written.
    pending: Vec<(String, Span, Span)>,
}

impl<'f, 's> Finder<'f, 's> {
    pub(super) fn new(lower: &'f Lowerer<'s, 'f>, file: Span) -> Self {
        Self {
            lower,
            flow: Flow::new(lower.text.len()),
            scopes: vec![file],
            bound: HashMap::new(),
            marshaled: HashMap::new(),
            strings: HashMap::new(),
            pending: Vec::new(),
        }
    }

    pub(super) fn scope(&self) -> Span {
        self.scopes.last().copied().unwrap_or_default()
    }

    fn text(&self, node: TsNode<'_>) -> &'s str {
        text_of(node, self.lower.text)
    }

    /// Visits `node` and what it holds. The probe has bounded the tree's depth, so this
    /// recursion is too.
    pub(super) fn visit(&mut self, node: TsNode<'_>) {
        match node.kind() {
            "function_declaration" | "method_declaration" | "func_literal" => {
                let body = node
                    .child_by_field_name("body")
                    .map_or(span_of(node), span_of);
                self.scopes.push(body);
                self.children(node);
                self.close_scope(body);
                self.scopes.pop();
                return;
            }
            "short_var_declaration" | "assignment_statement" if self.statement(node) => return,
            "var_spec" | "const_spec" => self.var_spec(node),
            "composite_literal" => self.typed_literal(node),
            "call_expression" => {
                self.sdk_call(node);
                self.raw_call(node);
            }
            "identifier" => self.flow.used(self.text(node), node.start_byte()),
            _ => {}
        }
        self.children(node);
    }

    /// The file's own scope ends: the params bound at its top level are read as they are there.
    pub(super) fn finish(&mut self) {
        let file = self.scope();
        self.close_scope(file);
    }

    /// Each params literal bound to a name in `scope` is a payload as the name holds it where
    /// the scope ends: with the fields assigned since, open when the name went elsewhere (to a
    /// call not recognised, a helper). A call that sent it has read it already, and that
    /// reading stands.
    fn close_scope(&mut self, scope: Span) {
        let (closing, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|(_, within, _)| *within == scope);
        self.pending = rest;
        for (name, _, literal) in closing {
            let node = self.flow.follow(&name, scope.end(), self.lower.arena);
            // A name bound again since: the later binding is read in its place.
            if let Some(node) = node.filter(|node| node.span == literal) {
                self.flow.push(node, literal, None);
            }
        }
    }

    fn children(&mut self, node: TsNode<'_>) {
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.visit(child);
        }
    }

    /// The request a params literal holds: its `CheckoutSessionRequest` (an empty request
    /// when it has none), or the request literal itself. `None` for any other expression.
    pub(super) fn request_of(&self, expr: TsNode<'_>) -> Option<Node<'s>> {
        let expr = match expr.kind() {
            "unary_expression" | "parenthesized_expression" => self.lower.transparent(expr)?,
            _ => expr,
        };
        match expr.kind() {
            "composite_literal" => {
                let name = self.lower.sdk_name(expr.child_by_field_name("type")?)?;
                let body = expr.child_by_field_name("body")?;
                if name == REQUEST_PARAMS {
                    return Some(self.lower.node(expr, 0));
                }
                if !CALL_PARAMS.contains(&name) {
                    return None;
                }
                let mut cursor = body.walk();
                let request = body.named_children(&mut cursor).find_map(|element| {
                    let key = super::nth(element.child_by_field_name("key")?, 0)?;
                    (self.text(key) == REQUEST_FIELD)
                        .then(|| super::nth(element.child_by_field_name("value")?, 0))
                        .flatten()
                });
                match request {
                    Some(request) => self.request_of(request),
                    None => Some(Node {
                        span: span_of(body),
                        value: Value::Object(&[], Extent::Closed),
                    }),
                }
            }
            "identifier" => self.follow(expr, Bound::Request),
            _ => None,
        }
    }

    /// The literal `name` is bound to at its use, when it is of kind `bound`.
    pub(super) fn follow(&self, name: TsNode<'_>, bound: Bound) -> Option<Node<'s>> {
        let node = self
            .flow
            .follow(self.text(name), name.start_byte(), self.lower.arena)?;
        (self.bound.get(&node.span) == Some(&bound)).then_some(node)
    }

    fn bind(&mut self, name: &str, end: usize, node: Node<'s>, bound: Bound) {
        self.bound.insert(node.span, bound);
        let scope = self.scope();
        self.flow.bind(Binding {
            name: name.to_string(),
            scope,
            end,
            node,
        });
    }

    /// A params literal standing alone (built, returned, passed to a helper): linted where it
    /// is written. A call that sends it reads it again, with what was assigned since.
    fn typed_literal(&mut self, literal: TsNode<'_>) {
        let Some(name) = literal
            .child_by_field_name("type")
            .and_then(|t| self.lower.sdk_name(t))
        else {
            return;
        };
        if !CALL_PARAMS.contains(&name) && name != REQUEST_PARAMS {
            return;
        }
        let Some(root) = self.request_of(literal) else {
            return;
        };
        // A literal bound to a name is read where its scope ends, with what is assigned to it.
        if self.pending.iter().any(|(_, _, bound)| *bound == root.span) {
            return;
        }
        let root = match self.escapes(literal) {
            // The params literal around it reads it.
            None => return,
            // Handed to a function, returned, kept in a struct: whoever receives it may set
            // fields before it is sent.
            Some(true) => match self.flow.open_deep(self.lower.arena, &root) {
                Some(opened) => opened,
                None => return,
            },
            Some(false) => root,
        };
        let at = root.span;
        self.flow.push(root, at, None);
    }

    /// Where a params literal goes: `None` inside the call's params literal around it (its
    /// `CheckoutSessionRequest`), `Some(true)` when it leaves the function or goes into another
    /// value (an argument of a call not recognised as the send, a return, an element of another
    /// literal), `Some(false)` otherwise.
    fn escapes(&self, literal: TsNode<'_>) -> Option<bool> {
        let mut node = literal;
        let mut parent = node.parent()?;
        while matches!(
            parent.kind(),
            "parenthesized_expression" | "unary_expression"
        ) {
            node = parent;
            parent = node.parent()?;
        }
        Some(match parent.kind() {
            "argument_list" => true,
            "expression_list" => parent
                .parent()
                .is_some_and(|statement| statement.kind() == "return_statement"),
            "literal_element" => {
                let outer = parent
                    .parent()
                    .filter(|keyed| keyed.kind() == "keyed_element")
                    .and_then(|keyed| keyed.parent())
                    .and_then(|body| body.parent())
                    .and_then(|outer| outer.child_by_field_name("type"))
                    .and_then(|kind| self.lower.sdk_name(kind));
                if outer.is_some_and(|name| CALL_PARAMS.contains(&name)) {
                    return None;
                }
                true
            }
            _ => false,
        })
    }

    /// `client.CheckoutSessions.New(ctx, params)` / `.Preview(ctx, params)`, or the service's
    /// own (`dodopayments.NewCheckoutSessionService(opts...)`, in a field): any `New` or
    /// `Preview` whose params are the SDK's (their type says whose method it is).
    fn sdk_call(&mut self, call: TsNode<'_>) {
        let Some(function) = call.child_by_field_name("function") else {
            return;
        };
        let method = function.child_by_field_name("field").map(|f| self.text(f));
        let Some(sent_with) = method.and_then(|method| match method {
            "New" => Some(Call::Create),
            "Preview" => Some(Call::Preview),
            _ => None,
        }) else {
            return;
        };
        let arguments = call
            .child_by_field_name("arguments")
            .map(super::named)
            .unwrap_or_default();
        let Some(mut root) = arguments.get(1).and_then(|params| self.request_of(*params)) else {
            return;
        };
        if !arguments[2..].iter().all(|option| self.keeps_body(*option)) {
            // `option.WithJSONSet("product_cart", …)`: the body is not all in the params.
            let Some(opened) = self.flow.open_deep(self.lower.arena, &root) else {
                return;
            };
            root = opened;
        }
        self.flow.push(root, span_of(call), Some(sent_with));
    }

    /// True for a request option that leaves the body as the params write it.
    fn keeps_body(&self, option: TsNode<'_>) -> bool {
        option.kind() == "call_expression"
            && option
                .child_by_field_name("function")
                .and_then(|f| self.lower.is_selector(f, &self.lower.imports.option))
                .is_some_and(|name| BODY_KEEPING_OPTIONS.contains(&name))
    }
}
