//! What this file sends of other modules (for the project stage), calls of wrappers that
//! forward their parameter to the SDK, and what other modules send of this file's helpers and
//! objects — linted here.

use oxc_ast::ast::{CallExpression, Expression};
use oxc_span::GetSpan;

use super::facts::called_name;
use super::find::Finder;
use super::lower::span_of;
use crate::payload::exports::Send;
use crate::payload::flow::{BASE, Variant};
use crate::payload::neighbours::Sending;
use crate::span::Span;
use crate::tree::{Extent, Node, Value};

impl<'s> Finder<'_, '_, 's> {
    /// A call of an imported function as the payload (`create(build(...))`, or a variable
    /// bound to one): the project stage makes that function's literal a payload where it is.
    pub(super) fn record_send(
        &mut self,
        argument: &Expression<'_>,
        certain: bool,
        receiver: Option<&str>,
    ) {
        let helper = match argument.get_inner_expression() {
            Expression::Identifier(ident) => self
                .facts
                .results
                .get(ident.name.as_str())
                .map(String::as_str),
            other => called_name(other),
        };
        if let Some(helper) = helper {
            self.send(helper, certain, receiver, false);
        }
        // `{ ...base, customer }`, `{ ...build(), customer }`: an imported object or helper's
        // literal spread into the payload is a part of it.
        if let Expression::ObjectExpression(object) = argument.get_inner_expression() {
            for property in &object.properties {
                let oxc_ast::ast::ObjectPropertyKind::SpreadProperty(spread) = property else {
                    continue;
                };
                let spread = spread.argument.get_inner_expression();
                let name = match spread {
                    Expression::Identifier(ident) => Some(ident.name.as_str()),
                    other => called_name(other),
                };
                if let Some(name) = name {
                    self.send(name, certain, receiver, true);
                }
            }
        }
    }
    pub(super) fn send(
        &mut self,
        name: &str,
        certain: bool,
        receiver: Option<&str>,
        partial: bool,
    ) {
        if self.facts.imported.contains(name) && self.facts.functions.get(name).is_none() {
            self.sends.push(Send {
                helper: name.to_string(),
                certain,
                receiver: receiver.map(str::to_string),
                partial,
                entries: false,
            });
        }
    }
    /// `createSession(body)` where `createSession` forwards its parameter to the SDK (in this
    /// file or, as the project stage says, in another).
    pub(super) fn wrapper_call(&mut self, call: &CallExpression<'_>) {
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
            return;
        };
        let Some(wrapper) = self.facts.wrappers.get(callee.name.as_str()).copied() else {
            return;
        };
        let Some(argument) = call
            .arguments
            .get(wrapper.param)
            .and_then(|a| a.as_expression())
        else {
            return;
        };
        // A Dodo client passed in by the wrapper's client parameter makes the call Dodo's.
        let certain = wrapper.certain
            || wrapper
                .client_param
                .and_then(|at| call.arguments.get(at))
                .and_then(|client| client.as_expression())
                .is_some_and(|client| self.facts.is_client_expr(client));
        self.record_send(argument, certain, None);
        let roots = self.candidates(argument, call.span.start);
        let sent_with = wrapper.returns_response.then_some(wrapper.call);
        let may_be_dodo =
            self.facts.imports_sdk || self.facts.imported.contains(callee.name.as_str());
        self.push_all(roots, span_of(call.span), sent_with, certain, may_be_dodo);
    }
    /// After the visit: the literals this file's helpers return and its top-level objects,
    /// where another file sends them to Dodo or spreads them into a payload (the project stage
    /// says which), linted here with their parameters unknown — open when they are only
    /// spread, since the payload they are part of supplies the rest.
    pub(super) fn sent_helpers(&mut self) {
        let mut sent: Vec<(&String, &Sending)> = self.neighbours.sent.iter().collect();
        sent.sort_by(|a, b| a.0.cmp(b.0));
        for (name, &sending) in sent {
            let roots: Vec<(Variant, Node<'s>, Span)> = match self.facts.functions.get(name) {
                Some(helper) => helper
                    .returns
                    .iter()
                    .flat_map(|returned| {
                        let at = span_of(returned.span());
                        self.candidates(returned, returned.span().start)
                            .into_iter()
                            .map(move |(variant, root)| (variant, root, at))
                    })
                    .collect(),
                None => self
                    .flow
                    .follow(name, self.lower.text.len(), self.lower.arena)
                    .map(|root| (BASE, root, root.span))
                    .into_iter()
                    .collect(),
            };
            for (variant, root, at) in roots {
                let root = if sending.whole { root } else { opened(root) };
                self.push_all(vec![(variant, root)], at, None, sending.certain, true);
            }
        }
    }
}

fn opened(root: Node<'_>) -> Node<'_> {
    match root.value {
        Value::Object(members, _) => Node {
            span: root.span,
            value: Value::Object(members, Extent::Open),
        },
        _ => root,
    }
}
