//! The URL of a raw `requests`/`httpx` POST in Python, as [`UrlText`].

use std::collections::HashMap;

use ruff_python_ast::{Expr, FStringPart, InterpolatedStringElement, Operator};
use ruff_text_size::Ranged;

use super::lower::span_of;
use super::qualified::dotted;

use crate::payload::urls::{MAX_DEPTH, UrlText};

/// The expression's text, when it is string-like (a literal, an f-string, `+`, a known
/// constant, `os.environ[...]`, `os.getenv(...)`).
pub(crate) fn url_text(expr: &Expr, strings: &HashMap<String, UrlText>) -> Option<UrlText> {
    at(expr, strings, 0)
}

fn at(expr: &Expr, strings: &HashMap<String, UrlText>, depth: usize) -> Option<UrlText> {
    if depth > MAX_DEPTH {
        return None;
    }
    let part = |expr: &Expr| at(expr, strings, depth + 1).unwrap_or_else(|| UrlText::hole(false));
    Some(match expr {
        Expr::StringLiteral(lit) => UrlText::literal(lit.value.to_str(), span_of(lit.range())),
        Expr::FString(fstring) => {
            let mut text = UrlText::literal("", span_of(fstring.range()));
            for piece in fstring.value.iter() {
                match piece {
                    FStringPart::Literal(literal) => {
                        text = text.then(UrlText::literal(&literal.value, span_of(literal.range())))
                    }
                    FStringPart::FString(inner) => {
                        for element in inner.elements.iter() {
                            text = text.then(match element {
                                InterpolatedStringElement::Literal(literal) => {
                                    UrlText::literal(&literal.value, span_of(literal.range()))
                                }
                                InterpolatedStringElement::Interpolation(interpolation) => {
                                    part(&interpolation.expression)
                                }
                            });
                        }
                    }
                }
            }
            text
        }
        Expr::BinOp(binary) if binary.op == Operator::Add => {
            part(&binary.left).then(part(&binary.right))
        }
        // `os.getenv("DODO_URL") or "https://test.dodopayments.com"`.
        Expr::BoolOp(op) => op
            .values
            .iter()
            .map(part)
            .reduce(UrlText::either)
            .unwrap_or_else(|| UrlText::hole(false)),
        Expr::If(conditional) => {
            UrlText::one_of(part(&conditional.body), part(&conditional.orelse))
        }
        Expr::Name(name) => strings.get(name.id.as_str())?.clone(),
        // `config.LIVE_URL` of a module imported as `config`.
        Expr::Attribute(_) => strings.get(&dotted(expr)?)?.clone(),
        // `_base(test_mode)`, a function of the module (or an imported one) returning a URL.
        Expr::Call(call) if !is_getenv(&call.func) => {
            strings.get(&result_key(&dotted(&call.func)?))?.clone()
        }
        // `os.environ["DODO_API_URL"]`.
        Expr::Subscript(subscript) if is_environ(&subscript.value) => match &*subscript.slice {
            Expr::StringLiteral(name) => UrlText::env(name.value.to_str()),
            _ => UrlText::hole(false),
        },
        // `os.getenv("DODO_API_URL", default)`, `os.environ.get(...)`.
        Expr::Call(call) if is_getenv(&call.func) => {
            let name = match call.arguments.args.first() {
                Some(Expr::StringLiteral(name)) => UrlText::env(name.value.to_str()),
                _ => UrlText::hole(false),
            };
            match call.arguments.args.get(1) {
                Some(default) => UrlText::either(name, part(default)),
                None => name,
            }
        }
        _ => return None,
    })
}

/// The key under which the strings a module knows hold what the function `name` returns.
pub(crate) fn result_key(name: &str) -> String {
    format!("{name}()")
}

fn is_environ(expr: &Expr) -> bool {
    matches!(expr, Expr::Attribute(attribute) if attribute.attr.as_str() == "environ")
        || matches!(expr, Expr::Name(name) if name.id.as_str() == "environ")
}

fn is_getenv(expr: &Expr) -> bool {
    match expr {
        Expr::Attribute(attribute) => {
            attribute.attr.as_str() == "getenv"
                || (attribute.attr.as_str() == "get" && is_environ(&attribute.value))
        }
        Expr::Name(name) => name.id.as_str() == "getenv",
        _ => false,
    }
}
