//! `trial-without-subscription`: a trial for a cart without a subscription product.

use super::{Context, Finding, Findings};

declare_rule!(
    TrialWithoutSubscription,
    "trial-without-subscription",
    Warning,
    "subscription_data.trial_period_days is set but the cart holds no subscription product, so it is ignored (needs the catalogue).", needs = [Catalogue]);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(days) = ctx.session.and_then(|s| s.trial_period_days().get()) else {
        return;
    };
    if ctx.cart.has_subscription == Some(false) && days.value > 0 {
        findings.push(
            Finding::new(
                days.span,
                "a trial period has no effect: the cart holds no subscription product",
            )
            .help("trials apply to recurring prices; remove subscription_data or add the subscription product"),
        );
    }
}
