//! What the app reads of a handler route's answer (`{ checkout_url }`), through the client it
//! POSTed with: `$fetch`'s result is the answer, axios's `data` is, `fetch`'s `Response` has it
//! in `await res.json()`; `useFetch`'s `Ref` is not followed. A name bound to a `Response` or
//! an axios response is a wrapper: its own fields (`res.ok`, `res.status`) are not the
//! answer's.

use oxc_ast::ast::{BindingPattern, CallExpression, Expression, StaticMemberExpression};

use super::find::Finder;
use super::lower::span_of;
use super::raw_posts::Client;

impl Finder<'_, '_, '_> {
    /// After `const <pattern> = await <POST to a handler route>`.
    pub(super) fn bind_route_answer(
        &mut self,
        pattern: &BindingPattern<'_>,
        client: Client,
        index: usize,
        from: usize,
    ) {
        match (client, pattern) {
            (Client::Ofetch, _) => self.bind_response_pattern(pattern, index, from),
            (Client::Fetch | Client::Axios, BindingPattern::BindingIdentifier(ident)) => {
                let scope = self.scope();
                self.flow.bind_wrapper(&ident.name, scope, from, index);
            }
            // `const { data } = await axios.post(…)`.
            (Client::Axios, _) => self.bind_wrapped_response(pattern, "data", index, from),
            _ => {}
        }
    }

    /// The payload whose answer `call` is: `res.json()` of a `fetch` `Response` bound to
    /// `res`, or `(await fetch(…)).json()`.
    pub(super) fn json_of_answer(&self, call: &CallExpression<'_>) -> Option<usize> {
        let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else {
            return None;
        };
        if member.property.name != "json" || !call.arguments.is_empty() {
            return None;
        }
        let index = match member.object.get_inner_expression() {
            Expression::Identifier(ident) => self
                .flow
                .wrapper_at(&ident.name, member.span.start as usize)?,
            Expression::AwaitExpression(awaited) => match awaited.argument.get_inner_expression() {
                Expression::CallExpression(fetch) => {
                    self.flow.sdk_payload_at(span_of(fetch.span))?
                }
                _ => return None,
            },
            _ => return None,
        };
        (self.clients.get(&index) == Some(&Client::Fetch)).then_some(index)
    }

    /// The payload whose answer `res.data` is, for a name bound to axios's response.
    pub(super) fn axios_data(&self, member: &StaticMemberExpression<'_>) -> Option<usize> {
        if member.property.name != "data" {
            return None;
        }
        let Expression::Identifier(ident) = member.object.get_inner_expression() else {
            return None;
        };
        let index = self
            .flow
            .wrapper_at(&ident.name, member.span.start as usize)?;
        (self.clients.get(&index) == Some(&Client::Axios)).then_some(index)
    }
}
