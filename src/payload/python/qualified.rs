//! Names read through a module: `from app import dodo` then `dodo.client.checkout_sessions…`,
//! `from . import payloads` then `payloads.build(...)`, `import app.billing as billing` then
//! `billing.get_client()`. Each attribute chain on an imported module becomes an import of its
//! last name from the module the chain names (`dodo.client` → `client` of `app.dodo`), so the
//! project stage resolves it as any other import, under the chain's text.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{Expr, Stmt};

use super::facts::is_sdk_module;
use crate::payload::exports::{Import, Imported};

/// Chains turned into imports per module.
const MAX_CHAINS: usize = 256;
/// The longest chain followed (`a.b.c.d.e`).
const MAX_CHAIN: usize = 8;

/// `a.b.c` of an expression that is a chain of names, or `None`.
pub(super) fn dotted(expr: &Expr) -> Option<String> {
    let mut parts = Vec::new();
    let mut at = expr;
    loop {
        if parts.len() > MAX_CHAIN {
            return None;
        }
        match at {
            Expr::Name(name) => {
                parts.push(name.id.as_str());
                break;
            }
            Expr::Attribute(attribute) => {
                parts.push(attribute.attr.as_str());
                at = &attribute.value;
            }
            _ => return None,
        }
    }
    parts.reverse();
    Some(parts.join("."))
}

/// The imports of the module's attribute chains on names that may be modules.
pub(super) fn imports(body: &[Stmt]) -> Vec<Import> {
    let modules = module_names(body);
    if modules.is_empty() {
        return Vec::new();
    }
    let mut chains = Chains {
        modules: &modules,
        seen: HashSet::new(),
        found: Vec::new(),
    };
    for stmt in body {
        chains.visit_stmt(stmt);
    }
    chains.found
}

/// Local names that may stand for a module of the app, and the module's specifier:
/// `from app import dodo` (`app.dodo`, when `dodo` is a submodule), `from . import x` (`.x`),
/// `import app.dodo as d` (`app.dodo`), `import app.dodo` (`app`). The SDK's are left out.
fn module_names(body: &[Stmt]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for stmt in body {
        match stmt {
            Stmt::ImportFrom(import) => {
                let dots = ".".repeat(import.level as usize);
                let module = import.module.as_ref().map_or("", |m| m.as_str());
                if import.level == 0 && is_sdk_module(module) {
                    continue;
                }
                for alias in &import.names {
                    let local = alias.asname.as_ref().unwrap_or(&alias.name);
                    let specifier = match module {
                        "" => format!("{dots}{}", alias.name),
                        module => format!("{dots}{module}.{}", alias.name),
                    };
                    out.insert(local.to_string(), specifier);
                }
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let module = alias.name.as_str();
                    if is_sdk_module(module) {
                        continue;
                    }
                    match &alias.asname {
                        Some(local) => out.insert(local.to_string(), module.to_string()),
                        None => {
                            let top = module.split('.').next().unwrap_or(module);
                            out.insert(top.to_string(), top.to_string())
                        }
                    };
                }
            }
            _ => {}
        }
    }
    out
}

struct Chains<'m> {
    modules: &'m HashMap<String, String>,
    seen: HashSet<String>,
    found: Vec<Import>,
}

impl Chains<'_> {
    fn chain(&mut self, expr: &Expr) {
        if self.found.len() >= MAX_CHAINS {
            return;
        }
        let Some(text) = dotted(expr) else { return };
        let Some((root, rest)) = text.split_once('.') else {
            return;
        };
        let Some(module) = self.modules.get(root) else {
            return;
        };
        if !self.seen.insert(text.clone()) {
            return;
        }
        let (inner, name) = match rest.rsplit_once('.') {
            Some((inner, name)) => (format!("{module}.{inner}"), name),
            None => (module.clone(), rest),
        };
        self.found.push(Import {
            local: text.clone(),
            specifier: inner,
            name: Imported::Named(name.to_string()),
        });
    }
}

impl<'a> Visitor<'a> for Chains<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Attribute(_) = expr {
            // Every prefix of the chain: `dodo.client` of `dodo.client.checkout_sessions`.
            self.chain(expr);
        }
        walk_expr(self, expr);
    }
}
