//! What a function returns, as the front-end's passes read it.

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{Expr, ExprContext, Stmt};

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

/// The dict literal or `dict(...)` that `name` is bound to at the top of `body`, when that is
/// the last binding of `name` anywhere in the function (`body = Model(**body).dict()` after it,
/// a loop or a branch rebinding it, leave it unknown).
fn bound_dict<'b>(body: &'b [Stmt], name: &str) -> Option<&'b Expr> {
    let (target, value) = body.iter().rev().find_map(|stmt| {
        let (targets, value): (&[Expr], &Expr) = match stmt {
            Stmt::Assign(assign) => (&assign.targets, &assign.value),
            Stmt::AnnAssign(assign) => (
                std::slice::from_ref(&*assign.target),
                assign.value.as_deref()?,
            ),
            _ => return None,
        };
        let target = targets.iter().find_map(|target| match target {
            Expr::Name(bound) if bound.id.as_str() == name => Some(bound.range.start()),
            _ => None,
        })?;
        Some((target, value))
    })?;
    let is_dict = match value {
        Expr::Dict(_) => true,
        Expr::Call(call) => is_dict_call(call),
        _ => false,
    };
    let mut stores = LastStore {
        name,
        last: None,
        seen: 0,
    };
    for stmt in body {
        stores.visit_stmt(stmt);
    }
    (is_dict && stores.last == Some(target)).then_some(value)
}

/// Where a function last binds a name (assignment, loop, `with`, `:=` …), not looking into
/// nested functions and classes, which have their own names.
struct LastStore<'n> {
    name: &'n str,
    last: Option<ruff_text_size::TextSize>,
    seen: usize,
}

impl<'a> Visitor<'a> for LastStore<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.seen += 1;
        // Bounded: past it the name counts as bound again (unknown).
        if self.seen > 1 << 16 {
            self.last = None;
            return;
        }
        if let Expr::Name(bound) = expr
            && bound.ctx == ExprContext::Store
            && bound.id.as_str() == self.name
        {
            self.last = self.last.max(Some(bound.range.start()));
        }
        if !matches!(expr, Expr::Lambda(_)) {
            walk_expr(self, expr);
        }
    }
}
