//! What the app reads of a handler route's answer (`{ checkout_url }`), through the client it
//! POSTed with: `$fetch`'s result is the answer, axios's `data` is, `fetch`'s `Response` has it
//! in `await res.json()`, and `useFetch`'s `data` is a `Ref` of it (`data.value`; `null` on an
//! error, which goes to `error`). A name bound to a `Response`, an axios response or that `Ref`
//! is a wrapper: its own fields (`res.ok`, `res.status`) are not the answer's.

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
            // `const { data } = await useFetch(…)` (also `{ data: checkout }`): a `Ref`.
            (Client::UseFetch, BindingPattern::ObjectPattern(object)) => {
                for property in &object.properties {
                    if self
                        .lower
                        .key(&property.key)
                        .is_some_and(|(key, _)| key == "data")
                        && let BindingPattern::BindingIdentifier(ident) = &property.value
                    {
                        let scope = self.scope();
                        self.flow.bind_wrapper(&ident.name, scope, from, index);
                    }
                }
            }
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

    /// The payload whose answer `res.data` is, for a name bound to axios's response, or
    /// `data.value`, for a name bound to `useFetch`'s `data`.
    pub(super) fn wrapped_answer_of(&self, member: &StaticMemberExpression<'_>) -> Option<usize> {
        let Expression::Identifier(ident) = member.object.get_inner_expression() else {
            return None;
        };
        let index = self
            .flow
            .wrapper_at(&ident.name, member.span.start as usize)?;
        let client = match member.property.name.as_str() {
            "data" => Client::Axios,
            "value" => Client::UseFetch,
            _ => return None,
        };
        (self.clients.get(&index) == Some(&client)).then_some(index)
    }
}
