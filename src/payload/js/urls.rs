//! The URL of a raw `fetch`/`axios` request in JavaScript, as [`UrlText`].

use std::collections::HashMap;

use oxc_ast::ast::{BinaryOperator, Expression};
use oxc_span::GetSpan;

use super::lower::span_of;

use crate::payload::urls::{MAX_DEPTH, UrlText};

/// The expression's text, when it is string-like (literal, template, `+`, a known constant,
/// `process.env.X`); `strings` holds the constants of the file seen so far.
pub(crate) fn url_text(
    expr: &Expression<'_>,
    strings: &HashMap<String, UrlText>,
) -> Option<UrlText> {
    at(expr, strings, 0)
}

fn at(expr: &Expression<'_>, strings: &HashMap<String, UrlText>, depth: usize) -> Option<UrlText> {
    if depth > MAX_DEPTH {
        return None;
    }
    let part = |expr: &Expression<'_>| {
        at(expr, strings, depth + 1).unwrap_or_else(|| UrlText::hole(false))
    };
    Some(match expr.get_inner_expression() {
        Expression::StringLiteral(lit) => UrlText::literal(&lit.value, span_of(lit.span)),
        Expression::TemplateLiteral(template) => {
            let mut text = UrlText::literal("", span_of(template.span()));
            for (index, quasi) in template.quasis.iter().enumerate() {
                let cooked = quasi
                    .value
                    .cooked
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                text = text.then(UrlText::literal(&cooked, span_of(quasi.span)));
                if let Some(expr) = template.expressions.get(index) {
                    text = text.then(part(expr));
                }
            }
            text
        }
        Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::Addition => {
            part(&binary.left).then(part(&binary.right))
        }
        // `process.env.DODO_API_URL ?? "https://test.dodopayments.com"`: either side.
        Expression::LogicalExpression(logical) => {
            UrlText::either(part(&logical.left), part(&logical.right))
        }
        // `live ? 'https://live.dodopayments.com' : 'https://test.dodopayments.com'`.
        Expression::ConditionalExpression(conditional) => {
            UrlText::either(part(&conditional.consequent), part(&conditional.alternate))
        }
        Expression::Identifier(ident) => strings.get(ident.name.as_str())?.clone(),
        Expression::StaticMemberExpression(member) => {
            // `process.env.X`, `import.meta.env.X`.
            let object = member.object.get_inner_expression();
            let is_env = matches!(object, Expression::StaticMemberExpression(env)
                if env.property.name == "env");
            if !is_env {
                return None;
            }
            UrlText::env(&member.property.name)
        }
        _ => return None,
    })
}
