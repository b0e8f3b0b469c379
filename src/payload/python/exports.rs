//! What a Python module tells the project stage ([`ModuleFacts`]): its `from … import …`
//! imports (relative ones with their leading dots), the names it defines at the top level
//! (every one importable, an imported name included: that is how `__init__.py` re-exports), the
//! roles of those names — clients, factories, builders of payload dicts — and the imported
//! builders whose dicts it sends with `**build(...)`.

use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{Expr, ExprCall, Stmt};

use super::facts::Facts;
use crate::payload::exports::{Import, Imported, Local, ModuleFacts, Send};
use crate::payload::neighbours::Kind;

/// The key every Dodo payload has.
const CART_KEY: &str = "product_cart";

pub(super) fn module_facts(body: &[Stmt], facts: &Facts) -> ModuleFacts {
    let mut out = ModuleFacts::default();
    for stmt in body {
        match stmt {
            Stmt::ImportFrom(import) => {
                let specifier = format!(
                    "{}{}",
                    ".".repeat(import.level as usize),
                    import.module.as_ref().map_or("", |m| m.as_str())
                );
                for alias in &import.names {
                    if alias.name.as_str() == "*" {
                        continue;
                    }
                    let local = alias.asname.as_ref().unwrap_or(&alias.name).to_string();
                    out.exports.push((local.clone(), local.clone()));
                    out.imports.push(Import {
                        local,
                        specifier: specifier.clone(),
                        name: Imported::Named(alias.name.to_string()),
                    });
                }
            }
            Stmt::FunctionDef(function) => {
                let name = function.name.to_string();
                out.exports.push((name.clone(), name.clone()));
                let returns = returned(&function.body);
                let local = if returns.iter().any(|r| facts.is_new_client(r)) {
                    Some(Local::Known(Kind::Factory))
                } else if returns.iter().any(|r| matches!(r, Expr::Dict(_))) {
                    let has_cart = returns.iter().any(|r| has_cart(r));
                    Some(Local::Known(Kind::Helper { has_cart }))
                } else {
                    returns.iter().find_map(|r| match r {
                        Expr::Name(returned) if facts.clients.contains(returned.id.as_str()) => {
                            Some(Local::Known(Kind::Factory))
                        }
                        Expr::Name(returned) => Some(Local::Returns(returned.id.to_string())),
                        Expr::Call(call) => match &*call.func {
                            Expr::Name(callee) => Some(Local::Returns(callee.id.to_string())),
                            _ => None,
                        },
                        _ => None,
                    })
                };
                if let Some(local) = local {
                    out.locals.insert(name, local);
                }
            }
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    let Expr::Name(target) = target else { continue };
                    let name = target.id.to_string();
                    out.exports.push((name.clone(), name.clone()));
                    if facts.is_new_client(&assign.value) {
                        out.locals.insert(name, Local::Known(Kind::Client));
                    } else if let Expr::Call(call) = &*assign.value
                        && let Expr::Name(callee) = &*call.func
                    {
                        out.locals
                            .insert(name, Local::ResultOf(callee.id.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    let mut sends = Sends {
        facts,
        found: Vec::new(),
    };
    for stmt in body {
        sends.visit_stmt(stmt);
    }
    out.sends = sends.found;
    out
}

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

fn has_cart(expr: &Expr) -> bool {
    let Expr::Dict(dict) = expr else { return false };
    dict.items.iter().any(|item| {
        matches!(&item.key, Some(Expr::StringLiteral(key)) if key.value.to_str() == CART_KEY)
    })
}

/// `…checkout_sessions.create(**build(...))` where `build` is imported: the project stage makes
/// the builder's dict a payload where it is written.
struct Sends<'f> {
    facts: &'f Facts,
    found: Vec<Send>,
}

impl Sends<'_> {
    fn call(&mut self, call: &ExprCall) {
        let Expr::Attribute(method) = &*call.func else {
            return;
        };
        if !matches!(method.attr.as_str(), "create" | "preview") {
            return;
        }
        let Expr::Attribute(resource) = &*method.value else {
            return;
        };
        if resource.attr.as_str() != "checkout_sessions" {
            return;
        }
        let named = call
            .arguments
            .keywords
            .iter()
            .filter(|k| k.arg.is_some())
            .count();
        for keyword in call.arguments.keywords.iter().filter(|k| k.arg.is_none()) {
            let Expr::Call(built) = &keyword.value else {
                continue;
            };
            let Expr::Name(builder) = &*built.func else {
                continue;
            };
            if !self.facts.imported.contains(builder.id.as_str()) {
                continue;
            }
            let receiver = first_name(&resource.value);
            self.found.push(Send {
                helper: builder.id.to_string(),
                certain: self.facts.is_new_client(&resource.value)
                    || receiver.is_some_and(|r| self.facts.clients.contains(r)),
                receiver: receiver.map(str::to_string),
                // Other keywords beside it: the builder's dict is a part of the payload.
                partial: named > 0,
            });
        }
    }
}

fn first_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => first_name(&attribute.value),
        Expr::Call(call) => first_name(&call.func),
        Expr::Await(awaited) => first_name(&awaited.value),
        _ => None,
    }
}

impl<'a> Visitor<'a> for Sends<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            self.call(call);
        }
        walk_expr(self, expr);
    }
}

/// The files a Python import may name, most likely first: relative to the importing file's
/// package for `.x` / `..x`; else from the folder that holds the importing file's top package
/// (the nearest folder up without an `__init__.py`), the project's root, and a `src/` layout.
pub(super) fn module_paths(
    from: &std::path::Path,
    specifier: &str,
    root: &std::path::Path,
) -> Vec<std::path::PathBuf> {
    let level = specifier.chars().take_while(|c| *c == '.').count();
    let module = &specifier[level..];
    let parts: Vec<&str> = module.split('.').filter(|part| !part.is_empty()).collect();
    if parts
        .iter()
        .any(|part| !part.chars().all(|c| c.is_alphanumeric() || c == '_'))
    {
        return Vec::new();
    }
    let bases: Vec<std::path::PathBuf> = if level > 0 {
        let mut base = from.parent();
        for _ in 1..level {
            base = base.and_then(std::path::Path::parent);
        }
        base.map(std::path::Path::to_path_buf).into_iter().collect()
    } else {
        let mut bases = Vec::new();
        if let Some(folder) = from.parent() {
            // Up through the packages (bounded: a folder tree is not deeper than this).
            let top = folder
                .ancestors()
                .take(64)
                .find(|dir| !dir.join("__init__.py").is_file());
            if let Some(top) = top.filter(|top| top.starts_with(root)) {
                bases.push(top.to_path_buf());
            }
        }
        bases.push(root.to_path_buf());
        bases.push(root.join("src"));
        bases
    };
    let mut out = Vec::new();
    for base in bases {
        let joined = parts.iter().fold(base, |path, part| path.join(part));
        out.push(joined.with_extension("py"));
        out.push(joined.join("__init__.py"));
    }
    out
}
