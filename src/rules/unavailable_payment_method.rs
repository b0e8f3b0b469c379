//! `unavailable-payment-method`: a listed method that can never show for this payload, by Dodo's
//! availability table (country, currency, subscriptions, BNPL minimum).

use super::{Context, Finding, Findings};
use crate::facts::payment_methods::why_unavailable;
use crate::text::quote;

declare_rule!(
    UnavailablePaymentMethod,
    "unavailable-payment-method",
    Warning,
    "A payment method in allowed_payment_method_types that can never show for this billing country, currency or cart."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(methods) = ctx.payment_methods().get() else {
        return;
    };
    let situation = super::payment_situation(ctx);
    for method in &methods.value {
        if let Some(reason) = why_unavailable(method.value, &situation) {
            findings.push(
                Finding::new(
                    method.span,
                    format!("payment method {} will never show: {reason}", quote(method.value)),
                )
                .help("the API accepts it, but the customer never sees it; remove it or change the billing details"),
            );
        }
    }
}
