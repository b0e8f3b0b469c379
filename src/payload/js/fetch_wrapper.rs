//! A fetch wrapper of the file — `function dodo(path, init) { return fetch(BASE + path, init) }`
//! — called with a Dodo `/checkouts` path and a POST init: `dodo('/checkouts', { method: 'POST',
//! body: JSON.stringify({...}) })` is a raw POST of that body, as the same `fetch` written at
//! the call would be. The URL is the wrapper's, with its parameters bound to the call's string
//! arguments.

use oxc_ast::ast::{CallExpression, Expression};

use super::find::Finder;
use super::lower::span_of;
use super::properties::property;
use super::raw_posts::{is_post, stringified};
use super::urls::url_text;
use crate::payload::urls::UrlText;

impl<'s> Finder<'_, '_, 's> {
    pub(super) fn fetch_wrapper_call(&mut self, call: &CallExpression<'_>) {
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
            return;
        };
        let Some(function) = self.facts.functions.get(&callee.name) else {
            return;
        };
        let Some(fetch) = function.returns.iter().find_map(|r| fetch_of(r)) else {
            return;
        };
        let (Some(url), Some(Expression::Identifier(init))) =
            (argument(fetch, 0), argument(fetch, 1))
        else {
            return;
        };
        let Some(Expression::ObjectExpression(init)) =
            function.param(&init.name).and_then(|at| argument(call, at))
        else {
            return;
        };
        if !is_post(init) {
            return;
        }
        let Some(body) = property(init, "body").and_then(stringified) else {
            return;
        };
        let mut strings = self.facts.strings.clone();
        for (param, given) in function.params.iter().zip(&call.arguments) {
            if let (Some(param), Some(Expression::StringLiteral(text))) = (
                param,
                given.as_expression().map(Expression::get_inner_expression),
            ) {
                strings.insert(
                    param.to_string(),
                    UrlText::literal(&text.value, span_of(text.span)),
                );
            }
        }
        let Some(url) = url_text(url, &strings).filter(|u| u.is_dodo_checkouts()) else {
            return;
        };
        for root in self.resolve(body, call.span.start) {
            self.flow
                .push_post(root, span_of(call.span), url.host().cloned());
        }
    }
}

/// A call's argument at `at`, without parentheses and casts.
fn argument<'e, 'a>(call: &'e CallExpression<'a>, at: usize) -> Option<&'e Expression<'a>> {
    call.arguments
        .get(at)
        .and_then(|a| a.as_expression())
        .map(Expression::get_inner_expression)
}

/// The `fetch(...)` call a wrapper returns (awaited or not).
fn fetch_of<'e, 'a>(returned: &'e Expression<'a>) -> Option<&'e CallExpression<'a>> {
    let returned = match returned.get_inner_expression() {
        Expression::AwaitExpression(awaited) => awaited.argument.get_inner_expression(),
        other => other,
    };
    match returned {
        Expression::CallExpression(call)
            if matches!(call.callee.get_inner_expression(),
                Expression::Identifier(callee) if callee.name == "fetch") =>
        {
            Some(call)
        }
        _ => None,
    }
}
