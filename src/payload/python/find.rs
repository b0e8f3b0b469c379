//! The second pass over a Python module: the payloads — keyword arguments of Dodo's
//! `checkout_sessions.create` / `.preview`, dicts annotated as the SDK's params, and `json=`
//! bodies of `requests`/`httpx` POSTs to `/checkouts` — each lowered to the payload tree,
//! following a name bound to a dict literal (or `dict(...)`) and the keys set on it before the
//! call.

use crate::payload::CART_KEY;
use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use std::cell::RefCell;
use std::collections::HashMap;

use ruff_python_ast::{Expr, ExprCall, ExprDict, Keyword, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use super::facts::Facts;
use super::fallbacks;
use super::lower::{Lowerer, span_of};
use super::returns::{is_dict_call, returned};
use super::urls::url_text;
use crate::payload::flow::{Assigned, BASE, Binding, Flow, Members, Variant, payload_like};
use crate::payload::neighbours::{Neighbours, Sending};
use crate::payload::{Bound, Call, ResponseRead};
use crate::span::Span;
use crate::tree::{Extent, Member, Node, Value};

/// Whose keyword arguments are read: `dict(a=1)`'s are all data; an SDK method's include the
/// SDK's own transport keywords.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeywordCall {
    Dict,
    SdkMethod,
}

/// The SDK's request types: a dict annotated as one is a payload.
const PARAMS_TYPES: &[&str] = &[
    "CheckoutSessionCreateParams",
    "CheckoutSessionPreviewParams",
];

/// Keywords of every SDK method that are transport, not payload.
const TRANSPORT: &[&str] = &["extra_headers", "extra_query", "timeout"];

/// The keyword whose dict the SDK merges into the body.
const EXTRA_BODY: &str = "extra_body";

/// `**x` inside `**x` (and builders inside builders) followed per payload.
const MAX_DICT_DEPTH: usize = 16;

pub(super) struct Finder<'f, 's> {
    facts: &'f Facts,
    pub(super) lower: &'f Lowerer<'s>,
    /// The module's top-level functions, by name (builders called in it).
    pub(super) functions: HashMap<&'f str, &'f StmtFunctionDef>,
    pub(super) neighbours: &'f Neighbours,
    /// Arguments of builders placed into the payload being resolved (see [`super::resolve`]).
    pub(super) bound: RefCell<Vec<Bound>>,
    /// The reading of one `**x` the keywords under way take (see [`Finder::readings`]).
    chosen: RefCell<Option<(Span, Node<'s>)>>,
    /// The `for` loops around the statement under way (a loop variable's entries are known
    /// inside its loop).
    pub(super) loops: Vec<TextRange>,
    scopes: Vec<TextRange>,
    pub(super) flow: Flow<'s>,
}

impl<'f, 's> Finder<'f, 's> {
    /// A finder over a module of `len` bytes.
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

    fn scope(&self) -> Span {
        span_of(self.scopes.last().copied().unwrap_or_default())
    }

    /// Adds a payload (one reading of it), with the builders' arguments its resolution placed.
    fn push(&mut self, root: Node<'s>, variant: Variant, call: Span, sent_with: Option<Call>) {
        let bound = self.bound.take();
        if let Some(index) = self.flow.push_variant(root, variant, call, sent_with) {
            self.flow.bind_arguments(index, bound);
        }
    }

    /// What other modules send of this one (the project stage says which): the dicts its
    /// builders return, its top-level dicts, and the entries of its maps of payloads — linted
    /// here, with the builders' parameters unknown.
    pub(super) fn sent_by_others(&mut self) {
        let mut sent: Vec<(&String, &Sending)> = self.neighbours.sent.iter().collect();
        sent.sort_by(|a, b| a.0.cmp(b.0));
        for (name, &sending) in sent {
            if let Some(function) = self.functions.get(name.as_str()).copied() {
                for returned in returned(&function.body) {
                    if let Some(dict) = self.dict(returned, returned.range().start().to_u32()) {
                        self.sent(dict, sending);
                    }
                }
                continue;
            }
            let Some(value) = self
                .flow
                .follow(name, self.lower.text.len(), self.lower.arena)
            else {
                continue;
            };
            if !sending.entries {
                self.sent(value, sending);
                continue;
            }
            let entries: Vec<(Variant, Node<'s>)> = match &value.value {
                Value::Object(members, _) => {
                    members.iter().map(|m| (BASE, m.value.clone())).collect()
                }
                Value::Array(items, _) => items.iter().map(|item| (BASE, item.clone())).collect(),
                _ => Vec::new(),
            };
            for (_, entry) in payload_like(entries) {
                if entry.as_object().is_some() {
                    self.sent(entry, sending);
                }
            }
        }
    }

    /// A builder's dict that another module sends (see [`crate::payload::neighbours`]):
    /// linted when that call is certainly Dodo's or the dict has a cart; open when the call
    /// adds keywords of its own.
    fn sent(&mut self, root: Node<'s>, sending: Sending) {
        if !(sending.certain || root.get(CART_KEY).is_some()) {
            return;
        }
        let root = match root.value {
            Value::Object(members, _) if !sending.whole => Node {
                span: root.span,
                value: Value::Object(members, Extent::Open),
            },
            _ => root,
        };
        let at = root.span;
        self.flow.push(root, at, None);
    }

    /// `name = {...}`: the dict is what `name` means in the current scope until `end`.
    fn bind(&mut self, name: &str, end: usize, node: Node<'s>) {
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
        match value {
            Expr::Dict(_) | Expr::Call(_) => {
                if let Some(node) = self.dict(value, at) {
                    // The builder's arguments are placed in the bound dict; a label for them
                    // is not carried to where the name is sent.
                    self.bound.borrow_mut().clear();
                    self.bind(name, end, node);
                }
            }
            Expr::List(_) | Expr::Tuple(_) => {
                let node = self.lower.node(value, 0);
                self.bind(name, end, node);
            }
            Expr::If(_) | Expr::Subscript(_) => {
                let variants = self.dict_variants(value, at);
                self.bound.borrow_mut().clear();
                if variants.is_empty() {
                    return;
                }
                // The name stands for each reading; the base is an open dict (not one of them).
                let base = Node {
                    span: span_of(value.range()),
                    value: Value::Object(&[], Extent::Open),
                };
                self.flow.bind_variants(base.span, variants);
                self.bind(name, end, base);
            }
            _ => {}
        }
    }

    /// A dict literal, `dict(k=v, ...)`, a name bound to one (see [`Flow::follow`]), or what a
    /// builder's call returns (see [`super::resolve`]).
    pub(super) fn dict(&self, expr: &Expr, at: u32) -> Option<Node<'s>> {
        self.dict_in(expr, at, 0)
    }

    /// [`Finder::dict`], `depth` builders deep.
    pub(super) fn dict_in(&self, expr: &Expr, at: u32, depth: usize) -> Option<Node<'s>> {
        if depth > MAX_DICT_DEPTH {
            return None;
        }
        match expr {
            // `{**BASE, "customer": …}`: the dicts it unpacks, where they can be seen.
            Expr::Dict(dict) if dict.items.iter().any(|item| item.key.is_none()) => {
                Some(self.merged(dict, at, depth))
            }
            Expr::Dict(_) => Some(self.lower.node(expr, 0)),
            Expr::Call(call) if is_dict_call(call) => {
                Some(self.keywords(call, &call.arguments.keywords, KeywordCall::Dict))
            }
            Expr::Call(call) => self.call_result(call, at, depth),
            // `PLANS["pro"]`: that entry of a dict of payloads.
            Expr::Subscript(subscript) => {
                let (Expr::Name(map), Expr::StringLiteral(key)) =
                    (&*subscript.value, &*subscript.slice)
                else {
                    return None;
                };
                let map = self
                    .flow
                    .follow(map.id.as_str(), at as usize, self.lower.arena)?;
                map.get(key.value.to_str())
                    .filter(|entry| entry.as_object().is_some())
                    .cloned()
            }
            Expr::Name(name) => self
                .flow
                .follow(name.id.as_str(), at as usize, self.lower.arena),
            _ => None,
        }
    }

    /// A dict literal with `**x` items: each `x` a dict that can be seen adds its members, in
    /// order (a later key replaces an earlier one); any other makes the dict open.
    fn merged(&self, dict: &ExprDict, at: u32, depth: usize) -> Node<'s> {
        let mut members = Members::default();
        let mut extent = Extent::Closed;
        for item in &dict.items {
            match &item.key {
                Some(Expr::StringLiteral(key)) => members.set(Member {
                    key: self.lower.alloc(key.value.to_str()),
                    key_span: span_of(key.range),
                    value: self.lower.node(&item.value, 0),
                }),
                Some(_) => extent = Extent::Open,
                None => match self.dict_in(&item.value, at, depth + 1) {
                    Some(node) => {
                        if node.is_open() {
                            extent = Extent::Open;
                        }
                        for member in node.as_object().unwrap_or_default() {
                            members.set(member.clone());
                        }
                    }
                    None => extent = Extent::Open,
                },
            }
        }
        Node {
            span: span_of(dict.range),
            value: Value::Object(members.into_slice(self.lower.arena), extent),
        }
    }

    /// An object of keyword arguments: each keyword a member, `**x` merged when `x` is a dict
    /// that can be seen, else the object is open. An SDK call leaves out the SDK's transport
    /// keywords and merges `extra_body`.
    fn keywords(&self, call: &ExprCall, keywords: &[Keyword], kind: KeywordCall) -> Node<'s> {
        let sdk = kind == KeywordCall::SdkMethod;
        let mut members = Members::default();
        let mut extent = Extent::Closed;
        let at = call.range().start().to_u32();
        let merge =
            |members: &mut Members<'s>, extent: &mut Extent, node: Option<Node<'s>>| match node {
                Some(node) => {
                    if node.is_open() {
                        *extent = Extent::Open;
                    }
                    for member in node.as_object().unwrap_or_default() {
                        members.set(member.clone());
                    }
                }
                None => *extent = Extent::Open,
            };
        for keyword in keywords {
            match &keyword.arg {
                Some(arg) if sdk && TRANSPORT.contains(&arg.as_str()) => {}
                Some(arg) if sdk && arg.as_str() == EXTRA_BODY => {
                    let body = self.dict(&keyword.value, at);
                    merge(&mut members, &mut extent, body);
                }
                Some(arg) => members.set(Member {
                    key: self.lower.alloc(arg.as_str()),
                    key_span: span_of(arg.range),
                    value: self.lower.node(&keyword.value, 0),
                }),
                None => {
                    let chosen = self.chosen.borrow().clone();
                    let splat = match chosen {
                        Some((span, node)) if span == span_of(keyword.value.range()) => Some(node),
                        _ => self.dict(&keyword.value, at),
                    };
                    merge(&mut members, &mut extent, splat);
                }
            }
        }
        Node {
            span: span_of(call.arguments.range),
            value: Value::Object(members.into_slice(self.lower.arena), extent),
        }
    }

    fn sdk_call(&mut self, call: &ExprCall) {
        let Expr::Attribute(method) = &*call.func else {
            return;
        };
        let Some(sent_with) = Call::of_method(method.attr.as_str()) else {
            return;
        };
        let Expr::Attribute(resource) = &*method.value else {
            return;
        };
        if resource.attr.as_str() != "checkout_sessions" {
            return;
        }
        // What an earlier resolution placed and nobody pushed is not this call's.
        self.bound.borrow_mut().clear();
        let readings = self.readings(call);
        let receiver = &*resource.value;
        let (last, first) = names(receiver);
        let certain = self.facts.is_client_expr(receiver);
        // A client imported from a module of the app counts when it is named for Dodo
        // (`from app.clients import dodo`): an ORM's `db.checkout_sessions.create(...)` in a
        // file that never imports the SDK is not Dodo's, even with a product_cart column.
        let imported_dodo = first.is_some_and(|name| self.facts.imported.contains(name))
            && [last, first]
                .into_iter()
                .flatten()
                .any(|name| name.to_ascii_lowercase().contains("dodo"));
        // One reading with a cart makes every reading of the call Dodo's.
        let looks_like_dodo = readings
            .iter()
            .any(|(_, root, _)| root.get(CART_KEY).is_some())
            && (self.facts.imports_sdk || imported_dodo);
        // An injected client (`self.client.checkout_sessions.create(...)` in a module that never
        // imports the SDK): the call is Dodo's when its keywords are a checkout session's, as a
        // JSON file is a payload when its keys are — no other SDK has this resource with these
        // parameters. A call with none of them stays silent.
        let written: Vec<&str> = call
            .arguments
            .keywords
            .iter()
            .filter_map(|keyword| keyword.arg.as_ref().map(|arg| arg.as_str()))
            .filter(|arg| !TRANSPORT.contains(arg) && *arg != EXTRA_BODY)
            .collect();
        let keywords_say_dodo = !written.is_empty()
            && !written.contains(&"data")
            && crate::payload::detect::keywords_are_a_sessions(written.iter().copied());
        if certain || looks_like_dodo || keywords_say_dodo {
            for (variant, root, bound) in readings {
                self.bound.replace(bound);
                self.push(root, variant, span_of(call.range()), Some(sent_with));
            }
        }
    }

    /// The payloads of an SDK call's keywords: one, or one per reading of the first `**x`
    /// that has several (see [`super::variants`]), each with the builders' arguments it
    /// placed.
    fn readings(&self, call: &ExprCall) -> Vec<(Variant, Node<'s>, Vec<Bound>)> {
        let at = call.range().start().to_u32();
        let split = call
            .arguments
            .keywords
            .iter()
            .filter(|keyword| keyword.arg.is_none())
            .find_map(|keyword| {
                let variants = self.dict_variants(&keyword.value, at);
                let several = variants.len() > 1 || variants.iter().any(|(v, _)| *v != BASE);
                several.then(|| (span_of(keyword.value.range()), variants))
            });
        let keywords = &call.arguments.keywords;
        let Some((splat, variants)) = split else {
            self.bound.borrow_mut().clear();
            let root = self.keywords(call, keywords, KeywordCall::SdkMethod);
            return vec![(BASE, root, self.bound.take())];
        };
        variants
            .into_iter()
            .map(|(variant, node)| {
                self.bound.borrow_mut().clear();
                self.chosen.replace(Some((splat, node)));
                let root = self.keywords(call, keywords, KeywordCall::SdkMethod);
                self.chosen.replace(None);
                (variant, root, self.bound.take())
            })
            .collect()
    }

    /// `requests.post(url, json=...)`, `httpx.post`, `client.post` and `session.post` to
    /// Dodo's `/checkouts`.
    fn raw_post(&mut self, call: &ExprCall) {
        let Expr::Attribute(method) = &*call.func else {
            return;
        };
        if method.attr.as_str() != "post" {
            return;
        }
        let url = call.arguments.args.first().or_else(|| keyword(call, "url"));
        let (Some(url), Some(body)) = (url, keyword(call, "json")) else {
            return;
        };
        let Some(url) = url_text(url, &self.facts.strings).filter(|u| u.is_dodo_checkouts()) else {
            return;
        };
        self.bound.borrow_mut().clear();
        for (_, root) in self.dict_variants(body, call.range().start().to_u32()) {
            self.bound.borrow_mut().clear();
            self.flow
                .push_post(root, span_of(call.range()), url.host().cloned());
        }
    }

    /// After `name = [await] client.checkout_sessions.create(...)`: reads of `name` are reads
    /// of the response.
    fn bind_response(&mut self, target: &Expr, value: &Expr, end: u32) {
        let value = match value {
            Expr::Await(awaited) => &*awaited.value,
            other => other,
        };
        let (Expr::Call(call), Expr::Name(name)) = (value, target) else {
            return;
        };
        let Some(index) = self.flow.sdk_payload_at(span_of(call.range())) else {
            return;
        };
        let scope = self.scope();
        self.flow
            .bind_response(name.id.as_str(), scope, end as usize, index);
    }

    fn read(&mut self, object: &Expr, field: &str, range: TextRange) {
        let read = ResponseRead {
            field: self.lower.alloc(field),
            span: span_of(range),
            beside: &[],
        };
        match object {
            Expr::Name(name) => self.flow.read(name.id.as_str(), read),
            Expr::Call(call) => {
                if let Some(index) = self.flow.sdk_payload_at(span_of(call.range())) {
                    self.flow.read_of(index, read);
                }
            }
            // `(await client.checkout_sessions.create(...)).url`
            Expr::Await(awaited) => {
                if let Expr::Call(call) = &*awaited.value
                    && let Some(index) = self.flow.sdk_payload_at(span_of(call.range()))
                {
                    self.flow.read_of(index, read);
                }
            }
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

fn keyword<'c>(call: &'c ExprCall, name: &str) -> Option<&'c Expr> {
    call.arguments
        .keywords
        .iter()
        .find(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == name))
        .map(|k| &k.value)
}

/// The last and first names of a receiver: `self.dodo` → (dodo, self), `get_client()` →
/// (get_client, get_client).
fn names(expr: &Expr) -> (Option<&str>, Option<&str>) {
    match expr {
        Expr::Name(name) => (Some(name.id.as_str()), Some(name.id.as_str())),
        Expr::Attribute(attribute) => (Some(attribute.attr.as_str()), names(&attribute.value).1),
        Expr::Call(call) => names(&call.func),
        Expr::Await(awaited) => names(&awaited.value),
        _ => (None, None),
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
                if let [Expr::Name(name)] = assign.targets.as_slice() {
                    self.bind_value(name.id.as_str(), &assign.value, assign.range);
                }
                self.visit_expr(&assign.value);
                if let [target] = assign.targets.as_slice() {
                    self.bind_response(target, &assign.value, assign.range.end().to_u32());
                }
                return;
            }
            Stmt::AnnAssign(assign) => {
                if let (Expr::Name(name), Some(value)) = (&*assign.target, assign.value.as_deref())
                    && let Expr::Dict(_) = value
                {
                    let node = self.lower.node(value, 0);
                    if is_params_type(&assign.annotation) {
                        self.push(node.clone(), BASE, node.span, None);
                    }
                    self.bind(name.id.as_str(), assign.range.end().to_usize(), node);
                }
                if let Some(value) = assign.value.as_deref() {
                    self.visit_expr(value);
                    self.bind_response(&assign.target, value, assign.range.end().to_u32());
                }
                return;
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
