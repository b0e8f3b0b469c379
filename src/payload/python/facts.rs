//! The first pass over a Python module: which names are Dodo's SDK and its clients, which are
//! imported from elsewhere, and string constants (for the URLs of raw requests).

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{Expr, Parameter, Stmt};

use super::urls::url_text;
use crate::payload::neighbours::{Kind, Neighbours};
use crate::payload::urls::UrlText;

/// The SDK's package: `dodopayments` and its submodules.
pub(super) fn is_sdk_module(module: &str) -> bool {
    module == "dodopayments" || module.starts_with("dodopayments.")
}

/// The SDK's client classes.
const CLIENT_TYPES: &[&str] = &["DodoPayments", "AsyncDodoPayments"];

#[derive(Default)]
pub(super) struct Facts {
    pub(super) imports_sdk: bool,
    /// Local names of the client classes, and of the SDK module itself (`dodopayments.X`).
    sdk_names: HashSet<String>,
    pub(super) imported: HashSet<String>,
    /// Names (variables, parameters, attributes) bound to a Dodo client.
    pub(super) clients: HashSet<String>,
    pub(super) strings: HashMap<String, UrlText>,
    /// Local names the HTTP libraries are imported as (`requests`, `httpx`).
    pub(super) http: HashSet<String>,
    /// `name = callee(...)`: a client when `callee` is a factory.
    results: Vec<(String, String)>,
}

/// The HTTP libraries whose `post` is a raw request.
const HTTP_MODULES: &[&str] = &["requests", "httpx"];

impl Facts {
    pub(super) fn of(body: &[Stmt], neighbours: &Neighbours) -> Self {
        let mut facts = Self::default();
        for stmt in body {
            facts.visit_stmt(stmt);
        }
        // What the project stage knows of the imported names: clients from another module,
        // and the results of factories there.
        for (name, kind) in &neighbours.imported {
            if *kind == Kind::Client {
                facts.clients.insert(name.clone());
            }
        }
        let made: Vec<String> = facts
            .results
            .iter()
            .filter(|(_, callee)| neighbours.imported.get(callee) == Some(&Kind::Factory))
            .map(|(local, _)| local.clone())
            .collect();
        facts.clients.extend(made);
        facts
    }

    /// `DodoPayments(...)`, `AsyncDodoPayments(...)`, `dodopayments.DodoPayments(...)`.
    pub(super) fn is_new_client(&self, expr: &Expr) -> bool {
        let Expr::Call(call) = expr else { return false };
        self.is_client_class(&call.func)
    }

    fn is_client_class(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => self.sdk_names.contains(name.id.as_str()),
            Expr::Attribute(attribute) => {
                CLIENT_TYPES.contains(&attribute.attr.as_str())
                    && matches!(&*attribute.value, Expr::Name(module) if self.sdk_names.contains(module.id.as_str()))
            }
            // `Optional[DodoPayments]`, `"DodoPayments"` are not followed.
            _ => false,
        }
    }

    fn bind_target(&mut self, target: &Expr) {
        match target {
            Expr::Name(name) => {
                self.clients.insert(name.id.to_string());
            }
            Expr::Attribute(attribute) => {
                self.clients.insert(attribute.attr.to_string());
            }
            _ => {}
        }
    }
}

impl<'a> Visitor<'a> for Facts {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let module = alias.name.as_str();
                    let local = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    let local = local.split('.').next().unwrap_or(local).to_string();
                    if is_sdk_module(module) {
                        self.imports_sdk = true;
                        self.sdk_names.insert(local.clone());
                    }
                    if HTTP_MODULES.contains(&module) {
                        self.http.insert(local.clone());
                    }
                    self.imported.insert(local);
                }
            }
            Stmt::ImportFrom(import) => {
                let module = import.module.as_ref().map_or("", |m| m.as_str());
                let sdk = import.level == 0 && is_sdk_module(module);
                self.imports_sdk |= sdk;
                for alias in &import.names {
                    let local = alias.asname.as_ref().unwrap_or(&alias.name).to_string();
                    if sdk && CLIENT_TYPES.contains(&alias.name.as_str()) {
                        self.sdk_names.insert(local.clone());
                    }
                    self.imported.insert(local);
                }
            }
            Stmt::Assign(assign) => {
                if self.is_new_client(&assign.value) {
                    assign.targets.iter().for_each(|t| self.bind_target(t));
                }
                if let [target] = assign.targets.as_slice()
                    && let Expr::Call(call) = &*assign.value
                    && let Expr::Name(callee) = &*call.func
                {
                    let local = match target {
                        Expr::Name(name) => Some(name.id.to_string()),
                        Expr::Attribute(attribute) => Some(attribute.attr.to_string()),
                        _ => None,
                    };
                    if let Some(local) = local {
                        self.results.push((local, callee.id.to_string()));
                    }
                }
                if let [Expr::Name(name)] = assign.targets.as_slice()
                    && let Some(text) = url_text(&assign.value, &self.strings)
                {
                    self.strings.insert(name.id.to_string(), text);
                }
            }
            Stmt::AnnAssign(assign) => {
                let typed = self.is_client_class(&assign.annotation);
                let built = assign
                    .value
                    .as_deref()
                    .is_some_and(|v| self.is_new_client(v));
                if typed || built {
                    self.bind_target(&assign.target);
                }
            }
            _ => {}
        }
        walk_stmt(self, stmt);
    }

    fn visit_parameter(&mut self, parameter: &'a Parameter) {
        if parameter
            .annotation
            .as_deref()
            .is_some_and(|a| self.is_client_class(a))
        {
            self.clients.insert(parameter.name.to_string());
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        walk_expr(self, expr);
    }
}
