//! Reads of a response: `session = client.checkout_sessions.create(...)` then `session.url`,
//! `getattr(session, "url", None)`, and reads straight from the call's result.

use ruff_python_ast::Expr;
use ruff_text_size::{Ranged, TextRange};

use super::find::Finder;
use super::lower::span_of;
use crate::payload::ResponseRead;

impl Finder<'_, '_> {
    /// After `name = [await] client.checkout_sessions.create(...)`: reads of `name` are reads
    /// of the response.
    pub(super) fn bind_response(&mut self, target: &Expr, value: &Expr, end: u32) {
        let value = match value {
            Expr::Await(awaited) => &*awaited.value,
            other => other,
        };
        let (Expr::Call(call), Expr::Name(name)) = (value, target) else {
            return;
        };
        let Some(index) = self.flow.sdk_payload_at(span_of(call.range())) else {
            return;
        };
        let scope = self.scope();
        self.flow
            .bind_response(name.id.as_str(), scope, end as usize, index);
    }
    pub(super) fn read(&mut self, object: &Expr, field: &str, range: TextRange) {
        let read = ResponseRead {
            field: self.lower.alloc(field),
            span: span_of(range),
            beside: &[],
        };
        match object {
            Expr::Name(name) => self.flow.read(name.id.as_str(), read),
            Expr::Call(call) => {
                if let Some(index) = self.flow.sdk_payload_at(span_of(call.range())) {
                    self.flow.read_of(index, read);
                }
            }
            // `(await client.checkout_sessions.create(...)).url`
            Expr::Await(awaited) => {
                if let Expr::Call(call) = &*awaited.value
                    && let Some(index) = self.flow.sdk_payload_at(span_of(call.range()))
                {
                    self.flow.read_of(index, read);
                }
            }
            _ => {}
        }
    }
}
