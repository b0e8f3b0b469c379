//! What a JavaScript or TypeScript module tells the project stage ([`ModuleFacts`]): its
//! imports (`import`, `require`, `await import`), its exports and re-exports, and the role of
//! its top-level names as the first pass ([`Facts`]) found them.

use crate::payload::CART_KEY;
use std::collections::HashMap;

use oxc_ast::ast::{
    ArrayExpressionElement, AssignmentTarget, BindingPattern, Declaration,
    ExportDefaultDeclarationKind, Expression, ImportDeclarationSpecifier, ModuleExportName,
    ObjectExpression, ObjectPropertyKind, Program, Statement, VariableDeclaration,
};
use oxc_span::GetSpan;

use super::facts::{Facts, called_name, required_module};
use super::functions::Function;
use super::lower::span_of;
use crate::payload::exports::{CJS_VALUE, Import, Imported, Local, ModuleFacts, ReExport};
use crate::payload::neighbours::{Kind, Placement, Step, Written};
use crate::span::Span;

pub(super) fn module_facts(program: &Program<'_>, facts: &Facts<'_>) -> ModuleFacts {
    let mut out = ModuleFacts::default();
    for statement in &program.body {
        statement_facts(statement, facts, &mut out);
    }
    for name in &facts.clients {
        out.locals.insert(name.clone(), Local::Known(Kind::Client));
    }
    for name in &facts.auth.clients {
        out.locals
            .insert(name.clone(), Local::Known(Kind::AuthClient));
    }
    for name in &facts.convex.checkouts {
        out.locals
            .insert(name.clone(), Local::Known(Kind::ConvexCheckout));
    }
    for (name, function) in facts.functions.iter() {
        let local = if facts.factories.contains(name) {
            Local::Known(Kind::Factory)
        } else if let Some(wrapper) = facts.wrappers.get(name) {
            Local::Known(Kind::Wrapper(*wrapper))
        } else if let Some(object) = function.returns.iter().find_map(|r| object_of(r)) {
            let has_cart = function
                .returns
                .iter()
                .filter_map(|r| object_of(r))
                .chain([object])
                .any(has_cart);
            Local::Known(Kind::Helper { has_cart })
        } else if let Some(name) = function.returns.iter().find_map(|r| returned_name(r)) {
            Local::Returns(name.to_string())
        } else {
            continue;
        };
        out.locals.insert(name.to_string(), local);
    }
    // Top-level objects: parts of payloads other modules may spread.
    for statement in &program.body {
        let declaration = match statement {
            Statement::VariableDeclaration(declaration) => declaration,
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(declaration) => declaration,
                _ => continue,
            },
            _ => continue,
        };
        for declarator in &declaration.declarations {
            if let (BindingPattern::BindingIdentifier(id), Some(init)) =
                (&declarator.id, &declarator.init)
                && object_of(init).is_some()
            {
                out.locals
                    .entry(id.name.to_string())
                    .or_insert(Local::Known(Kind::Object));
            }
        }
    }
    for (local, callee) in &facts.results {
        out.locals
            .entry(local.clone())
            .or_insert_with(|| Local::ResultOf(callee.clone()));
    }
    out
}

fn statement_facts(statement: &Statement<'_>, facts: &Facts<'_>, out: &mut ModuleFacts) {
    match statement {
        Statement::ExpressionStatement(expression) => {
            common_js_export(&expression.expression, facts, out);
        }
        Statement::ImportDeclaration(import) => {
            if import.import_kind.is_type() {
                return;
            }
            for specifier in import.specifiers.iter().flatten() {
                let name = match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(named) => {
                        if named.import_kind.is_type() {
                            continue;
                        }
                        imported_name(&named.imported)
                    }
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(_) => Imported::Default,
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(_) => Imported::Namespace,
                };
                out.imports.push(Import {
                    local: specifier.local().name.to_string(),
                    specifier: import.source.value.to_string(),
                    name,
                });
            }
        }
        Statement::VariableDeclaration(declaration) => required(declaration, out),
        Statement::ExportDeclaration(export) => match &export.declaration {
            Declaration::FunctionDeclaration(function) => {
                if let Some(id) = &function.id {
                    out.exports.push((id.name.to_string(), id.name.to_string()));
                }
            }
            Declaration::VariableDeclaration(declaration) => {
                required(declaration, out);
                for declarator in &declaration.declarations {
                    for id in declarator.id.get_binding_identifiers() {
                        out.exports.push((id.name.to_string(), id.name.to_string()));
                    }
                }
            }
            Declaration::ClassDeclaration(class) => {
                if let Some(id) = &class.id {
                    out.exports.push((id.name.to_string(), id.name.to_string()));
                }
            }
            _ => {}
        },
        Statement::ExportNamedDeclaration(export) => {
            if export.export_kind.is_type() {
                return;
            }
            for specifier in &export.specifiers {
                out.exports.push((
                    specifier.exported.name().to_string(),
                    specifier.local.name().to_string(),
                ));
            }
        }
        Statement::ExportFromDeclaration(export) => {
            if export.export_kind.is_type() {
                return;
            }
            for specifier in &export.specifiers {
                out.re_exports.push(ReExport {
                    exported: Some(specifier.exported.name().to_string()),
                    specifier: export.source.value.to_string(),
                    name: imported_name(&specifier.local),
                });
            }
        }
        Statement::ExportAllDeclaration(export) => out.re_exports.push(ReExport {
            exported: export.exported.as_ref().map(|name| name.name().to_string()),
            specifier: export.source.value.to_string(),
            name: Imported::Namespace,
        }),
        Statement::ExportDefaultDeclaration(export) => match &export.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(_) => {
                out.exports.push(("default".into(), "default".into()));
            }
            other => match other.as_expression().map(Expression::get_inner_expression) {
                Some(Expression::Identifier(ident)) => {
                    out.exports.push(("default".into(), ident.name.to_string()));
                }
                Some(
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_),
                ) => {
                    out.exports.push(("default".into(), "default".into()));
                }
                Some(new @ Expression::NewExpression(_)) if facts.is_new_client(new) => {
                    // `export default new DodoPayments()`: a client without a name.
                    out.exports.push(("default".into(), DEFAULT_VALUE.into()));
                    out.locals
                        .insert(DEFAULT_VALUE.into(), Local::Known(Kind::Client));
                }
                _ => {}
            },
        },
        _ => {}
    }
}

/// The local name standing for an `export default new …` value.
const DEFAULT_VALUE: &str = "*default*";

/// CommonJS exports: `module.exports = { a, b: c }`, `module.exports = value`, `exports.a = b`
/// and `module.exports.a = b`. A module's whole `module.exports` is what `require` of it gives
/// (see [`CJS_VALUE`]).
fn common_js_export(expr: &Expression<'_>, facts: &Facts<'_>, out: &mut ModuleFacts) {
    let Expression::AssignmentExpression(assignment) = expr else {
        return;
    };
    let AssignmentTarget::StaticMemberExpression(target) = &assignment.left else {
        return;
    };
    let value = assignment.right.get_inner_expression();
    let is_module_exports = |expr: &Expression<'_>| {
        matches!(expr.get_inner_expression(), Expression::StaticMemberExpression(member)
            if member.property.name == "exports"
                && matches!(member.object.get_inner_expression(),
                    Expression::Identifier(module) if module.name == "module"))
    };
    let whole = target.property.name == "exports"
        && matches!(target.object.get_inner_expression(),
            Expression::Identifier(module) if module.name == "module");
    if whole {
        match value {
            Expression::ObjectExpression(object) => {
                for property in &object.properties {
                    let ObjectPropertyKind::ObjectProperty(property) = property else {
                        continue;
                    };
                    if let (Some(key), Expression::Identifier(local)) = (
                        property.key.static_name(),
                        property.value.get_inner_expression(),
                    ) {
                        out.exports.push((key.to_string(), local.name.to_string()));
                    }
                }
            }
            Expression::Identifier(local) => {
                out.exports
                    .push((CJS_VALUE.to_string(), local.name.to_string()));
            }
            new @ Expression::NewExpression(_) if facts.is_new_client(new) => {
                out.exports
                    .push((CJS_VALUE.to_string(), CJS_VALUE.to_string()));
                out.locals
                    .insert(CJS_VALUE.to_string(), Local::Known(Kind::Client));
            }
            _ => {}
        }
        return;
    }
    let on_exports = matches!(target.object.get_inner_expression(),
        Expression::Identifier(exports) if exports.name == "exports")
        || is_module_exports(&target.object);
    if on_exports && let Expression::Identifier(local) = value {
        out.exports
            .push((target.property.name.to_string(), local.name.to_string()));
    }
}

/// `const x = require('m')`, `const { a, b: c } = require('m')`, `await import('m')` at the
/// top level.
fn required(declaration: &VariableDeclaration<'_>, out: &mut ModuleFacts) {
    for declarator in &declaration.declarations {
        let Some(init) = &declarator.init else {
            continue;
        };
        let Some(specifier) = required_module(init) else {
            continue;
        };
        let through_default = matches!(init.get_inner_expression(),
            Expression::StaticMemberExpression(member) if member.property.name == "default");
        match &declarator.id {
            BindingPattern::BindingIdentifier(id) => out.imports.push(Import {
                local: id.name.to_string(),
                specifier: specifier.to_string(),
                name: if through_default {
                    Imported::Default
                } else {
                    Imported::Namespace
                },
            }),
            BindingPattern::ObjectPattern(pattern) if !through_default => {
                for property in &pattern.properties {
                    let (Some(key), BindingPattern::BindingIdentifier(id)) =
                        (property.key.static_name(), &property.value)
                    else {
                        continue;
                    };
                    out.imports.push(Import {
                        local: id.name.to_string(),
                        specifier: specifier.to_string(),
                        name: if key == "default" {
                            Imported::Default
                        } else {
                            Imported::Named(key.to_string())
                        },
                    });
                }
            }
            _ => {}
        }
    }
}

fn imported_name(name: &ModuleExportName<'_>) -> Imported {
    match name.name().as_str() {
        "default" => Imported::Default,
        other => Imported::Named(other.to_string()),
    }
}

fn object_of<'e, 'a>(expr: &'e Expression<'a>) -> Option<&'e ObjectExpression<'a>> {
    match expr.get_inner_expression() {
        Expression::ObjectExpression(object) => Some(object),
        _ => None,
    }
}

fn has_cart(object: &ObjectExpression<'_>) -> bool {
    object.properties.iter().any(|property| match property {
        oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p) => {
            p.key.static_name().is_some_and(|key| key == CART_KEY)
        }
        _ => false,
    })
}

/// `return dodo` → dodo; `return getDodo()` → getDodo (whose result it returns).
fn returned_name<'e>(expr: &'e Expression<'_>) -> Option<&'e str> {
    match expr.get_inner_expression() {
        Expression::Identifier(ident) => Some(ident.name.as_str()),
        other => called_name(other),
    }
}

/// The deepest literal searched for parameters, and the most placements kept per helper.
const MAX_SHAPE_DEPTH: usize = 16;
const MAX_PLACEMENTS: usize = 64;

/// Where each top-level helper's returned literal places its parameters (the first literal it
/// returns), with the positions of the keys it writes them under.
pub(super) fn shapes(
    facts: &Facts<'_>,
    name: &str,
    text: &str,
) -> HashMap<String, Vec<Vec<Placement>>> {
    let mut found: HashMap<String, Vec<Vec<Written>>> = HashMap::new();
    for (helper, function) in facts.functions.iter() {
        if function.params.iter().all(Option::is_none) {
            continue;
        }
        let Some(object) = function.returns.iter().find_map(|r| object_of(r)) else {
            continue;
        };
        let mut params: Vec<Vec<Written>> = vec![Vec::new(); function.params.len()];
        let mut path = Vec::new();
        walk_object(object, function, &mut path, &mut params, 0);
        if params.iter().any(|placed| !placed.is_empty()) {
            found.insert(helper.to_string(), params);
        }
    }
    if found.is_empty() {
        return HashMap::new();
    }
    let source = crate::source::Source::new(name, text);
    found
        .into_iter()
        .map(|(helper, params)| (helper, Placement::all_in(&source, params)))
        .collect()
}

fn walk_object(
    object: &ObjectExpression<'_>,
    function: &Function<'_>,
    path: &mut Vec<Step>,
    params: &mut [Vec<Written>],
    depth: usize,
) {
    for property in &object.properties {
        let ObjectPropertyKind::ObjectProperty(property) = property else {
            continue;
        };
        let Some(key) = property.key.static_name() else {
            continue;
        };
        path.push(Step::Key(key.to_string()));
        walk_value(
            &property.value,
            span_of(property.key.span()),
            function,
            path,
            params,
            depth,
        );
        path.pop();
    }
}

fn walk_value(
    value: &Expression<'_>,
    written: Span,
    function: &Function<'_>,
    path: &mut Vec<Step>,
    params: &mut [Vec<Written>],
    depth: usize,
) {
    if depth > MAX_SHAPE_DEPTH || params.iter().map(Vec::len).sum::<usize>() >= MAX_PLACEMENTS {
        return;
    }
    match value.get_inner_expression() {
        Expression::Identifier(ident) => {
            if let Some(at) = function.param(&ident.name)
                && let Some(placed) = params.get_mut(at)
            {
                placed.push((path.clone(), written));
            }
        }
        Expression::ObjectExpression(object) => {
            walk_object(object, function, path, params, depth + 1);
        }
        Expression::ArrayExpression(array) => {
            for (index, element) in array.elements.iter().enumerate() {
                let Some(item) = element.as_expression() else {
                    // A spread: the indices after it are not known.
                    if matches!(element, ArrayExpressionElement::SpreadElement(_)) {
                        break;
                    }
                    continue;
                };
                path.push(Step::Index(index));
                walk_value(
                    item,
                    span_of(item.span()),
                    function,
                    path,
                    params,
                    depth + 1,
                );
                path.pop();
            }
        }
        _ => {}
    }
}
