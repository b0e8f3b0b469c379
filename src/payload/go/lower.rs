//! Lowering Go expressions to the payload tree (composite literals in [`super::literals`]). The SDK's wrappers are transparent: a value
//! written `dodopayments.F(int64(0))`, `dodopayments.F[dodopayments.Currency]("usd")` or
//! `dodopayments.Currency("usd")` is the literal inside, at the literal's own bytes (so a finding
//! and a fix land on `0` or `"usd"`). A struct literal's fields are the API's fields through the
//! SDK's `json` tags ([`super::sdk`]); a map literal's string keys are keys as written; a slice
//! literal is an array. Typed constants (`dodopayments.CurrencyUsd`) are their values. Anything
//! the source does not say statically (names, calls, `Null[T]()`, `Raw[T](v)`) is unknown, and a
//! literal with a key that is not a name or string is open.

use tree_sitter::Node as TsNode;

use super::imports::Imports;
use super::literals::{Kind, SDK_STRUCT, Shape};
use super::numbers;
use super::sdk::{self, SHARED_CONVERSIONS, VALUE_HELPERS, sdk};
use super::strings::{go_string, raw_string};
use super::structs::Structs;
use super::{span_of, text_of};
use crate::tree::{MAX_DEPTH, Node, StaticType, Unknown, Value};

/// Builds tree nodes for one file's text in one arena.
pub(super) struct Lowerer<'s, 'f> {
    pub(super) text: &'s str,
    pub(super) arena: &'s bumpalo::Bump,
    pub(super) imports: &'f Imports,
    pub(super) structs: &'f Structs,
}

impl<'s> Lowerer<'s, '_> {
    pub(super) fn alloc(&self, text: &str) -> &'s str {
        self.arena.alloc_str(text)
    }

    /// True when `node` is `<package>.<name>` with `package` the file's name for `slot`.
    pub(super) fn is_selector(&self, node: TsNode<'_>, slot: &Option<String>) -> Option<&'s str> {
        let (package, name) = match node.kind() {
            "selector_expression" => (
                node.child_by_field_name("operand")?,
                node.child_by_field_name("field")?,
            ),
            "qualified_type" => (
                node.child_by_field_name("package")?,
                node.child_by_field_name("name")?,
            ),
            _ => return None,
        };
        if !matches!(package.kind(), "identifier" | "package_identifier") {
            return None;
        }
        Imports::is(slot, text_of(package, self.text)).then(|| text_of(name, self.text))
    }

    /// The SDK name `node` selects (`dodopayments.F` → `F`), or a generic instance's
    /// (`dodopayments.F[T]` → `F`).
    pub(super) fn sdk_name(&self, node: TsNode<'_>) -> Option<&'s str> {
        match node.kind() {
            "index_expression" => self.sdk_name(node.child_by_field_name("operand")?),
            "generic_type" => self.sdk_name(node.child_by_field_name("type")?),
            _ => self.is_selector(node, &self.imports.sdk),
        }
    }

    pub(super) fn node(&self, expr: TsNode<'_>, depth: usize) -> Node<'s> {
        self.node_in(expr, depth, SDK_STRUCT)
    }

    /// The node of `expr`; an elided literal (`{…}` alone) has the shape `elided`.
    pub(super) fn node_in(&self, expr: TsNode<'_>, depth: usize, elided: Shape) -> Node<'s> {
        if depth >= MAX_DEPTH {
            return unknown_node(expr, StaticType::Any);
        }
        if let Some(inner) = self.transparent(expr) {
            return self.node_in(inner, depth + 1, elided);
        }
        match expr.kind() {
            "composite_literal" => {
                let (Some(body), Some(kind)) = (
                    expr.child_by_field_name("body"),
                    expr.child_by_field_name("type").map(|t| self.kind_of(t)),
                ) else {
                    return unknown_node(expr, StaticType::Any);
                };
                self.body(body, kind, depth + 1)
            }
            "literal_value" => {
                // An elided literal's own elements are not typed here (`[][]T{{{…}}}`): a
                // list's are lists, a struct's fields typed by the SDK.
                let elements = if elided == Shape::List {
                    Shape::List
                } else {
                    SDK_STRUCT
                };
                let kind = Kind {
                    shape: elided,
                    elements,
                };
                self.body(expr, kind, depth + 1)
            }
            _ => Node {
                span: span_of(expr),
                value: self
                    .scalar(expr)
                    .unwrap_or_else(|| unknown(static_type(expr, self), self.prefix(expr))),
            },
        }
    }

    /// The expression inside a wrapper that sends it as it is: `(x)`, `&T{…}`, the SDK's `F`
    /// helpers, conversions to a number, string or SDK enum type, `shared.UnionString(x)`.
    pub(super) fn transparent<'t>(&self, expr: TsNode<'t>) -> Option<TsNode<'t>> {
        match expr.kind() {
            "parenthesized_expression" => super::nth(expr, 0),
            "unary_expression" => {
                let operand = expr.child_by_field_name("operand")?;
                let operator = expr.child_by_field_name("operator")?;
                (operator.kind() == "&" && operand.kind() == "composite_literal").then_some(operand)
            }
            "call_expression" => {
                let function = expr.child_by_field_name("function")?;
                let arguments = expr.child_by_field_name("arguments")?;
                if super::named(arguments).len() != 1 {
                    return None;
                }
                let argument = super::nth(arguments, 0)?;
                self.keeps_value(function, argument).then_some(argument)
            }
            "type_conversion_expression" => {
                let kind = expr.child_by_field_name("type")?;
                let operand = expr.child_by_field_name("operand")?;
                self.keeps_value(kind, operand).then_some(operand)
            }
            _ => None,
        }
    }

    /// True when calling (or converting with) `function` sends `argument` as it is.
    fn keeps_value(&self, function: TsNode<'_>, argument: TsNode<'_>) -> bool {
        if let Some(name) = self.sdk_name(function) {
            return VALUE_HELPERS.contains(&name)
                || (function.kind() == "selector_expression"
                    || function.kind() == "qualified_type")
                    && sdk().is_enum(name);
        }
        if let Some(name) = self.is_selector(function, &self.imports.shared) {
            return SHARED_CONVERSIONS.contains(&name);
        }
        if function.kind() != "identifier" {
            return false;
        }
        let literal = strip_sign(argument);
        match text_of(function, self.text) {
            "int" | "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16"
            | "uint32" | "uint64" | "float32" | "float64" => {
                matches!(literal.kind(), "int_literal" | "float_literal")
            }
            // `string(65)` is "A": only a string converted to a string keeps its text.
            "string" => matches!(
                literal.kind(),
                "interpreted_string_literal" | "raw_string_literal"
            ),
            _ => false,
        }
    }

    /// A scalar literal's value, or a typed constant's.
    pub(super) fn scalar(&self, expr: TsNode<'_>) -> Option<Value<'s>> {
        let raw = text_of(expr, self.text);
        Some(match expr.kind() {
            "interpreted_string_literal" => {
                let inner = raw.get(1..raw.len().saturating_sub(1))?;
                match go_string(inner)? {
                    std::borrow::Cow::Borrowed(text) => Value::String(text),
                    std::borrow::Cow::Owned(text) => Value::String(self.alloc(&text)),
                }
            }
            "raw_string_literal" => {
                let inner = raw.get(1..raw.len().saturating_sub(1))?;
                Value::String(self.alloc(&raw_string(inner)))
            }
            "int_literal" | "float_literal" => Value::Number(self.number(raw, "")?),
            "unary_expression" => {
                let operator = expr.child_by_field_name("operator")?;
                let operand = expr.child_by_field_name("operand")?;
                let sign = match operator.kind() {
                    "-" => "-",
                    "+" => "",
                    _ => return None,
                };
                if !matches!(operand.kind(), "int_literal" | "float_literal") {
                    return None;
                }
                Value::Number(self.number(text_of(operand, self.text), sign)?)
            }
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "nil" => Value::Null,
            "selector_expression" => {
                let name = self.sdk_name(expr)?;
                Value::String(sdk().constant(name)?.1)
            }
            _ => return None,
        })
    }

    /// A Go number as JSON text (`1_000` → `1000`, `0x10` → `16`, `1.` → `1.0`).
    fn number(&self, raw: &str, sign: &str) -> Option<&'s str> {
        let text = numbers::json_number(raw)?;
        let text = format!("{sign}{text}");
        text.parse::<serde_json::Number>().ok()?;
        Some(self.alloc(&text))
    }

    /// The API's name for the Go field `go`: the SDK's tag, else the name in snake case (a
    /// field this SDK does not have, which the compiler refuses; the lint names it as the API
    /// would, so that `unknown-field` can say so).
    pub(super) fn api_field(&self, go: &str) -> &'s str {
        match sdk().api_field(go) {
            Some(name) => name,
            None => self.alloc(&sdk::snake_case(go)),
        }
    }

    /// The text a string expression certainly starts with (`"https://x/" + path`,
    /// `fmt.Sprintf("https://x/%s", path)`).
    fn prefix(&self, expr: TsNode<'_>) -> &'s str {
        let first = match expr.kind() {
            "binary_expression" => expr.child_by_field_name("left"),
            "call_expression" if self.is_sprintf(expr) => expr
                .child_by_field_name("arguments")
                .and_then(|arguments| super::nth(arguments, 0)),
            _ => None,
        };
        let Some(Value::String(text)) = first.and_then(|first| self.scalar(first)) else {
            return "";
        };
        match expr.kind() {
            "call_expression" => text.split('%').next().unwrap_or_default(),
            _ => text,
        }
    }

    fn is_sprintf(&self, call: TsNode<'_>) -> bool {
        call.child_by_field_name("function")
            .and_then(|function| self.is_selector(function, &self.imports.fmt))
            == Some("Sprintf")
    }
}

/// `-1` → `1`: the literal under a sign.
fn strip_sign(expr: TsNode<'_>) -> TsNode<'_> {
    if expr.kind() == "unary_expression"
        && let Some(operand) = expr.child_by_field_name("operand")
    {
        return operand;
    }
    expr
}

fn unknown(kind: StaticType, prefix: &str) -> Value<'_> {
    Value::Unknown(Unknown { kind, prefix })
}

fn unknown_node<'s>(expr: TsNode<'_>, kind: StaticType) -> Node<'s> {
    Node {
        span: span_of(expr),
        value: unknown(kind, ""),
    }
}

/// The JSON type an expression certainly has, when its form says so.
fn static_type(expr: TsNode<'_>, lower: &Lowerer<'_, '_>) -> StaticType {
    match expr.kind() {
        "binary_expression" => {
            let operator = expr
                .child_by_field_name("operator")
                .map(|op| op.kind())
                .unwrap_or_default();
            match operator {
                "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||" => StaticType::Boolean,
                "+" if is_string_literal(expr.child_by_field_name("left"))
                    || is_string_literal(expr.child_by_field_name("right")) =>
                {
                    StaticType::String
                }
                _ => StaticType::Any,
            }
        }
        "unary_expression"
            if expr
                .child_by_field_name("operator")
                .is_some_and(|op| op.kind() == "!") =>
        {
            StaticType::Boolean
        }
        "call_expression" if lower.is_sprintf(expr) => StaticType::String,
        "interpreted_string_literal" | "raw_string_literal" => StaticType::String,
        "int_literal" | "float_literal" | "imaginary_literal" => StaticType::Number,
        _ => StaticType::Any,
    }
}

fn is_string_literal(node: Option<TsNode<'_>>) -> bool {
    node.is_some_and(|n| {
        matches!(
            n.kind(),
            "interpreted_string_literal" | "raw_string_literal"
        )
    })
}
