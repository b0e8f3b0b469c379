//! What other modules send of this one, as the project stage says: the dicts its builders
//! return, its top-level dicts, each entry of its maps of payloads — linted here.

use ruff_text_size::Ranged;

use super::find::Finder;
use super::returns::returned;
use crate::payload::CART_KEY;
use crate::payload::flow::{BASE, Variant, payload_like};
use crate::payload::neighbours::Sending;
use crate::tree::{Extent, Node, Value};

impl<'s> Finder<'_, 's> {
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
                Value::Object(members, _) => members.iter().map(|m| (BASE, m.value)).collect(),
                Value::Array(items, _) => items.iter().map(|item| (BASE, *item)).collect(),
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
    pub(super) fn sent(&mut self, root: Node<'s>, sending: Sending) {
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
}
