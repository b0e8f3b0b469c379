//! Every payload an argument may be: each reading of a literal with alternatives (see
//! [`super::alternatives`]), each entry of a map or list of payloads indexed by a key not known
//! statically (`PLANS[plan]`) or iterated (`for (const p of Object.values(PLANS))`,
//! `PLANS.map(p => …)`), and each entry spread into a literal (`{ ...PLANS[plan], customer }`).
//! Every entry is a candidate: what is wrong in one is reported at its bytes.

use super::alternatives::{MAX_ENTRIES, or_base};
use super::find::Finder;
use super::lower::span_of;
use crate::payload::flow::{Each, Members, Variant, payload_like};
use crate::tree::{Extent, Node, Value};
use oxc_ast::ast::{
    ArrowFunctionExpression, BindingPattern, CallExpression, ComputedMemberExpression, Expression,
    ForOfStatement, ForStatementLeft, FormalParameters, ObjectExpression, ObjectPropertyKind,
};

impl<'s> Finder<'_, '_, 's> {
    /// The payloads `expr`, an argument at `at`, may be; empty when none is known.
    pub(super) fn candidates(&self, expr: &Expression<'_>, at: u32) -> Vec<(Variant, Node<'s>)> {
        let arena = self.lower.arena;
        match expr.get_inner_expression() {
            Expression::ObjectExpression(object) => self
                .with_map_spread(expr, object, at)
                .unwrap_or_else(|| or_base(self.lower.variants(expr))),
            // `create(c ? {…} : {…})`: each branch; the whole is not known.
            Expression::ConditionalExpression(_) => self.lower.variants(expr).1,
            Expression::Identifier(ident) => {
                if let Some(each) = self.each_at(&ident.name, at) {
                    return each;
                }
                let followed = self.flow.follow_variants(&ident.name, at as usize, arena);
                if followed.is_empty() {
                    self.resolve(expr, at)
                        .into_iter()
                        .map(|node| (0, node))
                        .collect()
                } else {
                    followed
                }
            }
            Expression::ComputedMemberExpression(member) if !is_literal_key(member) => {
                payload_like(self.entries(&member.object, at))
            }
            Expression::CallExpression(call) if is_object_assign(call) => self
                .assigned(call, at)
                .map(|node| (0, node))
                .into_iter()
                .collect(),
            _ => self
                .resolve(expr, at)
                .into_iter()
                .map(|node| (0, node))
                .collect(),
        }
    }

    /// A loop variable's values at `at`, when the binding `name` refers to there is that
    /// loop's (a binding in a block or callback in between shadows it).
    fn each_at(&self, name: &str, at: u32) -> Option<Vec<(Variant, Node<'s>)>> {
        let scope = span_of(self.lower.types.scope_of(name, at)?);
        self.flow
            .each_at(name, scope, at as usize, self.lower.arena)
    }

    /// The object entries of a map or list: a name bound to an object or array literal, an
    /// array literal, `Object.values(map)`. At most [`MAX_ENTRIES`].
    pub(super) fn entries(&self, expr: &Expression<'_>, at: u32) -> Vec<(Variant, Node<'s>)> {
        let expr = expr.get_inner_expression();
        let containers = match expr {
            Expression::Identifier(ident) => {
                self.flow
                    .follow_variants(&ident.name, at as usize, self.lower.arena)
            }
            Expression::ArrayExpression(_) => vec![(0, self.lower.node(expr, 0))],
            Expression::CallExpression(call) => match object_values(call) {
                Some(map) => return self.entries(map, at),
                None => return Vec::new(),
            },
            _ => return Vec::new(),
        };
        let mut entries = Vec::new();
        for (variant, container) in containers {
            let values: Vec<&Node<'s>> = match &container.value {
                Value::Object(members, _) => members.iter().map(|m| &m.value).collect(),
                Value::Array(items, _) => items.iter().collect(),
                _ => continue,
            };
            for value in values {
                if entries.len() >= MAX_ENTRIES {
                    return entries;
                }
                if value.as_object().is_some() {
                    entries.push((variant, *value));
                }
            }
        }
        entries
    }

    /// `{ ...PLANS[plan], customer }`: the literal once per entry of the map; `{ ...base,
    /// customer }` with `base` an object the file binds before: the literal with its members.
    /// The first such spread only; the others keep the object open.
    fn with_map_spread(
        &self,
        expr: &Expression<'_>,
        object: &ObjectExpression<'_>,
        at: u32,
    ) -> Option<Vec<(Variant, Node<'s>)>> {
        let (spread, entries) = object.properties.iter().find_map(|property| {
            let ObjectPropertyKind::SpreadProperty(spread) = property else {
                return None;
            };
            let entries: Vec<Node<'s>> = match spread.argument.get_inner_expression() {
                Expression::ComputedMemberExpression(member) if !is_literal_key(member) => {
                    payload_like(self.entries(&member.object, at))
                        .into_iter()
                        .map(|(_, node)| node)
                        .collect()
                }
                Expression::Identifier(ident) => self
                    .flow
                    .follow(&ident.name, at as usize, self.lower.arena)
                    .into_iter()
                    .collect(),
                _ => return None,
            };
            (!entries.is_empty()).then_some((spread.span.start, entries))
        })?;
        let readings = self.lower.with_entries(expr, spread, &entries);
        (!readings.is_empty()).then_some(readings)
    }

    /// `Object.assign({}, base, { customer })`: the members of each argument in order, a
    /// later one over an earlier one; open where an argument is not known.
    fn assigned(&self, call: &CallExpression<'_>, at: u32) -> Option<Node<'s>> {
        if !is_object_assign(call) {
            return None;
        }
        let mut members = Members::default();
        let mut extent = Extent::Closed;
        for argument in &call.arguments {
            let node = argument.as_expression().and_then(|argument| {
                match argument.get_inner_expression() {
                    Expression::ObjectExpression(_) => Some(self.lower.node(argument, 0)),
                    Expression::Identifier(ident) => {
                        self.flow.follow(&ident.name, at as usize, self.lower.arena)
                    }
                    _ => None,
                }
            });
            match node.as_ref().map(|node| &node.value) {
                Some(Value::Object(written, written_extent)) => {
                    for member in *written {
                        members.set(*member);
                    }
                    if *written_extent == Extent::Open {
                        extent = Extent::Open;
                    }
                }
                _ => extent = Extent::Open,
            }
        }
        Some(Node {
            span: span_of(call.span),
            value: Value::Object(members.into_slice(self.lower.arena), extent),
        })
    }

    /// `for (const p of PLANS)` (or `Object.values(PLANS)`, an array literal): `p` stands for
    /// each entry in the loop.
    pub(super) fn iterate_for_of(&mut self, it: &ForOfStatement<'_>) {
        let ForStatementLeft::VariableDeclaration(declaration) = &it.left else {
            return;
        };
        let [declarator] = declaration.declarations.as_slice() else {
            return;
        };
        let BindingPattern::BindingIdentifier(ident) = &declarator.id else {
            return;
        };
        self.bind_each(&ident.name, it.span, &it.right, it.span.start);
    }

    /// `PLANS.map(p => …)`, `.forEach`, `.flatMap`: `p` stands for each entry in the callback.
    pub(super) fn iterate_callback(&mut self, call: &CallExpression<'_>) {
        let Expression::StaticMemberExpression(callee) = call.callee.get_inner_expression() else {
            return;
        };
        if !matches!(callee.property.name.as_str(), "map" | "forEach" | "flatMap") {
            return;
        }
        let Some(callback) = call.arguments.first().and_then(|a| a.as_expression()) else {
            return;
        };
        let (span, params) = match callback.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => {
                let ArrowFunctionExpression { span, params, .. } = &**arrow;
                (*span, &**params)
            }
            Expression::FunctionExpression(function) => (function.span, &*function.params),
            _ => return,
        };
        let Some(name) = first_param(params) else {
            return;
        };
        self.bind_each(name, span, &callee.object, call.span.start);
    }

    fn bind_each(&mut self, name: &str, scope: oxc_span::Span, source: &Expression<'_>, at: u32) {
        let entries = payload_like(self.entries(source, at));
        if entries.is_empty() {
            return;
        }
        // Only where the name is this binding: a `var` of the same name, or a binding the
        // scope pass cannot tell apart, leaves it unknown.
        let declared = self
            .lower
            .types
            .scope_of(name, scope.start.saturating_add(1));
        if declared != Some(scope) {
            return;
        }
        self.flow.bind_each(
            name,
            Each {
                scope: span_of(scope),
                from: scope.start as usize,
                entries,
            },
        );
    }
}

fn first_param<'p>(params: &'p FormalParameters<'_>) -> Option<&'p str> {
    match &params.items.first()?.pattern {
        BindingPattern::BindingIdentifier(ident) => Some(ident.name.as_str()),
        _ => None,
    }
}

/// `map` of `Object.values(map)`.
fn object_values<'e, 'a>(call: &'e CallExpression<'a>) -> Option<&'e Expression<'a>> {
    let Expression::StaticMemberExpression(callee) = call.callee.get_inner_expression() else {
        return None;
    };
    let is_object = matches!(callee.object.get_inner_expression(),
        Expression::Identifier(ident) if ident.name == "Object");
    if !is_object || callee.property.name != "values" {
        return None;
    }
    call.arguments.first()?.as_expression()
}

/// `PLANS['pro']`, `PLANS[0]`: one entry, not every one.
/// `Object.assign(...)`.
fn is_object_assign(call: &CallExpression<'_>) -> bool {
    matches!(call.callee.get_inner_expression(),
        Expression::StaticMemberExpression(member)
            if member.property.name == "assign"
                && matches!(member.object.get_inner_expression(),
                    Expression::Identifier(object) if object.name == "Object"))
}

fn is_literal_key(member: &ComputedMemberExpression<'_>) -> bool {
    matches!(
        member.expression.get_inner_expression(),
        Expression::StringLiteral(_) | Expression::NumericLiteral(_)
    )
}
