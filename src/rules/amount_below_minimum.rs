//! `amount-below-minimum`: a pay-what-you-want `amount` under the product's minimum price.

use super::{Context, Finding, Findings};
use crate::catalogue::PriceKind;
use crate::facts::currencies::format_amount;
use crate::text::quote;

declare_rule!(
    AmountBelowMinimum,
    "amount-below-minimum",
    Error,
    "A pay-what-you-want amount is below the product's minimum price (needs the catalogue).", needs = [Catalogue], on = Catalogue);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    for (item, product) in ctx.items_with_products() {
        let (Some(amount), Some(product)) = (item.amount().get(), product) else {
            continue;
        };
        let price = &product.price;
        let (true, PriceKind::OneTime, Some(minimum)) =
            (price.pay_what_you_want, price.kind, price.amount)
        else {
            continue;
        };
        if amount.value < minimum {
            let currency = price.currency.as_deref().unwrap_or("");
            findings.push(
                Finding::new(
                    amount.span,
                    format!(
                        "amount {} is below the minimum price of {} ({})",
                        amount.value,
                        quote(product.display_name()),
                        format_amount(minimum, currency).trim()
                    ),
                )
                .help(format!("amounts are in minor units: use at least {minimum}, or leave amount out to let the customer choose")),
            );
        }
    }
}
