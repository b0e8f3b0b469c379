//! Dodo's route-handler adapters in a module: `export const POST = Checkout({ type: 'session' })`
//! of `@dodopayments/nextjs` (0.3.9), `app.post('/path', checkoutHandler({ type: 'session' }))`
//! of `@dodopayments/express` (0.2.6), and two misuses seen in real code: `.POST` of what
//! `Checkout()` returns (a function, not an object of methods), and the request's body read
//! (`await req.json()`) before the same request is handed to the handler, whose own read then
//! fails ("Invalid JSON body": a body is read once). Nuxt's `checkoutHandler` (0.2.7),
//! auto-imported in server code, makes a route of the file whose default export hands it the
//! event (h3 caches a read body: reading it first is no misuse there).

use std::collections::{HashMap, HashSet};

use oxc_ast::ast::{
    BindingPattern, BlockStatement, CallExpression, Expression, FunctionBody, ModuleExportName,
    Program, StaticMemberExpression, VariableDeclarator,
};
use oxc_ast::ast::{
    Declaration, ExportDeclaration, ExportDefaultDeclaration, ExportNamedDeclaration,
};
use oxc_ast_visit::{Visit, walk};

use super::lower::span_of;
use super::nuxt_handlers::binds;
use super::properties::{first_object, has_spread, property};
use crate::facts::adapters::{
    EXPRESS, EXPRESS_CHECKOUT, NEXTJS, NEXTJS_CHECKOUT, NUXT_CHECKOUT, NUXT_IMPORTS,
};
use crate::payload::adapter_body::Misuse;
use crate::span::Span;

/// The methods that consume a request's body.
const BODY_READS: &[&str] = &["json", "text", "formData", "arrayBuffer", "blob"];

/// The handler factories under the names they are imported as.
#[derive(Debug, Default)]
pub(super) struct HandlerNames {
    next: HashSet<String>,
    express: HashSet<String>,
    /// Express itself (`import express from 'express'`): `express()` makes an app whose
    /// paths are the URL's (a `Router()`'s are relative to where it is mounted).
    express_apps: HashSet<String>,
    /// Nuxt's auto-import imported by name (`import { checkoutHandler } from '#imports'`).
    nuxt: HashSet<String>,
}

impl HandlerNames {
    pub(super) fn import(&mut self, source: &str, imported: &str, local: &str) {
        if source == NEXTJS && imported == NEXTJS_CHECKOUT {
            self.next.insert(local.to_string());
        }
        if source == EXPRESS && imported == EXPRESS_CHECKOUT {
            self.express.insert(local.to_string());
        }
        if source == NUXT_IMPORTS && imported == NUXT_CHECKOUT {
            self.nuxt.insert(local.to_string());
        }
    }

    pub(super) fn import_default(&mut self, source: &str, local: &str) {
        if source == "express" {
            self.express_apps.insert(local.to_string());
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.next.is_empty() && self.express.is_empty() && self.nuxt.is_empty()
    }
}

/// What a module's handlers are.
#[derive(Debug, Default)]
pub(super) struct Handlers {
    /// The module exports `POST` made by `Checkout` for checkout sessions.
    pub(super) next_post: bool,
    /// The module's default export is such a handler (a Pages Router API route).
    pub(super) next_default: bool,
    /// Express paths registered with a session handler.
    pub(super) express: Vec<String>,
    /// The default export is an event handler that hands its event to Nuxt's session
    /// `checkoutHandler` (a Nitro route when the file is under `server/` of an app that
    /// registers the module: the project stage checks).
    pub(super) nuxt_default: bool,
    /// Misuses, at the span each is reported at.
    pub(super) misuses: Vec<(Span, Misuse)>,
}

pub(super) fn scan(program: &Program<'_>, names: &HandlerNames) -> Handlers {
    // Nuxt's auto-import: `checkoutHandler` called where the file binds no such name.
    let mut nuxt = names.nuxt.clone();
    if program.source_text.contains(NUXT_CHECKOUT) && !binds(program, NUXT_CHECKOUT) {
        nuxt.insert(NUXT_CHECKOUT.to_string());
    }
    if names.is_empty() && nuxt.is_empty() {
        return Handlers::default();
    }
    let mut scan = Scan {
        names,
        nuxt,
        nuxt_bound: HashSet::new(),
        nuxt_handoffs: Vec::new(),
        nuxt_reads: Vec::new(),
        event_handlers: Vec::new(),
        bound: HashMap::new(),
        apps: HashSet::new(),
        functions: Vec::new(),
        blocks: Vec::new(),
        rebound: super::rebound::rebound(program),
        reads: Vec::new(),
        handoffs: Vec::new(),
        out: Handlers::default(),
    };
    scan.visit_program(program);
    // A read of the body, then the same request handed over, in the same function and inside
    // the read's own block (a branch that reads the body and returns never reaches a handler
    // called after it). Handoffs grouped by function and name: one look-up a read.
    let mut handoffs: HashMap<(Span, &str), Vec<Span>> = HashMap::new();
    for (function, name, at) in &scan.handoffs {
        handoffs
            .entry((*function, name.as_str()))
            .or_default()
            .push(*at);
    }
    for (function, name, read, block) in &scan.reads {
        if let Some(handed) = handoffs.get(&(*function, name.as_str())).and_then(|list| {
            list.iter()
                .find(|at| at.start() > read.start() && block.contains(**at))
        }) {
            scan.out
                .misuses
                .push((*read, Misuse::BodyReadFirst { handed: *handed }));
        }
    }
    // `export default defineEventHandler((event) => { …; return handler(event) })`. A callback
    // that reads the body itself (`readBody(event)`) uses keys of the app's own before the
    // handler drops them: the app's handler, not followed.
    let within = |list: &[(Span, String)], function: &Span, event: &String| {
        list.iter()
            .any(|(at, name)| name == event && function.contains(*at))
    };
    scan.out.nuxt_default |= scan.event_handlers.iter().any(|(function, event)| {
        within(&scan.nuxt_handoffs, function, event) && !within(&scan.nuxt_reads, function, event)
    });
    scan.out
}

/// `Some(true)` for options that make a session handler (`type` absent or any literal but
/// `'dynamic'`: core's handlers take every other type for a session), `Some(false)` for a
/// dynamic one, `None` when not known (not a literal, a spread).
pub(super) fn session_options(call: &CallExpression<'_>) -> Option<bool> {
    let options = first_object(call)?;
    if has_spread(options) {
        return None;
    }
    match property(options, "type").map(Expression::get_inner_expression) {
        None => Some(true),
        Some(Expression::StringLiteral(kind)) => Some(kind.value != "dynamic"),
        Some(_) => None,
    }
}

pub(super) struct Scan<'n> {
    pub(super) names: &'n HandlerNames,
    /// The names Nuxt's `checkoutHandler` goes by here.
    pub(super) nuxt: HashSet<String>,
    /// Names bound to Nuxt's session handler.
    pub(super) nuxt_bound: HashSet<String>,
    /// (call, event name): a Nuxt session handler called with a name.
    pub(super) nuxt_handoffs: Vec<(Span, String)>,
    /// (call, event name): h3's `readBody(event)` and the like.
    pub(super) nuxt_reads: Vec<(Span, String)>,
    /// (function, its first parameter): the callback of the default export's
    /// `defineEventHandler`.
    pub(super) event_handlers: Vec<(Span, String)>,
    /// Names bound to a handler: true when it is a session handler.
    pub(super) bound: HashMap<String, bool>,
    /// Names bound to `express()`.
    pub(super) apps: HashSet<String>,
    /// The functions around the visit, innermost last.
    pub(super) functions: Vec<Span>,
    /// The blocks (and function bodies) around the visit, innermost last.
    pub(super) blocks: Vec<Span>,
    /// Names bound more than once or assigned: a call of one is not known to be a handler's.
    pub(super) rebound: HashSet<String>,
    /// (function, request name, the `json` of `req.json()`, the block around the read).
    pub(super) reads: Vec<(Span, String, Span, Span)>,
    /// (function, request name, the call handing it to a handler).
    pub(super) handoffs: Vec<(Span, String, Span)>,
    pub(super) out: Handlers,
}

impl Scan<'_> {
    /// `Some(true)` for a session handler (`type` absent or `'session'`: core's handlers
    /// take any other type for a session too, all but `'dynamic'`), `Some(false)` for another,
    /// `None` for a call that makes no handler or options not known.
    fn handler(&self, expr: &Expression<'_>) -> Option<bool> {
        match expr.get_inner_expression() {
            Expression::Identifier(ident) => self.bound.get(ident.name.as_str()).copied(),
            Expression::CallExpression(call) => {
                let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
                    return None;
                };
                let name = callee.name.as_str();
                if !self.names.next.contains(name) && !self.names.express.contains(name) {
                    return None;
                }
                session_options(call)
            }
            _ => None,
        }
    }

    fn function(&self) -> Option<Span> {
        self.functions.last().copied()
    }
}

impl<'a> Visit<'a> for Scan<'_> {
    fn visit_function_body(&mut self, it: &FunctionBody<'a>) {
        self.functions.push(span_of(it.span));
        self.blocks.push(span_of(it.span));
        walk::walk_function_body(self, it);
        self.blocks.pop();
        self.functions.pop();
    }

    fn visit_block_statement(&mut self, it: &BlockStatement<'a>) {
        self.blocks.push(span_of(it.span));
        walk::walk_block_statement(self, it);
        self.blocks.pop();
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (Some(name), Some(Expression::CallExpression(call))) = (
            it.id.get_identifier_name(),
            it.init.as_ref().map(Expression::get_inner_expression),
        ) && matches!(call.callee.get_inner_expression(),
                Expression::Identifier(callee) if self.names.express_apps.contains(callee.name.as_str()))
        {
            self.apps.insert(name.to_string());
        }
        if let (Some(name), Some(init)) = (it.id.get_identifier_name(), &it.init)
            && self.nuxt_session(init)
        {
            self.nuxt_bound.insert(name.to_string());
        }
        if let Some(init) = &it.init
            && let Some(session) = self.handler(init)
        {
            match &it.id {
                BindingPattern::BindingIdentifier(ident) => {
                    self.bound.insert(ident.name.to_string(), session);
                }
                // `const { POST } = Checkout(...)`: a function has no POST.
                BindingPattern::ObjectPattern(pattern) => {
                    for p in &pattern.properties {
                        if p.key
                            .static_name()
                            .is_some_and(|k| k == "POST" || k == "GET")
                        {
                            self.out.misuses.push((
                                span_of(oxc_span::GetSpan::span(&p.key)),
                                Misuse::PostMember,
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_export_declaration(&mut self, it: &ExportDeclaration<'a>) {
        // `export const POST = Checkout({...})`
        if let Declaration::VariableDeclaration(declaration) = &it.declaration {
            for declarator in &declaration.declarations {
                if declarator
                    .id
                    .get_identifier_name()
                    .is_some_and(|n| n == "POST")
                    && declarator.init.as_ref().and_then(|i| self.handler(i)) == Some(true)
                {
                    self.out.next_post = true;
                }
            }
        }
        walk::walk_export_declaration(self, it);
    }

    fn visit_export_default_declaration(&mut self, it: &ExportDefaultDeclaration<'a>) {
        // `export default Checkout({...})`, `export default handler`
        if let Some(expr) = it.declaration.as_expression() {
            if self.handler(expr) == Some(true) {
                self.out.next_default = true;
            }
            self.nuxt_default(expr);
        }
        walk::walk_export_default_declaration(self, it);
    }

    fn visit_export_named_declaration(&mut self, it: &ExportNamedDeclaration<'a>) {
        // `export { handler as POST }`
        for specifier in &it.specifiers {
            let exported = match &specifier.exported {
                ModuleExportName::IdentifierName(name) => name.name.as_str(),
                ModuleExportName::IdentifierReference(name) => name.name.as_str(),
                ModuleExportName::StringLiteral(name) => name.value.as_str(),
            };
            if exported == "POST" && self.bound.get(specifier.local.name().as_str()) == Some(&true)
            {
                self.out.next_post = true;
            }
        }
        walk::walk_export_named_declaration(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if (it.property.name == "POST" || it.property.name == "GET")
            && self.handler(&it.object).is_some()
        {
            self.out
                .misuses
                .push((span_of(it.property.span), Misuse::PostMember));
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let callee = it.callee.get_inner_expression();
        // `app.post('/api/checkout', checkoutHandler({...}))` on an app made by `express()`
        // (a router's paths are relative to its mount point: not followed), also through a
        // bound handler.
        if let Expression::StaticMemberExpression(member) = callee
            && member.property.name == "post"
            && matches!(member.object.get_inner_expression(),
                Expression::Identifier(app) if self.apps.contains(app.name.as_str()))
            && let Some(Expression::StringLiteral(path)) = super::properties::first_argument(it)
            && it
                .arguments
                .iter()
                .skip(1)
                .any(|a| a.as_expression().and_then(|a| self.handler(a)) == Some(true))
        {
            self.out.express.push(path.value.to_string());
        }
        // `req.json()` in a function.
        if let (Expression::StaticMemberExpression(member), Some(function), Some(&block)) =
            (callee, self.function(), self.blocks.last())
            && BODY_READS.contains(&member.property.name.as_str())
            && let Expression::Identifier(request) = member.object.get_inner_expression()
        {
            self.reads.push((
                function,
                request.name.to_string(),
                span_of(member.property.span),
                block,
            ));
        }
        self.nuxt_body_read(it);
        // Nuxt's `handler(event)`, `checkoutHandler({...})(event)`.
        if self.nuxt_session(callee)
            && let Some(Expression::Identifier(event)) = super::properties::first_argument(it)
        {
            self.nuxt_handoffs
                .push((span_of(it.span), event.name.to_string()));
        }
        // `handler(req)`, `Checkout({...})(req)` (not a name bound again: another function's
        // `handler` may be the app's own).
        let rebound = matches!(callee, Expression::Identifier(name)
            if self.rebound.contains(name.name.as_str()));
        if let Some(function) = self.function()
            && !rebound
            && self.handler(callee).is_some()
            && let Some(Expression::Identifier(request)) = super::properties::first_argument(it)
        {
            self.handoffs
                .push((function, request.name.to_string(), span_of(it.span)));
        }
        walk::walk_call_expression(self, it);
    }
}
