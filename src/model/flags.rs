//! `feature_flags`: booleans, kept by name so new flags need no code here.

use super::read::Reader;
use super::{Field, Spanned};
use crate::span::Span;
use crate::tree::Node;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureFlags<'a> {
    pub span: Span,
    pub flags: Vec<(&'a str, Field<Spanned<bool>>)>,
    /// A spread may set flags that cannot be seen.
    pub open: bool,
}

impl<'a> FeatureFlags<'a> {
    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Self> {
        read.object(node).map(|object| Self {
            span: node.span,
            flags: object
                .as_object()
                .unwrap_or_default()
                .iter()
                .map(|member| (member.key, read.bool(&member.value)))
                .collect(),
            open: object.is_open(),
        })
    }

    /// The flag as written (the last one, if repeated); unknown when a spread may set it.
    pub fn get(&self, name: &str) -> Field<Spanned<bool>> {
        match self.flags.iter().rev().find(|(key, _)| *key == name) {
            Some((_, value)) => *value,
            None if self.open => Field::Unknown(self.span),
            None => Field::Absent,
        }
    }
}
