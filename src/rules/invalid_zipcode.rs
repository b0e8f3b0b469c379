//! `invalid-zipcode`: a postal code whose shape cannot be right for the billing country.

use std::sync::OnceLock;

use regex::Regex;

use super::{Context, Finding};
use crate::text::quote;

declare_rule!(
    InvalidZipcode,
    "invalid-zipcode",
    Warning,
    "billing_address.zipcode does not have the shape of a postal code of its country (US, CA, GB, IN, DE, FR, AU)."
);

/// Postal-code shapes where they are well defined, with an example for the message.
const SHAPES: &[(&str, &str, &str)] = &[
    ("US", r"^\d{5}(-\d{4})?$", "94103 or 94103-1234"),
    ("CA", r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$", "K1A 0B1"),
    (
        "GB",
        r"^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$",
        "SW1A 1AA",
    ),
    ("IN", r"^[1-9]\d{5}$", "560001"),
    ("DE", r"^\d{5}$", "10115"),
    ("FR", r"^\d{5}$", "75001"),
    ("AU", r"^\d{4}$", "2000"),
];

fn shape(country: &str) -> Option<(&'static Regex, &'static str)> {
    static COMPILED: OnceLock<Vec<(&'static str, Regex, &'static str)>> = OnceLock::new();
    let compiled = COMPILED.get_or_init(|| {
        SHAPES
            .iter()
            .filter_map(|(c, pattern, example)| Some((*c, Regex::new(pattern).ok()?, *example)))
            .collect()
    });
    compiled
        .iter()
        .find(|(c, _, _)| *c == country)
        .map(|(_, regex, example)| (regex, *example))
}

fn check(ctx: &Context<'_>, findings: &mut Vec<Finding>) {
    let Some(address) = ctx.session.and_then(|s| s.billing_address.as_ref()) else {
        return;
    };
    let (Some(country), Some(zipcode)) = (address.country, address.zipcode) else {
        return;
    };
    let Some((pattern, example)) = shape(country.value) else {
        return;
    };
    if !pattern.is_match(zipcode.value.trim()) {
        findings.push(
            Finding::new(
                zipcode.span,
                format!(
                    "zipcode {} is not a postal code of {}",
                    quote(zipcode.value),
                    country.value
                ),
            )
            .label(country.span, "billing country")
            .help(format!(
                "a {} postal code looks like {example}",
                country.value
            )),
        );
    }
}
