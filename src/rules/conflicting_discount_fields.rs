//! `conflicting-discount-fields`: `discount_code` together with `discount_codes`.

use super::{Context, Finding, Findings};

declare_rule!(
    ConflictingDiscountFields,
    "conflicting-discount-fields",
    Error,
    "discount_code and discount_codes are both set; the API allows only one of them."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    if let (Some(code), Some(codes)) = (session.discount_code.get(), session.discount_codes.seen())
    {
        findings.push(
            Finding::new(
                code.span,
                "discount_code cannot be used together with discount_codes",
            )
            .label(codes.span, "discount_codes here")
            .help("move the code into discount_codes and remove discount_code"),
        );
    }
}
