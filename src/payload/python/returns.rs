//! What a function returns, as the front-end's passes read it.

use ruff_python_ast::{Expr, Stmt};

/// What `return` statements of a function body return (not looking into nested functions).
pub(super) fn returned(body: &[Stmt]) -> Vec<&Expr> {
    let mut out = Vec::new();
    returns_in(body, 0, &mut out);
    out
}

fn returns_in<'b>(body: &'b [Stmt], nesting: usize, out: &mut Vec<&'b Expr>) {
    if nesting > 32 || out.len() >= 16 {
        return;
    }
    for stmt in body {
        match stmt {
            Stmt::Return(ret) => out.extend(ret.value.as_deref()),
            Stmt::If(branch) => {
                returns_in(&branch.body, nesting + 1, out);
                for clause in &branch.elif_else_clauses {
                    returns_in(&clause.body, nesting + 1, out);
                }
            }
            Stmt::Try(attempt) => returns_in(&attempt.body, nesting + 1, out),
            Stmt::With(with) => returns_in(&with.body, nesting + 1, out),
            _ => {}
        }
    }
}

/// The dicts a builder returns: literals and `dict(...)` calls it returns, and for a name it
/// returns, the literal or `dict(...)` that name is bound to in the function's own statements.
pub(super) fn returned_dicts(body: &[Stmt]) -> Vec<&Expr> {
    let mut out = Vec::new();
    for returned in returned(body) {
        match returned {
            Expr::Dict(_) => out.push(returned),
            Expr::Call(call) if is_dict_call(call) => out.push(returned),
            Expr::Name(name) => out.extend(bound_dict(body, name.id.as_str())),
            _ => {}
        }
    }
    out
}

/// `dict(k=v, …)`, without positional arguments.
pub(super) fn is_dict_call(call: &ruff_python_ast::ExprCall) -> bool {
    matches!(&*call.func, Expr::Name(name) if name.id.as_str() == "dict")
        && call.arguments.args.is_empty()
}

/// The last dict literal or `dict(...)` that `name` is bound to at the top of `body`.
fn bound_dict<'b>(body: &'b [Stmt], name: &str) -> Option<&'b Expr> {
    body.iter().rev().find_map(|stmt| {
        let (targets, value): (&[Expr], &Expr) = match stmt {
            Stmt::Assign(assign) => (&assign.targets, &assign.value),
            Stmt::AnnAssign(assign) => (
                std::slice::from_ref(&*assign.target),
                assign.value.as_deref()?,
            ),
            _ => return None,
        };
        let binds = targets
            .iter()
            .any(|target| matches!(target, Expr::Name(bound) if bound.id.as_str() == name));
        let is_dict = match value {
            Expr::Dict(_) => true,
            Expr::Call(call) => is_dict_call(call),
            _ => false,
        };
        (binds && is_dict).then_some(value)
    })
}
