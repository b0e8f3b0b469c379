//! What annotations make certain: a parameter annotated `list[str]` (not `Optional[...]`,
//! `... | None`, nor defaulting to `None`) holds a list wherever the function reads it and has
//! not assigned it again, so a member it is the value of is sent. An unannotated name may be
//! `None`, and says nothing.

use std::collections::HashMap;

use ruff_python_ast::visitor::{Visitor, walk_stmt};
use ruff_python_ast::{Expr, Stmt, StmtFunctionDef};

use super::shapes::{param_names, param_uses};
use crate::span::Span;
use crate::tree::StaticType;

/// Per read of a typed parameter (by its span), the type it has there.
pub(super) fn typed_reads(body: &[Stmt]) -> HashMap<Span, StaticType> {
    let mut functions = Functions {
        found: HashMap::new(),
        seen: 0,
    };
    for stmt in body {
        functions.visit_stmt(stmt);
    }
    functions.found
}

/// Functions looked at per module (a module of thousands of typed functions costs no more).
const MAX_FUNCTIONS: usize = 4096;

struct Functions {
    found: HashMap<Span, StaticType>,
    seen: usize,
}

impl<'a> Visitor<'a> for Functions {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::FunctionDef(function) = stmt
            && self.seen < MAX_FUNCTIONS
        {
            self.seen += 1;
            self.function(function);
        }
        walk_stmt(self, stmt);
    }
}

impl Functions {
    fn function(&mut self, function: &StmtFunctionDef) {
        let types: Vec<StaticType> = function
            .parameters
            .iter_non_variadic_params()
            .map(|parameter| {
                let defaults_to_none =
                    matches!(parameter.default.as_deref(), Some(Expr::NoneLiteral(_)));
                match parameter.parameter.annotation.as_deref() {
                    Some(annotation) if !defaults_to_none => static_type(annotation),
                    _ => StaticType::Any,
                }
            })
            .collect();
        if types.iter().all(|kind| *kind == StaticType::Any) {
            return;
        }
        let names = param_names(function);
        for (span, at) in param_uses(function, &names).reads {
            if let Some(kind) = types.get(at).filter(|kind| **kind != StaticType::Any) {
                self.found.insert(span, *kind);
            }
        }
    }
}

/// The JSON type an annotation guarantees; [`StaticType::Any`] when it allows `None` or is not
/// one of the builtins.
fn static_type(annotation: &Expr) -> StaticType {
    let name = match annotation {
        Expr::Name(name) => name.id.as_str(),
        Expr::Subscript(subscript) => match &*subscript.value {
            Expr::Name(name) => name.id.as_str(),
            Expr::Attribute(attribute) => attribute.attr.as_str(),
            _ => return StaticType::Any,
        },
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return StaticType::Any,
    };
    match name {
        "str" => StaticType::String,
        "int" | "float" => StaticType::Number,
        "bool" => StaticType::Boolean,
        "list" | "List" | "Sequence" | "tuple" | "Tuple" => StaticType::Array,
        "dict" | "Dict" | "Mapping" => StaticType::Object,
        _ => StaticType::Any,
    }
}
