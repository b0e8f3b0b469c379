//! The root object's members by field name, found in one pass.

use crate::tree::{Member, Node};

/// Where each top-level field's value is, if present. Reading 23 fields by name would scan the
/// root's members once per field; this looks at each member once (the last of duplicate keys
/// wins, as with [`Node::get`]).
#[derive(Default)]
pub(crate) struct RootFields<'a, 's> {
    pub product_cart: Option<&'a Node<'s>>,
    pub allowed_payment_method_types: Option<&'a Node<'s>>,
    pub billing_address: Option<&'a Node<'s>>,
    pub billing_currency: Option<&'a Node<'s>>,
    pub cancel_url: Option<&'a Node<'s>>,
    pub confirm: Option<&'a Node<'s>>,
    pub custom_fields: Option<&'a Node<'s>>,
    pub customer: Option<&'a Node<'s>>,
    pub customer_business_name: Option<&'a Node<'s>>,
    pub customization: Option<&'a Node<'s>>,
    pub discount_code: Option<&'a Node<'s>>,
    pub discount_codes: Option<&'a Node<'s>>,
    pub feature_flags: Option<&'a Node<'s>>,
    pub force_3ds: Option<&'a Node<'s>>,
    pub metadata: Option<&'a Node<'s>>,
    pub minimal_address: Option<&'a Node<'s>>,
    pub payment_method_id: Option<&'a Node<'s>>,
    pub product_collection_id: Option<&'a Node<'s>>,
    pub return_url: Option<&'a Node<'s>>,
    pub short_link: Option<&'a Node<'s>>,
    pub show_saved_payment_methods: Option<&'a Node<'s>>,
    pub subscription_data: Option<&'a Node<'s>>,
    pub tax_id: Option<&'a Node<'s>>,
}

impl<'a, 's> RootFields<'a, 's> {
    pub(crate) fn of(members: &'a [Member<'s>]) -> Self {
        let mut fields = Self::default();
        for member in members {
            let slot = match member.key {
                "product_cart" => &mut fields.product_cart,
                "allowed_payment_method_types" => &mut fields.allowed_payment_method_types,
                "billing_address" => &mut fields.billing_address,
                "billing_currency" => &mut fields.billing_currency,
                "cancel_url" => &mut fields.cancel_url,
                "confirm" => &mut fields.confirm,
                "custom_fields" => &mut fields.custom_fields,
                "customer" => &mut fields.customer,
                "customer_business_name" => &mut fields.customer_business_name,
                "customization" => &mut fields.customization,
                "discount_code" => &mut fields.discount_code,
                "discount_codes" => &mut fields.discount_codes,
                "feature_flags" => &mut fields.feature_flags,
                "force_3ds" => &mut fields.force_3ds,
                "metadata" => &mut fields.metadata,
                "minimal_address" => &mut fields.minimal_address,
                "payment_method_id" => &mut fields.payment_method_id,
                "product_collection_id" => &mut fields.product_collection_id,
                "return_url" => &mut fields.return_url,
                "short_link" => &mut fields.short_link,
                "show_saved_payment_methods" => &mut fields.show_saved_payment_methods,
                "subscription_data" => &mut fields.subscription_data,
                "tax_id" => &mut fields.tax_id,
                _ => continue,
            };
            *slot = Some(&member.value);
        }
        fields
    }
}
