//! The first pass over a file: which names are Dodo's SDK, its clients, other modules' imports,
//! and string constants (for the URLs of raw requests). Order-independent, so a client declared
//! below the function that uses it is still known.

use std::collections::{HashMap, HashSet};

use oxc_ast::ast::TSType;
use oxc_ast::ast::{
    AssignmentExpression, AssignmentTarget, BindingPattern, Expression, FormalParameter,
    ImportDeclaration, ImportDeclarationSpecifier, ModuleExportName, PropertyDefinition,
    TSTypeAnnotation, TSTypeName, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};

use super::urls::url_text;
use crate::payload::urls::UrlText;

/// The SDK's package: `dodopayments`, and its subpaths.
pub(super) fn is_sdk_module(source: &str) -> bool {
    source == "dodopayments" || source.starts_with("dodopayments/")
}

/// The SDK's client class.
const CLIENT_TYPE: &str = "DodoPayments";

#[derive(Default)]
pub(super) struct Facts {
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
}

impl Facts {
    pub(super) fn of(program: &oxc_ast::ast::Program<'_>) -> Self {
        let mut facts = Self::default();
        facts.visit_program(program);
        facts
    }

    /// True for `new DodoPayments(...)` (under any name the SDK was imported as).
    pub(super) fn is_new_client(&self, expr: &Expression<'_>) -> bool {
        match expr.get_inner_expression() {
            Expression::NewExpression(new) => match new.callee.get_inner_expression() {
                Expression::Identifier(ident) => self.sdk_classes.contains(ident.name.as_str()),
                Expression::StaticMemberExpression(member) => {
                    member.property.name == CLIENT_TYPE
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

/// The module a `require('…')` call names.
pub(super) fn required_module<'a>(expr: &'a Expression<'_>) -> Option<&'a str> {
    let Expression::CallExpression(call) = expr.get_inner_expression() else {
        return None;
    };
    if !call.is_require_call() {
        return None;
    }
    match call.arguments.first()?.as_expression()? {
        Expression::StringLiteral(lit) => Some(lit.value.as_str()),
        _ => None,
    }
}

impl<'a> Visit<'a> for Facts {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        let sdk = is_sdk_module(&it.source.value);
        self.imports_sdk |= sdk;
        for specifier in it.specifiers.iter().flatten() {
            let local = specifier.local().name.to_string();
            let is_class = match specifier {
                ImportDeclarationSpecifier::ImportSpecifier(named) => match &named.imported {
                    ModuleExportName::IdentifierName(name) => name.name == CLIENT_TYPE,
                    ModuleExportName::IdentifierReference(name) => name.name == CLIENT_TYPE,
                    ModuleExportName::StringLiteral(name) => name.value == CLIENT_TYPE,
                },
                _ => true,
            };
            if sdk && is_class {
                self.sdk_classes.insert(local.clone());
            }
            self.imported.insert(local);
        }
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let Some(init) = &it.init {
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
