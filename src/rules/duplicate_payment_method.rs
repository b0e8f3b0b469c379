//! `duplicate-payment-method`: the same method twice in `allowed_payment_method_types`.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::{NodeEdit, NodeFix};
use crate::span::Span;
use crate::text::quote;

declare_rule!(
    DuplicatePaymentMethod,
    "duplicate-payment-method",
    Error,
    "allowed_payment_method_types lists a method twice (the spec declares uniqueItems).",
    fix = [Safe]
);

/// Lists up to this long are scanned pairwise instead of indexed.
const SCAN_LIMIT: usize = 16;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(methods) = ctx.payment_methods().get() else {
        return;
    };
    let written = ctx.array_items(methods.span);
    // A short list (every real one: there are a dozen methods) is scanned; a long one is
    // indexed, so the cost stays linear.
    let mut index = (methods.value.len() > SCAN_LIMIT).then(std::collections::HashMap::new);
    for (at, method) in methods.value.iter().enumerate() {
        let first = match index.as_mut() {
            Some(index) => index.get(method.value).copied(),
            None => methods.value[..at].iter().find(|m| m.value == method.value),
        };
        let Some(first) = first else {
            if let Some(index) = index.as_mut() {
                index.insert(method.value, method);
            }
            continue;
        };
        // Delete from the end of the previous item *as written* (which may be one the model
        // left out, like an invalid method) to the end of this one: the comma goes too.
        let at = written.partition_point(|item| item.span.start() < method.span.start());
        let Some(previous_end) = at
            .checked_sub(1)
            .and_then(|i| written.get(i))
            .map(|n| n.span.end())
        else {
            continue;
        };
        findings.push(
            Finding::new(
                method.span,
                format!("payment method {} is listed twice", quote(method.value)),
            )
            .label(first.span, "first listed here")
            .fix(
                NodeFix::new("remove the duplicate", Applicability::Safe).with(NodeEdit::Remove {
                    span: Span::between(previous_end, method.span.end()),
                }),
            ),
        );
    }
}
