//! What TypeScript annotations make certain: a name bound by a parameter or a variable declared
//! with a type that excludes `undefined` (`codes: string[]`, `qty: string`) holds a value of
//! that type, so it is sent — unlike an unannotated name, which may be `undefined`.
//!
//! One pass records every binding of the file in its scope (block, function, loop, catch); an
//! identifier then means the binding of the innermost scope around it that declares its name.
//! When that is not one typed binding — two declarations in one scope, a declaration this pass
//! does not model, more bindings of the name than [`MAX_BINDINGS`] — the name stays unknown.

use std::collections::HashMap;

use oxc_ast::ast::{
    ArrowFunctionExpression, BindingIdentifier, BindingPattern, BlockStatement, CatchClause, Class,
    ForInStatement, ForOfStatement, ForStatement, FormalParameter, Function, Program, StaticBlock,
    SwitchStatement, TSLiteral, TSType, TSTypeName, TSTypeOperatorOperator, VariableDeclaration,
    VariableDeclarationKind, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::Span;
use oxc_syntax::scope::ScopeFlags;

use crate::tree::StaticType;

/// Bindings of one name looked at per lookup: past it the name is left unknown, so a file
/// binding `x` in thousands of functions costs no more than a file binding it once.
const MAX_BINDINGS: usize = 64;

struct Declared {
    scope: Span,
    /// The type its annotation guarantees, if any.
    kind: Option<StaticType>,
}

/// The file's bindings, by name.
#[derive(Default)]
pub(super) struct Types {
    by_name: HashMap<String, Vec<Declared>>,
}

impl Types {
    pub(super) fn of(program: &Program<'_>) -> Self {
        let mut collector = Collector {
            types: Self::default(),
            scopes: vec![program.span],
            functions: vec![program.span],
            pending: HashMap::new(),
            var: false,
        };
        collector.visit_program(program);
        collector.types
    }

    /// The type the name `name` read at `at` certainly has, from its binding's annotation.
    pub(super) fn of_name(&self, name: &str, at: u32) -> Option<StaticType> {
        self.binding(name, at)?.kind
    }

    /// The scope of the one binding the name `name` read at `at` refers to.
    pub(super) fn scope_of(&self, name: &str, at: u32) -> Option<Span> {
        self.binding(name, at).map(|declared| declared.scope)
    }

    fn binding(&self, name: &str, at: u32) -> Option<&Declared> {
        let bindings = self.by_name.get(name)?;
        if bindings.len() > MAX_BINDINGS {
            return None;
        }
        let around = |declared: &&Declared| declared.scope.start <= at && at < declared.scope.end;
        let innermost = bindings
            .iter()
            .filter(around)
            .min_by_key(|declared| declared.scope.size())?;
        let mut same_scope = bindings
            .iter()
            .filter(around)
            .filter(|declared| declared.scope == innermost.scope);
        // Declared once there: that binding is the one read. Twice (`var` again, a function
        // and a variable): which one holds at `at` is not followed.
        match (same_scope.next(), same_scope.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }
}

struct Collector {
    types: Types,
    /// Innermost last: where `let`, `const`, classes and parameters are visible.
    scopes: Vec<Span>,
    /// Innermost last: where `var` is visible.
    functions: Vec<Span>,
    /// Types of binding identifiers about to be visited, by their start.
    pending: HashMap<u32, StaticType>,
    /// Inside a `var` declaration.
    var: bool,
}

impl Collector {
    fn scoped(&mut self, span: Span, inner: impl FnOnce(&mut Self)) {
        self.scopes.push(span);
        inner(self);
        self.scopes.pop();
    }

    /// `name: type` with nothing that may leave it `undefined`: the identifier is noted.
    fn annotate(&mut self, pattern: &BindingPattern<'_>, annotation: Option<&TSType<'_>>) {
        if let BindingPattern::BindingIdentifier(ident) = pattern
            && let Some(kind) = annotation.and_then(static_type)
        {
            self.pending.insert(ident.span.start, kind);
        }
    }
}

impl<'a> Visit<'a> for Collector {
    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        let scope = if self.var {
            self.functions.last()
        } else {
            self.scopes.last()
        };
        let Some(&scope) = scope else { return };
        let kind = self.pending.remove(&it.span.start);
        self.types
            .by_name
            .entry(it.name.to_string())
            .or_default()
            .push(Declared { scope, kind });
    }

    fn visit_variable_declaration(&mut self, it: &VariableDeclaration<'a>) {
        let outer = self.var;
        self.var = it.kind == VariableDeclarationKind::Var;
        walk::walk_variable_declaration(self, it);
        self.var = outer;
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        // `let x: string;` may be read before it is assigned: only an initialized one counts.
        if it.init.is_some() {
            self.annotate(
                &it.id,
                it.type_annotation.as_ref().map(|a| &a.type_annotation),
            );
        }
        // The initializer is not part of the binding: a `var` inside it (in a function
        // expression) has its own declaration.
        let var = self.var;
        self.visit_binding_pattern(&it.id);
        self.var = false;
        if let Some(init) = &it.init {
            self.visit_expression(init);
        }
        self.var = var;
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        // `codes?: string[]` may be left out; `codes: string[] = []` never is undefined.
        if !it.optional {
            self.annotate(
                &it.pattern,
                it.type_annotation.as_ref().map(|a| &a.type_annotation),
            );
        }
        let var = std::mem::replace(&mut self.var, false);
        walk::walk_formal_parameter(self, it);
        self.var = var;
    }

    fn visit_function(&mut self, it: &Function<'a>, _flags: ScopeFlags) {
        // A declaration's name is visible around it; an expression's only inside.
        if it.is_declaration()
            && let Some(id) = &it.id
        {
            self.visit_binding_identifier(id);
        }
        let var = std::mem::replace(&mut self.var, false);
        self.functions.push(it.span);
        self.scopes.push(it.span);
        if !it.is_declaration()
            && let Some(id) = &it.id
        {
            self.visit_binding_identifier(id);
        }
        self.visit_formal_parameters(&it.params);
        if let Some(body) = &it.body {
            self.visit_function_body(body);
        }
        self.scopes.pop();
        self.functions.pop();
        self.var = var;
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        let var = std::mem::replace(&mut self.var, false);
        self.functions.push(it.span);
        self.scoped(it.span, |this| {
            walk::walk_arrow_function_expression(this, it);
        });
        self.functions.pop();
        self.var = var;
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        if let Some(id) = &it.id {
            self.visit_binding_identifier(id);
        }
        self.scoped(it.span, |this| this.visit_class_body(&it.body));
    }

    fn visit_block_statement(&mut self, it: &BlockStatement<'a>) {
        self.scoped(it.span, |this| walk::walk_block_statement(this, it));
    }

    fn visit_static_block(&mut self, it: &StaticBlock<'a>) {
        self.functions.push(it.span);
        self.scoped(it.span, |this| walk::walk_static_block(this, it));
        self.functions.pop();
    }

    fn visit_for_statement(&mut self, it: &ForStatement<'a>) {
        self.scoped(it.span, |this| walk::walk_for_statement(this, it));
    }

    fn visit_for_in_statement(&mut self, it: &ForInStatement<'a>) {
        self.scoped(it.span, |this| walk::walk_for_in_statement(this, it));
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        self.scoped(it.span, |this| walk::walk_for_of_statement(this, it));
    }

    fn visit_switch_statement(&mut self, it: &SwitchStatement<'a>) {
        self.scoped(it.span, |this| walk::walk_switch_statement(this, it));
    }

    fn visit_catch_clause(&mut self, it: &CatchClause<'a>) {
        self.scoped(it.span, |this| walk::walk_catch_clause(this, it));
    }
}

/// The JSON type every value of an annotation has; `None` when it may be `undefined` or `null`
/// (`?:` aside, `| undefined`), may be anything (`any`, `unknown`, a named type this pass does
/// not look up) or has no JSON (`bigint`, functions).
fn static_type(annotation: &TSType<'_>) -> Option<StaticType> {
    Some(match annotation {
        TSType::TSStringKeyword(_) | TSType::TSTemplateLiteralType(_) => StaticType::String,
        TSType::TSNumberKeyword(_) => StaticType::Number,
        TSType::TSBooleanKeyword(_) => StaticType::Boolean,
        TSType::TSArrayType(_) | TSType::TSTupleType(_) => StaticType::Array,
        TSType::TSTypeLiteral(_) => StaticType::Object,
        TSType::TSLiteralType(literal) => match &literal.literal {
            TSLiteral::StringLiteral(_) | TSLiteral::TemplateLiteral(_) => StaticType::String,
            TSLiteral::NumericLiteral(_) => StaticType::Number,
            TSLiteral::BooleanLiteral(_) => StaticType::Boolean,
            _ => return None,
        },
        TSType::TSTypeOperatorType(operator)
            if operator.operator == TSTypeOperatorOperator::Readonly =>
        {
            static_type(&operator.type_annotation)?
        }
        TSType::TSParenthesizedType(inner) => static_type(&inner.type_annotation)?,
        TSType::TSTypeReference(reference) => {
            let TSTypeName::IdentifierReference(name) = &reference.type_name else {
                return None;
            };
            match name.name.as_str() {
                "Array" | "ReadonlyArray" => StaticType::Array,
                "Record" => StaticType::Object,
                _ => return None,
            }
        }
        // `'a' | 'b'`: one type when every member has it.
        TSType::TSUnionType(union) => {
            let mut kinds = union.types.iter().map(static_type);
            let first = kinds.next()??;
            if !kinds.all(|kind| kind == Some(first)) {
                return None;
            }
            first
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use oxc_allocator::Allocator;
    use oxc_span::SourceType;

    use super::*;

    fn type_at(text: &str, marker: &str) -> Option<StaticType> {
        let allocator = Allocator::default();
        let parsed = oxc_parser::Parser::new(&allocator, text, SourceType::ts()).parse();
        let types = Types::of(&parsed.program);
        let at = text.rfind(marker).map_or(0, |at| at as u32);
        types.of_name("x", at)
    }

    #[test]
    fn the_innermost_binding_decides_and_a_var_belongs_to_its_function() {
        let text = "function f(x: string) { g(x /*a*/); { let x = 1; g(x /*b*/); } }";
        assert_eq!(type_at(text, "/*a*/"), Some(StaticType::String));
        assert_eq!(type_at(text, "/*b*/"), None);
        let var = "function f(x: string) { if (c) { var x = h(); } g(x /*c*/); }";
        assert_eq!(
            type_at(var, "/*c*/"),
            None,
            "the var is declared twice in f"
        );
    }

    #[test]
    fn a_name_bound_past_the_limit_stays_unknown() {
        let mut text = String::new();
        for _ in 0..MAX_BINDINGS {
            text.push_str("function f(x: string) { g(x); }\n");
        }
        text.push_str("function f(x: string) { g(x /*here*/); }");
        assert_eq!(type_at(&text, "/*here*/"), None);
        assert_eq!(
            type_at("function f(x: string) { g(x /*here*/); }", "/*here*/"),
            Some(StaticType::String)
        );
    }
}
