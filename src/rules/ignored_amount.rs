//! `ignored-amount`: `amount` on a product that is not pay-what-you-want.

use super::{Context, Finding, Findings};
use crate::catalogue::PriceKind;
use crate::text::quote;

declare_rule!(
    IgnoredAmount,
    "ignored-amount",
    Warning,
    "amount is set on a product that is not a one-time pay-what-you-want product, so the API ignores it (needs the catalogue).", needs = [Catalogue], on = Catalogue);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    for (item, product) in ctx.items_with_products() {
        let (Some(amount), Some(product)) = (item.amount().get(), product) else {
            continue;
        };
        let price = &product.price;
        if price.kind == PriceKind::OneTime && price.pay_what_you_want {
            continue;
        }
        findings.push(
            Finding::new(
                amount.span,
                format!(
                    "amount is ignored: {} is not a pay-what-you-want one-time product",
                    quote(product.display_name())
                ),
            )
            .help("the customer pays the product's price; remove amount, or enable pay what you want on the product"),
        );
    }
}
