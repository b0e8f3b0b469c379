//! Response reads that are operands of one `or` chain (`getattr(session, "url", None) or
//! session.checkout_url`): a read of a field the response lacks beside one of a field it has
//! is a dead fallback, not the read the code relies on.

use ruff_python_ast::{BoolOp, Expr, ExprBoolOp};

use super::lower::span_of;
use crate::payload::flow::ChainRead;

/// Operands looked at per chain (a chain is a few fallbacks long).
const MAX_OPERANDS: usize = 16;

/// The operands of an `or` that read a field of a name; none for `and`.
pub(super) fn chain_reads(it: &ExprBoolOp) -> Vec<ChainRead<'_>> {
    if it.op != BoolOp::Or {
        return Vec::new();
    }
    it.values
        .iter()
        .take(MAX_OPERANDS)
        .filter_map(field_read)
        .collect()
}

/// `name.field` and `getattr(name, "field", …)`.
fn field_read(expr: &Expr) -> Option<ChainRead<'_>> {
    let (object, field, range) = match expr {
        Expr::Attribute(attribute) => (
            &*attribute.value,
            attribute.attr.as_str(),
            attribute.attr.range,
        ),
        Expr::Call(call) => {
            let Expr::Name(func) = &*call.func else {
                return None;
            };
            let [object, Expr::StringLiteral(field), ..] = &*call.arguments.args else {
                return None;
            };
            if func.id.as_str() != "getattr" {
                return None;
            }
            (object, field.value.to_str(), field.range)
        }
        _ => return None,
    };
    let Expr::Name(name) = object else {
        return None;
    };
    Some(ChainRead {
        name: name.id.as_str(),
        field,
        span: span_of(range),
    })
}
