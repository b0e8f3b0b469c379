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
use super::facts::Facts;
use super::fallbacks;
use super::lower::{Lowered, Lowerer, span_of};
use super::urls::url_text;
use crate::payload::flow::{Assigned, Binding, Flow};
use crate::payload::{Call, ResponseRead};
use crate::span::Span;
use crate::tree::Node;

/// The SDK's request types: an object annotated or checked as one is a payload.
const PARAMS_TYPES: &[&str] = &[
    "CheckoutSessionCreateParams",
    "CheckoutSessionPreviewParams",
];

/// The key every Dodo payload has and the look-alikes of other SDKs do not.
pub(super) const CART_KEY: &str = "product_cart";

pub(super) struct Finder<'f, 's> {
    facts: &'f Facts,
    pub(super) lower: &'f Lowerer<'s>,
    scopes: Vec<oxc_span::Span>,
    pub(super) flow: Flow<'s>,
}

impl<'f, 's> Finder<'f, 's> {
    /// A finder over a program of `len` bytes.
    pub(super) fn new(
        facts: &'f Facts,
        lower: &'f Lowerer<'s>,
        program: oxc_span::Span,
        len: usize,
    ) -> Self {
        Self {
            facts,
            lower,
            scopes: vec![program],
            flow: Flow::new(len),
        }
    }

    fn push(&mut self, root: Node<'s>, call: Span, sent_with: Option<Call>) {
        self.flow.push(root, call, sent_with);
    }

    fn scope(&self) -> Span {
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

    /// The payload an argument stands for: an object literal, or a variable bound to one in a
    /// block around `at`, with the members assigned to it before `at`.
    pub(super) fn resolve(&self, expr: &Expression<'_>, at: u32) -> Option<Node<'s>> {
        match expr.get_inner_expression() {
            Expression::ObjectExpression(_) => Some(self.lower.node(expr, 0)),
            Expression::Identifier(ident) => self.follow(ident, at),
            _ => None,
        }
    }

    fn follow(&self, ident: &IdentifierReference<'_>, at: u32) -> Option<Node<'s>> {
        self.flow.follow(&ident.name, at as usize, self.lower.arena)
    }

    fn sdk_call(&mut self, call: &CallExpression<'_>) {
        let Expression::StaticMemberExpression(method) = call.callee.get_inner_expression() else {
            return;
        };
        let Some(sent_with) = Call::of_method(&method.property.name) else {
            return;
        };
        let Expression::StaticMemberExpression(resource) = method.object.get_inner_expression()
        else {
            return;
        };
        if resource.property.name != "checkoutSessions" {
            return;
        }
        let Some(argument) = call.arguments.first().and_then(|a| a.as_expression()) else {
            return;
        };
        let roots = self.candidates(argument, call.span.start);
        if roots.is_empty() {
            return;
        }
        let receiver = resource.object.get_inner_expression();
        let (last, first) = names(receiver);
        let certain = self.facts.is_new_client(receiver)
            || last.is_some_and(|name| self.facts.clients.contains(name));
        let imported = first.is_some_and(|name| self.facts.imported.contains(name));
        let looks_like_dodo = roots.iter().any(|(_, root)| root.get(CART_KEY).is_some());
        if certain || ((imported || self.facts.imports_sdk) && looks_like_dodo) {
            for (variant, root) in roots {
                self.flow
                    .push_variant(root, variant, span_of(call.span), Some(sent_with));
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
        let Some(url) = url_text(url, &self.facts.strings).filter(|u| u.is_dodo_checkouts()) else {
            return;
        };
        if let Some(root) = self.resolve(body, call.span.start) {
            self.flow
                .push_post(root, span_of(call.span), url.host().cloned());
        }
    }

    fn typed_literal(&mut self, expr: &Expression<'_>, annotation: &TSType<'_>) {
        if is_params_type(annotation)
            && let Expression::ObjectExpression(_) = expr.get_inner_expression()
            && let Some(root) = self.resolve(expr, expr.span().start)
        {
            let span = root.span;
            self.push(root, span, None);
        }
    }
}

/// The last and first names of a receiver: `this.dodo` → (dodo, -), `api.client` → (client,
/// api), `getDodo()` → (getDodo, getDodo).
fn names<'e>(expr: &'e Expression<'_>) -> (Option<&'e str>, Option<&'e str>) {
    match expr.get_inner_expression() {
        Expression::Identifier(ident) => (Some(ident.name.as_str()), Some(ident.name.as_str())),
        Expression::StaticMemberExpression(member) => {
            (Some(member.property.name.as_str()), names(&member.object).1)
        }
        Expression::CallExpression(call) => names(&call.callee),
        Expression::AwaitExpression(inner) => names(&inner.argument),
        _ => (None, None),
    }
}

fn is_axios(expr: &Expression<'_>) -> bool {
    matches!(expr.get_inner_expression(), Expression::Identifier(ident) if ident.name == "axios")
}

fn property<'e, 'a>(object: &'e ObjectExpression<'a>, key: &str) -> Option<&'e Expression<'a>> {
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

fn is_post(init: &ObjectExpression<'_>) -> bool {
    matches!(property(init, "method").map(Expression::get_inner_expression),
        Some(Expression::StringLiteral(lit)) if lit.value.eq_ignore_ascii_case("post"))
}

/// `x` of `JSON.stringify(x)`.
fn stringified<'e, 'a>(body: &'e Expression<'a>) -> Option<&'e Expression<'a>> {
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

impl<'a> Visit<'a> for Finder<'_, '_> {
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
        self.raw_post(it);
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
