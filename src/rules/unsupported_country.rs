//! `unsupported-country`: a valid country Dodo does not accept payments from.

use super::{Context, Finding, Findings};
use crate::facts::countries::{is_accepted, name};

declare_rule!(
    UnsupportedCountry,
    "unsupported-country",
    Error,
    "billing_address.country is a valid code but not a country Dodo accepts payments from."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(country) = ctx
        .session
        .and_then(|s| s.billing_address.seen())
        .and_then(|a| a.country.get())
    else {
        return;
    };
    if !is_accepted(country.value) {
        let named = name(country.value).unwrap_or(country.value);
        findings.push(
            Finding::new(
                country.span,
                format!("Dodo does not accept payments from {named} ({})", country.value),
            )
            .help("the API answers UNSUPPORTED_COUNTRY; GET /checkout/supported_countries lists the live set"),
        );
    }
}
