//! `billing_address`.

use super::read::Reader;
use super::{Field, Spanned};
use crate::span::Span;
use crate::tree::Node;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingAddress<'a> {
    pub span: Span,
    pub country: Field<Spanned<&'a str>>,
    pub city: Field<Spanned<&'a str>>,
    pub state: Field<Spanned<&'a str>>,
    pub street: Field<Spanned<&'a str>>,
    pub zipcode: Field<Spanned<&'a str>>,
}

impl<'a> BillingAddress<'a> {
    pub(crate) fn read(read: &Reader<'_>, node: &'a Node<'_>) -> Field<Self> {
        read.object(node).map(|object| Self {
            span: node.span,
            country: read.str_field(object, "country"),
            city: read.str_field(object, "city"),
            state: read.str_field(object, "state"),
            street: read.str_field(object, "street"),
            zipcode: read.str_field(object, "zipcode"),
        })
    }

    /// The address fields by their API names, in the order the docs list them.
    pub fn fields(&self) -> [(&'static str, Field<Spanned<&'a str>>); 5] {
        [
            ("street", self.street),
            ("city", self.city),
            ("state", self.state),
            ("country", self.country),
            ("zipcode", self.zipcode),
        ]
    }
}
