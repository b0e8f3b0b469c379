//! The checkout page: `custom_fields`, `customization` (with `theme_config`) and `metadata`.

use super::read::Reader;
use super::{Field, Spanned};
use crate::span::Span;
use crate::tree::{Node, Value};

/// `custom_fields[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomField<'a> {
    pub span: Span,
    pub field_type: Field<Spanned<&'a str>>,
    pub key: Field<Spanned<&'a str>>,
    /// The `options` array when it is an array (not null).
    pub options: Field<Spanned<Vec<Spanned<&'a str>>>>,
}

impl<'a> CustomField<'a> {
    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Self> {
        read.object(node).map(|object| Self {
            span: node.span,
            field_type: read.str_field(object, "field_type"),
            key: read.str_field(object, "key"),
            options: read.array_of(object, "options", |o| read.str(o)),
        })
    }
}

/// `customization`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customization<'a> {
    pub span: Span,
    pub force_language: Field<Spanned<&'a str>>,
    pub theme_config: Field<ThemeConfig<'a>>,
}

/// `customization.theme_config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeConfig<'a> {
    pub span: Span,
    pub font_primary_url: Field<Spanned<&'a str>>,
    pub font_secondary_url: Field<Spanned<&'a str>>,
    pub pay_button_text: Field<Spanned<&'a str>>,
    pub radius: Field<Spanned<&'a str>>,
    /// Every colour of `light` and `dark`: (`"dark.bg_primary"`, value).
    pub colors: Vec<(String, Spanned<&'a str>)>,
}

impl<'a> Customization<'a> {
    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Self> {
        read.object(node).map(|object| Self {
            span: node.span,
            force_language: read.str_field(object, "force_language"),
            theme_config: Self::theme(read, object),
        })
    }

    fn theme(read: &Reader<'_>, object: &'a Node<'_>) -> Field<ThemeConfig<'a>> {
        read.member(object, "theme_config")
            .and_then(|n| read.object(n))
            .map(|theme| {
                let mut colors = Vec::new();
                for mode in ["light", "dark"] {
                    let Some(members) = read.member(theme, mode).and_then(|n| read.object(n)).get()
                    else {
                        continue;
                    };
                    for member in members.as_object().unwrap_or_default() {
                        if let Some(value) = read.str(&member.value).get() {
                            colors.push((format!("{mode}.{}", member.key), value));
                        }
                    }
                }
                ThemeConfig {
                    span: theme.span,
                    font_primary_url: read.str_field(theme, "font_primary_url"),
                    font_secondary_url: read.str_field(theme, "font_secondary_url"),
                    pay_button_text: read.str_field(theme, "pay_button_text"),
                    radius: read.str_field(theme, "radius"),
                    colors,
                }
            })
    }
}

/// `metadata`: its entries in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata<'a> {
    pub span: Span,
    pub entries: Vec<MetadataEntry<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataEntry<'a> {
    /// The key, with the span of the key (quotes included).
    pub key: Spanned<&'a str>,
    pub value_span: Span,
    /// The value when it is a string; unknown when it is computed at run time.
    pub text: Field<&'a str>,
}

impl<'a> Metadata<'a> {
    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Self> {
        read.object(node).map(|object| Self {
            span: node.span,
            entries: Self::entries(object),
        })
    }

    fn entries(object: &'a Node<'_>) -> Vec<MetadataEntry<'a>> {
        object
            .as_object()
            .unwrap_or_default()
            .iter()
            .map(|member| MetadataEntry {
                key: Spanned {
                    value: member.key,
                    span: member.key_span,
                },
                value_span: member.value.span,
                text: match &member.value.value {
                    Value::String(text) => Field::Known(*text),
                    Value::Unknown(_) => Field::Unknown(member.value.span),
                    _ => Field::Absent,
                },
            })
            .collect()
    }
}
