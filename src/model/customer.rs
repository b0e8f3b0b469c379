//! `customer`: an existing customer (`customer_id`) or a new one (`email`, `name`, `phone_number`).

use super::read::Reader;
use super::{Field, Spanned};
use crate::span::Span;
use crate::tree::Node;

/// Keys of the new-customer variant.
pub(crate) const NEW_CUSTOMER_KEYS: [&str; 3] = ["email", "name", "phone_number"];

/// The API's `CustomerRequest`, an untagged union told apart by its keys. Both variants' fields
/// are kept so that rules can see a mix of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer<'a> {
    pub span: Span,
    pub customer_id: Field<Spanned<&'a str>>,
    pub email: Field<Spanned<&'a str>>,
    pub name: Field<Spanned<&'a str>>,
    pub phone_number: Field<Spanned<&'a str>>,
}

impl<'a> Customer<'a> {
    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Self> {
        read.object(node).map(|object| Self {
            span: node.span,
            customer_id: read.str_field(object, "customer_id"),
            email: read.str_field(object, "email"),
            name: read.str_field(object, "name"),
            phone_number: read.str_field(object, "phone_number"),
        })
    }

    /// True when this is certainly a new customer (`customer_id` certainly absent).
    pub fn is_new(&self) -> bool {
        self.customer_id.is_absent()
    }
}
