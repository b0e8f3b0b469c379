//! How a client comes into a function without being made there: a parameter or field
//! annotated with the SDK's client class (also `Optional[…]`, `… | None`, a string, and
//! `Annotated[…, Depends(…)]`), and FastAPI's `Depends(get_client)`.

use ruff_python_ast::Expr;

use super::facts::Facts;

impl Facts {
    /// An annotation that names a client class: `DodoPayments`, `"DodoPayments"`,
    /// `Optional[DodoPayments]`, `DodoPayments | None`, `Annotated[DodoPayments, Depends(…)]`.
    /// A value so annotated that has `checkout_sessions` read from it is a client (`None` has
    /// no attributes).
    pub(super) fn is_client_annotation(&self, annotation: &Expr, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        match annotation {
            Expr::StringLiteral(text) => self.sdk_names.contains(text.value.to_str().trim()),
            Expr::Subscript(subscript) => {
                let wrapper = match &*subscript.value {
                    Expr::Name(name) => name.id.as_str(),
                    Expr::Attribute(attribute) => attribute.attr.as_str(),
                    _ => return false,
                };
                match (wrapper, &*subscript.slice) {
                    ("Optional", inner) => self.is_client_annotation(inner, depth + 1),
                    ("Annotated", Expr::Tuple(tuple)) => tuple
                        .elts
                        .first()
                        .is_some_and(|inner| self.is_client_annotation(inner, depth + 1)),
                    ("Union", Expr::Tuple(tuple)) => tuple
                        .elts
                        .iter()
                        .any(|inner| self.is_client_annotation(inner, depth + 1)),
                    _ => false,
                }
            }
            Expr::BinOp(union) if union.op == ruff_python_ast::Operator::BitOr => {
                self.is_client_annotation(&union.left, depth + 1)
                    || self.is_client_annotation(&union.right, depth + 1)
            }
            other => self.is_client_class(other),
        }
    }
}

/// `Depends(callee)`: the name of the function FastAPI calls for the parameter's value.
pub(super) fn depends_on(expr: &Expr) -> Option<&str> {
    let Expr::Call(call) = expr else { return None };
    let is_depends = match &*call.func {
        Expr::Name(name) => name.id.as_str() == "Depends",
        Expr::Attribute(attribute) => attribute.attr.as_str() == "Depends",
        _ => false,
    };
    match call.arguments.args.first() {
        Some(Expr::Name(callee)) if is_depends => Some(callee.id.as_str()),
        _ => None,
    }
}

/// The metadata of `Annotated[T, Depends(…)]` that is a `Depends(…)`.
pub(super) fn annotated_default(annotation: &Expr) -> Option<&Expr> {
    let Expr::Subscript(subscript) = annotation else {
        return None;
    };
    let Expr::Tuple(tuple) = &*subscript.slice else {
        return None;
    };
    tuple.elts.iter().skip(1).find(|e| depends_on(e).is_some())
}
