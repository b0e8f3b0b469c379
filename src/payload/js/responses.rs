//! Reads of a response: `const session = await client.checkoutSessions.create(...)` then
//! `session.url`, and the fields destructured from it.

use oxc_ast::ast::{BindingPattern, Expression, VariableDeclarator};

use super::find::Finder;
use super::lower::span_of;
use crate::payload::ResponseRead;

impl Finder<'_, '_, '_> {
    /// After `const name = <init>`: when `init` is an SDK call just found, or its awaited
    /// result, reads of `name` (and names destructured from it) are reads of the response.
    pub(super) fn bind_response(&mut self, it: &VariableDeclarator<'_>, init: &Expression<'_>) {
        let call = match init.get_inner_expression() {
            Expression::AwaitExpression(awaited) => awaited.argument.get_inner_expression(),
            // Without await the result is a promise: its fields are not the response's.
            _ => return,
        };
        let Expression::CallExpression(call) = call else {
            return;
        };
        let from = it.span.end as usize;
        // `await res.json()` of a `fetch` to a handler route.
        if let Some(index) = self.json_of_answer(call) {
            self.bind_response_pattern(&it.id, index, from);
            return;
        }
        let Some(index) = self.flow.sdk_payload_at(span_of(call.span)) else {
            return;
        };
        if let Some(&client) = self.clients.get(&index) {
            self.bind_route_answer(&it.id, client, index, from);
            return;
        }
        if let Some(wrapper) = self.wrapped_answer(index) {
            self.bind_wrapped_response(&it.id, wrapper, index, it.span.end as usize);
            return;
        }
        self.bind_response_pattern(&it.id, index, it.span.end as usize);
    }

    /// What a pattern binds from payload `index`'s answer from `from` on: a name (whose reads
    /// are the answer's), or the fields destructured from it (each a read).
    pub(super) fn bind_response_pattern(
        &mut self,
        pattern: &BindingPattern<'_>,
        index: usize,
        from: usize,
    ) {
        match pattern {
            BindingPattern::BindingIdentifier(ident) => {
                let scope = self.scope();
                self.flow.bind_response(&ident.name, scope, from, index);
            }
            BindingPattern::ObjectPattern(pattern) => {
                for property in &pattern.properties {
                    if let Some((field, span)) = self.lower.key(&property.key) {
                        let read = ResponseRead {
                            field,
                            span,
                            beside: &[],
                        };
                        self.flow.read_of(index, read);
                    }
                }
            }
            _ => {}
        }
    }
    /// `name.field` (also `name?.field`, `(name as any).field`, `name['field']`), and
    /// `res.data.field` / `data.value.field` of axios's / `useFetch`'s answer to a handler
    /// route.
    pub(super) fn read(&mut self, object: &Expression<'_>, field: &str, span: oxc_span::Span) {
        let read = ResponseRead {
            field: self.lower.arena.alloc_str(field),
            span: span_of(span),
            beside: &[],
        };
        match object.get_inner_expression() {
            Expression::Identifier(ident) => self.flow.read(&ident.name, read),
            Expression::StaticMemberExpression(member) => {
                if let Some(index) = self.wrapped_answer_of(member) {
                    self.flow.read_of(index, read);
                }
            }
            _ => {}
        }
    }
}
