//! The second pass: the payloads of a file — arguments of Dodo's `checkoutSessions.create` /
//! `.preview`, objects typed as the SDK's params, and bodies of raw POSTs to `/checkouts` —
//! each lowered to the payload tree, following a variable bound to an object literal.

use oxc_ast::ast::{
    AssignmentExpression, AssignmentOperator, AssignmentTarget, BlockStatement, CallExpression,
    ComputedMemberExpression, Expression, ForOfStatement, FunctionBody, IdentifierReference,
    LogicalExpression, ObjectExpression, StaticMemberExpression, TSAsExpression,
    TSSatisfiesExpression, TSType, TSTypeAnnotation, TSTypeName, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use super::alternatives;
use super::facts::{Facts, called_name, sdk_method};
use super::fallbacks;
use super::lower::{Lowered, Lowerer, span_of};
use super::urls::url_text;
use std::cell::RefCell;

use crate::diagnostic::Label;
use crate::payload::Bound;
use crate::payload::exports::Send;
use crate::payload::flow::{Assigned, BASE, Binding, Flow, Variant};
use crate::payload::neighbours::{Neighbours, Sending};
use crate::payload::projection::project;
use crate::payload::{Call, ResponseRead};
use crate::span::Span;
use crate::tree::{Extent, Node, Value};

/// The SDK's request types: an object annotated or checked as one is a payload.
const PARAMS_TYPES: &[&str] = &[
    "CheckoutSessionCreateParams",
    "CheckoutSessionPreviewParams",
];

/// The key every Dodo payload has and the look-alikes of other SDKs do not.
pub(super) use crate::payload::CART_KEY;

pub(super) struct Finder<'f, 'a, 's> {
    pub(super) facts: &'f Facts<'a>,
    pub(super) neighbours: &'f Neighbours,
    pub(super) lower: &'f Lowerer<'s>,
    scopes: Vec<oxc_span::Span>,
    pub(super) flow: Flow<'s>,
    /// Imported functions whose result a Dodo call sends (for the project stage).
    pub(super) sends: Vec<Send>,
    /// The helpers' arguments the last resolved payloads hold, until they are pushed.
    bound: RefCell<Vec<Bound>>,
    /// The better-auth plugin's server config the plugin's client calls are checked against.
    pub(super) server: Option<crate::payload::adapter_config::ServerConfig>,
}

/// How deep helpers are followed into helpers (`return base(x)`): a helper that returns itself
/// ends here, its value unknown.
const MAX_HELPER_DEPTH: usize = 4;

impl<'f, 'a, 's> Finder<'f, 'a, 's> {
    /// A finder over a program of `len` bytes.
    pub(super) fn new(
        facts: &'f Facts<'a>,
        neighbours: &'f Neighbours,
        lower: &'f Lowerer<'s>,
        program: oxc_span::Span,
        len: usize,
    ) -> Self {
        Self {
            facts,
            neighbours,
            lower,
            scopes: vec![program],
            flow: Flow::new(len),
            sends: Vec::new(),
            bound: RefCell::default(),
            server: None,
        }
    }

    pub(super) fn scope(&self) -> Span {
        self.scopes
            .last()
            .map_or(Span::default(), |scope| span_of(*scope))
    }

    /// After `const name = <init>`: when `init` is an SDK call just found, or its awaited
    /// result, reads of `name` (and names destructured from it) are reads of the response.
    fn bind_response(&mut self, it: &VariableDeclarator<'_>, init: &Expression<'_>) {
        let call = match init.get_inner_expression() {
            Expression::AwaitExpression(awaited) => awaited.argument.get_inner_expression(),
            // Without await the result is a promise: its fields are not the response's.
            _ => return,
        };
        let Expression::CallExpression(call) = call else {
            return;
        };
        let Some(index) = self.flow.sdk_payload_at(span_of(call.span)) else {
            return;
        };
        if let Some(wrapper) = self.wrapped_answer(index) {
            self.bind_wrapped_response(&it.id, wrapper, index, it.span.end as usize);
            return;
        }
        match &it.id {
            oxc_ast::ast::BindingPattern::BindingIdentifier(ident) => {
                let scope = self.scope();
                self.flow
                    .bind_response(&ident.name, scope, it.span.end as usize, index);
            }
            oxc_ast::ast::BindingPattern::ObjectPattern(pattern) => {
                for property in &pattern.properties {
                    if let Some((field, span)) = self.lower.key(&property.key) {
                        self.flow.read_of(
                            index,
                            ResponseRead {
                                field,
                                span,
                                beside: &[],
                            },
                        );
                    }
                }
            }
            _ => {}
        }
    }

    /// `name.field` (also `name?.field`, `(name as any).field`, `name['field']`).
    fn read(&mut self, object: &Expression<'_>, field: &str, span: oxc_span::Span) {
        let Expression::Identifier(ident) = object.get_inner_expression() else {
            return;
        };
        let read = ResponseRead {
            field: self.lower.arena.alloc_str(field),
            span: span_of(span),
            beside: &[],
        };
        self.flow.read(&ident.name, read);
    }

    /// The payloads an argument stands for: an object literal, a variable bound to one in a
    /// block around `at` (with the members assigned to it before `at`), or what a top-level
    /// helper returns, its parameters bound to the call's arguments — one per `return`.
    pub(super) fn resolve(&self, expr: &Expression<'_>, at: u32) -> Vec<Node<'s>> {
        // What an earlier resolution bound and nobody pushed is not this one's.
        self.bound.borrow_mut().clear();
        self.resolve_in(expr, at, self.lower, 0)
    }

    fn resolve_in(
        &self,
        expr: &Expression<'_>,
        at: u32,
        lower: &Lowerer<'s>,
        depth: usize,
    ) -> Vec<Node<'s>> {
        match expr.get_inner_expression() {
            Expression::ObjectExpression(_) => vec![lower.node(expr, 0)],
            Expression::Identifier(ident) => match lower.param(&ident.name) {
                Some(bound) => vec![bound.clone()],
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
    fn instance(
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
    fn projected(
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

    fn follow(&self, ident: &IdentifierReference<'_>, at: u32) -> Option<Node<'s>> {
        self.flow.follow(&ident.name, at as usize, self.lower.arena)
    }

    fn sdk_call(&mut self, call: &CallExpression<'_>) {
        let Some((sent_with, receiver)) = sdk_method(call) else {
            return;
        };
        let Some(argument) = call.arguments.first().and_then(|a| a.as_expression()) else {
            return;
        };
        let receiver = self.facts.receiver(receiver);
        let certain = self.facts.is_certain(&receiver);
        let first = receiver.first.as_deref();
        let imported = first.is_some_and(|name| self.facts.imported.contains(name));
        self.record_send(argument, certain, first);
        let mut roots = self.candidates(argument, call.span.start);
        if roots.is_empty() && certain {
            // A payload this file does not show (a parameter, an imported helper's value):
            // nothing is said of it, but what the code reads from the response is checked.
            roots.push((
                BASE,
                Node {
                    span: span_of(argument.span()),
                    value: Value::Object(&[], Extent::Open),
                },
            ));
        }
        let may_be_dodo = imported || self.facts.imports_sdk;
        self.push_all(
            roots,
            span_of(call.span),
            Some(sent_with),
            certain,
            may_be_dodo,
        );
    }

    /// Pushes the payloads of one call: all when the call is certainly Dodo's, else those with
    /// a cart when the file or receiver may be Dodo's.
    fn push_all(
        &mut self,
        roots: Vec<(Variant, Node<'s>)>,
        call: Span,
        sent_with: Option<Call>,
        certain: bool,
        may_be_dodo: bool,
    ) {
        let bound = self.bound.take();
        // One reading with a cart makes every reading of the literal Dodo's.
        let looks_like_dodo = roots.iter().any(|(_, root)| root.get(CART_KEY).is_some());
        if !(certain || (may_be_dodo && looks_like_dodo)) {
            return;
        }
        for (variant, root) in roots {
            {
                if let Some(index) = self.flow.push_variant(root, variant, call, sent_with) {
                    self.flow.bind_arguments(index, bound.clone());
                }
            }
        }
    }

    /// A call of an imported function as the payload (`create(build(...))`, or a variable
    /// bound to one): the project stage makes that function's literal a payload where it is.
    fn record_send(&mut self, argument: &Expression<'_>, certain: bool, receiver: Option<&str>) {
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

    fn send(&mut self, name: &str, certain: bool, receiver: Option<&str>, partial: bool) {
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
    fn wrapper_call(&mut self, call: &CallExpression<'_>) {
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
                    .map(|root| (BASE, root.clone(), root.span))
                    .into_iter()
                    .collect(),
            };
            for (variant, root, at) in roots {
                let root = if sending.whole { root } else { opened(root) };
                self.push_all(vec![(variant, root)], at, None, sending.certain, true);
            }
        }
    }

    /// `fetch(url, {method: 'POST', body: JSON.stringify(x)})`, `axios.post(url, x)` and
    /// `axios({method: 'post', url, data: x})` to Dodo's `/checkouts`.
    fn raw_post(&mut self, call: &CallExpression<'_>) {
        let argument = |index: usize| call.arguments.get(index).and_then(|a| a.as_expression());
        let callee = call.callee.get_inner_expression();
        let (url, body) = match callee {
            Expression::Identifier(ident) if ident.name == "fetch" => {
                let Some(Expression::ObjectExpression(init)) =
                    argument(1).map(Expression::get_inner_expression)
                else {
                    return;
                };
                if !is_post(init) {
                    return;
                }
                let body = property(init, "body").and_then(stringified);
                (argument(0), body)
            }
            Expression::StaticMemberExpression(member)
                if member.property.name == "post" && is_axios(&member.object) =>
            {
                (argument(0), argument(1))
            }
            _ if is_axios(callee)
                || matches!(callee, Expression::StaticMemberExpression(m)
                    if m.property.name == "request" && is_axios(&m.object)) =>
            {
                let Some(Expression::ObjectExpression(config)) =
                    argument(0).map(Expression::get_inner_expression)
                else {
                    return;
                };
                if !is_post(config) {
                    return;
                }
                (property(config, "url"), property(config, "data"))
            }
            _ => return,
        };
        let (Some(url), Some(body)) = (url, body) else {
            return;
        };
        let Some(text) = url_text(url, &self.facts.strings) else {
            return;
        };
        if let Some(path) = text
            .app_path()
            .filter(|_| !self.neighbours.routes.is_empty())
        {
            let path = path.to_string();
            self.route_post(&path, span_of(url.span()), body, span_of(call.span));
            return;
        }
        let Some(url) = Some(text).filter(|u| u.is_dodo_checkouts()) else {
            return;
        };
        for root in self.resolve(body, call.span.start) {
            self.flow
                .push_post(root, span_of(call.span), url.host().cloned());
        }
    }

    fn typed_literal(&mut self, expr: &Expression<'_>, annotation: &TSType<'_>) {
        if is_params_type(annotation)
            && let Expression::ObjectExpression(_) = expr.get_inner_expression()
        {
            let root = self.lower.node(expr, 0);
            let span = root.span;
            self.flow.push(root, span, None);
        }
    }
}

/// The node with its own members, open: a part of a payload, whose absences are the payload's.
fn opened(root: Node<'_>) -> Node<'_> {
    match root.value {
        Value::Object(members, _) => Node {
            span: root.span,
            value: Value::Object(members, Extent::Open),
        },
        _ => root,
    }
}

fn is_axios(expr: &Expression<'_>) -> bool {
    matches!(expr.get_inner_expression(), Expression::Identifier(ident) if ident.name == "axios")
}

pub(super) fn property<'e, 'a>(
    object: &'e ObjectExpression<'a>,
    key: &str,
) -> Option<&'e Expression<'a>> {
    object
        .properties
        .iter()
        .rev()
        .find_map(|property| match property {
            oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p)
                if !p.computed && p.key.static_name().is_some_and(|name| name == key) =>
            {
                Some(&p.value)
            }
            _ => None,
        })
}

pub(super) fn is_post(init: &ObjectExpression<'_>) -> bool {
    matches!(property(init, "method").map(Expression::get_inner_expression),
        Some(Expression::StringLiteral(lit)) if lit.value.eq_ignore_ascii_case("post"))
}

/// `x` of `JSON.stringify(x)`.
pub(super) fn stringified<'e, 'a>(body: &'e Expression<'a>) -> Option<&'e Expression<'a>> {
    let Expression::CallExpression(call) = body.get_inner_expression() else {
        return None;
    };
    let Expression::StaticMemberExpression(callee) = call.callee.get_inner_expression() else {
        return None;
    };
    let is_json = matches!(callee.object.get_inner_expression(),
        Expression::Identifier(ident) if ident.name == "JSON");
    (is_json && callee.property.name == "stringify")
        .then(|| call.arguments.first()?.as_expression())
        .flatten()
}

fn is_params_type(annotation: &TSType<'_>) -> bool {
    let TSType::TSTypeReference(reference) = annotation else {
        return false;
    };
    let name = match &reference.type_name {
        TSTypeName::IdentifierReference(ident) => ident.name.as_str(),
        TSTypeName::QualifiedName(name) => name.right.name.as_str(),
        TSTypeName::ThisExpression(_) => return false,
    };
    PARAMS_TYPES.contains(&name)
}

fn annotation_type<'e, 'a>(annotation: Option<&'e TSTypeAnnotation<'a>>) -> Option<&'e TSType<'a>> {
    annotation.map(|a| &a.type_annotation)
}

impl<'a> Visit<'a> for Finder<'_, '_, '_> {
    fn visit_block_statement(&mut self, it: &BlockStatement<'a>) {
        self.scopes.push(it.span);
        walk::walk_block_statement(self, it);
        self.scopes.pop();
    }

    fn visit_function_body(&mut self, it: &FunctionBody<'a>) {
        self.scopes.push(it.span);
        walk::walk_function_body(self, it);
        self.scopes.pop();
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (Some(name), Some(init)) = (it.id.get_identifier_name(), &it.init)
            && let Expression::ObjectExpression(_) | Expression::ArrayExpression(_) =
                init.get_inner_expression()
        {
            let (node, variants) = self.lower.variants(init);
            let scope = self.scope();
            if let Some(annotation) = annotation_type(it.type_annotation.as_deref())
                && is_params_type(annotation)
            {
                for (variant, root) in alternatives::or_base((node.clone(), variants.clone())) {
                    let span = root.span;
                    self.flow.push_variant(root, variant, span, None);
                }
            }
            if !variants.is_empty() {
                self.flow.bind_variants(node.span, variants);
            }
            self.flow.bind(Binding {
                name: name.to_string(),
                scope,
                end: it.span.end as usize,
                node,
            });
        }
        walk::walk_variable_declarator(self, it);
        if let Some(init) = &it.init {
            self.bind_response(it, init);
        }
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        self.read(&it.object, &it.property.name, it.property.span);
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        if let Expression::StringLiteral(key) = &it.expression {
            self.read(&it.object, &key.value, key.span);
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        let target = match &it.left {
            AssignmentTarget::StaticMemberExpression(member) => Some((
                &member.object,
                member.property.name.as_str(),
                member.property.span,
            )),
            AssignmentTarget::ComputedMemberExpression(member) => match &member.expression {
                Expression::StringLiteral(lit) => {
                    Some((&member.object, lit.value.as_str(), lit.span))
                }
                _ => None,
            },
            _ => None,
        };
        if it.operator == AssignmentOperator::Assign
            && let Some((object, key, key_span)) = target
            && let Expression::Identifier(ident) = object.get_inner_expression()
        {
            let value = match self.lower.value(&it.right, 0) {
                Lowered::Node(node) => Some(node),
                Lowered::Absent => None,
            };
            self.flow.assign(Assigned {
                name: ident.name.to_string(),
                at: it.span.start as usize,
                key: self.lower.arena.alloc_str(key),
                key_span: span_of(key_span),
                value,
            });
            self.visit_expression(&it.right);
            return;
        }
        walk::walk_assignment_expression(self, it);
    }

    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        self.flow.used(&it.name, it.span.start as usize);
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        self.iterate_for_of(it);
        walk::walk_for_of_statement(self, it);
    }

    fn visit_logical_expression(&mut self, it: &LogicalExpression<'a>) {
        if fallbacks::is_fallback(it.operator) {
            self.flow
                .chain(&fallbacks::chain_reads(it), self.lower.arena);
        }
        walk::walk_logical_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        self.iterate_callback(it);
        self.sdk_call(it);
        self.adapter_call(it);
        self.server_products(it);
        self.convex_call(it);
        self.wrapper_call(it);
        self.raw_post(it);
        self.fetch_wrapper_call(it);
        walk::walk_call_expression(self, it);
    }

    fn visit_ts_satisfies_expression(&mut self, it: &TSSatisfiesExpression<'a>) {
        self.typed_literal(&it.expression, &it.type_annotation);
        walk::walk_ts_satisfies_expression(self, it);
    }

    fn visit_ts_as_expression(&mut self, it: &TSAsExpression<'a>) {
        self.typed_literal(&it.expression, &it.type_annotation);
        walk::walk_ts_as_expression(self, it);
    }
}
