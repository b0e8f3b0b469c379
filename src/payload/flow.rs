//! What both source front-ends follow, in host-neutral terms: object literals bound to names,
//! members set on them before a call, every other use of those names, the results of SDK calls
//! bound to names — and the payloads found, each once.

pub(crate) use super::members::{Members, payload_like};
mod payloads;

use std::cell::Cell;
use std::collections::HashMap;

use super::Payload;
use crate::span::Span;
use crate::tree::{Extent, Member, Node, Value};

/// A name bound to an object literal (a JS object, a Python dict).
pub(crate) struct Binding<'s> {
    pub(crate) name: String,
    /// The block or function the name is visible in.
    pub(crate) scope: Span,
    /// Where the binding ends: uses and assignments count from here.
    pub(crate) end: usize,
    pub(crate) node: Node<'s>,
}

/// `name.key = value`, `name["key"] = value`, a key of `name.update(...)`; `None` when the
/// value is `undefined` (the member is removed).
pub(crate) struct Assigned<'s> {
    pub(crate) name: String,
    pub(crate) at: usize,
    pub(crate) key: &'s str,
    pub(crate) key_span: Span,
    pub(crate) value: Option<Node<'s>>,
}

/// Which reading of a literal a payload is: [`BASE`] for the literal as the source writes it
/// (alternatives unknown), other values for one choice among its alternatives or one entry of a
/// map. Payloads of one literal are told apart by it.
pub(crate) type Variant = u32;

/// The reading of a literal with its alternatives left unknown.
pub(crate) const BASE: Variant = 0;

/// A name bound to each of `entries` in turn, in `scope` from `from` on.
#[cfg_attr(not(any(feature = "js", feature = "python")), allow(dead_code))]
pub(crate) struct Each<'s> {
    pub(crate) scope: Span,
    pub(crate) from: usize,
    pub(crate) entries: Vec<(Variant, Node<'s>)>,
}

/// An operand of a `??` / `||` (Python `or`) chain that reads `name.field`.
pub(crate) struct ChainRead<'n> {
    pub(crate) name: &'n str,
    pub(crate) field: &'n str,
    /// The field's name as written (where the read is reported).
    pub(crate) span: Span,
}

/// `name = await client.checkout…create(...)`: reads of `name.x` are reads of the response.
pub(super) struct ResponseBinding {
    pub(super) scope: Span,
    pub(super) from: usize,
    pub(super) payload: usize,
}

/// Work allowed per byte of the file, on top of [`BASE_BUDGET`]: following a name copies the
/// members assigned to it, so a file that assigns a member and sends the object thousands of
/// times would otherwise cost the square of its length. Past the budget, names are no longer
/// followed (their payloads are not known, so nothing is said of them).
const BUDGET_PER_BYTE: usize = 1;
const BASE_BUDGET: usize = 1 << 16;

/// Payloads a file may add for readings of its literals other than the base (branches of
/// conditions, entries of maps): past it they are left out, which loses findings but never
/// makes one up, and keeps a file of thousands of map spreads from being linted 64 times over.
const MAX_VARIANT_PAYLOADS: usize = 2048;

/// The file's bindings and payloads, as one finder pass records them in source order. Every
/// list is kept per name, so a lookup costs what that name has, not what the file has.
pub(crate) struct Flow<'s> {
    bindings: HashMap<String, Vec<Binding<'s>>>,
    /// Per name, in source order.
    assigned: HashMap<String, Vec<Assigned<'s>>>,
    /// Every other reference to a name, in source order: a binding used there may be changed
    /// in ways that cannot be followed.
    uses: HashMap<String, Vec<usize>>,
    pub(super) responses: HashMap<String, Vec<ResponseBinding>>,
    /// Names bound to what wraps an answer (`fetch`'s `Response`, axios's response): their
    /// fields are not the answer's, their `json()` or `data` is.
    pub(super) wrappers: HashMap<String, Vec<ResponseBinding>>,
    /// By a read's start: the other fields its `??` / `||` chain reads from the same name.
    pub(super) beside: HashMap<usize, &'s [&'s str]>,
    pub(crate) payloads: Vec<Payload<'s>>,
    /// Payload index by root span and variant (see [`Variant`]), and SDK-call payload index
    /// by call span.
    by_root: HashMap<(Span, Variant), usize>,
    /// The variants of an object or array literal bound to a name, by the literal's span,
    /// when it has alternatives (`c ? {a} : {b}`); the binding's own node is the base.
    #[cfg_attr(not(any(feature = "js", feature = "python")), allow(dead_code))]
    variants: HashMap<Span, Vec<(Variant, Node<'s>)>>,
    /// Names bound to each of several values in turn (`p` of `for (const p of PLANS)`), by
    /// name and the loop's scope.
    #[cfg_attr(not(any(feature = "js", feature = "python")), allow(dead_code))]
    each: HashMap<(String, Span), Each<'s>>,
    /// Payloads added for readings of a literal other than its base, bounded by
    /// [`MAX_VARIANT_PAYLOADS`].
    variant_payloads: usize,
    by_call: HashMap<Span, usize>,
    budget: Cell<usize>,
}

pub(super) fn visible(scope: Span, at: usize) -> bool {
    scope.start() <= at && at <= scope.end()
}

/// Pushes `item` keeping `list` sorted by `key` (finders visit in source order, so this is
/// nearly always a push).
pub(super) fn insert_sorted<T>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> usize) {
    let at = key(&item);
    let index = if list.last().is_none_or(|last| key(last) <= at) {
        list.len()
    } else {
        list.partition_point(|other| key(other) <= at)
    };
    list.insert(index, item);
}

impl<'s> Flow<'s> {
    /// The bookkeeping of a file of `len` bytes (the budget scales with it).
    pub(crate) fn new(len: usize) -> Self {
        Self {
            bindings: HashMap::new(),
            assigned: HashMap::new(),
            uses: HashMap::new(),
            responses: HashMap::new(),
            wrappers: HashMap::new(),
            beside: HashMap::new(),
            payloads: Vec::new(),
            by_root: HashMap::new(),
            variants: HashMap::new(),
            each: HashMap::new(),
            variant_payloads: 0,
            by_call: HashMap::new(),
            budget: Cell::new(
                len.saturating_mul(BUDGET_PER_BYTE)
                    .saturating_add(BASE_BUDGET),
            ),
        }
    }

    /// Spends `cost` units of work; false (and nothing spent) when the budget is gone.
    /// Spends `cost` of the file's budget; false (and nothing left) when it is spent.
    pub(crate) fn spend(&self, cost: usize) -> bool {
        let left = self.budget.get();
        if cost > left {
            self.budget.set(0);
            return false;
        }
        self.budget.set(left - cost);
        true
    }

    pub(crate) fn bind(&mut self, binding: Binding<'s>) {
        let list = self.bindings.entry(binding.name.clone()).or_default();
        insert_sorted(list, binding, |b| b.end);
    }

    pub(crate) fn assign(&mut self, assigned: Assigned<'s>) {
        let list = self.assigned.entry(assigned.name.clone()).or_default();
        insert_sorted(list, assigned, |a| a.at);
    }

    pub(crate) fn used(&mut self, name: &str, at: usize) {
        match self.uses.get_mut(name) {
            Some(list) => insert_sorted(list, at, |&pos| pos),
            None => {
                self.uses.insert(name.to_string(), vec![at]);
            }
        }
    }

    /// The object `name` stands for at `at`: the nearest binding before it in a scope around
    /// it, with the members assigned since (an assignment replaces a member, so it is never a
    /// duplicate key). Open all the way down when the name was used in between. `None` when
    /// nothing is known, or the file's budget is spent.
    pub(crate) fn follow(
        &self,
        name: &str,
        at: usize,
        arena: &'s bumpalo::Bump,
    ) -> Option<Node<'s>> {
        let binding = self.binding_at(name, at)?;
        self.rebuild(binding, &binding.node, at, arena)
    }

    /// [`Flow::follow`] for every variant of the bound literal (its base alone when it has
    /// no alternatives); empty when nothing is known.
    #[cfg_attr(not(any(feature = "js", feature = "python")), allow(dead_code))]
    pub(crate) fn follow_variants(
        &self,
        name: &str,
        at: usize,
        arena: &'s bumpalo::Bump,
    ) -> Vec<(Variant, Node<'s>)> {
        let Some(binding) = self.binding_at(name, at) else {
            return Vec::new();
        };
        match self.variants.get(&binding.node.span) {
            Some(variants) => variants
                .iter()
                .filter_map(|(variant, node)| {
                    Some((*variant, self.rebuild(binding, node, at, arena)?))
                })
                .collect(),
            None => self
                .rebuild(binding, &binding.node, at, arena)
                .map(|node| (BASE, node))
                .into_iter()
                .collect(),
        }
    }

    /// The nearest binding of `name` before `at` in a scope around it.
    fn binding_at(&self, name: &str, at: usize) -> Option<&Binding<'s>> {
        let candidates = self.bindings.get(name)?;
        let before = candidates.partition_point(|b| b.end <= at);
        for candidate in candidates[..before].iter().rev() {
            if !self.spend(1) {
                return None;
            }
            if visible(candidate.scope, at) {
                return Some(candidate);
            }
        }
        None
    }

    /// `node` (the binding's literal, or one variant of it) as it is at `at`: with the members
    /// assigned to the name since, open all the way down when the name was used in between.
    fn rebuild(
        &self,
        binding: &Binding<'s>,
        node: &Node<'s>,
        at: usize,
        arena: &'s bumpalo::Bump,
    ) -> Option<Node<'s>> {
        let name = binding.name.as_str();
        let escaped = self.used_between(name, binding.end, at);
        let Some(own) = node.as_object() else {
            // A list: nothing is assigned to it by key.
            node.as_array()?;
            return if escaped {
                self.open_deep(arena, node)
            } else {
                Some(*node)
            };
        };
        let assigned = self.assigned.get(name).map_or(&[][..], |list| {
            let from = list.partition_point(|a| a.at < binding.end);
            let to = list.partition_point(|a| a.at < at);
            &list[from..to.max(from)]
        });
        if !self.spend(own.len() + assigned.len()) {
            return None;
        }
        let mut members = Members::default();
        for member in own {
            members.keep(*member);
        }
        for assigned in assigned {
            match &assigned.value {
                Some(value) => members.set(Member {
                    key: assigned.key,
                    key_span: assigned.key_span,
                    value: *value,
                }),
                None => members.remove(assigned.key),
            }
        }
        let extent = match &node.value {
            Value::Object(_, extent) => *extent,
            _ => Extent::Closed,
        };
        let node = Node {
            span: node.span,
            value: Value::Object(members.into_slice(arena), extent),
        };
        if !escaped {
            return Some(node);
        }
        self.open_deep(arena, &node)
    }

    /// True when `name` is referenced after `from` and before `at`.
    fn used_between(&self, name: &str, from: usize, at: usize) -> bool {
        self.uses.get(name).is_some_and(|uses| {
            let first = uses.partition_point(|&pos| pos < from);
            uses.get(first).is_some_and(|&pos| pos < at)
        })
    }

    /// The variants of the literal at `span` (see [`Flow::follow_variants`]).
    #[cfg_attr(not(any(feature = "js", feature = "python")), allow(dead_code))]
    pub(crate) fn bind_variants(&mut self, span: Span, variants: Vec<(Variant, Node<'s>)>) {
        self.variants.insert(span, variants);
    }

    /// `name` stands for each of `each.entries` in turn in `each.scope` (a loop variable).
    #[cfg_attr(not(any(feature = "js", feature = "python")), allow(dead_code))]
    pub(crate) fn bind_each(&mut self, name: &str, each: Each<'s>) {
        self.each.insert((name.to_string(), each.scope), each);
    }

    /// The values the loop variable `name` of the loop at `scope` stands for at `at`, when it
    /// is declared after any object bound to the same name; open all the way down when the
    /// name was used in between. `None` when that loop binds no such variable.
    #[cfg_attr(not(any(feature = "js", feature = "python")), allow(dead_code))]
    pub(crate) fn each_at(
        &self,
        name: &str,
        scope: Span,
        at: usize,
        arena: &'s bumpalo::Bump,
    ) -> Option<Vec<(Variant, Node<'s>)>> {
        let each = self.each.get(&(name.to_string(), scope))?;
        if !visible(each.scope, at) || each.from > at {
            return None;
        }
        if self
            .binding_at(name, at)
            .is_some_and(|binding| binding.end > each.from)
        {
            return None;
        }
        if !self.spend(each.entries.len()) {
            return None;
        }
        if !self.used_between(name, each.from, at) {
            return Some(each.entries.clone());
        }
        each.entries
            .iter()
            .map(|(variant, node)| Some((*variant, self.open_deep(arena, node)?)))
            .collect()
    }

    /// `node` with every container in it open: code that cannot be followed may add to any
    /// of them. A node costs one unit of the file's budget.
    pub(crate) fn open_deep(&self, arena: &'s bumpalo::Bump, node: &Node<'s>) -> Option<Node<'s>> {
        if !self.spend(1) {
            return None;
        }
        let value = match &node.value {
            Value::Object(members, _) => {
                let mut opened = Vec::with_capacity(members.len());
                for member in *members {
                    opened.push(Member {
                        key: member.key,
                        key_span: member.key_span,
                        value: self.open_deep(arena, &member.value)?,
                    });
                }
                Value::Object(arena.alloc_slice_fill_iter(opened), Extent::Open)
            }
            Value::Array(items, _) => {
                let mut opened = Vec::with_capacity(items.len());
                for item in *items {
                    opened.push(self.open_deep(arena, item)?);
                }
                Value::Array(arena.alloc_slice_fill_iter(opened), Extent::Open)
            }
            other => *other,
        };
        Some(Node {
            span: node.span,
            value,
        })
    }
}
