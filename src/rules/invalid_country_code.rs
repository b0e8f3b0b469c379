//! `invalid-country-code`: a country that is not an upper-case ISO 3166-1 alpha-2 code.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::NodeFix;
use crate::facts::countries::{alpha2_for, name};
use crate::text::quote;

declare_rule!(
    InvalidCountryCode,
    "invalid-country-code",
    Error,
    "billing_address.country is not an upper-case ISO alpha-2 code (us, USA, UK), with a fix to the right code.",
    fix = [Safe], on = Violations);

/// Pointers whose enum errors this rule reports (instead of invalid-value).
fn handles(pointer: &str) -> bool {
    crate::facts::countries::is_country_field(pointer)
}

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    for (_, span, found) in ctx.enum_violations(handles) {
        let mut finding = Finding::new(
            span,
            format!("country {} is not an ISO 3166-1 alpha-2 code", quote(found)),
        );
        finding = match alpha2_for(found) {
            Some(code) => {
                let country = name(code).unwrap_or(code);
                finding
                    .help(format!("{country} is \"{code}\""))
                    .fix(NodeFix::set_string(
                        format!("replace with \"{code}\""),
                        Applicability::Safe,
                        span, code,))
            }
            None => finding.help("use the two-letter upper-case code, e.g. \"US\", \"GB\", \"IN\""),
        };
        findings.push(finding);
    }
}
