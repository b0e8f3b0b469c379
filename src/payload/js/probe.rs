//! The bounded first walk of a parsed file: it only measures how deep the tree nests, and stops
//! going down past [`MAX_TREE_DEPTH`](crate::payload::depth::MAX_TREE_DEPTH), so the passes that
//! follow (oxc's recursive walks) never meet a tree deeper than that.

use oxc_ast::ast::{
    AssignmentTarget, BindingPattern, Expression, JSXElement, JSXFragment, Program, Statement,
    TSType,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use super::lower::span_of;
use crate::payload::depth::{DepthProbe, TooDeep};

struct Probe(DepthProbe);

/// Where `program` nests past the limit, if it does.
pub(super) fn too_deep(program: &Program<'_>) -> Option<TooDeep> {
    let mut probe = Probe(DepthProbe::default());
    probe.visit_program(program);
    probe.0.too_deep
}

/// Each kind of node that can nest in itself without a bound is one level.
macro_rules! bounded {
    ($($visit:ident($ty:ident) => $walk:ident;)*) => {
        impl<'a> Visit<'a> for Probe {
            $(fn $visit(&mut self, it: &$ty<'a>) {
                if self.0.enter(span_of(it.span())) {
                    walk::$walk(self, it);
                    self.0.leave();
                }
            })*
        }
    };
}

bounded! {
    visit_expression(Expression) => walk_expression;
    visit_statement(Statement) => walk_statement;
    visit_ts_type(TSType) => walk_ts_type;
    visit_binding_pattern(BindingPattern) => walk_binding_pattern;
    visit_assignment_target(AssignmentTarget) => walk_assignment_target;
    visit_jsx_element(JSXElement) => walk_jsx_element;
    visit_jsx_fragment(JSXFragment) => walk_jsx_fragment;
}
