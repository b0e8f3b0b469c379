//! The payloads an argument stands for: an object literal, a variable bound to one, what a
//! top-level helper of this file returns with its parameters bound to the call's arguments,
//! or what a helper of another module places (see [`crate::payload::projection`]).

use oxc_ast::ast::{CallExpression, Expression, IdentifierReference};
use oxc_span::GetSpan;

use super::find::Finder;
use super::lower::{Lowerer, span_of};
use crate::diagnostic::Label;
use crate::payload::Bound;
use crate::payload::projection::project;
use crate::tree::Node;

/// How deep helpers are followed into helpers (`return base(x)`): a helper that returns itself
/// ends here, its value unknown.
const MAX_HELPER_DEPTH: usize = 4;

impl<'s> Finder<'_, '_, 's> {
    /// The payloads an argument stands for: an object literal, a variable bound to one in a
    /// block around `at` (with the members assigned to it before `at`), or what a top-level
    /// helper returns, its parameters bound to the call's arguments — one per `return`.
    pub(super) fn resolve(&self, expr: &Expression<'_>, at: u32) -> Vec<Node<'s>> {
        // What an earlier resolution bound and nobody pushed is not this one's.
        self.bound.borrow_mut().clear();
        self.resolve_in(expr, at, self.lower, 0)
    }
    pub(super) fn resolve_in(
        &self,
        expr: &Expression<'_>,
        at: u32,
        lower: &Lowerer<'s>,
        depth: usize,
    ) -> Vec<Node<'s>> {
        match expr.get_inner_expression() {
            Expression::ObjectExpression(_) => vec![lower.node(expr, 0)],
            Expression::Identifier(ident) => match lower.param(&ident.name) {
                Some(bound) => vec![bound],
                None => self.follow(ident, at).into_iter().collect(),
            },
            Expression::AwaitExpression(awaited) => {
                self.resolve_in(&awaited.argument, at, lower, depth)
            }
            Expression::CallExpression(call) => {
                let is_local = matches!(call.callee.get_inner_expression(),
                    Expression::Identifier(callee) if self.facts.functions.get(&callee.name).is_some());
                if is_local {
                    self.instance(call, lower, depth)
                } else {
                    self.projected(call, lower, depth).into_iter().collect()
                }
            }
            _ => Vec::new(),
        }
    }
    /// What a call of a top-level helper of this file returns, its parameters bound to the
    /// call's arguments (lowered where the call is).
    pub(super) fn instance(
        &self,
        call: &CallExpression<'_>,
        lower: &Lowerer<'s>,
        depth: usize,
    ) -> Vec<Node<'s>> {
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
            return Vec::new();
        };
        let Some(helper) = self.facts.functions.get(&callee.name) else {
            return Vec::new();
        };
        if depth >= MAX_HELPER_DEPTH {
            return Vec::new();
        }
        let params = helper
            .params
            .iter()
            .zip(&call.arguments)
            .filter_map(|(param, argument)| {
                let argument = argument.as_expression()?;
                let value = self
                    .resolve_in(argument, call.span.start, lower, depth + 1)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| lower.node(argument, 0));
                Some(((*param)?.to_string(), value))
            })
            .collect();
        let saved = lower.bind(params);
        let roots = helper
            .returns
            .iter()
            .flat_map(|returned| self.resolve_in(returned, returned.span().start, lower, depth + 1))
            .collect();
        let uses = lower.unbind(saved);
        let label = format!("{} puts the argument here", callee.name);
        self.bound
            .borrow_mut()
            .extend(uses.into_iter().map(|(argument, used)| Bound {
                argument,
                label: Label::new(used, label.clone()),
            }));
        roots
    }
    /// A call of a helper of another module (the project stage says where it places its
    /// parameters): the payload as far as this call's arguments make it — see
    /// [`crate::payload::projection`].
    pub(super) fn projected(
        &self,
        call: &CallExpression<'_>,
        lower: &Lowerer<'s>,
        depth: usize,
    ) -> Option<Node<'s>> {
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
            return None;
        };
        let shape = self.neighbours.helpers.get(callee.name.as_str())?;
        // A spread argument: the positions after it are not known.
        let values = call
            .arguments
            .iter()
            .map_while(|argument| argument.as_expression())
            .map(|argument| {
                Some(
                    self.resolve_in(argument, call.span.start, lower, depth + 1)
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| lower.node(argument, 0)),
                )
            });
        let (node, bound) = project(shape, values, lower.arena, span_of(call.span))?;
        self.bound.borrow_mut().extend(bound);
        Some(node)
    }
    pub(super) fn follow(&self, ident: &IdentifierReference<'_>, at: u32) -> Option<Node<'s>> {
        self.flow.follow(&ident.name, at as usize, self.lower.arena)
    }
}
