//! The file's top-level functions by name — `function f() {}`, `const f = (…) => …`, exported or
//! not, and `export default function` as `default` — with their parameters and the expressions
//! they return: what a call of a helper, a factory or a wrapper stands for. References into the
//! parsed program, so a call site anywhere in the file can lower a helper's return value with
//! the call's arguments.

use std::collections::HashMap;

use oxc_ast::ast::{
    ArrowFunctionBody, BindingPattern, Declaration, ExportDefaultDeclarationKind, Expression,
    FormalParameters, FunctionBody, Program, Statement,
};

/// The most return statements read per function, and the deepest statement nesting searched
/// for them: helpers return one literal or a few; past these, the rest are not known.
const MAX_RETURNS: usize = 16;
const MAX_NESTING: usize = 32;

/// One top-level function.
pub(super) struct Function<'a> {
    /// Each parameter's name, by position; `None` for a destructuring pattern.
    pub(super) params: Vec<Option<&'a str>>,
    /// What its `return` statements (or an arrow's expression body) return.
    pub(super) returns: Vec<&'a Expression<'a>>,
    /// The function's whole text, for finding the function a position is in.
    pub(super) span: oxc_span::Span,
}

impl Function<'_> {
    /// The position of the parameter named `name`.
    pub(super) fn param(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|param| *param == Some(name))
    }
}

#[derive(Default)]
pub(super) struct Functions<'a> {
    by_name: HashMap<&'a str, Function<'a>>,
}

impl<'a> Functions<'a> {
    pub(super) fn of(program: &'a Program<'a>) -> Self {
        let mut functions = Self::default();
        for statement in &program.body {
            functions.statement(statement);
        }
        functions
    }

    pub(super) fn get(&self, name: &str) -> Option<&Function<'a>> {
        self.by_name.get(name)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&'a str, &Function<'a>)> {
        self.by_name
            .iter()
            .map(|(name, function)| (*name, function))
    }

    /// The top-level function whose text holds `at`, with its name.
    pub(super) fn around(&self, at: u32) -> Option<(&'a str, &Function<'a>)> {
        self.iter()
            .find(|(_, function)| function.span.start <= at && at < function.span.end)
    }

    fn statement(&mut self, statement: &'a Statement<'a>) {
        match statement {
            Statement::FunctionDeclaration(function) => self.function(function),
            Statement::VariableDeclaration(declaration) => self.variables(declaration),
            Statement::ExportNamedDeclaration(_) => {}
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::FunctionDeclaration(function) => self.function(function),
                Declaration::VariableDeclaration(declaration) => self.variables(declaration),
                _ => {}
            },
            Statement::ExportDefaultDeclaration(export) => match &export.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(function) => {
                    if let Some(body) = &function.body {
                        let name = function
                            .id
                            .as_ref()
                            .map_or("default", |id| id.name.as_str());
                        self.add(name, &function.params, Body::Block(body), function.span);
                        self.alias_default(name);
                    }
                }
                other => {
                    if let Some(expr) = other.as_expression() {
                        self.expression("default", expr);
                    }
                }
            },
            _ => {}
        }
    }

    /// `export default function named() {}` is also the module's `default`.
    fn alias_default(&mut self, name: &'a str) {
        if name != "default"
            && let Some(function) = self.by_name.get(name)
        {
            let copy = Function {
                params: function.params.clone(),
                returns: function.returns.clone(),
                span: function.span,
            };
            self.by_name.insert("default", copy);
        }
    }

    fn function(&mut self, function: &'a oxc_ast::ast::Function<'a>) {
        if let (Some(id), Some(body)) = (&function.id, &function.body) {
            self.add(
                id.name.as_str(),
                &function.params,
                Body::Block(body),
                function.span,
            );
        }
    }

    fn variables(&mut self, declaration: &'a oxc_ast::ast::VariableDeclaration<'a>) {
        for declarator in &declaration.declarations {
            if let (BindingPattern::BindingIdentifier(id), Some(init)) =
                (&declarator.id, &declarator.init)
            {
                self.expression(id.name.as_str(), init);
            }
        }
    }

    /// `name = <function expression or arrow>`.
    fn expression(&mut self, name: &'a str, expr: &'a Expression<'a>) {
        match expr.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => {
                let body = match &arrow.body {
                    ArrowFunctionBody::FunctionBody(block) => Body::Block(block),
                    other => match other.as_expression() {
                        Some(expr) => Body::Expression(expr),
                        None => return,
                    },
                };
                self.add(name, &arrow.params, body, arrow.span);
            }
            Expression::FunctionExpression(function) => {
                if let Some(body) = &function.body {
                    self.add(name, &function.params, Body::Block(body), function.span);
                }
            }
            _ => {}
        }
    }

    fn add(
        &mut self,
        name: &'a str,
        params: &'a FormalParameters<'a>,
        body: Body<'a>,
        span: oxc_span::Span,
    ) {
        let params = params
            .items
            .iter()
            .map(|param| match &param.pattern {
                BindingPattern::BindingIdentifier(id) => Some(id.name.as_str()),
                _ => None,
            })
            .collect();
        let mut returns = Vec::new();
        match body {
            Body::Expression(expr) => returns.push(expr),
            Body::Block(block) => returns_in(&block.statements, 0, &mut returns),
        }
        self.by_name.insert(
            name,
            Function {
                params,
                returns,
                span,
            },
        );
    }
}

enum Body<'a> {
    Block(&'a FunctionBody<'a>),
    Expression(&'a Expression<'a>),
}

/// The arguments of the `return` statements among `statements`, not looking into nested
/// functions (they are expressions, never walked here).
fn returns_in<'a>(
    statements: &'a [Statement<'a>],
    nesting: usize,
    out: &mut Vec<&'a Expression<'a>>,
) {
    if nesting > MAX_NESTING {
        return;
    }
    for statement in statements {
        if out.len() >= MAX_RETURNS {
            return;
        }
        match statement {
            Statement::ReturnStatement(ret) => out.extend(ret.argument.as_ref()),
            Statement::BlockStatement(block) => returns_in(&block.body, nesting + 1, out),
            Statement::IfStatement(branch) => {
                returns_in(std::slice::from_ref(&branch.consequent), nesting + 1, out);
                if let Some(alternate) = &branch.alternate {
                    returns_in(std::slice::from_ref(alternate), nesting + 1, out);
                }
            }
            Statement::TryStatement(attempt) => {
                returns_in(&attempt.block.body, nesting + 1, out);
                if let Some(handler) = &attempt.handler {
                    returns_in(&handler.body.body, nesting + 1, out);
                }
            }
            Statement::SwitchStatement(switch) => {
                for case in &switch.cases {
                    returns_in(&case.consequent, nesting + 1, out);
                }
            }
            _ => {}
        }
    }
}
