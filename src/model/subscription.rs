//! `subscription_data`.

use super::Spanned;
use super::read::Reader;
use crate::span::Span;
use crate::tree::Node;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionData {
    pub span: Span,
    pub trial_period_days: Option<Spanned<i64>>,
    pub on_demand: Option<OnDemand>,
}

/// `subscription_data.on_demand`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDemand {
    pub span: Span,
    pub mandate_only: Option<Spanned<bool>>,
    pub product_price: Option<Spanned<i64>>,
}

impl SubscriptionData {
    pub(crate) fn read(read: &Reader<'_>, node: &Node<'_>) -> Option<Self> {
        let object = read.object(node)?;
        let on_demand = object
            .get("on_demand")
            .and_then(|n| read.object(n))
            .map(|on_demand| OnDemand {
                span: on_demand.span,
                mandate_only: read.bool_field(on_demand, "mandate_only"),
                product_price: read.i64_field(on_demand, "product_price"),
            });
        Some(Self {
            span: node.span,
            trial_period_days: read.i64_field(object, "trial_period_days"),
            on_demand,
        })
    }
}
