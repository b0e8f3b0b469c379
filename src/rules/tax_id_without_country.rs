//! `tax-id-without-country`: `tax_id` without `billing_address.country`.

use super::{Context, Finding, Findings};
use crate::model::Field;

declare_rule!(
    TaxIdWithoutCountry,
    "tax-id-without-country",
    Error,
    "tax_id is set without billing_address.country, which the API needs to read it."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    let Some(tax_id) = session.tax_id.get() else {
        return;
    };
    // Certainly none: no address, or one without a country (an address or country computed
    // at run time may have one).
    let lacks_country = match &session.billing_address {
        Field::Absent => true,
        Field::Unknown(_) => false,
        Field::Known(address) | Field::Partial(address) => address.country.is_absent(),
    };
    if lacks_country {
        findings.push(
            Finding::new(tax_id.span, "tax_id requires billing_address with a country")
                .help("add \"billing_address\": {\"country\": ...}: a tax id is only meaningful for its country"),
        );
    }
}
