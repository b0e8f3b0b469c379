//! `duplicate-payment-method`: the same method twice in `allowed_payment_method_types`.

use super::{Context, Finding};
use crate::diagnostic::{Applicability, Fix};
use crate::span::Span;
use crate::text::quote;

declare_rule!(
    DuplicatePaymentMethod,
    "duplicate-payment-method",
    Error,
    "allowed_payment_method_types lists a method twice (the spec declares uniqueItems)."
);

fn check(ctx: &Context<'_>, findings: &mut Vec<Finding>) {
    let Some(methods) = ctx.payment_methods() else {
        return;
    };
    let mut first_seen = std::collections::HashMap::new();
    for (index, method) in methods.value.iter().enumerate() {
        let Some(first) = first_seen.get(method.value).copied() else {
            first_seen.insert(method.value, method);
            continue;
        };
        // Delete from the end of the previous item to the end of this one: the comma goes too.
        let previous_end = methods.value[index - 1].span.end();
        findings.push(
            Finding::new(
                method.span,
                format!("payment method {} is listed twice", quote(method.value)),
            )
            .label(first.span, "first listed here")
            .fix(Fix::replace(
                "remove the duplicate",
                Applicability::Safe,
                Span::between(previous_end, method.span.end()),
                "",
            )),
        );
    }
}
