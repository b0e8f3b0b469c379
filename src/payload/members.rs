//! An object's members while a front-end builds it, and which entries of a map are payloads.

use std::collections::HashMap;

use super::flow::Variant;
use crate::tree::{Member, Node};

/// An object's members as they are set one after another: a key set again replaces the
/// earlier member and moves to the end, as assignment and `**` merging do, at a constant cost
/// per member.
#[derive(Default)]
pub(crate) struct Members<'s> {
    slots: Vec<Option<Member<'s>>>,
    /// The slots holding each key (more than one only for a literal that repeats a key).
    index: HashMap<&'s str, Vec<usize>>,
}

impl<'s> Members<'s> {
    /// A member as the literal wrote it: a repeated key stays repeated (`duplicate-key` reports
    /// it).
    pub(crate) fn keep(&mut self, member: Member<'s>) {
        self.index
            .entry(member.key)
            .or_default()
            .push(self.slots.len());
        self.slots.push(Some(member));
    }

    /// A member set over whatever the key held.
    pub(crate) fn set(&mut self, member: Member<'s>) {
        self.remove(member.key);
        self.keep(member);
    }

    pub(crate) fn remove(&mut self, key: &str) {
        for old in self.index.remove(key).unwrap_or_default() {
            if let Some(slot) = self.slots.get_mut(old) {
                *slot = None;
            }
        }
    }

    pub(crate) fn into_slice(self, arena: &'s bumpalo::Bump) -> &'s [Member<'s>] {
        let members: Vec<Member<'s>> = self.slots.into_iter().flatten().collect();
        arena.alloc_slice_fill_iter(members)
    }
}

/// The entries that are payloads: those with a cart when some have one. A map of plans with
/// a `meta: {…}` entry beside them is sent by plan; what the other entries lack is no finding.
pub(crate) fn payload_like<'s>(entries: Vec<(Variant, Node<'s>)>) -> Vec<(Variant, Node<'s>)> {
    if !entries
        .iter()
        .any(|(_, entry)| entry.get(super::CART_KEY).is_some())
    {
        return entries;
    }
    entries
        .into_iter()
        .filter(|(_, entry)| entry.get(super::CART_KEY).is_some())
        .collect()
}
