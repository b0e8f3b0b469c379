//! Nuxt's `checkoutHandler` (`@dodopayments/nuxt` 0.2.7) in a server file: the module adds it
//! to Nitro's auto-imports, so a file calls it without importing it. The file's default export
//! serves a route when it is the session handler, `defineEventHandler` of it, or of a callback
//! that hands its event to it (`const handler = checkoutHandler({...}); return
//! handler(event)`, the README's shape).

use oxc_ast::ast::{BindingIdentifier, CallExpression, Expression, Program};
use oxc_ast_visit::Visit;

use super::handlers::{Scan, session_options};
use super::lower::span_of;

/// h3's event handler wrappers, auto-imported in Nuxt's server code.
const EVENT_HANDLERS: &[&str] = &["defineEventHandler", "eventHandler"];

/// h3's readers of a request's body (auto-imported in Nuxt's server code).
const BODY_READERS: &[&str] = &[
    "readBody",
    "readValidatedBody",
    "readRawBody",
    "readFormData",
    "readMultipartFormData",
];

/// True when the program binds `name` anywhere (an import, a declaration, a parameter): then
/// it is not the auto-import.
pub(super) fn binds(program: &Program<'_>, name: &str) -> bool {
    struct Binds<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'a> Visit<'a> for Binds<'_> {
        fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
            self.found |= it.name == self.name;
        }
    }
    let mut binds = Binds { name, found: false };
    binds.visit_program(program);
    binds.found
}

impl Scan<'_> {
    /// True for Nuxt's session `checkoutHandler({...})`, or a name bound to one.
    pub(super) fn nuxt_session(&self, expr: &Expression<'_>) -> bool {
        match expr.get_inner_expression() {
            Expression::Identifier(ident) => self.nuxt_bound.contains(ident.name.as_str()),
            Expression::CallExpression(call) => {
                matches!(call.callee.get_inner_expression(),
                    Expression::Identifier(callee) if self.nuxt.contains(callee.name.as_str()))
                    && session_options(call) == Some(true)
            }
            _ => false,
        }
    }

    /// `readBody(event)` and the like: the route's own code reads the body.
    pub(super) fn nuxt_body_read(&mut self, call: &CallExpression<'_>) {
        if let Expression::Identifier(callee) = call.callee.get_inner_expression()
            && BODY_READERS.contains(&callee.name.as_str())
            && let Some(Expression::Identifier(event)) = super::properties::first_argument(call)
        {
            self.nuxt_reads
                .push((span_of(call.span), event.name.to_string()));
        }
    }

    /// The default export of a Nuxt server file: the handler itself, `defineEventHandler`
    /// of it, or of a callback that hands its event to it (checked after the walk).
    pub(super) fn nuxt_default(&mut self, expr: &Expression<'_>) {
        if self.nuxt_session(expr) {
            self.out.nuxt_default = true;
            return;
        }
        let Expression::CallExpression(call) = expr.get_inner_expression() else {
            return;
        };
        if !matches!(call.callee.get_inner_expression(),
            Expression::Identifier(callee) if EVENT_HANDLERS.contains(&callee.name.as_str()))
        {
            return;
        }
        let Some(argument) = call.arguments.first().and_then(|a| a.as_expression()) else {
            return;
        };
        if self.nuxt_session(argument) {
            self.out.nuxt_default = true;
            return;
        }
        let (span, params) = match argument.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => (arrow.span, &arrow.params),
            Expression::FunctionExpression(function) => (function.span, &function.params),
            _ => return,
        };
        if let Some(event) = params
            .items
            .first()
            .and_then(|p| p.pattern.get_identifier_name())
        {
            self.event_handlers.push((span_of(span), event.to_string()));
        }
    }
}
