//! `feature_flags`: booleans, kept by name so new flags need no code here.

use super::Spanned;
use super::read::Reader;
use crate::span::Span;
use crate::tree::Node;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureFlags<'a> {
    pub span: Span,
    pub flags: Vec<(&'a str, Spanned<bool>)>,
}

impl<'a> FeatureFlags<'a> {
    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Option<Self> {
        let object = read.object(node)?;
        let flags = object
            .as_object()?
            .iter()
            .filter_map(|member| Some((member.key, read.bool(&member.value)?)))
            .collect();
        Some(Self {
            span: node.span,
            flags,
        })
    }

    /// The flag's value when set explicitly (the last one, if repeated).
    pub fn get(&self, name: &str) -> Option<Spanned<bool>> {
        self.flags
            .iter()
            .rev()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| *value)
    }

    /// True when the flag is explicitly `true`.
    pub fn is_on(&self, name: &str) -> bool {
        self.get(name).is_some_and(|flag| flag.value)
    }
}
