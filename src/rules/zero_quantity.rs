//! `zero-quantity`: a cart item with quantity 0 or below.

use super::{Context, Finding, Findings, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub struct ZeroQuantity;

static META: RuleMeta = RuleMeta {
    name: "zero-quantity",
    severity: Severity::Error,
    summary: "A product_cart item has quantity 0 or below; the API requires at least 1.",
    docs: include_str!("../../rules/zero-quantity.md"),
};

impl Rule for ZeroQuantity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, findings: &mut Findings<'_>) {
        let Some(session) = ctx.session else { return };
        for quantity in session
            .items()
            .iter()
            .filter_map(|item| item.quantity.get())
        {
            if quantity.value < 1 {
                findings.push(
                    Finding::new(
                        quantity.span,
                        format!("quantity must be at least 1, found {}", quantity.value),
                    )
                    .help("set the number of units to sell, or remove the item from product_cart"),
                );
            }
        }
    }
}
