//! The typed request: [`CheckoutSession`] and its parts, each field with its span.
//!
//! Built leniently from the tree: a field that is absent, `null`, of the wrong type or that
//! failed the schema is `None`, so every rule still runs on the rest of the payload.

mod address;
mod cart;
mod customer;
mod flags;
mod page;
mod read;
mod root_fields;
mod subscription;

use std::collections::HashSet;

pub use address::BillingAddress;
pub use cart::{Addon, CreditEntitlement, ProductItem};
pub use customer::Customer;
pub use flags::FeatureFlags;
pub use page::{CustomField, Customization, Metadata, MetadataEntry, ThemeConfig};
pub use subscription::{OnDemand, SubscriptionData};

use crate::span::Span;
use crate::tree::Node;
use read::Reader;
use root_fields::RootFields;

/// A value with the span of the JSON value it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A checkout-session request body (`POST /checkouts`).
#[derive(Debug, Clone, Default)]
pub struct CheckoutSession<'a> {
    pub span: Span,
    pub product_cart: Option<Spanned<Vec<ProductItem<'a>>>>,
    pub allowed_payment_method_types: Option<Spanned<Vec<Spanned<&'a str>>>>,
    pub billing_address: Option<BillingAddress<'a>>,
    pub billing_currency: Option<Spanned<&'a str>>,
    pub cancel_url: Option<Spanned<&'a str>>,
    pub confirm: Option<Spanned<bool>>,
    pub custom_fields: Option<Spanned<Vec<CustomField<'a>>>>,
    pub customer: Option<Customer<'a>>,
    pub customer_business_name: Option<Spanned<&'a str>>,
    pub customization: Option<Customization<'a>>,
    pub discount_code: Option<Spanned<&'a str>>,
    pub discount_codes: Option<Spanned<Vec<Spanned<&'a str>>>>,
    pub feature_flags: Option<FeatureFlags<'a>>,
    pub force_3ds: Option<Spanned<bool>>,
    pub metadata: Option<Metadata<'a>>,
    pub minimal_address: Option<Spanned<bool>>,
    pub payment_method_id: Option<Spanned<&'a str>>,
    pub product_collection_id: Option<Spanned<&'a str>>,
    pub return_url: Option<Spanned<&'a str>>,
    pub short_link: Option<Spanned<bool>>,
    pub show_saved_payment_methods: Option<Spanned<bool>>,
    pub subscription_data: Option<SubscriptionData>,
    pub tax_id: Option<Spanned<&'a str>>,
}

impl<'a> CheckoutSession<'a> {
    /// Reads the model from a root object; values whose spans are in `failed` are skipped.
    pub fn build(root: &'a Node<'_>, failed: &HashSet<Span>) -> Self {
        let read = Reader::new(failed);
        let Some(members) = read.object(root).and_then(Node::as_object) else {
            return Self::default();
        };
        let at = RootFields::of(members);
        let str_at = |node: Option<&'a Node<'_>>| node.and_then(|n| read.str(n));
        let bool_at = |node: Option<&Node<'_>>| node.and_then(|n| read.bool(n));
        Self {
            span: root.span,
            product_cart: at
                .product_cart
                .and_then(|node| read.array(node, |item| ProductItem::read(&read, item))),
            allowed_payment_method_types: at
                .allowed_payment_method_types
                .and_then(|node| read.array(node, |item| read.str(item))),
            billing_address: at
                .billing_address
                .and_then(|node| BillingAddress::read(&read, node)),
            billing_currency: str_at(at.billing_currency),
            cancel_url: str_at(at.cancel_url),
            confirm: bool_at(at.confirm),
            custom_fields: at
                .custom_fields
                .and_then(|node| read.array(node, |field| CustomField::read(&read, field))),
            customer: at.customer.and_then(|node| Customer::read(&read, node)),
            customer_business_name: str_at(at.customer_business_name),
            customization: at
                .customization
                .and_then(|node| Customization::read(&read, node)),
            discount_code: str_at(at.discount_code),
            discount_codes: at
                .discount_codes
                .and_then(|node| read.array(node, |item| read.str(item))),
            feature_flags: at
                .feature_flags
                .and_then(|node| FeatureFlags::read(&read, node)),
            force_3ds: bool_at(at.force_3ds),
            metadata: at.metadata.and_then(|node| Metadata::read(&read, node)),
            minimal_address: bool_at(at.minimal_address),
            payment_method_id: str_at(at.payment_method_id),
            product_collection_id: str_at(at.product_collection_id),
            return_url: str_at(at.return_url),
            short_link: bool_at(at.short_link),
            show_saved_payment_methods: bool_at(at.show_saved_payment_methods),
            subscription_data: at
                .subscription_data
                .and_then(|node| SubscriptionData::read(&read, node)),
            tax_id: str_at(at.tax_id),
        }
    }

    /// The cart's items, or none.
    pub fn items(&self) -> &[ProductItem<'a>] {
        self.product_cart.as_ref().map_or(&[], |cart| &cart.value)
    }

    /// True when `confirm: true` is set.
    pub fn is_confirmed(&self) -> bool {
        self.confirm.is_some_and(|c| c.value)
    }

    /// `subscription_data.trial_period_days`, when set.
    pub fn trial_period_days(&self) -> Option<Spanned<i64>> {
        self.subscription_data.as_ref()?.trial_period_days
    }

    /// The redirect URLs that are set, with their field names.
    pub fn redirect_urls(&self) -> impl Iterator<Item = (&'static str, Spanned<&'a str>)> {
        [
            ("return_url", self.return_url),
            ("cancel_url", self.cancel_url),
        ]
        .into_iter()
        .filter_map(|(field, url)| Some((field, url?)))
    }

    /// The value of a feature flag when it is set explicitly.
    pub fn flag(&self, name: &str) -> Option<Spanned<bool>> {
        self.feature_flags.as_ref()?.get(name)
    }
}
