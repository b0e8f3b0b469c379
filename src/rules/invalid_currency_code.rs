//! `invalid-currency-code`: a currency that is not an ISO 4217 code Dodo supports.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::NodeFix;
use crate::facts::currencies::{is_iso, is_supported};
use crate::pointer::display_path;
use crate::text::quote;

declare_rule!(
    InvalidCurrencyCode,
    "invalid-currency-code",
    Error,
    "A currency that is not an ISO 4217 code Dodo supports (billing_currency, on_demand.product_currency), with a case fix.",
    fix = [Safe], on = Violations);

/// Pointers whose enum errors this rule reports (instead of invalid-value).
fn handles(pointer: &str) -> bool {
    crate::facts::currencies::is_currency_field(pointer)
}

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    for (pointer, span, found) in ctx.enum_violations(handles) {
        let field = display_path(pointer);
        let upper = found.trim().to_ascii_uppercase();
        let finding = if upper != *found && is_supported(&upper) {
            Finding::new(span, format!("{field} {} must be upper case", quote(found))).fix(
                NodeFix::set_string(
                    format!("replace with \"{upper}\""),
                    Applicability::Safe,
                    span, upper,),
            )
        } else if is_iso(&upper) {
            Finding::new(
                span,
                format!(
                    "{field} {} is an ISO 4217 currency that Dodo does not support",
                    quote(found)
                ),
            )
            .help("Dodo supports 145 currencies; see the Currency enum of the API reference")
        } else {
            Finding::new(
                span,
                format!("{field} {} is not an ISO 4217 currency code", quote(found)),
            )
            .help("use a three-letter code such as \"USD\", \"EUR\", \"INR\"")
        };
        findings.push(finding);
    }
}
