//! `discount-with-on-demand`: discount codes on an on-demand subscription.

use super::{Context, Finding, Findings};

declare_rule!(
    DiscountWithOnDemand,
    "discount-with-on-demand",
    Error,
    "discount_code or discount_codes together with subscription_data.on_demand, which the API refuses."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    let Some(on_demand) = session
        .subscription_data
        .seen()
        .and_then(|s| s.on_demand.seen())
    else {
        return;
    };
    let code = session.discount_code.get().map(|c| c.span);
    let codes = session
        .discount_codes
        .seen()
        .filter(|c| !c.value.is_empty())
        .map(|c| c.span);
    for span in [code, codes].into_iter().flatten() {
        findings.push(
            Finding::new(span, "discount codes are not available for on-demand subscriptions")
                .label(on_demand.span, "on-demand subscription")
                .help("the API answers DISCOUNT_NOT_AVAILABLE_FOR_ON_DEMAND; set a lower on_demand.product_price instead"),
        );
    }
}
