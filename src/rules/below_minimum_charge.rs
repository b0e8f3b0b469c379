//! `below-minimum-charge`: a one-time cart whose total is under the currency's minimum charge.

use super::{Context, Finding, Findings};
use crate::facts::currencies::{format_amount, minimum_charge};

declare_rule!(
    BelowMinimumCharge,
    "below-minimum-charge",
    Error,
    "The cart total is below the minimum charge for its currency (0.50 USD, 0.30 GBP …; needs catalogue prices).", needs = [Catalogue]);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    // Subscriptions may start with a free trial or a zero first charge; only one-time carts are
    // judged.
    let (Some(false), Some(currency), Some(total)) =
        (ctx.cart.has_subscription, ctx.cart.currency, ctx.cart.total)
    else {
        return;
    };
    let Some(cart) = session.product_cart.whole() else {
        return;
    };
    let Some(minimum) = minimum_charge(currency) else {
        return;
    };
    if total > 0 && total < minimum {
        findings.push(
            Finding::new(
                cart.span,
                format!(
                    "the cart totals {}, below the minimum charge of {}",
                    format_amount(total, currency),
                    format_amount(minimum, currency)
                ),
            )
            .help("the API rejects it with TOTAL_PAYMENT_AMOUNT_BELOW_MINIMUM_AMOUNT; raise the quantity or the price"),
        );
    }
}
