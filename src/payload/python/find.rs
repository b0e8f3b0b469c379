//! The second pass over a Python module: the payloads — keyword arguments of Dodo's
//! `checkout_sessions.create` / `.preview`, dicts annotated as the SDK's params, and `json=`
//! bodies of `requests`/`httpx` POSTs to `/checkouts` — each lowered to the payload tree,
//! following a name bound to a dict literal (or `dict(...)`) and the keys set on it before the
//! call.

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use std::cell::RefCell;
use std::collections::HashMap;

use ruff_python_ast::{Expr, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use super::dicts::KeywordCall;
use super::facts::Facts;
use super::fallbacks;
use super::lower::{Lowerer, span_of};
use crate::payload::flow::{Assigned, BASE, Binding, Flow, Variant};
use crate::payload::neighbours::Neighbours;
use crate::payload::{Bound, Call};
use crate::span::Span;
use crate::tree::{Extent, Node, Value};

/// The SDK's request types: a dict annotated as one is a payload.
const PARAMS_TYPES: &[&str] = &[
    "CheckoutSessionCreateParams",
    "CheckoutSessionPreviewParams",
];

pub(super) struct Finder<'f, 's> {
    pub(super) facts: &'f Facts,
    pub(super) lower: &'f Lowerer<'s>,
    /// The module's top-level functions, by name (builders called in it).
    pub(super) functions: HashMap<&'f str, &'f StmtFunctionDef>,
    pub(super) neighbours: &'f Neighbours,
    /// Arguments of builders placed into the payload being resolved (see [`super::resolve`]).
    pub(super) bound: RefCell<Vec<Bound>>,
    /// The reading of one `**x` the keywords under way take (see [`Finder::readings`]).
    pub(super) chosen: RefCell<Option<(Span, Node<'s>)>>,
    /// The `for` loops around the statement under way (a loop variable's entries are known
    /// inside its loop).
    pub(super) loops: Vec<TextRange>,
    pub(super) scopes: Vec<TextRange>,
    pub(super) flow: Flow<'s>,
}
impl<'f, 's> Finder<'f, 's> {
    /// A finder over `module`, with what the project stage knows of its imports.
    pub(super) fn new(
        facts: &'f Facts,
        lower: &'f Lowerer<'s>,
        module: &'f ruff_python_ast::ModModule,
        neighbours: &'f Neighbours,
    ) -> Self {
        let functions = module
            .body
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::FunctionDef(function) => Some((function.name.as_str(), function)),
                _ => None,
            })
            .collect();
        Self {
            facts,
            lower,
            functions,
            neighbours,
            bound: RefCell::default(),
            chosen: RefCell::default(),
            loops: Vec::new(),
            scopes: vec![module.range],
            flow: Flow::new(lower.text.len()),
        }
    }
    pub(super) fn scope(&self) -> Span {
        span_of(self.scopes.last().copied().unwrap_or_default())
    }
    /// Adds a payload (one reading of it), with the builders' arguments its resolution placed.
    pub(super) fn push(
        &mut self,
        root: Node<'s>,
        variant: Variant,
        call: Span,
        sent_with: Option<Call>,
    ) {
        let bound = self.bound.take();
        if let Some(index) = self.flow.push_variant(root, variant, call, sent_with) {
            self.flow.bind_arguments(index, bound);
        }
    }
    /// `name = {...}`: the dict is what `name` means in the current scope until `end`.
    pub(super) fn bind(&mut self, name: &str, end: usize, node: Node<'s>) {
        let scope = self.scope();
        self.flow.bind(Binding {
            name: name.to_string(),
            scope,
            end,
            node,
        });
    }
    /// `name = value`: a dict (or what a builder's call returns), a list of them, or a choice
    /// among several (`a if c else b`, `PLANS[plan]`) that `name` stands for from here on.
    fn bind_value(&mut self, name: &str, value: &Expr, range: TextRange) {
        let at = range.start().to_u32();
        let end = range.end().to_usize();
        let span = span_of(value.range());
        match value {
            Expr::Dict(_) | Expr::Call(_) => {
                let node = self.dict(value, at);
                // The builder's arguments are placed in the bound dict; a label for them is not
                // carried to where the name is sent.
                self.bound.borrow_mut().clear();
                match node {
                    Some(node) => self.bind(name, end, node),
                    None => self.unknown(name, end, span),
                }
            }
            Expr::List(_) | Expr::Tuple(_) => {
                let node = self.lower.node(value, 0);
                self.bind(name, end, node);
            }
            Expr::If(_) | Expr::Subscript(_) => {
                let variants = self.dict_variants(value, at);
                self.bound.borrow_mut().clear();
                // The name stands for each reading, and its own node (the base, which is
                // read when no reading is chosen) is an open dict: none of them in particular.
                self.unknown(name, end, span);
                if !variants.is_empty() {
                    self.flow.bind_variants(span, variants);
                }
            }
            _ => self.unknown(name, end, span),
        }
    }

    /// `name` holds a value not known from `end` on (whatever it held before is gone): an
    /// open dict, so that nothing is concluded from it.
    pub(super) fn unknown(&mut self, name: &str, end: usize, span: Span) {
        let node = Node {
            span,
            value: Value::Object(&[], Extent::Open),
        };
        self.bind(name, end, node);
    }

    /// Every name a target binds (`a, (b, *c) = …`, `for k, v in …`): unknown from `end` on.
    fn unknown_targets(&mut self, target: &Expr, end: usize) {
        match target {
            Expr::Name(name) => self.unknown(name.id.as_str(), end, span_of(name.range)),
            Expr::Tuple(tuple) => tuple.elts.iter().for_each(|t| self.unknown_targets(t, end)),
            Expr::List(list) => list.elts.iter().for_each(|t| self.unknown_targets(t, end)),
            Expr::Starred(starred) => self.unknown_targets(&starred.value, end),
            _ => {}
        }
    }
    /// `d["k"] = v`: recorded, and `d` is not counted as used.
    fn subscript_assignment(&mut self, target: &Expr, value: &Expr, at: u32) -> bool {
        let Expr::Subscript(subscript) = target else {
            return false;
        };
        let (Expr::Name(name), Expr::StringLiteral(key)) = (&*subscript.value, &*subscript.slice)
        else {
            return false;
        };
        self.flow.assign(Assigned {
            name: name.id.to_string(),
            at: at as usize,
            key: self.lower.alloc(key.value.to_str()),
            key_span: span_of(key.range),
            value: Some(self.lower.node(value, 0)),
        });
        true
    }
    /// `d.update({...})` / `d.update(k=v)`: each key recorded.
    fn update(&mut self, expr: &Expr) -> bool {
        let Expr::Call(call) = expr else { return false };
        let Expr::Attribute(method) = &*call.func else {
            return false;
        };
        let Expr::Name(name) = &*method.value else {
            return false;
        };
        if method.attr.as_str() != "update" || call.arguments.args.len() > 1 {
            return false;
        }
        let at = call.range().start().to_u32();
        let mut added = Vec::new();
        if let Some(Expr::Dict(dict)) = call.arguments.args.first() {
            match self.lower.dict(dict, 0) {
                Value::Object(members, Extent::Closed) => added.extend_from_slice(members),
                _ => return false,
            }
        } else if !call.arguments.args.is_empty() {
            return false;
        }
        if call.arguments.keywords.iter().any(|k| k.arg.is_none()) {
            return false;
        }
        let from_keywords = self.keywords(call, &call.arguments.keywords, KeywordCall::Dict);
        added.extend_from_slice(from_keywords.as_object().unwrap_or_default());
        for member in added {
            self.flow.assign(Assigned {
                name: name.id.to_string(),
                at: at as usize,
                key: member.key,
                key_span: member.key_span,
                value: Some(member.value),
            });
        }
        true
    }
}

fn is_params_type(annotation: &Expr) -> bool {
    let name = match annotation {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return false,
    };
    PARAMS_TYPES.contains(&name)
}

impl<'a> Visitor<'a> for Finder<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => {
                self.scopes.push(function.range);
                walk_stmt(self, stmt);
                self.scopes.pop();
                return;
            }
            Stmt::For(each) => {
                // The target is bound here, not used: it is not visited.
                self.visit_expr(&each.iter);
                self.unknown_targets(&each.target, each.target.range().end().to_usize());
                self.bind_loop(each);
                self.loops.push(each.range);
                self.visit_body(&each.body);
                self.loops.pop();
                self.visit_body(&each.orelse);
                return;
            }
            Stmt::Assign(assign) => {
                let at = assign.range.start().to_u32();
                if let [target] = assign.targets.as_slice()
                    && self.subscript_assignment(target, &assign.value, at)
                {
                    self.visit_expr(&assign.value);
                    return;
                }
                match assign.targets.as_slice() {
                    [Expr::Name(name)] => {
                        self.bind_value(name.id.as_str(), &assign.value, assign.range);
                    }
                    targets => {
                        for target in targets {
                            self.unknown_targets(target, assign.range.end().to_usize());
                        }
                    }
                }
                self.visit_expr(&assign.value);
                if let [target] = assign.targets.as_slice() {
                    self.bind_response(target, &assign.value, assign.range.end().to_u32());
                }
                return;
            }
            Stmt::AnnAssign(assign) => {
                if let (Expr::Name(name), Some(value)) = (&*assign.target, assign.value.as_deref())
                {
                    if let Expr::Dict(_) = value {
                        let node = self.lower.node(value, 0);
                        if is_params_type(&assign.annotation) {
                            self.push(node, BASE, node.span, None);
                        }
                        self.bind(name.id.as_str(), assign.range.end().to_usize(), node);
                    } else {
                        self.bind_value(name.id.as_str(), value, assign.range);
                    }
                }
                if let Some(value) = assign.value.as_deref() {
                    self.visit_expr(value);
                    self.bind_response(&assign.target, value, assign.range.end().to_u32());
                }
                return;
            }
            Stmt::AugAssign(assign) => {
                self.unknown_targets(&assign.target, assign.range.end().to_usize());
            }
            Stmt::With(with) => {
                for item in &with.items {
                    if let Some(target) = item.optional_vars.as_deref() {
                        self.unknown_targets(target, target.range().end().to_usize());
                    }
                }
            }
            Stmt::Expr(expr) if self.update(&expr.value) => {
                if let Expr::Call(call) = &*expr.value {
                    for argument in call.arguments.args.iter() {
                        self.visit_expr(argument);
                    }
                    for keyword in &call.arguments.keywords {
                        self.visit_expr(&keyword.value);
                    }
                }
                return;
            }
            _ => {}
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            // `(body := …)`.
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                self.unknown_targets(&named.target, named.range.end().to_usize());
                return;
            }
            Expr::Call(call) => {
                self.sdk_call(call);
                self.raw_post(call);
                // `getattr(session, "url", None)`.
                if let Expr::Name(func) = &*call.func
                    && func.id.as_str() == "getattr"
                    && let [object, Expr::StringLiteral(field), ..] = &*call.arguments.args
                {
                    self.read(object, field.value.to_str(), field.range);
                }
                // `f(**d)` reads `d`, and cannot change it: not a use that loses track of it.
                self.visit_expr(&call.func);
                for argument in &call.arguments.args {
                    self.visit_expr(argument);
                }
                for keyword in &call.arguments.keywords {
                    if keyword.arg.is_some() || !matches!(keyword.value, Expr::Name(_)) {
                        self.visit_expr(&keyword.value);
                    }
                }
                return;
            }
            // `{**d, …}` likewise.
            Expr::Dict(dict) => {
                for item in &dict.items {
                    if let Some(key) = &item.key {
                        self.visit_expr(key);
                    } else if matches!(item.value, Expr::Name(_)) {
                        continue;
                    }
                    self.visit_expr(&item.value);
                }
                return;
            }
            Expr::Attribute(attribute) => {
                // The call is visited first, so a read straight from its result
                // (`create(...).url`) finds its payload.
                walk_expr(self, expr);
                self.read(
                    &attribute.value,
                    attribute.attr.as_str(),
                    attribute.attr.range,
                );
                return;
            }
            Expr::Name(name) => {
                self.flow
                    .used(name.id.as_str(), name.range.start().to_usize());
            }
            Expr::BoolOp(chain) => {
                let arena = self.lower.arena;
                self.flow.chain(&fallbacks::chain_reads(chain), arena);
            }
            _ => {}
        }
        walk_expr(self, expr);
    }
}
