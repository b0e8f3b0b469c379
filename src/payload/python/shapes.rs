//! Where a builder puts its parameters: `def build(product_id, qty): return {"product_cart":
//! [{"product_id": product_id, "quantity": qty}]}` places `qty` at `product_cart/0/quantity`.
//! Read from the dict it returns — a literal, `dict(...)`, or a name bound to one with keys set
//! on it afterwards (`d["customer"] = {"email": email}`, `d.update(...)`) — so that a call in
//! another module (`**build("p", 0)`) is linted at its own arguments (see
//! [`crate::payload::projection`]).

use std::collections::HashMap;

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{Expr, ExprContext, Stmt, StmtFunctionDef};
use ruff_text_size::Ranged;

use super::lower::span_of;
use super::returns::{is_dict_call, returned, returned_dicts};
use crate::payload::neighbours::{Placement, Step, Written};
use crate::span::Span;

/// The deepest dict searched for parameters, and the most placements kept per builder.
const MAX_SHAPE_DEPTH: usize = 16;
const MAX_PLACEMENTS: usize = 64;

/// Per builder of the module's top level: where its parameters go, and their names.
pub(super) type Shapes = (
    HashMap<String, Vec<Vec<Placement>>>,
    HashMap<String, Vec<String>>,
);

pub(super) fn shapes(body: &[Stmt], name: &str, text: &str) -> Shapes {
    let mut found: Vec<(String, Vec<String>, Vec<Vec<Written>>)> = Vec::new();
    for stmt in body {
        let Stmt::FunctionDef(function) = stmt else {
            continue;
        };
        // One `return`: with several, where an argument goes depends on the branch taken.
        if returned(&function.body).len() != 1 {
            continue;
        }
        let names = param_names(function);
        // A parameter the builder assigns again is not the argument where it is read.
        let mut placeable = names.clone();
        for rebound in param_uses(function, &names).rebound {
            placeable[rebound].clear();
        }
        if placeable.iter().all(String::is_empty) {
            continue;
        }
        let mut walk = Walk {
            names: &placeable,
            placed: vec![Vec::new(); names.len()],
            path: Vec::new(),
        };
        for dict in returned_dicts(&function.body) {
            walk.value(dict, span_of(dict.range()), 0);
        }
        walk.assignments(&function.body, &returned(&function.body));
        let placed = walk.placed;
        if placed.iter().any(|placed| !placed.is_empty()) {
            found.push((function.name.to_string(), names, placed));
        }
    }
    if found.is_empty() {
        return Shapes::default();
    }
    let source = crate::source::Source::new(name, text);
    let mut shapes = HashMap::new();
    let mut all_names = HashMap::new();
    for (builder, names, placed) in found {
        shapes.insert(builder.clone(), Placement::all_in(&source, placed));
        all_names.insert(builder, names);
    }
    (shapes, all_names)
}

/// The parameters a call may bind, in order (`self` included: a method is not a builder called
/// by name, and a call of one binds nothing here): positional-only ones marked `/name`, the
/// keyword-only ones after `*` marked `*name` — a positional argument binds neither a
/// keyword-only parameter nor anything past `*args`, a keyword argument no positional-only one.
pub(super) fn param_names(function: &StmtFunctionDef) -> Vec<String> {
    let parameters = &function.parameters;
    let marked = |mark: &'static str| {
        move |parameter: &ruff_python_ast::ParameterWithDefault| {
            format!("{mark}{}", parameter.parameter.name)
        }
    };
    parameters
        .posonlyargs
        .iter()
        .map(marked("/"))
        .chain(parameters.args.iter().map(marked("")))
        .chain(parameters.kwonlyargs.iter().map(marked("*")))
        .collect()
}

/// A parameter's name without the mark [`param_names`] gives it.
pub(super) fn bare(name: &str) -> &str {
    name.trim_start_matches(['/', '*'])
}

/// Where a function reads its parameters (by the reading's span), and which parameters it
/// assigns again (`qty = qty or 1`, `for qty in …`): those are not the call's argument where
/// they are read.
pub(super) struct ParamUses {
    pub(super) reads: HashMap<Span, usize>,
    pub(super) rebound: Vec<usize>,
}

/// Uses of parameters looked at per function.
const MAX_USES: usize = 256;

pub(super) fn param_uses(function: &StmtFunctionDef, names: &[String]) -> ParamUses {
    let mut uses = NameUses {
        names,
        found: ParamUses {
            reads: HashMap::new(),
            rebound: Vec::new(),
        },
        seen: 0,
    };
    for stmt in &function.body {
        uses.visit_stmt(stmt);
    }
    let mut found = uses.found;
    found.reads.retain(|_, at| !found.rebound.contains(at));
    found
}

struct NameUses<'n> {
    names: &'n [String],
    found: ParamUses,
    seen: usize,
}

impl<'a> Visitor<'a> for NameUses<'_> {
    /// A nested function or class has its own names (a parameter of the same name shadows).
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.seen += 1;
        if self.seen > MAX_USES * 64 || matches!(expr, Expr::Lambda(_)) {
            return;
        }
        if let Expr::Name(name) = expr
            && let Some(at) = self.names.iter().position(|n| bare(n) == name.id.as_str())
        {
            if name.ctx == ExprContext::Load {
                if self.found.reads.len() < MAX_USES {
                    self.found.reads.insert(span_of(name.range), at);
                }
            } else if !self.found.rebound.contains(&at) {
                self.found.rebound.push(at);
            }
        }
        walk_expr(self, expr);
    }
}

struct Walk<'n> {
    names: &'n [String],
    placed: Vec<Vec<Written>>,
    path: Vec<Step>,
}

impl Walk<'_> {
    fn full(&self) -> bool {
        self.placed.iter().map(Vec::len).sum::<usize>() >= MAX_PLACEMENTS
    }

    fn value(&mut self, value: &Expr, written: Span, depth: usize) {
        if depth > MAX_SHAPE_DEPTH || self.full() {
            return;
        }
        match value {
            Expr::Name(name) => {
                if let Some(at) = self
                    .names
                    .iter()
                    .position(|n| !n.is_empty() && bare(n) == name.id.as_str())
                {
                    self.placed[at].push((self.path.clone(), written));
                }
            }
            Expr::Dict(dict) => {
                for item in &dict.items {
                    let Some(Expr::StringLiteral(key)) = &item.key else {
                        continue;
                    };
                    self.member(key.value.to_str(), span_of(key.range), &item.value, depth);
                }
            }
            Expr::Call(call) if is_dict_call(call) => {
                for keyword in &call.arguments.keywords {
                    let Some(arg) = &keyword.arg else { continue };
                    self.member(arg.as_str(), span_of(arg.range), &keyword.value, depth);
                }
            }
            Expr::List(list) => self.items(&list.elts, depth),
            Expr::Tuple(tuple) => self.items(&tuple.elts, depth),
            _ => {}
        }
    }

    fn member(&mut self, key: &str, written: Span, value: &Expr, depth: usize) {
        self.path.push(Step::Key(key.to_string()));
        self.value(value, written, depth + 1);
        self.path.pop();
    }

    fn items(&mut self, items: &[Expr], depth: usize) {
        for (index, item) in items.iter().enumerate() {
            // `*xs`: the indices after it are not known.
            if let Expr::Starred(_) = item {
                break;
            }
            self.path.push(Step::Index(index));
            self.value(item, span_of(item.range()), depth + 1);
            self.path.pop();
        }
    }

    /// `d["key"] = value` and `d.update(key=value)` / `d.update({...})` at the function's top
    /// level, for a name `d` it returns.
    fn assignments(&mut self, body: &[Stmt], returns: &[&Expr]) {
        let returned = |name: &str| {
            returns
                .iter()
                .any(|r| matches!(r, Expr::Name(n) if n.id.as_str() == name))
        };
        for stmt in body {
            match stmt {
                Stmt::Assign(assign) => {
                    let [Expr::Subscript(subscript)] = assign.targets.as_slice() else {
                        continue;
                    };
                    if let (Expr::Name(name), Expr::StringLiteral(key)) =
                        (&*subscript.value, &*subscript.slice)
                        && returned(name.id.as_str())
                    {
                        self.member(key.value.to_str(), span_of(key.range), &assign.value, 0);
                    }
                }
                Stmt::Expr(expr) => {
                    let Expr::Call(call) = &*expr.value else {
                        continue;
                    };
                    let Expr::Attribute(method) = &*call.func else {
                        continue;
                    };
                    if method.attr.as_str() != "update"
                        || !matches!(&*method.value, Expr::Name(name) if returned(name.id.as_str()))
                    {
                        continue;
                    }
                    for argument in &call.arguments.args {
                        self.value(argument, span_of(argument.range()), 0);
                    }
                    for keyword in &call.arguments.keywords {
                        let Some(arg) = &keyword.arg else { continue };
                        self.member(arg.as_str(), span_of(arg.range), &keyword.value, 0);
                    }
                }
                _ => {}
            }
        }
    }
}
