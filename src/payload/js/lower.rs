//! Lowering JavaScript expressions to the payload tree: literals become values, everything the
//! source does not say statically becomes an unknown value, spreads make containers open.

use oxc_ast::ast::{
    ArrayExpressionElement, Expression, ObjectExpression, ObjectProperty, ObjectPropertyKind,
    PropertyKey, PropertyKind, UnaryOperator,
};
use oxc_span::GetSpan;

use std::cell::RefCell;
use std::collections::HashSet;

use super::alternatives::{Choices, Spread};
use super::types::Types;
use crate::payload::flow::Members;
use crate::span::Span;
use crate::tree::{Extent, MAX_DEPTH, Member, Node, StaticType, Unknown, Value};

/// Builds tree nodes for one file's text in one arena.
pub(super) struct Lowerer<'s> {
    pub(super) text: &'s str,
    pub(super) arena: &'s bumpalo::Bump,
    /// A helper's parameters bound to the values of a call's arguments: inside the helper's
    /// returned literal, each stands for its argument (with the argument's span).
    params: RefCell<Vec<(String, Node<'s>)>>,
    /// Each parameter use replaced so far: (the argument's span, the use's span).
    uses: RefCell<Vec<(Span, Span)>>,
    /// The file's bindings and the types their annotations make certain.
    pub(super) types: Types,
    /// Which branch of each conditional the reading under way takes (see [`super::alternatives`]).
    pub(super) choices: Choices<'s>,
}

/// The bindings [`Lowerer::bind`] replaced.
pub(super) struct Bound<'s> {
    params: Vec<(String, Node<'s>)>,
    uses: Vec<(Span, Span)>,
}

/// What `JSON.stringify` does with a member's value.
pub(super) enum Lowered<'s> {
    /// `undefined` (and `void 0`): the member is not sent.
    Absent,
    Node(Node<'s>),
}

pub(super) fn span_of(span: oxc_span::Span) -> Span {
    Span::between(span.start as usize, span.end as usize)
}

impl<'s> Lowerer<'s> {
    pub(super) fn new(text: &'s str, arena: &'s bumpalo::Bump, types: Types) -> Self {
        Self {
            text,
            arena,
            params: RefCell::default(),
            uses: RefCell::default(),
            types,
            choices: Choices::default(),
        }
    }

    /// Binds a helper's parameters to a call's arguments while its body is lowered; what was
    /// bound before (the helper's caller's own parameters) comes back with [`Lowerer::unbind`].
    pub(super) fn bind(&self, params: Vec<(String, Node<'s>)>) -> Bound<'s> {
        Bound {
            params: self.params.replace(params),
            uses: self.uses.take(),
        }
    }

    /// Restores what [`Lowerer::bind`] replaced; the parameter uses replaced meanwhile.
    pub(super) fn unbind(&self, saved: Bound<'s>) -> Vec<(Span, Span)> {
        self.params.replace(saved.params);
        self.uses.replace(saved.uses)
    }

    /// The value a parameter of the helper being lowered stands for.
    pub(super) fn param(&self, name: &str) -> Option<Node<'s>> {
        self.params
            .borrow()
            .iter()
            .find(|(param, _)| param == name)
            .map(|(_, node)| *node)
    }

    /// The source text of a span, borrowed from the file.
    pub(super) fn slice(&self, span: oxc_span::Span) -> &'s str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }

    fn alloc(&self, text: &str) -> &'s str {
        self.arena.alloc_str(text)
    }

    /// A string's value: borrowed from the file when written without escapes.
    fn string(&self, raw_span: oxc_span::Span, value: &str) -> &'s str {
        let raw = self.slice(raw_span);
        match raw.get(1..raw.len().saturating_sub(1)) {
            Some(inner) if inner == value => inner,
            _ => self.alloc(value),
        }
    }

    pub(super) fn value(&self, expr: &Expression<'_>, depth: usize) -> Lowered<'s> {
        let expr = expr.get_inner_expression();
        let span = span_of(expr.span());
        if is_undefined(expr) {
            return Lowered::Absent;
        }
        if let Expression::Identifier(ident) = expr
            && let Some(bound) = self.param(&ident.name)
        {
            self.uses.borrow_mut().push((bound.span, span));
            return Lowered::Node(bound);
        }
        if depth < MAX_DEPTH
            && let Expression::ConditionalExpression(conditional) = expr
            && let Some(consequent) = self.choose(&conditional.test)
        {
            let branch = if consequent {
                &conditional.consequent
            } else {
                &conditional.alternate
            };
            return self.value(branch, depth + 1);
        }
        let value = if depth >= MAX_DEPTH {
            unknown(StaticType::Any)
        } else {
            self.known(expr, depth)
                .unwrap_or_else(|| self.unknown(expr))
        };
        Lowered::Node(Node { span, value })
    }

    /// The node for a value; `undefined` reads as an unknown value (an item of an array, where
    /// `JSON.stringify` would send null, or a payload that is not there).
    pub(super) fn node(&self, expr: &Expression<'_>, depth: usize) -> Node<'s> {
        match self.value(expr, depth) {
            Lowered::Node(node) => node,
            Lowered::Absent => Node {
                span: span_of(expr.span()),
                value: unknown(StaticType::Any),
            },
        }
    }

    /// What is known of a value the source does not spell out: its type, from its form or,
    /// for a name, from the annotation of its binding. A list or an object of a certain type
    /// is sent (present), with members that are not known: an open, empty container.
    fn unknown(&self, expr: &Expression<'_>) -> Value<'s> {
        let Expression::Identifier(ident) = expr else {
            return unknown(static_type(expr));
        };
        match self.types.of_name(&ident.name, ident.span.start) {
            Some(StaticType::Array) => Value::Array(&[], Extent::Open),
            Some(StaticType::Object) => Value::Object(&[], Extent::Open),
            Some(kind) => unknown(kind),
            None => unknown(StaticType::Any),
        }
    }

    fn known(&self, expr: &Expression<'_>, depth: usize) -> Option<Value<'s>> {
        Some(match expr {
            Expression::StringLiteral(lit) => Value::String(self.string(lit.span, &lit.value)),
            Expression::TemplateLiteral(template) if template.expressions.is_empty() => {
                let text = template.quasis.first().and_then(|q| q.value.cooked)?;
                Value::String(self.alloc(&text))
            }
            Expression::TemplateLiteral(template) => Value::Unknown(Unknown {
                kind: StaticType::String,
                prefix: match template.quasis.first().and_then(|q| q.value.cooked) {
                    Some(text) => self.alloc(&text),
                    None => "",
                },
            }),
            Expression::NumericLiteral(lit) => Value::Number(self.number(lit.span, lit.value, "")?),
            Expression::UnaryExpression(unary)
                if unary.operator == UnaryOperator::UnaryNegation =>
            {
                match unary.argument.get_inner_expression() {
                    Expression::NumericLiteral(lit) => {
                        Value::Number(self.number(lit.span, lit.value, "-")?)
                    }
                    _ => return None,
                }
            }
            Expression::BooleanLiteral(lit) => Value::Bool(lit.value),
            Expression::NullLiteral(_) => Value::Null,
            Expression::ObjectExpression(object) => self.object(object, depth + 1),
            Expression::ArrayExpression(array) => {
                let mut extent = Extent::Closed;
                let mut items = Vec::with_capacity(array.elements.len());
                for element in &array.elements {
                    match element {
                        ArrayExpressionElement::SpreadElement(_) => extent = Extent::Open,
                        ArrayExpressionElement::Elision(hole) => items.push(Node {
                            span: span_of(hole.span),
                            value: Value::Null,
                        }),
                        _ => {
                            if let Some(item) = element.as_expression() {
                                items.push(self.node(item, depth + 1));
                            }
                        }
                    }
                }
                Value::Array(self.arena.alloc_slice_fill_iter(items), extent)
            }
            _ => return None,
        })
    }

    /// A number as JSON text: the literal as written when it is JSON (`12`, `1.5e3`), else
    /// the value (`0x10` → `16`, `1_000` → `1000`).
    fn number(&self, span: oxc_span::Span, value: f64, sign: &str) -> Option<&'s str> {
        if !value.is_finite() {
            return None;
        }
        let raw = self.slice(span);
        if sign.is_empty() && is_json_number(raw) {
            return Some(raw);
        }
        let digits = if is_json_number(raw) {
            raw.to_string()
        } else if value.fract() == 0.0 && value.abs() < 1e21 {
            format!("{value:.0}")
        } else {
            format!("{value}")
        };
        Some(self.alloc(&format!("{sign}{digits}")))
    }

    pub(super) fn object(&self, object: &ObjectExpression<'_>, depth: usize) -> Value<'s> {
        if self.choosing() {
            return self.object_choosing(object, depth);
        }
        let mut extent = Extent::Closed;
        let mut members = Vec::with_capacity(object.properties.len());
        for property in &object.properties {
            let ObjectPropertyKind::ObjectProperty(property) = property else {
                extent = Extent::Open;
                continue;
            };
            let Some((key, key_span)) = self.key(&property.key) else {
                // A computed key may be any field.
                extent = Extent::Open;
                continue;
            };
            let value = self.property_value(property, depth);
            if let Lowered::Node(value) = value {
                members.push(Member {
                    key,
                    key_span,
                    value,
                });
            }
        }
        Value::Object(self.arena.alloc_slice_fill_iter(members), extent)
    }

    /// A property's value as `JSON.stringify` sends it: getters, setters and methods are
    /// called or dropped, so not known.
    fn property_value(&self, property: &ObjectProperty<'_>, depth: usize) -> Lowered<'s> {
        if property.kind != PropertyKind::Init || property.method {
            return Lowered::Node(Node {
                span: span_of(property.value.span()),
                value: unknown(StaticType::Any),
            });
        }
        self.value(&property.value, depth)
    }

    /// [`Lowerer::object`] in a reading that chooses among alternatives: a spread whose branch
    /// is chosen adds its members, over the members written before it, as spreading does (a
    /// member written after one replaces it; members written twice stay for `duplicate-key`).
    fn object_choosing(&self, object: &ObjectExpression<'_>, depth: usize) -> Value<'s> {
        let mut extent = Extent::Closed;
        let mut members = Members::default();
        let mut spread_keys: HashSet<&'s str> = HashSet::new();
        for property in &object.properties {
            let property = match property {
                ObjectPropertyKind::SpreadProperty(spread) => {
                    match self.spread(spread, depth) {
                        Spread::Nothing => {}
                        Spread::Open => extent = Extent::Open,
                        Spread::Members(spread, spread_extent) => {
                            if spread_extent == Extent::Open {
                                extent = Extent::Open;
                            }
                            for member in spread {
                                spread_keys.insert(member.key);
                                members.set(*member);
                            }
                        }
                    }
                    continue;
                }
                ObjectPropertyKind::ObjectProperty(property) => property,
            };
            let Some((key, key_span)) = self.key(&property.key) else {
                extent = Extent::Open;
                continue;
            };
            let value = self.property_value(property, depth);
            let spread_here = spread_keys.remove(key);
            match value {
                Lowered::Node(value) => {
                    let member = Member {
                        key,
                        key_span,
                        value,
                    };
                    if spread_here {
                        members.set(member);
                    } else {
                        members.keep(member);
                    }
                }
                // `key: undefined` after a spread removes what the spread set.
                Lowered::Absent if spread_here => members.remove(key),
                Lowered::Absent => {}
            }
        }
        Value::Object(members.into_slice(self.arena), extent)
    }

    /// A key written statically, with its span (quotes included).
    pub(super) fn key(&self, key: &PropertyKey<'_>) -> Option<(&'s str, Span)> {
        match key {
            PropertyKey::StaticIdentifier(ident) => {
                Some((self.string(ident.span, &ident.name), span_of(ident.span)))
            }
            PropertyKey::StringLiteral(lit) => {
                Some((self.string(lit.span, &lit.value), span_of(lit.span)))
            }
            PropertyKey::NumericLiteral(lit) => {
                Some((self.alloc(&lit.value.to_string()), span_of(lit.span)))
            }
            PropertyKey::TemplateLiteral(template) if template.expressions.is_empty() => {
                let text = template.quasis.first().and_then(|q| q.value.cooked)?;
                Some((self.alloc(&text), span_of(template.span)))
            }
            _ => None,
        }
    }
}

fn unknown<'s>(kind: StaticType) -> Value<'s> {
    Value::Unknown(Unknown { kind, prefix: "" })
}

/// `undefined` and `void …`: what `JSON.stringify` leaves out.
pub(super) fn is_undefined(expr: &Expression<'_>) -> bool {
    match expr.get_inner_expression() {
        Expression::Identifier(ident) => ident.name == "undefined",
        Expression::UnaryExpression(unary) => unary.operator == UnaryOperator::Void,
        _ => false,
    }
}

/// The JSON type an expression certainly has, when its form says so.
fn static_type(expr: &Expression<'_>) -> StaticType {
    use oxc_ast::ast::BinaryOperator as B;
    match expr {
        Expression::TemplateLiteral(_) => StaticType::String,
        Expression::BinaryExpression(binary) => match binary.operator {
            B::Addition
                if [&binary.left, &binary.right].iter().any(|side| {
                    matches!(
                        side.get_inner_expression(),
                        Expression::StringLiteral(_) | Expression::TemplateLiteral(_)
                    )
                }) =>
            {
                StaticType::String
            }
            B::Equality
            | B::Inequality
            | B::StrictEquality
            | B::StrictInequality
            | B::LessThan
            | B::LessEqualThan
            | B::GreaterThan
            | B::GreaterEqualThan
            | B::In
            | B::Instanceof => StaticType::Boolean,
            _ => StaticType::Any,
        },
        Expression::UnaryExpression(unary) if unary.operator == UnaryOperator::LogicalNot => {
            StaticType::Boolean
        }
        _ => StaticType::Any,
    }
}

/// RFC 8259's number grammar.
fn is_json_number(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let whole_start = i;
    let whole = digits(&mut i);
    if whole == 0 || (whole > 1 && bytes.get(whole_start) == Some(&b'0')) {
        return false;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::is_json_number;

    #[test]
    fn json_numbers_are_told_from_other_js_numbers() {
        for ok in ["0", "12", "-1", "1.5", "1e3", "2.5E-7"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for not in ["01", "0x10", "1_000", ".5", "5.", "1e", ""] {
            assert!(!is_json_number(not), "{not}");
        }
    }
}
