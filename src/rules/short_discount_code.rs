//! `short-discount-code`: a discount code shorter than Dodo allows codes to be.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(
    ShortDiscountCode,
    "short-discount-code",
    Warning,
    "A discount code shorter than 3 characters, which no Dodo discount can have."
);

const MIN_LENGTH: usize = 3;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    let listed = session
        .discount_codes
        .seen()
        .into_iter()
        .flat_map(|c| c.value.iter());
    for code in session.discount_code.seen().into_iter().chain(listed) {
        if code.value.trim().chars().count() < MIN_LENGTH {
            findings.push(
                Finding::new(
                    code.span,
                    format!("discount code {} is shorter than {MIN_LENGTH} characters", quote(code.value)),
                )
                .help("Dodo discount codes have at least 3 characters, so this one cannot match (INVALID_DISCOUNT_CODE)"),
            );
        }
    }
}
