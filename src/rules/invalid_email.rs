//! `invalid-email`: `customer.email` that is not an email address.

use super::{Context, Finding};
use crate::text::quote;

declare_rule!(
    InvalidEmail,
    "invalid-email",
    Error,
    "customer.email is not an email address."
);

fn check(ctx: &Context<'_>, findings: &mut Vec<Finding>) {
    let Some(email) = ctx
        .session
        .and_then(|s| s.customer.as_ref())
        .and_then(|c| c.email)
    else {
        return;
    };
    // RFC 5322 addr-spec as the email_address crate reads it, plus a dot in the domain: the
    // checkout sends receipts, so an address needs a deliverable domain.
    let valid = email_address::EmailAddress::parse_with_options(
        email.value,
        email_address::Options::default().without_display_text(),
    )
    .is_ok_and(|address| address.domain().contains('.'));
    if !valid {
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
