//! The first pass over a Python module: which names are Dodo's SDK and its clients, which are
//! imported from elsewhere, and string constants (for the URLs of raw requests).

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_parameters, walk_stmt};
use ruff_python_ast::{Expr, Parameters, Stmt};

use super::injection::{annotated_default, depends_on};
use super::qualified::dotted;
use super::returns::returned;

use super::urls::{result_key, url_text};
use crate::payload::neighbours::{Kind, Neighbours};
use crate::payload::urls::UrlText;

/// The SDK's package: `dodopayments` and its submodules.
pub(super) fn is_sdk_module(module: &str) -> bool {
    module == "dodopayments" || module.starts_with("dodopayments.")
}

/// The SDK's client classes.
pub(super) const CLIENT_TYPES: &[&str] = &["DodoPayments", "AsyncDodoPayments"];

#[derive(Default)]
pub(super) struct Facts {
    pub(super) imports_sdk: bool,
    /// Local names of the client classes, and of the SDK module itself (`dodopayments.X`).
    pub(super) sdk_names: HashSet<String>,
    pub(super) imported: HashSet<String>,
    /// Names (variables, parameters, attributes) bound to a Dodo client.
    pub(super) clients: HashSet<String>,
    pub(super) strings: HashMap<String, UrlText>,
    /// Local names the HTTP libraries are imported as (`requests`, `httpx`).
    pub(super) http: HashSet<String>,
    /// `name = callee(...)` and `name = Depends(callee)`: a client when `callee` is a factory.
    results: Vec<(String, String)>,
    /// `name = other`: a client when `other` is one (`self.client = client`).
    aliases: Vec<(String, String)>,
    /// The file's functions that return a new client or a name (a factory when it is a
    /// client's).
    returns: Vec<(String, Returned)>,
    /// Imported names that are factories of Dodo clients.
    imported_factories: HashSet<String>,
    /// Names the file binds to something certainly not a Dodo client (`client: Prisma`).
    others: HashSet<String>,
}

enum Returned {
    NewClient,
    Name(String),
}

/// The HTTP libraries whose `post` is a raw request.
const HTTP_MODULES: &[&str] = &["requests", "httpx"];

impl Facts {
    pub(super) fn of(body: &[Stmt], neighbours: &Neighbours) -> Self {
        let mut facts = Self::default();
        // What the project stage knows of the imported names: clients and client classes from
        // another module (a class first: annotations name it).
        for (name, kind) in &neighbours.imported {
            match kind {
                Kind::Client => {
                    facts.clients.insert(name.clone());
                }
                Kind::ClientClass => {
                    facts.sdk_names.insert(name.clone());
                }
                // Its text is in another module: only that it names Dodo is known here.
                Kind::DodoUrl => {
                    facts.strings.insert(name.clone(), UrlText::hole(true));
                    facts.strings.insert(result_key(name), UrlText::hole(true));
                }
                _ => {}
            }
        }
        for stmt in body {
            facts.visit_stmt(stmt);
        }
        facts.settle(neighbours);
        facts
    }

    /// Clients made by factories (imported, or this file's own) and names they are copied to,
    /// one name at a time from a work list (a chain of thousands of `c2 = c1` costs linear
    /// time). A name the file also binds to something certainly not a client (a parameter or
    /// field annotated with another class) is not a client anywhere: names are not scoped here,
    /// and a name that means two things says nothing.
    fn settle(&mut self, neighbours: &Neighbours) {
        self.imported_factories = neighbours
            .imported
            .iter()
            .filter(|(_, kind)| **kind == Kind::Factory)
            .map(|(name, _)| name.clone())
            .collect();
        let others = std::mem::take(&mut self.others);
        self.clients.retain(|name| !others.contains(name));
        let mut by_source: HashMap<String, Vec<String>> = HashMap::new();
        for (local, source) in &self.aliases {
            by_source
                .entry(source.clone())
                .or_default()
                .push(local.clone());
        }
        let mut by_callee: HashMap<String, Vec<String>> = HashMap::new();
        for (local, callee) in &self.results {
            by_callee
                .entry(callee.clone())
                .or_default()
                .push(local.clone());
        }
        let mut by_returned: HashMap<String, Vec<String>> = HashMap::new();
        let mut factories: HashSet<String> = self.imported_factories.clone();
        for (function, returned) in &self.returns {
            match returned {
                Returned::NewClient => {
                    factories.insert(function.clone());
                }
                Returned::Name(name) => by_returned
                    .entry(name.clone())
                    .or_default()
                    .push(function.clone()),
            }
        }
        let mut work: Vec<(bool, String)> = self
            .clients
            .iter()
            .map(|client| (false, client.clone()))
            .chain(factories.iter().map(|factory| (true, factory.clone())))
            .collect();
        while let Some((is_factory, name)) = work.pop() {
            let made = if is_factory {
                by_callee.get(&name)
            } else {
                for function in by_returned.get(&name).into_iter().flatten() {
                    if factories.insert(function.clone()) {
                        work.push((true, function.clone()));
                    }
                }
                by_source.get(&name)
            };
            for local in made.into_iter().flatten() {
                if !others.contains(local) && self.clients.insert(local.clone()) {
                    work.push((false, local.clone()));
                }
            }
        }
        self.others = others;
    }

    /// An expression that is a Dodo client: a new one, a name bound to one, or a factory's
    /// result (`get_client()`, `await get_client()`).
    pub(super) fn is_client_expr(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => self.clients.contains(name.id.as_str()),
            // `self.client`, and `dodo.client` of a module imported as `dodo`.
            Expr::Attribute(attribute) => {
                self.clients.contains(attribute.attr.as_str())
                    || dotted(expr).is_some_and(|text| self.clients.contains(&text))
            }
            Expr::Await(awaited) => self.is_client_expr(&awaited.value),
            Expr::Call(call) => {
                self.is_new_client(expr)
                    || match &*call.func {
                        Expr::Name(callee) => {
                            self.is_factory(callee.id.as_str())
                                || self.imported_factories.contains(callee.id.as_str())
                        }
                        func => {
                            dotted(func).is_some_and(|text| self.imported_factories.contains(&text))
                        }
                    }
            }
            _ => false,
        }
    }

    /// True when `name` (a constant, or a function of this file by its result) is a URL that
    /// names Dodo's API.
    pub(super) fn is_dodo_url(&self, name: &str) -> bool {
        [name.to_string(), result_key(name)]
            .iter()
            .any(|key| self.strings.get(key).is_some_and(UrlText::names_dodo))
    }

    /// A function of this file that returns a client (`def get_client(): return DodoPayments()`).
    pub(super) fn is_factory(&self, name: &str) -> bool {
        self.returns.iter().any(|(function, returned)| {
            function == name
                && match returned {
                    Returned::NewClient => true,
                    Returned::Name(returned) => self.clients.contains(returned),
                }
        })
    }

    /// `DodoPayments(...)`, `AsyncDodoPayments(...)`, `dodopayments.DodoPayments(...)`.
    pub(super) fn is_new_client(&self, expr: &Expr) -> bool {
        let Expr::Call(call) = expr else { return false };
        self.is_client_class(&call.func)
    }

    pub(super) fn is_client_class(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => self.sdk_names.contains(name.id.as_str()),
            Expr::Attribute(attribute) => {
                (CLIENT_TYPES.contains(&attribute.attr.as_str())
                    && matches!(&*attribute.value, Expr::Name(module) if self.sdk_names.contains(module.id.as_str())))
                    // `deps.DodoClient` of a module of the app that re-exports the class.
                    || dotted(expr).is_some_and(|text| self.sdk_names.contains(&text))
            }
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
            // `async with AsyncDodoPayments() as client:`.
            Stmt::With(with) => {
                for item in &with.items {
                    let Some(target) = item.optional_vars.as_deref() else {
                        continue;
                    };
                    if self.is_client_expr(&item.context_expr) {
                        self.bind_target(target);
                    } else {
                        // `with get_client() as client:`: a client when the callee is a factory.
                        self.assign(std::slice::from_ref(target), &item.context_expr);
                    }
                }
            }
            Stmt::FunctionDef(function) => {
                // `def get_client() -> DodoPayments:` returns a client, whatever it returns.
                if function
                    .returns
                    .as_deref()
                    .is_some_and(|annotation| self.is_client_annotation(annotation, 0))
                {
                    self.returns
                        .push((function.name.to_string(), Returned::NewClient));
                }
                // A URL helper: what it returns, when every return is a URL of the same kind.
                let urls: Option<Vec<UrlText>> = returned(&function.body)
                    .into_iter()
                    .map(|r| url_text(r, &self.strings))
                    .collect();
                if let Some(text) = urls.and_then(|urls| urls.into_iter().reduce(UrlText::one_of)) {
                    self.strings
                        .insert(result_key(function.name.as_str()), text);
                }
                for returned in returned(&function.body) {
                    let returned = match returned {
                        Expr::Await(awaited) => &*awaited.value,
                        other => other,
                    };
                    let what = match returned {
                        _ if self.is_new_client(returned) => Returned::NewClient,
                        Expr::Name(name) => Returned::Name(name.id.to_string()),
                        Expr::Attribute(attribute) => Returned::Name(attribute.attr.to_string()),
                        _ => continue,
                    };
                    self.returns.push((function.name.to_string(), what));
                }
            }
            Stmt::Assign(assign) => self.assign(&assign.targets, &assign.value),
            Stmt::AnnAssign(assign) => {
                let typed = self.is_client_annotation(&assign.annotation, 0);
                let built = assign
                    .value
                    .as_deref()
                    .is_some_and(|v| self.is_new_client(v));
                if typed || built {
                    self.bind_target(&assign.target);
                } else if let Some(value) = assign.value.as_deref() {
                    self.assign(std::slice::from_ref(&*assign.target), value);
                } else if is_informative(&assign.annotation) {
                    // `client: Prisma` (a dataclass field, a class attribute).
                    match &*assign.target {
                        Expr::Name(name) => {
                            self.others.insert(name.id.to_string());
                        }
                        Expr::Attribute(attribute) => {
                            self.others.insert(attribute.attr.to_string());
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        walk_stmt(self, stmt);
    }

    fn visit_parameters(&mut self, parameters: &'a Parameters) {
        for parameter in parameters.iter_non_variadic_params() {
            let name = parameter.parameter.name.to_string();
            match parameter.parameter.annotation.as_deref() {
                Some(annotation) if self.is_client_annotation(annotation, 0) => {
                    self.clients.insert(name.clone());
                }
                Some(annotation) if is_informative(annotation) => {
                    self.others.insert(name.clone());
                }
                _ => {}
            }
            // FastAPI's `dodo = Depends(get_client)`, also inside `Annotated[…, Depends(…)]`.
            let annotated = parameter
                .parameter
                .annotation
                .as_deref()
                .and_then(annotated_default);
            if let Some(callee) = parameter
                .default
                .as_deref()
                .and_then(depends_on)
                .or_else(|| annotated.and_then(depends_on))
            {
                self.results.push((name, callee.to_string()));
            }
        }
        walk_parameters(self, parameters);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        walk_expr(self, expr);
    }
}

impl Facts {
    /// `target = value` (and `a = b = value`): a new client, the result of a call (a client
    /// when the callee is a factory), a copy of a name (a client when that is one), a client
    /// class under another name, or a string (for URLs).
    fn assign(&mut self, targets: &[Expr], value: &Expr) {
        if self.is_new_client(value) {
            targets.iter().for_each(|t| self.bind_target(t));
        }
        let source = match value {
            Expr::Call(call) => match &*call.func {
                Expr::Name(callee) => Some((true, callee.id.as_str())),
                _ => None,
            },
            Expr::Name(name) => Some((false, name.id.as_str())),
            Expr::Attribute(attribute) => Some((false, attribute.attr.as_str())),
            _ => None,
        };
        for target in targets {
            let local = match target {
                Expr::Name(name) => name.id.to_string(),
                Expr::Attribute(attribute) => attribute.attr.to_string(),
                _ => continue,
            };
            match source {
                Some((true, callee)) => self.results.push((local, callee.to_string())),
                Some((false, _)) if self.is_client_class(value) => {
                    self.sdk_names.insert(local);
                }
                Some((false, name)) => self.aliases.push((local, name.to_string())),
                None => {}
            }
        }
        if let [Expr::Name(name)] = targets
            && let Some(text) = url_text(value, &self.strings)
        {
            self.strings.insert(name.id.to_string(), text);
        }
    }
}

/// An annotation that says what a value is (`Prisma`, `Session`), unlike `Any` or `object`.
fn is_informative(annotation: &Expr) -> bool {
    !matches!(annotation, Expr::Name(name) if matches!(name.id.as_str(), "Any" | "object"))
}
