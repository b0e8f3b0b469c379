//! `invalid-email`: `customer.email` that is not an email address.

use super::{Context, Finding, Findings};
use crate::facts::email::is_deliverable;
use crate::text::quote;

declare_rule!(
    InvalidEmail,
    "invalid-email",
    Error,
    "customer.email is not an email address."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(email) = ctx
        .session
        .and_then(|s| s.customer.seen())
        .and_then(|c| c.email.get())
    else {
        return;
    };
    if !is_deliverable(email.value) {
        findings.push(
            Finding::new(
                email.span,
                format!(
                    "customer.email {} is not an email address",
                    quote(email.value)
                ),
            )
            .help("use an address such as \"ada@example.com\"; Dodo sends the receipt there"),
        );
    }
}
