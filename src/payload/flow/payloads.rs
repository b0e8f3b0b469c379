//! The payloads a finder pass records: each literal once per call that sends it, a variant of
//! a literal as a payload of its own (within [`MAX_VARIANT_PAYLOADS`]), and where a raw request
//! posts one.

use super::{BASE, Flow, MAX_VARIANT_PAYLOADS, Variant};
use crate::payload::{Call, Payload, UrlHost};
use crate::span::Span;
use crate::tree::Node;

impl<'s> Flow<'s> {
    /// Adds a payload. The same literal found twice at one call is one payload; a literal typed
    /// as the SDK's params and then passed to the SDK call is one payload too: the call's
    /// reading, which has the members assigned since and knows the call, replaces the typed
    /// one. The same literal sent by two calls (a helper's, called twice) is two payloads:
    /// each has its own arguments and members, and a finding they share is reported once.
    pub(crate) fn push(
        &mut self,
        root: Node<'s>,
        call: Span,
        sent_with: Option<Call>,
    ) -> Option<usize> {
        self.push_variant(root, BASE, call, sent_with)
    }

    /// [`Flow::push`] for one variant of a literal: each variant is a payload of its own.
    pub(crate) fn push_variant(
        &mut self,
        root: Node<'s>,
        variant: Variant,
        call: Span,
        sent_with: Option<Call>,
    ) -> Option<usize> {
        root.as_object()?;
        if variant != BASE {
            if self.variant_payloads >= MAX_VARIANT_PAYLOADS {
                return None;
            }
            self.variant_payloads += 1;
        }
        let payload = Payload {
            root,
            call,
            sent_with,
            reads: Vec::new(),
            posted_to: None,
            bound: Vec::new(),
            adapter: None,
        };
        let key = (payload.root.span, variant);
        let earlier = self
            .by_root
            .get(&key)
            .and_then(|&index| Some((index, self.payloads.get(index)?)));
        let index = match earlier {
            Some((_, earlier)) if earlier.call == call => return None,
            // Typed first (found at its own span), sent after.
            Some((index, earlier)) if earlier.call == earlier.root.span && sent_with.is_some() => {
                self.payloads[index] = payload;
                index
            }
            Some(_) if call == payload.root.span => return None,
            _ => {
                self.by_root.insert(key, self.payloads.len());
                self.payloads.push(payload);
                self.payloads.len() - 1
            }
        };
        if sent_with.is_some() {
            self.by_call.insert(call, index);
        }
        Some(index)
    }

    /// The arguments of helpers' calls that payload `index` holds, with where each is placed.
    pub(crate) fn bind_arguments(&mut self, index: usize, bound: Vec<crate::payload::Bound>) {
        if let Some(payload) = self.payloads.get_mut(index) {
            payload.bound = bound;
        }
    }

    /// A payload a raw request posts to the URL whose host is `host`.
    pub(crate) fn push_post(&mut self, root: Node<'s>, call: Span, host: Option<UrlHost>) {
        let at = root.span;
        self.push(root, call, None);
        if let Some(&index) = self.by_root.get(&(at, BASE))
            && let Some(payload) = self.payloads.get_mut(index)
        {
            payload.posted_to = host;
        }
    }

    /// The SDK-call payload found at `call`, if any.
    pub(crate) fn sdk_payload_at(&self, call: Span) -> Option<usize> {
        self.by_call.get(&call).copied()
    }
}
