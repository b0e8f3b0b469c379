//! `customer`: an existing customer (`customer_id`) or a new one (`email`, `name`, `phone_number`).

use super::Spanned;
use super::read::Reader;
use crate::span::Span;
use crate::tree::Node;

/// The API's `CustomerRequest`, an untagged union told apart by its keys. Both variants' fields
/// are kept so that rules can see a mix of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer<'a> {
    pub span: Span,
    pub customer_id: Option<Spanned<&'a str>>,
    pub email: Option<Spanned<&'a str>>,
    pub name: Option<Spanned<&'a str>>,
    pub phone_number: Option<Spanned<&'a str>>,
}

impl<'a> Customer<'a> {
    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Option<Self> {
        let object = read.object(node)?;
        Some(Self {
            span: node.span,
            customer_id: read.str_field(object, "customer_id"),
            email: read.str_field(object, "email"),
            name: read.str_field(object, "name"),
            phone_number: read.str_field(object, "phone_number"),
        })
    }

    /// True for the existing-customer variant (`customer_id` given).
    pub fn is_existing(&self) -> bool {
        self.customer_id.is_some()
    }
}
