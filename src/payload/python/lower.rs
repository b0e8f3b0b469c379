//! Lowering Python expressions to the payload tree: literals become values, everything the
//! source does not say statically (names, calls, subscripts, conditionals) becomes an unknown
//! value, and `**x` / `*xs` make containers open.

use ruff_python_ast::{
    Expr, ExprDict, FStringPart, InterpolatedStringElement, Number, Operator, UnaryOp,
};
use ruff_text_size::{Ranged, TextRange};

use crate::span::Span;
use crate::tree::{Extent, MAX_DEPTH, Member, Node, StaticType, Unknown, Value};

/// Builds tree nodes for one file's text in one arena.
pub(super) struct Lowerer<'s> {
    pub(super) text: &'s str,
    pub(super) arena: &'s bumpalo::Bump,
    /// The reads of parameters whose annotations make their type certain (see
    /// [`super::annotations`]).
    pub(super) typed: std::collections::HashMap<Span, StaticType>,
}

pub(super) fn span_of(range: TextRange) -> Span {
    Span::between(range.start().to_usize(), range.end().to_usize())
}

impl<'s> Lowerer<'s> {
    pub(super) fn alloc(&self, text: &str) -> &'s str {
        self.arena.alloc_str(text)
    }

    /// A string's value: borrowed from the file when written as one plain literal without
    /// escapes.
    fn string(&self, range: TextRange, value: &str) -> &'s str {
        let raw = self
            .text
            .get(range.start().to_usize()..range.end().to_usize())
            .unwrap_or_default();
        match raw.get(1..raw.len().saturating_sub(1)) {
            Some(inner) if inner == value && !raw.starts_with(['r', 'R', 'b', 'B', 'u', 'U']) => {
                inner
            }
            _ => self.alloc(value),
        }
    }

    pub(super) fn node(&self, expr: &Expr, depth: usize) -> Node<'s> {
        let value = if depth >= MAX_DEPTH {
            unknown(StaticType::Any, "")
        } else {
            self.known(expr, depth).unwrap_or_else(|| {
                let kind = match expr {
                    Expr::Name(name) => self
                        .typed
                        .get(&span_of(name.range))
                        .copied()
                        .unwrap_or(StaticType::Any),
                    _ => static_type(expr),
                };
                unknown(kind, "")
            })
        };
        Node {
            span: span_of(expr.range()),
            value,
        }
    }

    fn known(&self, expr: &Expr, depth: usize) -> Option<Value<'s>> {
        Some(match expr {
            Expr::StringLiteral(lit) => Value::String(self.string(lit.range, lit.value.to_str())),
            Expr::FString(fstring) => {
                unknown(StaticType::String, self.alloc(&fstring_prefix(fstring)))
            }
            Expr::NumberLiteral(number) => Value::Number(self.number(&number.value, "")?),
            Expr::UnaryOp(unary) if unary.op == UnaryOp::USub => match &*unary.operand {
                Expr::NumberLiteral(number) => Value::Number(self.number(&number.value, "-")?),
                _ => return None,
            },
            Expr::BooleanLiteral(lit) => Value::Bool(lit.value),
            Expr::NoneLiteral(_) => Value::Null,
            Expr::Dict(dict) => self.dict(dict, depth + 1),
            Expr::List(list) => self.items(&list.elts, depth),
            Expr::Tuple(tuple) => self.items(&tuple.elts, depth),
            _ => return None,
        })
    }

    fn items(&self, elements: &[Expr], depth: usize) -> Value<'s> {
        let mut extent = Extent::Closed;
        let mut items = Vec::with_capacity(elements.len());
        for element in elements {
            if let Expr::Starred(_) = element {
                extent = Extent::Open;
            } else {
                items.push(self.node(element, depth + 1));
            }
        }
        Value::Array(self.arena.alloc_slice_fill_iter(items), extent)
    }

    /// A number as JSON text (`1_000` → `1000`, `0x10` → `16`, `1.5` as written).
    fn number(&self, number: &Number, sign: &str) -> Option<&'s str> {
        let text = match number {
            Number::Int(int) => format!("{sign}{int}"),
            Number::Float(float) if float.is_finite() => {
                if float.fract() == 0.0 && float.abs() < 1e21 {
                    format!("{sign}{float:.1}")
                } else {
                    format!("{sign}{float}")
                }
            }
            _ => return None,
        };
        // `Int`'s text is decimal; a float prints as Rust does, which JSON reads the same.
        text.parse::<serde_json::Number>().ok()?;
        Some(self.alloc(&text))
    }

    /// A dict literal: string keys are members; `**x` and other keys make it open.
    pub(super) fn dict(&self, dict: &ExprDict, depth: usize) -> Value<'s> {
        let mut extent = Extent::Closed;
        let mut members = Vec::with_capacity(dict.items.len());
        for item in &dict.items {
            match &item.key {
                Some(Expr::StringLiteral(key)) => members.push(Member {
                    key: self.string(key.range, key.value.to_str()),
                    key_span: span_of(key.range),
                    value: self.node(&item.value, depth),
                }),
                // `**x`, or a key that is not a string literal: any field may be there.
                _ => extent = Extent::Open,
            }
        }
        Value::Object(self.arena.alloc_slice_fill_iter(members), extent)
    }
}

fn unknown(kind: StaticType, prefix: &str) -> Value<'_> {
    Value::Unknown(Unknown { kind, prefix })
}

/// The static text an f-string starts with (`f"https://{host}/x"` → `https://`).
fn fstring_prefix(fstring: &ruff_python_ast::ExprFString) -> String {
    let mut prefix = String::new();
    for part in fstring.value.iter() {
        match part {
            FStringPart::Literal(literal) => prefix.push_str(&literal.value),
            FStringPart::FString(inner) => {
                for element in inner.elements.iter() {
                    match element {
                        InterpolatedStringElement::Literal(literal) => {
                            prefix.push_str(&literal.value)
                        }
                        InterpolatedStringElement::Interpolation(_) => return prefix,
                    }
                }
            }
        }
    }
    prefix
}

/// The JSON type an expression certainly has, when its form says so.
fn static_type(expr: &Expr) -> StaticType {
    match expr {
        Expr::FString(_) => StaticType::String,
        Expr::BinOp(binary) if binary.op == Operator::Add => {
            let is_text = |e: &Expr| matches!(e, Expr::StringLiteral(_) | Expr::FString(_));
            if is_text(&binary.left) || is_text(&binary.right) {
                StaticType::String
            } else {
                StaticType::Any
            }
        }
        // `and`/`or` return an operand, not a boolean: only comparisons and `not` are booleans.
        Expr::Compare(_) => StaticType::Boolean,
        Expr::UnaryOp(unary) if unary.op == UnaryOp::Not => StaticType::Boolean,
        Expr::ListComp(_) => StaticType::Array,
        Expr::DictComp(_) => StaticType::Object,
        _ => StaticType::Any,
    }
}
