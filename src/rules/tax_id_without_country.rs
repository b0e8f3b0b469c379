//! `tax-id-without-country`: `tax_id` without `billing_address.country`.

use super::{Context, Finding, Findings};

declare_rule!(
    TaxIdWithoutCountry,
    "tax-id-without-country",
    Error,
    "tax_id is set without billing_address.country, which the API needs to read it."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    let Some(tax_id) = session.tax_id else { return };
    let has_country = session
        .billing_address
        .as_ref()
        .is_some_and(|a| a.country.is_some());
    if !has_country {
        findings.push(
            Finding::new(tax_id.span, "tax_id requires billing_address with a country")
                .help("add \"billing_address\": {\"country\": ...}: a tax id is only meaningful for its country"),
        );
    }
}
