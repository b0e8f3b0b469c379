//! `subscription_data`.

use super::read::Reader;
use super::{Field, Spanned};
use crate::span::Span;
use crate::tree::Node;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionData {
    pub span: Span,
    pub trial_period_days: Field<Spanned<i64>>,
    pub on_demand: Field<OnDemand>,
}

/// `subscription_data.on_demand`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDemand {
    pub span: Span,
    pub mandate_only: Field<Spanned<bool>>,
    pub product_price: Field<Spanned<i64>>,
}

impl SubscriptionData {
    pub(crate) fn read(read: &Reader<'_>, node: &Node<'_>) -> Field<Self> {
        read.object(node).map(|object| Self {
            span: node.span,
            trial_period_days: read.i64_field(object, "trial_period_days"),
            on_demand: read
                .member(object, "on_demand")
                .and_then(|n| read.object(n))
                .map(|on_demand| OnDemand {
                    span: on_demand.span,
                    mandate_only: read.bool_field(on_demand, "mandate_only"),
                    product_price: read.i64_field(on_demand, "product_price"),
                }),
        })
    }
}
