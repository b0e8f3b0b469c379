//! What a call of a builder stands for: `build("p", 0)` where `build` is a function of this
//! module is its returned dict with each parameter replaced by the call's argument; where
//! `build` is imported, the payload as far as the call's arguments make it (see
//! [`crate::payload::projection`]). Each argument placed is remembered with where the builder
//! puts it, for the finding's label.

use std::collections::HashMap;

use ruff_python_ast::{Expr, ExprCall, StmtFunctionDef};
use ruff_text_size::Ranged;

use super::find::Finder;
use super::lower::span_of;
use super::qualified::dotted;
use super::returns::returned;
use super::shapes::{bare, param_names, param_uses};
use crate::diagnostic::Label;
use crate::payload::Bound;
use crate::payload::projection::project;
use crate::span::Span;
use crate::tree::{Member, Node, Value};

/// Builders followed inside builders' arguments.
const MAX_HELPER_DEPTH: usize = 4;

/// The arguments of a call, by the callee's parameter positions (see [`param_names`]).
fn arguments<'c>(call: &'c ExprCall, names: &[String]) -> Vec<Option<&'c Expr>> {
    let mut bound: Vec<Option<&Expr>> = vec![None; names.len()];
    let positional = names
        .iter()
        .take_while(|name| !name.starts_with('*'))
        .count();
    for (slot, argument) in bound[..positional].iter_mut().zip(&call.arguments.args) {
        // `*args`: the positions after it are not known.
        if let Expr::Starred(_) = argument {
            break;
        }
        *slot = Some(argument);
    }
    for keyword in &call.arguments.keywords {
        let Some(arg) = &keyword.arg else { continue };
        if let Some(at) = names
            .iter()
            .position(|name| !name.starts_with('/') && bare(name) == arg.as_str())
        {
            bound[at] = Some(&keyword.value);
        }
    }
    bound
}

impl<'s> Finder<'_, 's> {
    /// The dict a call returns, when the callee is a builder of this module or an imported one
    /// whose shape the project stage knows.
    pub(super) fn call_result(&self, call: &ExprCall, at: u32, depth: usize) -> Option<Node<'s>> {
        if depth >= MAX_HELPER_DEPTH {
            return None;
        }
        // Each call of a builder costs the file's budget in proportion to the builder (it is
        // read again with the call's arguments): builders calling builders hundreds of times
        // each end unknown rather than cost the square of the file.
        let cost = match &*call.func {
            Expr::Name(callee) => self
                .functions
                .get(callee.id.as_str())
                .map_or(1, |function| 1 + function.range.len().to_usize() / 64),
            _ => 1,
        };
        if !self.flow.spend(cost) {
            return None;
        }
        match &*call.func {
            Expr::Name(callee) => match self.functions.get(callee.id.as_str()) {
                Some(function) => self.instance(call, function, depth),
                None => self.projected(call, at, depth),
            },
            // `payloads.build(...)` of a module imported as `payloads`.
            func => {
                dotted(func)?;
                self.projected(call, at, depth)
            }
        }
    }

    /// An argument's value: a dict it names or builds, else the expression lowered.
    fn argument(&self, expr: &Expr, at: u32, depth: usize) -> Node<'s> {
        self.dict_in(expr, at, depth + 1)
            .unwrap_or_else(|| self.lower.node(expr, 0))
    }

    fn instance(
        &self,
        call: &ExprCall,
        function: &StmtFunctionDef,
        depth: usize,
    ) -> Option<Node<'s>> {
        let names = param_names(function);
        let at = call.range().start().to_u32();
        let values: Vec<Option<Node<'s>>> = arguments(call, &names)
            .into_iter()
            .map(|argument| {
                let value = self.argument(argument?, at, depth);
                value.as_unknown().is_none().then_some(value)
            })
            .collect();
        let by_use: HashMap<Span, &Node<'s>> = param_uses(function, &names)
            .reads
            .into_iter()
            .filter_map(|(span, at)| Some((span, values.get(at)?.as_ref()?)))
            .collect();
        // One `return`: with several, which one a call takes depends on the arguments, and an
        // argument bound into one is not bound into the others.
        let [returned] = returned(&function.body)[..] else {
            return None;
        };
        let returned = self.dict_in(returned, returned.range().start().to_u32(), depth + 1)?;
        let mut replaced = Vec::new();
        let node = self.substitute(&returned, &by_use, &mut replaced, 0);
        let label = format!("{} puts the argument here", function.name);
        self.bound
            .borrow_mut()
            .extend(replaced.into_iter().map(|(argument, used)| Bound {
                argument,
                label: Label::new(used, label.clone()),
            }));
        Some(node)
    }

    /// `node` with every unknown value at a parameter's use replaced by the call's argument.
    fn substitute(
        &self,
        node: &Node<'s>,
        by_use: &HashMap<Span, &Node<'s>>,
        replaced: &mut Vec<(Span, Span)>,
        depth: usize,
    ) -> Node<'s> {
        if by_use.is_empty() || depth > crate::tree::MAX_DEPTH {
            return *node;
        }
        let value = match &node.value {
            Value::Unknown(_) => match by_use.get(&node.span) {
                Some(argument) => {
                    replaced.push((argument.span, node.span));
                    return *(*argument);
                }
                None => return *node,
            },
            Value::Object(members, extent) => {
                let members: Vec<Member<'s>> = members
                    .iter()
                    .map(|member| Member {
                        key: member.key,
                        key_span: member.key_span,
                        value: self.substitute(&member.value, by_use, replaced, depth + 1),
                    })
                    .collect();
                Value::Object(self.lower.arena.alloc_slice_fill_iter(members), *extent)
            }
            Value::Array(items, extent) => {
                let items: Vec<Node<'s>> = items
                    .iter()
                    .map(|item| self.substitute(item, by_use, replaced, depth + 1))
                    .collect();
                Value::Array(self.lower.arena.alloc_slice_fill_iter(items), *extent)
            }
            _ => return *node,
        };
        Node {
            span: node.span,
            value,
        }
    }

    /// A call of a builder of another module: only its known arguments, where it puts them.
    fn projected(&self, call: &ExprCall, at: u32, depth: usize) -> Option<Node<'s>> {
        let shape = self.neighbours.helpers.get(&dotted(&call.func)?)?;
        let values = arguments(call, &shape.names)
            .into_iter()
            .map(|argument| Some(self.argument(argument?, at, depth)));
        let (node, bound) = project(shape, values, self.lower.arena, span_of(call.range()))?;
        self.bound.borrow_mut().extend(bound);
        Some(node)
    }
}
