//! The typed request: [`CheckoutSession`] and its parts, each field a [`Field`] with its span.
//!
//! Built leniently from the tree: a field that is absent, `null`, of the wrong type or that
//! failed the schema is [`Field::Absent`], so every rule still runs on the rest of the payload;
//! a value not known statically is [`Field::Unknown`], and rules say nothing about it.

mod address;
mod cart;
mod customer;
mod field;
mod flags;
mod page;
mod read;
mod subscription;

use std::collections::HashSet;

pub(crate) use address::BillingAddress;
pub(crate) use cart::ProductItem;
pub(crate) use customer::{Customer, NEW_CUSTOMER_KEYS};
pub(crate) use field::Field;
pub(crate) use flags::FeatureFlags;
pub(crate) use page::{CustomField, Customization, Metadata};
pub(crate) use subscription::SubscriptionData;

use crate::span::Span;
use crate::tree::Node;
use read::Reader;

/// A value with the span of the value it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// Declares [`CheckoutSession`] and its reading from one list: a top-level field is added in
/// one place. Each entry is `name: Type = reader`, where the reader turns the member's node
/// into the field (`fn(&Reader, &Node) -> Field<Type>`).
macro_rules! checkout_session {
    ($($(#[$doc:meta])* $name:ident: $ty:ty = $read:expr;)*) => {
        /// A checkout-session request body (`POST /checkouts`).
        #[derive(Debug, Clone, Default)]
        pub struct CheckoutSession<'a> {
            pub span: Span,
            $($(#[$doc])* pub $name: Field<$ty>,)*
        }

        /// Where each top-level field's value is: the root's members looked at once each (the
        /// last of duplicate keys wins, as with [`Node::get`]).
        #[derive(Default)]
        #[allow(non_camel_case_types)]
        struct RootFields<'t, 's> {
            $($name: Option<&'t Node<'s>>,)*
        }

        impl<'a> CheckoutSession<'a> {
            /// Reads the model from a root object; values whose spans are in `failed` are
            /// skipped.
            pub fn build(root: &'a Node<'_>, failed: &HashSet<Span>) -> Self {
                let read = Reader::new(failed);
                let Some(members) = read.object(root).get().and_then(Node::as_object) else {
                    return Self::default();
                };
                let mut at = RootFields::default();
                for member in members {
                    match member.key {
                        $(stringify!($name) => at.$name = Some(&member.value),)*
                        _ => {}
                    }
                }
                let open = root.is_open();
                Self {
                    span: root.span,
                    $($name: read_field(&read, at.$name, open, root.span, $read),)*
                }
            }
        }
    };
}

/// One top-level field: absent when not written (unknown when the root is open), else read.
fn read_field<'a, 's, T>(
    read: &Reader<'_>,
    node: Option<&'a Node<'s>>,
    open: bool,
    root: Span,
    reader: impl FnOnce(&Reader<'_>, &'a Node<'s>) -> Field<T>,
) -> Field<T> {
    match node {
        Some(node) => reader(read, node),
        None if open => Field::Unknown(root),
        None => Field::Absent,
    }
}

fn str_value<'a>(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Spanned<&'a str>> {
    read.str(node)
}

fn bool_value(read: &Reader<'_>, node: &Node<'_>) -> Field<Spanned<bool>> {
    read.bool(node)
}

fn str_list<'a>(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Spanned<Vec<Spanned<&'a str>>>> {
    read.array(node, |item| read.str(item))
}

checkout_session! {
    product_cart: Spanned<Vec<ProductItem<'a>>> =
        |read: &Reader<'_>, node| read.array(node, |item| ProductItem::read(read, item));
    allowed_payment_method_types: Spanned<Vec<Spanned<&'a str>>> = str_list;
    billing_address: BillingAddress<'a> = BillingAddress::read;
    billing_currency: Spanned<&'a str> = str_value;
    cancel_url: Spanned<&'a str> = str_value;
    confirm: Spanned<bool> = bool_value;
    custom_fields: Spanned<Vec<CustomField<'a>>> =
        |read: &Reader<'_>, node| read.array(node, |field| CustomField::read(read, field));
    customer: Customer<'a> = Customer::read;
    customer_business_name: Spanned<&'a str> = str_value;
    customization: Customization<'a> = Customization::read;
    discount_code: Spanned<&'a str> = str_value;
    discount_codes: Spanned<Vec<Spanned<&'a str>>> = str_list;
    feature_flags: FeatureFlags<'a> = FeatureFlags::read;
    force_3ds: Spanned<bool> = bool_value;
    metadata: Metadata<'a> = Metadata::read;
    minimal_address: Spanned<bool> = bool_value;
    payment_method_id: Spanned<&'a str> = str_value;
    product_collection_id: Spanned<&'a str> = str_value;
    return_url: Spanned<&'a str> = str_value;
    short_link: Spanned<bool> = bool_value;
    show_saved_payment_methods: Spanned<bool> = bool_value;
    subscription_data: SubscriptionData = SubscriptionData::read;
    tax_id: Spanned<&'a str> = str_value;
}

impl<'a> CheckoutSession<'a> {
    /// The cart's items that can be seen, or none.
    pub fn items(&self) -> &[ProductItem<'a>] {
        self.product_cart.seen().map_or(&[], |cart| &cart.value)
    }

    /// `subscription_data.trial_period_days`.
    pub fn trial_period_days(&self) -> Field<Spanned<i64>> {
        self.subscription_data
            .as_ref()
            .and_then(|data| data.trial_period_days)
    }

    /// The redirect URLs that are known, with their field names.
    pub fn redirect_urls(&self) -> impl Iterator<Item = (&'static str, Spanned<&'a str>)> {
        [
            ("return_url", self.return_url),
            ("cancel_url", self.cancel_url),
        ]
        .into_iter()
        .filter_map(|(field, url)| Some((field, url.get()?)))
    }

    /// A feature flag as written: absent when `feature_flags` or the flag is not there.
    pub fn flag(&self, name: &str) -> Field<Spanned<bool>> {
        self.feature_flags
            .as_ref()
            .and_then(|flags| flags.get(name))
    }
}
