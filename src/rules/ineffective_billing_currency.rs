//! `ineffective-billing-currency`: `billing_currency` on an account without adaptive pricing.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(IneffectiveBillingCurrency, "ineffective-billing-currency", Warning, "billing_currency is set but the account's adaptive pricing is off, so the API ignores it ([account] adaptive_pricing).", needs = [Account]);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    // Unknown account settings (`adaptive_pricing` unset) stay silent: most accounts that
    // send billing_currency do so because adaptive pricing is on.
    if ctx.account.adaptive_pricing != Some(false) {
        return;
    }
    let Some(currency) = ctx.session.and_then(|s| s.billing_currency.get()) else {
        return;
    };
    findings.push(
        Finding::new(
            currency.span,
            format!(
                "billing_currency {} is ignored: adaptive pricing is off for this account",
                quote(currency.value)
            ),
        )
        .help("the customer pays in the product's currency; enable Adaptive Pricing in the Dodo dashboard (and set adaptive_pricing = true under [account]) or remove billing_currency"),
    );
}
