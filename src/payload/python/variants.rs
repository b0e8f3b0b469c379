//! Every dict a payload expression may be: both branches of `a if c else b`, each entry of a
//! dict or list of payloads indexed by a key not known statically (`PLANS[plan]`) or iterated
//! (`for plan in PLANS.values()`, `for key, plan in PLANS.items()`, `for plan in PLANS`). Each
//! is a reading of its own, reported at its own bytes; nothing is concluded from the
//! combination of two choices.

use ruff_python_ast::{Expr, StmtFor};
use ruff_text_size::Ranged;

use super::find::Finder;
use super::lower::span_of;
use crate::payload::flow::{BASE, Each, Variant, payload_like};
use crate::tree::{Node, Value};

/// Entries of a map or list read one by one.
const MAX_ENTRIES: usize = 64;

/// The readings of a conditional's branches.
const THEN: Variant = 1;
const ELSE: Variant = 2;
/// The reading of a map's first entry; the others follow.
const FIRST_ENTRY: Variant = 3;

impl<'s> Finder<'_, 's> {
    /// The dicts `expr` at `at` may be, each a reading; empty when none is known.
    pub(super) fn dict_variants(&self, expr: &Expr, at: u32) -> Vec<(Variant, Node<'s>)> {
        match expr {
            Expr::If(conditional) => [(THEN, &*conditional.body), (ELSE, &*conditional.orelse)]
                .into_iter()
                .filter_map(|(variant, branch)| Some((variant, self.dict(branch, at)?)))
                .collect(),
            Expr::Subscript(subscript) if !is_literal(&subscript.slice) => {
                payload_like(self.entries(&subscript.value, at))
            }
            Expr::Name(name) => {
                if let Some(each) = self.each_at(name.id.as_str(), at) {
                    return each;
                }
                self.flow
                    .follow_variants(name.id.as_str(), at as usize, self.lower.arena)
            }
            _ => self
                .dict(expr, at)
                .map(|node| (BASE, node))
                .into_iter()
                .collect(),
        }
    }

    /// A loop variable's entries at `at`, from the innermost loop around it that binds it.
    fn each_at(&self, name: &str, at: u32) -> Option<Vec<(Variant, Node<'s>)>> {
        self.loops.iter().rev().find_map(|scope| {
            self.flow
                .each_at(name, span_of(*scope), at as usize, self.lower.arena)
        })
    }

    /// The dict entries of a map or list: a name bound to a dict or list literal, a literal,
    /// `m.values()`. At most [`MAX_ENTRIES`].
    fn entries(&self, expr: &Expr, at: u32) -> Vec<(Variant, Node<'s>)> {
        let container = match expr {
            Expr::Name(name) => self
                .flow
                .follow(name.id.as_str(), at as usize, self.lower.arena),
            Expr::Dict(_) | Expr::List(_) | Expr::Tuple(_) => Some(self.lower.node(expr, 0)),
            Expr::Call(call) if call.arguments.is_empty() => match &*call.func {
                Expr::Attribute(method) if method.attr.as_str() == "values" => {
                    return self.entries(&method.value, at);
                }
                _ => None,
            },
            _ => None,
        };
        let Some(container) = container else {
            return Vec::new();
        };
        let values: Vec<&Node<'s>> = match &container.value {
            Value::Object(members, _) => members.iter().map(|m| &m.value).collect(),
            Value::Array(items, _) => items.iter().collect(),
            _ => return Vec::new(),
        };
        values
            .into_iter()
            .filter(|value| value.as_object().is_some())
            .take(MAX_ENTRIES)
            .zip(FIRST_ENTRY..)
            .map(|(value, variant)| (variant, *value))
            .collect()
    }

    /// `for plan in PLANS.values():` (and `PLANS` a list, and `for _, plan in PLANS.items()`):
    /// `plan` is each entry in turn inside the loop.
    pub(super) fn bind_loop(&mut self, stmt: &StmtFor) {
        let (name, source) = match (&*stmt.target, &*stmt.iter) {
            (Expr::Name(name), source) => (name, source),
            (Expr::Tuple(pair), Expr::Call(call)) if pair.elts.len() == 2 => {
                let Expr::Attribute(method) = &*call.func else {
                    return;
                };
                let Some(Expr::Name(name)) = pair.elts.get(1) else {
                    return;
                };
                if method.attr.as_str() != "items" || !call.arguments.is_empty() {
                    return;
                }
                (name, &*method.value)
            }
            _ => return,
        };
        // `for plan in PLANS` of a dict iterates its keys, not its entries.
        if let Expr::Name(source) = source
            && self
                .flow
                .follow(
                    source.id.as_str(),
                    stmt.range.start().to_usize(),
                    self.lower.arena,
                )
                .is_some_and(|node| node.as_object().is_some())
            && !matches!(&*stmt.target, Expr::Tuple(_))
        {
            return;
        }
        let entries = payload_like(self.entries(source, stmt.range.start().to_u32()));
        if entries.is_empty() {
            return;
        }
        self.flow.bind_each(
            name.id.as_str(),
            Each {
                scope: span_of(stmt.range),
                from: stmt.target.range().end().to_usize(),
                entries,
            },
        );
    }
}

/// `PLANS["pro"]`, `PLANS[0]`: one entry, not every one.
pub(super) fn is_literal(key: &Expr) -> bool {
    matches!(key, Expr::StringLiteral(_) | Expr::NumberLiteral(_))
}
