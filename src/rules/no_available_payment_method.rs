//! `no-available-payment-method`: no listed method can show, so the checkout fails.

use super::{Context, Finding, Findings};
use crate::facts::payment_methods::why_unavailable;

declare_rule!(
    NoAvailablePaymentMethod,
    "no-available-payment-method",
    Error,
    "Every method in allowed_payment_method_types is unavailable for this payload (or the list is empty), so the checkout session fails."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(methods) = ctx.payment_methods().whole().copied() else {
        return;
    };
    let situation = super::payment_situation(ctx);
    let none_can_show = methods
        .value
        .iter()
        .all(|m| why_unavailable(m.value, &situation).is_some());
    if none_can_show {
        let message = if methods.value.is_empty() {
            "allowed_payment_method_types is empty: no payment method can show".to_string()
        } else {
            "no method in allowed_payment_method_types can show for this payload".to_string()
        };
        findings.push(
            Finding::new(methods.span, message)
                .help("the docs: \"If all payment methods are unavailable, checkout session will fail\"; add \"credit\" and \"debit\""),
        );
    }
}
