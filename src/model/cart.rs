//! Items of `product_cart`.

use super::read::Reader;
use super::{Field, Spanned};
use crate::span::Span;
use crate::tree::Node;

/// One `product_cart` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductItem<'a> {
    /// The whole item object.
    pub span: Span,
    pub product_id: Field<Spanned<&'a str>>,
    pub quantity: Field<Spanned<i64>>,
    /// Boxed, like `credit_entitlements`: rare fields keep big carts small.
    pub addons: Field<Box<Spanned<Vec<Addon<'a>>>>>,
    /// Boxed too (pay-what-you-want only); read it with [`ProductItem::amount`].
    pub amount: Field<Box<Spanned<i64>>>,
    pub credit_entitlements: Field<Box<Spanned<Vec<CreditEntitlement<'a>>>>>,
}

/// `product_cart[].addons[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addon<'a> {
    pub span: Span,
    pub addon_id: Field<Spanned<&'a str>>,
    pub quantity: Field<Spanned<i64>>,
}

/// `product_cart[].credit_entitlements[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditEntitlement<'a> {
    pub span: Span,
    pub credit_entitlement_id: Field<Spanned<&'a str>>,
    pub credits_amount: Field<Spanned<&'a str>>,
}

impl<'a> ProductItem<'a> {
    /// The pay-what-you-want amount, when set.
    pub fn amount(&self) -> Field<Spanned<i64>> {
        self.amount.as_ref().map(|amount| **amount)
    }

    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Self> {
        read.object(node).map(|object| Self {
            span: node.span,
            product_id: read.str_field(object, "product_id"),
            quantity: read.i64_field(object, "quantity"),
            addons: read
                .array_of(object, "addons", |addon| {
                    read.object(addon).map(|addon| Addon {
                        span: addon.span,
                        addon_id: read.str_field(addon, "addon_id"),
                        quantity: read.i64_field(addon, "quantity"),
                    })
                })
                .map(Box::new),
            amount: read.i64_field(object, "amount").map(Box::new),
            credit_entitlements: read
                .array_of(object, "credit_entitlements", |entry| {
                    read.object(entry).map(|entry| CreditEntitlement {
                        span: entry.span,
                        credit_entitlement_id: read.str_field(entry, "credit_entitlement_id"),
                        credits_amount: read.str_field(entry, "credits_amount"),
                    })
                })
                .map(Box::new),
        })
    }
}
