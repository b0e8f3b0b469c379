//! What both source front-ends follow, in host-neutral terms: object literals bound to names,
//! members set on them before a call, every other use of those names, the results of SDK calls
//! bound to names — and the payloads found, each once.

use std::collections::HashSet;

use super::{Call, Payload, ResponseRead};
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

/// `name = await client.checkout…create(...)`: reads of `name.x` are reads of the response.
struct ResponseBinding {
    name: String,
    scope: Span,
    from: usize,
    payload: usize,
}

/// The file's bindings and payloads, as one finder pass records them in source order.
#[derive(Default)]
pub(crate) struct Flow<'s> {
    bindings: Vec<Binding<'s>>,
    assigned: Vec<Assigned<'s>>,
    /// Every other reference to a name: a binding used there may be changed in ways that
    /// cannot be followed.
    uses: Vec<(String, usize)>,
    responses: Vec<ResponseBinding>,
    pub(crate) payloads: Vec<Payload<'s>>,
    seen: HashSet<Span>,
}

fn visible(scope: Span, at: usize) -> bool {
    scope.start() <= at && at <= scope.end()
}

impl<'s> Flow<'s> {
    pub(crate) fn bind(&mut self, binding: Binding<'s>) {
        self.bindings.push(binding);
    }

    pub(crate) fn assign(&mut self, assigned: Assigned<'s>) {
        self.assigned.push(assigned);
    }

    pub(crate) fn used(&mut self, name: &str, at: usize) {
        self.uses.push((name.to_string(), at));
    }

    /// The object `name` stands for at `at`: the nearest binding before it in a scope around
    /// it, with the members assigned since (an assignment replaces a member, so it is never a
    /// duplicate key). Open all the way down when the name was used in between.
    pub(crate) fn follow(
        &self,
        name: &str,
        at: usize,
        arena: &'s bumpalo::Bump,
    ) -> Option<Node<'s>> {
        let binding = self
            .bindings
            .iter()
            .rev()
            .find(|b| b.name == name && b.end <= at && visible(b.scope, at))?;
        let mut members: Vec<Member<'s>> = binding.node.as_object()?.to_vec();
        for assigned in self
            .assigned
            .iter()
            .filter(|a| a.name == name && binding.end <= a.at && a.at < at)
        {
            members.retain(|m| m.key != assigned.key);
            if let Some(value) = &assigned.value {
                members.push(Member {
                    key: assigned.key,
                    key_span: assigned.key_span,
                    value: value.clone(),
                });
            }
        }
        let escaped = self
            .uses
            .iter()
            .any(|(used, pos)| used == name && binding.end <= *pos && *pos < at);
        let extent = match &binding.node.value {
            Value::Object(_, extent) => *extent,
            _ => Extent::Closed,
        };
        let node = Node {
            span: binding.node.span,
            value: Value::Object(arena.alloc_slice_fill_iter(members), extent),
        };
        Some(if escaped {
            open_deep(arena, &node)
        } else {
            node
        })
    }

    /// Adds a payload. The same literal found twice (typed as the SDK's params, then passed
    /// to the SDK call) is one payload: the call's reading, which has the members assigned
    /// since and knows the call, replaces the earlier one.
    pub(crate) fn push(&mut self, root: Node<'s>, call: Span, sent_with: Option<Call>) {
        if root.as_object().is_none() {
            return;
        }
        let payload = Payload {
            root,
            call,
            sent_with,
            reads: Vec::new(),
        };
        if self.seen.insert(payload.root.span) {
            self.payloads.push(payload);
        } else if sent_with.is_some()
            && let Some(earlier) = self
                .payloads
                .iter_mut()
                .find(|p| p.root.span == payload.root.span && p.sent_with.is_none())
        {
            *earlier = payload;
        }
    }

    /// The SDK-call payload found at `call`, if any.
    pub(crate) fn sdk_payload_at(&self, call: Span) -> Option<usize> {
        self.payloads
            .iter()
            .rposition(|p| p.call == call && p.sent_with.is_some())
    }

    /// `name` holds the result of payload `payload`'s call from `from` on, in `scope`.
    pub(crate) fn bind_response(&mut self, name: &str, scope: Span, from: usize, payload: usize) {
        self.responses.push(ResponseBinding {
            name: name.to_string(),
            scope,
            from,
            payload,
        });
    }

    /// A field read on `name` at `read.span`: recorded when `name` holds a response there.
    pub(crate) fn read(&mut self, name: &str, read: ResponseRead<'s>) {
        let at = read.span.start();
        let payload = self
            .responses
            .iter()
            .rev()
            .find(|b| b.name == name && b.from <= at && visible(b.scope, at))
            .map(|b| b.payload);
        if let Some(payload) = payload.and_then(|index| self.payloads.get_mut(index)) {
            payload.reads.push(read);
        }
    }

    /// A field read straight from payload `index`'s result (`const { url } = await …`).
    #[cfg(feature = "js")]
    pub(crate) fn read_of(&mut self, index: usize, read: ResponseRead<'s>) {
        if let Some(payload) = self.payloads.get_mut(index) {
            payload.reads.push(read);
        }
    }
}

/// The node with every container open: code that cannot be followed may add to any of them.
pub(crate) fn open_deep<'s>(arena: &'s bumpalo::Bump, node: &Node<'s>) -> Node<'s> {
    let value = match &node.value {
        Value::Object(members, _) => Value::Object(
            arena.alloc_slice_fill_iter(members.iter().map(|m| Member {
                key: m.key,
                key_span: m.key_span,
                value: open_deep(arena, &m.value),
            })),
            Extent::Open,
        ),
        Value::Array(items, _) => Value::Array(
            arena.alloc_slice_fill_iter(items.iter().map(|item| open_deep(arena, item))),
            Extent::Open,
        ),
        other => other.clone(),
    };
    Node {
        span: node.span,
        value,
    }
}
