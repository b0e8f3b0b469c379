//! The second pass: the payloads of a file — arguments of Dodo's `checkoutSessions.create` /
//! `.preview`, objects typed as the SDK's params, and bodies of raw POSTs to `/checkouts` —
//! each lowered to the payload tree, following a variable bound to an object literal.

use oxc_ast::ast::{
    ArrowFunctionExpression, AssignmentExpression, AssignmentOperator, AssignmentTarget,
    BindingIdentifier, BlockStatement, CallExpression, ComputedMemberExpression, Expression,
    ForOfStatement, Function, FunctionBody, IdentifierReference, LogicalExpression,
    StaticMemberExpression, TSAsExpression, TSSatisfiesExpression, TSType, TSTypeAnnotation,
    TSTypeName, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;
use oxc_syntax::scope::ScopeFlags;

use super::alternatives;
use super::facts::{Facts, sdk_method};
use super::fallbacks;
use super::lower::{Lowered, Lowerer, span_of};
use std::cell::RefCell;

use crate::payload::Bound;
use crate::payload::Call;
use crate::payload::exports::Send;
use crate::payload::flow::{Assigned, BASE, Binding, Flow, Variant};
use crate::payload::neighbours::Neighbours;
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
    pub(super) scopes: Vec<oxc_span::Span>,
    pub(super) flow: Flow<'s>,
    /// Imported functions whose result a Dodo call sends (for the project stage).
    pub(super) sends: Vec<Send>,
    /// The helpers' arguments the last resolved payloads hold, until they are pushed.
    pub(super) bound: RefCell<Vec<Bound>>,
    /// The better-auth plugin's server config the plugin's client calls are checked against.
    pub(super) server: Option<crate::payload::adapter_config::ServerConfig>,
    /// By payload: the client a body posted to a handler route went with (how its answer is
    /// reached).
    pub(super) clients: std::collections::HashMap<usize, super::raw_posts::Client>,
}

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
            clients: std::collections::HashMap::new(),
        }
    }
    pub(super) fn scope(&self) -> Span {
        self.scopes
            .last()
            .map_or(Span::default(), |scope| span_of(*scope))
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
    pub(super) fn push_all(
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

    // A function's parameters are seen in the function only (they shadow names around it).
    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.scopes.push(it.span);
        walk::walk_function(self, it, flags);
        self.scopes.pop();
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.scopes.push(it.span);
        walk::walk_arrow_function_expression(self, it);
        self.scopes.pop();
    }

    /// A name bound again (another request's `const res`, a parameter) holds no answer it
    /// held around it.
    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        let scope = self.scope();
        self.flow.shadow(&it.name, scope, it.span.start as usize);
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
                for (variant, root) in alternatives::or_base((node, variants.clone())) {
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
        // `res = await fetch(…)`: whatever `res` held is gone, wherever it was declared.
        if let AssignmentTarget::AssignmentTargetIdentifier(ident) = &it.left {
            let program = self.scopes.first().map_or(Span::default(), |s| span_of(*s));
            self.flow.shadow(&ident.name, program, it.span.end as usize);
        }
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
