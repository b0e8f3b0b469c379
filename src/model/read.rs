//! Lenient reading of tree nodes into typed values.

use std::collections::HashSet;

use super::Spanned;
use crate::span::Span;
use crate::tree::Node;

/// Reads typed values, treating `null`, wrong types and schema failures as absent.
pub(crate) struct Reader<'f> {
    failed: &'f HashSet<Span>,
}

impl<'f> Reader<'f> {
    pub(crate) fn new(failed: &'f HashSet<Span>) -> Self {
        Self { failed }
    }

    /// The node, unless it is `null` or failed the schema.
    pub(crate) fn usable<'a, 's>(&self, node: &'a Node<'s>) -> Option<&'a Node<'s>> {
        (!node.is_null() && !self.failed.contains(&node.span)).then_some(node)
    }

    pub(crate) fn object<'a, 's>(&self, node: &'a Node<'s>) -> Option<&'a Node<'s>> {
        self.usable(node).filter(|n| n.as_object().is_some())
    }

    pub(crate) fn str<'a>(&self, node: &'a Node<'_>) -> Option<Spanned<&'a str>> {
        let node = self.usable(node)?;
        Some(Spanned {
            value: node.as_str()?,
            span: node.span,
        })
    }

    pub(crate) fn bool(&self, node: &Node<'_>) -> Option<Spanned<bool>> {
        let node = self.usable(node)?;
        Some(Spanned {
            value: node.as_bool()?,
            span: node.span,
        })
    }

    pub(crate) fn i64(&self, node: &Node<'_>) -> Option<Spanned<i64>> {
        let node = self.usable(node)?;
        Some(Spanned {
            value: node.as_i64()?,
            span: node.span,
        })
    }

    pub(crate) fn str_field<'a>(
        &self,
        object: &'a Node<'_>,
        key: &str,
    ) -> Option<Spanned<&'a str>> {
        self.str(object.get(key)?)
    }

    pub(crate) fn bool_field(&self, object: &Node<'_>, key: &str) -> Option<Spanned<bool>> {
        self.bool(object.get(key)?)
    }

    pub(crate) fn i64_field(&self, object: &Node<'_>, key: &str) -> Option<Spanned<i64>> {
        self.i64(object.get(key)?)
    }

    /// An array field whose usable items are read with `item`; unreadable items are skipped.
    pub(crate) fn array_of<'a, 's, T>(
        &self,
        object: &'a Node<'s>,
        key: &str,
        item: impl FnMut(&'a Node<'s>) -> Option<T>,
    ) -> Option<Spanned<Vec<T>>> {
        self.array(object.get(key)?, item)
    }

    /// An array whose usable items are read with `item`; unreadable items are skipped.
    pub(crate) fn array<'a, 's, T>(
        &self,
        node: &'a Node<'s>,
        item: impl FnMut(&'a Node<'s>) -> Option<T>,
    ) -> Option<Spanned<Vec<T>>> {
        let node = self.usable(node)?;
        let items = node.as_array()?;
        // Sized up front: nearly every item is readable, so this is one exact allocation.
        let mut value = Vec::with_capacity(items.len());
        value.extend(items.iter().filter_map(item));
        if value.len() < value.capacity() {
            value.shrink_to_fit();
        }
        Some(Spanned {
            value,
            span: node.span,
        })
    }

    /// [`Reader::array_of`], boxed.
    pub(crate) fn boxed_array_of<'a, 's, T>(
        &self,
        object: &'a Node<'s>,
        key: &str,
        item: impl FnMut(&'a Node<'s>) -> Option<T>,
    ) -> Option<Box<Spanned<Vec<T>>>> {
        self.array_of(object, key, item).map(Box::new)
    }
}
