//! Lenient reading of tree nodes into typed [`Field`]s.

use std::collections::HashSet;

use super::{Field, Spanned};
use crate::span::Span;
use crate::tree::Node;

/// Reads typed values: `null`, wrong types and schema failures read as absent; values that are
/// not known statically, and keys a spread may hold, read as unknown.
pub(crate) struct Reader<'f> {
    failed: &'f HashSet<Span>,
}

impl<'f> Reader<'f> {
    pub(crate) fn new(failed: &'f HashSet<Span>) -> Self {
        Self { failed }
    }

    /// What the node is to the model: unknown, absent (`null`, failed the schema), known in
    /// part (an open container), or known.
    pub(crate) fn usable<'a, 's>(&self, node: &'a Node<'s>) -> Field<&'a Node<'s>> {
        if node.is_unknown() {
            Field::Unknown(node.span)
        } else if node.is_null() || self.failed.contains(&node.span) {
            Field::Absent
        } else {
            Field::Known(node).partial_if(node.is_open())
        }
    }

    /// The member `key` of an object node; unknown when it is missing from an open object.
    pub(crate) fn member<'a, 's>(&self, object: &'a Node<'s>, key: &str) -> Field<&'a Node<'s>> {
        match object.get(key) {
            Some(value) => self.usable(value),
            None if object.is_open() => Field::Unknown(object.span),
            None => Field::Absent,
        }
    }

    pub(crate) fn object<'a, 's>(&self, node: &'a Node<'s>) -> Field<&'a Node<'s>> {
        self.usable(node)
            .and_then(|n| Field::from(n.as_object().map(|_| n)))
    }

    pub(crate) fn str<'a>(&self, node: &'a Node<'_>) -> Field<Spanned<&'a str>> {
        self.usable(node).and_then(|n| {
            Field::from(n.as_str().map(|value| Spanned {
                value,
                span: n.span,
            }))
        })
    }

    pub(crate) fn bool(&self, node: &Node<'_>) -> Field<Spanned<bool>> {
        self.usable(node).and_then(|n| {
            Field::from(n.as_bool().map(|value| Spanned {
                value,
                span: n.span,
            }))
        })
    }

    pub(crate) fn i64(&self, node: &Node<'_>) -> Field<Spanned<i64>> {
        self.usable(node).and_then(|n| {
            Field::from(n.as_i64().map(|value| Spanned {
                value,
                span: n.span,
            }))
        })
    }

    pub(crate) fn str_field<'a>(&self, object: &'a Node<'_>, key: &str) -> Field<Spanned<&'a str>> {
        self.member(object, key).and_then(|node| self.str(node))
    }

    pub(crate) fn bool_field(&self, object: &Node<'_>, key: &str) -> Field<Spanned<bool>> {
        self.member(object, key).and_then(|node| self.bool(node))
    }

    pub(crate) fn i64_field(&self, object: &Node<'_>, key: &str) -> Field<Spanned<i64>> {
        self.member(object, key).and_then(|node| self.i64(node))
    }

    /// An array field whose items are read with `item` (see [`Reader::array`]).
    pub(crate) fn array_of<'a, 's, T>(
        &self,
        object: &'a Node<'s>,
        key: &str,
        item: impl FnMut(&'a Node<'s>) -> Field<T>,
    ) -> Field<Spanned<Vec<T>>> {
        self.member(object, key)
            .and_then(|node| self.array(node, item))
    }

    /// An array whose seen items are read with `item`; unreadable items are skipped. The list is
    /// partial when the array is open or an item is not known.
    pub(crate) fn array<'a, 's, T>(
        &self,
        node: &'a Node<'s>,
        mut item: impl FnMut(&'a Node<'s>) -> Field<T>,
    ) -> Field<Spanned<Vec<T>>> {
        self.usable(node).and_then(|node| {
            let Some(items) = node.as_array() else {
                return Field::Absent;
            };
            let mut partial = node.is_open();
            // Sized up front: nearly every item is readable, so this is one exact allocation.
            let mut value = Vec::with_capacity(items.len());
            for field in items.iter().map(&mut item) {
                match field {
                    Field::Known(read) => value.push(read),
                    Field::Partial(read) => value.push(read),
                    Field::Unknown(_) => partial = true,
                    Field::Absent => {}
                }
            }
            if value.len() < value.capacity() {
                value.shrink_to_fit();
            }
            Field::Known(Spanned {
                value,
                span: node.span,
            })
            .partial_if(partial)
        })
    }
}
