//! The imported builders whose dicts a module sends to Dodo: `create(**build(...))`,
//! `payload = build(...)` then `create(**payload)`, and `requests.post(DODO_URL + "/checkouts",
//! json=build(...))`. The project stage makes each builder's dict a payload where it is written.

use std::collections::HashMap;

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{Expr, ExprCall, FStringPart, InterpolatedStringElement, Stmt};
use ruff_text_size::TextSize;

use super::calls::{names, posted};
use super::facts::Facts;
use super::qualified::dotted;
use super::urls::url_text;
use super::variants::is_literal;
use crate::payload::Call;
use crate::payload::exports::Send;

pub(super) fn sends(body: &[Stmt], facts: &Facts) -> Vec<Send> {
    let mut sends = Sends {
        facts,
        bound: HashMap::new(),
        scopes: Vec::new(),
        found: Vec::new(),
    };
    for stmt in body {
        sends.visit_stmt(stmt);
    }
    sends.found
}

/// An imported name whose value (or whose entries) a payload is.
#[derive(Clone)]
struct Sent {
    name: String,
    entries: bool,
}

struct Sends<'f> {
    facts: &'f Facts,
    /// `name = build(...)` of an imported builder, and loop variables over an imported map, by
    /// the function they are bound in (its start; 0 for the module) and name, while that is
    /// the name's last binding there.
    bound: HashMap<(TextSize, String), Sent>,
    /// The functions around the statement under way, by their start.
    scopes: Vec<TextSize>,
    found: Vec<Send>,
}

impl Sends<'_> {
    /// The imported builder or dict whose value `expr` is: `build(...)`, a name bound to its
    /// result, an imported dict (`**BASE`), an entry of an imported map indexed by a key not
    /// known (`PLANS[key]`), or a loop variable over one (`for plan in PLANS.values()`).
    fn builder(&self, expr: &Expr) -> Option<Sent> {
        let imported = |name: &str, entries: bool| {
            let root = name.split('.').next().unwrap_or(name);
            self.facts.imported.contains(root).then(|| Sent {
                name: name.to_string(),
                entries,
            })
        };
        match expr {
            // `build(...)`, `payloads.build(...)`.
            Expr::Call(built) => imported(&dotted(&built.func)?, false),
            Expr::Name(name) => self
                .bound
                .get(&(self.scope(), name.id.to_string()))
                .cloned()
                .or_else(|| imported(name.id.as_str(), false)),
            // `PLANS["pro"]` is one entry: the others are not sent.
            Expr::Subscript(entry) if !is_literal(&entry.slice) => match &*entry.value {
                Expr::Name(map) => imported(map.id.as_str(), true),
                _ => None,
            },
            _ => None,
        }
    }

    fn scope(&self) -> TextSize {
        self.scopes.last().copied().unwrap_or_default()
    }

    fn remember(&mut self, name: &str, sent: Sent) {
        self.bound.insert((self.scope(), name.to_string()), sent);
    }

    /// Every name `target` binds holds something else from here on.
    fn forget_targets(&mut self, target: &Expr) {
        match target {
            Expr::Name(name) => {
                self.bound.remove(&(self.scope(), name.id.to_string()));
            }
            Expr::Tuple(tuple) => tuple.elts.iter().for_each(|t| self.forget_targets(t)),
            Expr::List(list) => list.elts.iter().for_each(|t| self.forget_targets(t)),
            Expr::Starred(starred) => self.forget_targets(&starred.value),
            _ => {}
        }
    }

    fn sdk_call(&mut self, call: &ExprCall) {
        let Expr::Attribute(method) = &*call.func else {
            return;
        };
        if Call::of_method(method.attr.as_str()).is_none() {
            return;
        }
        let Expr::Attribute(resource) = &*method.value else {
            return;
        };
        if resource.attr.as_str() != "checkout_sessions" {
            return;
        }
        let named = call
            .arguments
            .keywords
            .iter()
            .filter(|k| k.arg.is_some())
            .count();
        let receiver = names(&resource.value).1;
        let certain = self.facts.is_client_expr(&resource.value);
        let builders: Vec<Sent> = call
            .arguments
            .keywords
            .iter()
            .filter(|k| k.arg.is_none())
            .filter_map(|keyword| self.builder(&keyword.value))
            .collect();
        for sent in builders {
            self.found.push(Send {
                helper: sent.name,
                certain,
                receiver: receiver.map(str::to_string),
                // Other keywords beside it: the builder's dict is a part of the payload.
                partial: named > 0,
                entries: sent.entries,
            });
        }
    }

    /// `requests.post(url, json=build(...))` to Dodo's `/checkouts`.
    fn raw_post(&mut self, call: &ExprCall) {
        let Some((url, body)) = posted(call) else {
            return;
        };
        let Some(text) = url_text(url, &self.facts.strings).filter(|u| u.is_checkouts()) else {
            return;
        };
        // A URL built from an imported name (`f"{api_base(test)}/checkouts"`): the project
        // stage knows whether that name is a Dodo URL.
        let certain = text.is_dodo_checkouts();
        let receiver = imported_name_in(url, self.facts, 0);
        if !certain && receiver.is_none() {
            return;
        }
        if let Some(sent) = self.builder(body) {
            self.found.push(Send {
                helper: sent.name,
                certain,
                receiver: receiver.map(str::to_string),
                partial: false,
                entries: sent.entries,
            });
        }
    }
}

/// The first imported name a URL expression is built from (a constant, or a function called).
fn imported_name_in<'e>(expr: &'e Expr, facts: &Facts, depth: usize) -> Option<&'e str> {
    if depth > crate::payload::urls::MAX_DEPTH {
        return None;
    }
    let inner = |e: &'e Expr| imported_name_in(e, facts, depth + 1);
    match expr {
        Expr::Name(name) => facts
            .imported
            .contains(name.id.as_str())
            .then_some(name.id.as_str()),
        Expr::Call(call) => inner(&call.func),
        Expr::BinOp(binary) => inner(&binary.left).or_else(|| inner(&binary.right)),
        Expr::FString(fstring) => fstring.value.iter().find_map(|part| match part {
            FStringPart::FString(inner_string) => {
                inner_string
                    .elements
                    .iter()
                    .find_map(|element| match element {
                        InterpolatedStringElement::Interpolation(hole) => inner(&hole.expression),
                        InterpolatedStringElement::Literal(_) => None,
                    })
            }
            FStringPart::Literal(_) => None,
        }),
        _ => None,
    }
}

/// The imported map a loop iterates the entries of: `PLANS` of `for plan in PLANS.values()`,
/// `for _, plan in PLANS.items()`, `for plan in PLANS` (a list).
fn iterated(iter: &Expr) -> Option<&Expr> {
    match iter {
        Expr::Call(call) if call.arguments.is_empty() => match &*call.func {
            Expr::Attribute(method) if matches!(method.attr.as_str(), "values" | "items") => {
                Some(&method.value)
            }
            _ => None,
        },
        Expr::Name(_) => Some(iter),
        _ => None,
    }
}

impl<'a> Visitor<'a> for Sends<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => {
                self.scopes.push(function.range.start());
                walk_stmt(self, stmt);
                self.scopes.pop();
                return;
            }
            Stmt::For(each) => {
                let iterated = iterated(&each.iter).and_then(|map| match map {
                    Expr::Name(map) if self.facts.imported.contains(map.id.as_str()) => Some(map),
                    _ => None,
                });
                let variable = match &*each.target {
                    Expr::Name(name) => Some(name),
                    Expr::Tuple(pair) if pair.elts.len() == 2 => match pair.elts.get(1) {
                        Some(Expr::Name(name)) => Some(name),
                        _ => None,
                    },
                    _ => None,
                };
                self.forget_targets(&each.target);
                if let (Some(map), Some(variable)) = (iterated, variable) {
                    let sent = Sent {
                        name: map.id.to_string(),
                        entries: true,
                    };
                    self.remember(variable.id.as_str(), sent);
                }
            }
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    self.forget_targets(target);
                }
                if let [Expr::Name(name)] = assign.targets.as_slice()
                    && let Some(sent) = self.builder(&assign.value)
                {
                    self.remember(name.id.as_str(), sent);
                }
            }
            Stmt::AnnAssign(assign) => self.forget_targets(&assign.target),
            Stmt::AugAssign(assign) => self.forget_targets(&assign.target),
            Stmt::With(with) => {
                for target in with
                    .items
                    .iter()
                    .filter_map(|item| item.optional_vars.as_deref())
                {
                    self.forget_targets(target);
                }
            }
            _ => {}
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Call(call) => {
                self.sdk_call(call);
                self.raw_post(call);
            }
            Expr::Named(named) => self.forget_targets(&named.target),
            _ => {}
        }
        walk_expr(self, expr);
    }
}
