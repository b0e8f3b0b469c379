//! What a Python module tells the project stage ([`ModuleFacts`]): its `from … import …`
//! imports (relative ones with their leading dots), the names it defines at the top level
//! (every one importable, an imported name included: that is how `__init__.py` re-exports), the
//! roles of those names — clients, factories, builders of payload dicts — and the imported
//! builders whose dicts it sends with `**build(...)`.

use crate::payload::CART_KEY;
use ruff_python_ast::{Expr, Stmt};

use super::facts::{CLIENT_TYPES, Facts, is_sdk_module};
use super::returns::{returned, returned_dicts};
use super::{qualified, sends};
use crate::payload::exports::{Import, Imported, Local, ModuleFacts};
use crate::payload::neighbours::Kind;

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
                let sdk = import.level == 0 && is_sdk_module(&specifier);
                for alias in &import.names {
                    if alias.name.as_str() == "*" {
                        continue;
                    }
                    let local = alias.asname.as_ref().unwrap_or(&alias.name).to_string();
                    out.exports.push((local.clone(), local.clone()));
                    if sdk && CLIENT_TYPES.contains(&alias.name.as_str()) {
                        out.locals
                            .insert(local.clone(), Local::Known(Kind::ClientClass));
                    }
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
                let dicts = returned_dicts(&function.body);
                let local = if facts.is_factory(&name) {
                    Some(Local::Known(Kind::Factory))
                } else if !dicts.is_empty() {
                    let has_cart =
                        dicts.iter().any(|r| has_cart(r)) || sets_cart(&function.body, &returns);
                    Some(Local::Known(Kind::Helper { has_cart }))
                } else {
                    returns.iter().find_map(|r| match r {
                        Expr::Name(returned) => Some(Local::Returns(returned.id.to_string())),
                        Expr::Call(call) => match &*call.func {
                            Expr::Name(callee) => Some(Local::Returns(callee.id.to_string())),
                            _ => None,
                        },
                        _ => None,
                    })
                };
                let local = local.or_else(|| {
                    facts
                        .is_dodo_url(&name)
                        .then_some(Local::Known(Kind::DodoUrl))
                });
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
                    } else if facts.is_client_class(&assign.value) {
                        out.locals.insert(name, Local::Known(Kind::ClientClass));
                    } else if facts.is_dodo_url(&name) {
                        out.locals.insert(name, Local::Known(Kind::DodoUrl));
                    } else if let Expr::Call(call) = &*assign.value
                        && let Expr::Name(callee) = &*call.func
                    {
                        out.locals
                            .insert(name, Local::ResultOf(callee.id.to_string()));
                    } else if matches!(&*assign.value, Expr::Dict(_) | Expr::List(_)) {
                        // A dict another module may send or spread, or a map of payloads it
                        // iterates.
                        out.locals.insert(name, Local::Known(Kind::Object));
                    }
                }
            }
            _ => {}
        }
    }
    out.imports.extend(qualified::imports(body));
    out.sends = sends::sends(body, facts);
    out
}

fn has_cart(expr: &Expr) -> bool {
    match expr {
        Expr::Dict(dict) => dict.items.iter().any(|item| {
            matches!(&item.key, Some(Expr::StringLiteral(key)) if key.value.to_str() == CART_KEY)
        }),
        Expr::Call(call) => call
            .arguments
            .keywords
            .iter()
            .any(|k| k.arg.as_ref().is_some_and(|arg| arg.as_str() == CART_KEY)),
        _ => false,
    }
}

/// `name["product_cart"] = …` in the function, for a name it returns.
fn sets_cart(body: &[Stmt], returns: &[&Expr]) -> bool {
    body.iter().any(|stmt| {
        let Stmt::Assign(assign) = stmt else {
            return false;
        };
        assign.targets.iter().any(|target| {
            let Expr::Subscript(subscript) = target else {
                return false;
            };
            matches!(&*subscript.slice, Expr::StringLiteral(key) if key.value.to_str() == CART_KEY)
                && matches!(&*subscript.value, Expr::Name(name)
                    if returns.iter().any(|r| matches!(r, Expr::Name(n) if n.id == name.id)))
        })
    })
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
