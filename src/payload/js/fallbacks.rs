//! Response reads that are operands of one `??` / `||` chain (`session.checkout_url ??
//! session.url`, `(s as any).url || s.checkout_url`): a read of a field the response lacks
//! beside one of a field it has is a dead fallback, not the read the code relies on.

use oxc_ast::ast::{ChainElement, Expression, LogicalExpression, LogicalOperator};

use super::lower::span_of;
use crate::payload::flow::ChainRead;

/// Operands looked at per chain: a chain is a few fallbacks long, and a bound keeps a file of
/// thousands of nested `??` linear (each nested chain is flattened again from its own root).
const MAX_OPERANDS: usize = 16;

/// The operands of the `??` / `||` chain rooted at `it` that read a field of a name.
pub(super) fn chain_reads<'e>(it: &'e LogicalExpression<'_>) -> Vec<ChainRead<'e>> {
    let mut operands = Vec::new();
    let mut pending: Vec<&Expression<'_>> = vec![&it.right, &it.left];
    let mut seen = 0;
    while let Some(expr) = pending.pop() {
        seen += 1;
        if seen > MAX_OPERANDS {
            break;
        }
        match expr.get_inner_expression() {
            Expression::LogicalExpression(inner) if is_fallback(inner.operator) => {
                pending.push(&inner.right);
                pending.push(&inner.left);
            }
            other => operands.extend(field_read(other)),
        }
    }
    operands
}

/// `??` and `||` fall back to their right side; `&&` does not.
pub(super) fn is_fallback(operator: LogicalOperator) -> bool {
    matches!(operator, LogicalOperator::Coalesce | LogicalOperator::Or)
}

/// `name.field`, `name?.field`, `(name as any).field`, `name['field']`.
fn field_read<'e>(expr: &'e Expression<'_>) -> Option<ChainRead<'e>> {
    let (object, field, span) = match expr {
        Expression::ChainExpression(chain) => match &chain.expression {
            ChainElement::StaticMemberExpression(member) => (
                &member.object,
                member.property.name.as_str(),
                member.property.span,
            ),
            ChainElement::ComputedMemberExpression(member) => match &member.expression {
                Expression::StringLiteral(key) => (&member.object, key.value.as_str(), key.span),
                _ => return None,
            },
            _ => return None,
        },
        Expression::StaticMemberExpression(member) => (
            &member.object,
            member.property.name.as_str(),
            member.property.span,
        ),
        Expression::ComputedMemberExpression(member) => match &member.expression {
            Expression::StringLiteral(key) => (&member.object, key.value.as_str(), key.span),
            _ => return None,
        },
        _ => return None,
    };
    let Expression::Identifier(name) = object.get_inner_expression() else {
        return None;
    };
    Some(ChainRead {
        name: name.name.as_str(),
        field,
        span: span_of(span),
    })
}
