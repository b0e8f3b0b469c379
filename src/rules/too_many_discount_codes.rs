//! `too-many-discount-codes`: more than 20 stacked discount codes.

use super::{Context, Finding, Findings};

declare_rule!(
    TooManyDiscountCodes,
    "too-many-discount-codes",
    Error,
    "discount_codes holds more than 20 codes."
);

const MAX_CODES: usize = 20;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(codes) = ctx.session.and_then(|s| s.discount_codes.seen()) else {
        return;
    };
    let written = ctx.array_items(codes.span).len();
    if written > MAX_CODES {
        findings.push(Finding::new(
            codes.span,
            format!(
                "discount_codes holds {} codes; at most {MAX_CODES} can be stacked",
                written
            ),
        ));
    }
}
