//! The bounded first walk of a parsed module: it only measures how deep the tree nests, and
//! stops going down past [`MAX_TREE_DEPTH`](crate::payload::depth::MAX_TREE_DEPTH), so the
//! passes that follow (ruff's recursive walks) never meet a tree deeper than that.

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_pattern, walk_stmt};
use ruff_python_ast::{Expr, Pattern, Stmt};
use ruff_text_size::Ranged;

use super::lower::span_of;
use crate::payload::depth::{DepthProbe, TooDeep};

struct Probe(DepthProbe);

/// Where `body` nests past the limit, if it does.
pub(super) fn too_deep(body: &[Stmt]) -> Option<TooDeep> {
    let mut probe = Probe(DepthProbe::default());
    probe.visit_body(body);
    probe.0.too_deep
}

impl<'a> Visitor<'a> for Probe {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.0.enter(span_of(stmt.range())) {
            walk_stmt(self, stmt);
            self.0.leave();
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.0.enter(span_of(expr.range())) {
            walk_expr(self, expr);
            self.0.leave();
        }
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        if self.0.enter(span_of(pattern.range())) {
            walk_pattern(self, pattern);
            self.0.leave();
        }
    }
}
