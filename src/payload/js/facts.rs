//! The first pass over a file: which names are Dodo's SDK, its clients, the factories that
//! return clients and the wrappers that send their parameter, other modules' imports (with what
//! the project stage knows of them), and string constants (for the URLs of raw requests).
//! Order-independent, so a client declared below the function that uses it is still known.

use std::collections::{HashMap, HashSet};

use oxc_ast::ast::TSType;
use oxc_ast::ast::{
    AssignmentExpression, AssignmentTarget, BindingPattern, CallExpression, Expression,
    FormalParameter, ImportDeclaration, ImportDeclarationSpecifier, ModuleExportName,
    PropertyDefinition, TSTypeAnnotation, TSTypeName, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use super::auth_client::AuthNames;
use super::convex::ConvexNames;
use super::functions::Functions;
use super::handlers::HandlerNames;
use super::urls::url_text;
use crate::payload::Call;
use crate::payload::neighbours::{Kind, Neighbours, Wrapper};
use crate::payload::urls::UrlText;

/// The SDK's package: `dodopayments`, and its subpaths.
pub(super) fn is_sdk_module(source: &str) -> bool {
    source == "dodopayments" || source.starts_with("dodopayments/")
}

/// The SDK's client class.
const CLIENT_TYPE: &str = "DodoPayments";

#[derive(Default)]
pub(super) struct Facts<'a> {
    /// The file's top-level functions.
    pub(super) functions: Functions<'a>,
    /// Top-level functions (and imported names) that return a Dodo client.
    pub(super) factories: HashSet<String>,
    /// Functions (local and imported) that send one of their parameters with the SDK.
    pub(super) wrappers: HashMap<String, Wrapper>,
    /// `local = callee(...)` (awaited or not): a client when `callee` is a factory.
    pub(super) results: HashMap<String, String>,
    /// SDK calls inside top-level functions whose argument is a parameter, until the clients
    /// are known.
    pending_wrappers: Vec<PendingWrapper>,
    /// The file imports or requires the SDK.
    pub(super) imports_sdk: bool,
    /// Local names of the SDK's client class.
    sdk_classes: HashSet<String>,
    /// Local names bound by an import or a require of any module.
    pub(super) imported: HashSet<String>,
    /// Names (variables, parameters, properties) bound to a Dodo client.
    pub(super) clients: HashSet<String>,
    /// String constants, as far as their text is known.
    pub(super) strings: HashMap<String, UrlText>,
    /// better-auth clients with Dodo's plugin, and the names that make them.
    pub(super) auth: AuthNames,
    /// The `checkout` of Dodo's Convex component, and the names that make it.
    pub(super) convex: ConvexNames,
    /// The route-handler factories of Dodo's Next.js and Express adapters.
    pub(super) handlers: HandlerNames,
}

/// The most rounds of "a function returning a client is a factory; a name bound to a
/// factory's result is a client": each round follows one more hop of a chain of helpers.
const MAX_ROUNDS: usize = 4;

/// A wrapper found before every client of the file is known.
struct PendingWrapper {
    function: String,
    wrapper: Wrapper,
    receiver: Receiver,
}

/// What a call's receiver is made of, kept until every client of the file is known.
#[derive(Debug, Clone, Default)]
pub(super) struct Receiver {
    new_client: bool,
    /// `this.dodo` → dodo; `getDodo()` → getDodo.
    last: Option<String>,
    /// The name the chain starts with: `api.client` → api.
    pub(super) first: Option<String>,
    called: bool,
}

impl<'a> Facts<'a> {
    pub(super) fn of(program: &'a oxc_ast::ast::Program<'a>, neighbours: &Neighbours) -> Self {
        let mut facts = Self {
            functions: Functions::of(program),
            ..Self::default()
        };
        for (name, kind) in &neighbours.imported {
            match kind {
                Kind::Client => {
                    facts.clients.insert(name.clone());
                }
                Kind::Factory => {
                    facts.factories.insert(name.clone());
                }
                Kind::Wrapper(wrapper) => {
                    facts.wrappers.insert(name.clone(), *wrapper);
                }
                Kind::AuthClient => {
                    facts.auth.clients.insert(name.clone());
                }
                Kind::ConvexCheckout => {
                    facts.convex.checkouts.insert(name.clone());
                }
                Kind::Helper { .. } | Kind::Object | Kind::ClientClass | Kind::DodoUrl => {}
            }
        }
        facts.visit_program(program);
        facts.settle();
        // A constant whose name is bound again or assigned is not known where it is read.
        if !facts.strings.is_empty() {
            let rebound = super::rebound::rebound(program);
            facts.strings.retain(|name, _| !rebound.contains(name));
        }
        facts
    }

    /// Factories and the clients they return, to a fixed point (bounded), then the wrappers
    /// whose receivers that made certain.
    fn settle(&mut self) {
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            let found: Vec<&'a str> = self
                .functions
                .iter()
                .filter(|(name, function)| {
                    !self.factories.contains(*name)
                        && function.returns.iter().any(|r| self.is_client_expr(r))
                })
                .map(|(name, _)| name)
                .collect();
            for name in found {
                changed |= self.factories.insert(name.to_string());
            }
            let bound: Vec<String> = self
                .results
                .iter()
                .filter(|(local, callee)| {
                    self.factories.contains(*callee) && !self.clients.contains(*local)
                })
                .map(|(local, _)| local.clone())
                .collect();
            for local in bound {
                changed |= self.clients.insert(local);
            }
            if !changed {
                break;
            }
        }
        for pending in std::mem::take(&mut self.pending_wrappers) {
            let certain = self.is_certain(&pending.receiver);
            self.wrappers.entry(pending.function).or_insert(Wrapper {
                certain,
                ..pending.wrapper
            });
        }
    }

    /// True for an expression that is a Dodo client: `new DodoPayments()`, a client's name, a
    /// factory's (awaited) result.
    pub(super) fn is_client_expr(&self, expr: &Expression<'_>) -> bool {
        match expr.get_inner_expression() {
            Expression::AwaitExpression(awaited) => self.is_client_expr(&awaited.argument),
            Expression::Identifier(ident) => self.clients.contains(ident.name.as_str()),
            Expression::CallExpression(call) => matches!(call.callee.get_inner_expression(),
                Expression::Identifier(ident) if self.factories.contains(ident.name.as_str())),
            other => self.is_new_client(other),
        }
    }

    /// The shape of a receiver, for [`Facts::is_certain`].
    pub(super) fn receiver(&self, expr: &Expression<'_>) -> Receiver {
        let (last, first) = names(expr);
        Receiver {
            new_client: self.is_new_client(expr),
            last: last.map(str::to_string),
            first: first.map(str::to_string),
            called: matches!(
                expr.get_inner_expression(),
                Expression::CallExpression(_) | Expression::AwaitExpression(_)
            ),
        }
    }

    /// True when the receiver is certainly a Dodo client.
    pub(super) fn is_certain(&self, receiver: &Receiver) -> bool {
        receiver.new_client
            || receiver.last.as_deref().is_some_and(|name| {
                if receiver.called {
                    self.factories.contains(name)
                } else {
                    self.clients.contains(name)
                }
            })
    }

    /// True for `new DodoPayments(...)` (under any name the SDK was imported as).
    pub(super) fn is_new_client(&self, expr: &Expression<'_>) -> bool {
        match expr.get_inner_expression() {
            Expression::NewExpression(new) => match new.callee.get_inner_expression() {
                Expression::Identifier(ident) => self.sdk_classes.contains(ident.name.as_str()),
                // `new sdk.DodoPayments()`, `new (await import('dodopayments')).default()`.
                Expression::StaticMemberExpression(member) => {
                    (member.property.name == CLIENT_TYPE || member.property.name == "default")
                        && matches!(member.object.get_inner_expression(),
                            Expression::Identifier(i) if self.sdk_classes.contains(i.name.as_str()))
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn is_client_type(&self, annotation: Option<&TSTypeAnnotation<'_>>) -> bool {
        let Some(TSType::TSTypeReference(reference)) = annotation.map(|a| &a.type_annotation)
        else {
            return false;
        };
        let name = match &reference.type_name {
            TSTypeName::IdentifierReference(ident) => ident.name.as_str(),
            TSTypeName::QualifiedName(name) => name.right.name.as_str(),
            TSTypeName::ThisExpression(_) => return false,
        };
        self.imports_sdk && (name == CLIENT_TYPE || self.sdk_classes.contains(name))
    }

    fn bind(&mut self, pattern: &BindingPattern<'_>, into: fn(&mut Self) -> &mut HashSet<String>) {
        for ident in pattern.get_binding_identifiers() {
            into(self).insert(ident.name.to_string());
        }
    }
}

/// The last and first names of a receiver: `this.dodo` → (dodo, -), `api.client` → (client,
/// api), `getDodo()` → (getDodo, getDodo).
pub(super) fn names<'e>(expr: &'e Expression<'_>) -> (Option<&'e str>, Option<&'e str>) {
    match expr.get_inner_expression() {
        Expression::Identifier(ident) => (Some(ident.name.as_str()), Some(ident.name.as_str())),
        Expression::StaticMemberExpression(member) => {
            (Some(member.property.name.as_str()), names(&member.object).1)
        }
        Expression::CallExpression(call) => names(&call.callee),
        Expression::AwaitExpression(inner) => names(&inner.argument),
        _ => (None, None),
    }
}

/// The module a `require('…')` or an awaited `import('…')` names, also through `.default`
/// (`require('dodopayments').default`, `(await import('dodopayments')).default`).
pub(super) fn required_module<'a>(expr: &'a Expression<'_>) -> Option<&'a str> {
    let source = match expr.get_inner_expression() {
        Expression::StaticMemberExpression(member) if member.property.name == "default" => {
            return required_module(&member.object);
        }
        Expression::AwaitExpression(awaited) => match awaited.argument.get_inner_expression() {
            Expression::ImportExpression(import) => &import.source,
            _ => return None,
        },
        Expression::CallExpression(call) if call.is_require_call() => {
            call.arguments.first()?.as_expression()?
        }
        _ => return None,
    };
    match source {
        Expression::StringLiteral(lit) => Some(lit.value.as_str()),
        _ => None,
    }
}

/// The SDK method a call makes, with its receiver: `<receiver>.checkoutSessions.create(...)`.
pub(super) fn sdk_method<'e, 'a>(
    call: &'e CallExpression<'a>,
) -> Option<(Call, &'e Expression<'a>)> {
    let Expression::StaticMemberExpression(method) = call.callee.get_inner_expression() else {
        return None;
    };
    let sent_with = Call::of_method(&method.property.name)?;
    let Expression::StaticMemberExpression(resource) = method.object.get_inner_expression() else {
        return None;
    };
    (resource.property.name == "checkoutSessions").then_some((sent_with, &resource.object))
}

impl<'a> Visit<'a> for Facts<'_> {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        let sdk = is_sdk_module(&it.source.value);
        self.imports_sdk |= sdk;
        for specifier in it.specifiers.iter().flatten() {
            let local = specifier.local().name.to_string();
            let imported = match specifier {
                ImportDeclarationSpecifier::ImportSpecifier(named) => match &named.imported {
                    ModuleExportName::IdentifierName(name) => Some(name.name.as_str()),
                    ModuleExportName::IdentifierReference(name) => Some(name.name.as_str()),
                    ModuleExportName::StringLiteral(name) => Some(name.value.as_str()),
                },
                _ => None,
            };
            if let Some(imported) = imported {
                self.auth.import(&it.source.value, imported, &local);
                self.convex.import(&it.source.value, imported, &local);
                self.handlers.import(&it.source.value, imported, &local);
            } else if let ImportDeclarationSpecifier::ImportDefaultSpecifier(_) = specifier {
                self.handlers.import_default(&it.source.value, &local);
            }
            let is_class = imported.is_none_or(|name| name == CLIENT_TYPE);
            if sdk && is_class {
                self.sdk_classes.insert(local.clone());
            }
            self.imported.insert(local);
        }
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let Some(init) = &it.init {
            self.convex.declare(&it.id, init);
            if let Some(module) = required_module(init) {
                if is_sdk_module(module) {
                    self.imports_sdk = true;
                    self.bind(&it.id, |facts| &mut facts.sdk_classes);
                }
                self.bind(&it.id, |facts| &mut facts.imported);
            }
            if let Some(name) = it.id.get_identifier_name() {
                if self.is_new_client(init) {
                    self.clients.insert(name.to_string());
                }
                if self.auth.is_client_expr(init) {
                    self.auth.clients.insert(name.to_string());
                }
                // `require(...)` is an import, not a factory's result.
                if let Some(callee) = called_name(init)
                    && required_module(init).is_none()
                {
                    self.results.insert(name.to_string(), callee.to_string());
                }
                if let Some(text) = url_text(init, &self.strings) {
                    self.strings.insert(name.to_string(), text);
                }
            }
        }
        if self.is_client_type(it.type_annotation.as_deref())
            && let Some(name) = it.id.get_identifier_name()
        {
            self.clients.insert(name.to_string());
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        if self.is_client_type(it.type_annotation.as_deref()) {
            self.bind(&it.pattern, |facts| &mut facts.clients);
        }
        walk::walk_formal_parameter(self, it);
    }

    fn visit_property_definition(&mut self, it: &PropertyDefinition<'a>) {
        let is_client = it.value.as_ref().is_some_and(|v| self.is_new_client(v))
            || self.is_client_type(it.type_annotation.as_deref());
        if is_client && let Some(name) = it.key.static_name() {
            self.clients.insert(name.to_string());
        }
        walk::walk_property_definition(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        // An SDK call inside a top-level function that sends one of its parameters: the
        // function is a wrapper, and each call of it a payload site.
        if let Some((call, receiver)) = sdk_method(it)
            && let Some(Expression::Identifier(argument)) = super::properties::first_argument(it)
            && let Some((function, body)) = self.functions.around(it.span.start)
            && let Some(param) = body.param(&argument.name)
        {
            let returned = body.returns.iter().any(|r| {
                let r = match r.get_inner_expression() {
                    Expression::AwaitExpression(awaited) => &awaited.argument,
                    other => other,
                };
                r.get_inner_expression().span() == it.span
            });
            let client_param = match receiver.get_inner_expression() {
                Expression::Identifier(client) => body.param(&client.name),
                _ => None,
            };
            let receiver = self.receiver(receiver);
            self.pending_wrappers.push(PendingWrapper {
                function: function.to_string(),
                wrapper: Wrapper {
                    param,
                    call,
                    certain: false,
                    returns_response: returned,
                    client_param,
                },
                receiver,
            });
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        if self.is_new_client(&it.right) {
            let name = match &it.left {
                AssignmentTarget::AssignmentTargetIdentifier(ident) => Some(ident.name.as_str()),
                AssignmentTarget::StaticMemberExpression(member) => {
                    Some(member.property.name.as_str())
                }
                _ => None,
            };
            if let Some(name) = name {
                self.clients.insert(name.to_string());
            }
        }
        walk::walk_assignment_expression(self, it);
    }
}

/// The function a value is the (awaited) result of: `getDodo()`, `await getDodo()`.
pub(super) fn called_name<'e>(expr: &'e Expression<'_>) -> Option<&'e str> {
    match expr.get_inner_expression() {
        Expression::AwaitExpression(awaited) => called_name(&awaited.argument),
        Expression::CallExpression(call) => match call.callee.get_inner_expression() {
            Expression::Identifier(ident) => Some(ident.name.as_str()),
            _ => None,
        },
        _ => None,
    }
}
