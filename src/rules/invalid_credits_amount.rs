//! `invalid-credits-amount`: a `credits_amount` that is not a positive decimal number.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(
    InvalidCreditsAmount,
    "invalid-credits-amount",
    Error,
    "credit_entitlements[].credits_amount is not a decimal number greater than zero."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    for item in session.items() {
        let Some(entries) = item.credit_entitlements.seen() else {
            continue;
        };
        for amount in entries.value.iter().filter_map(|e| e.credits_amount.get()) {
            let problem = match parse_decimal(amount.value) {
                None => "is not a decimal number",
                Some(value) if value <= 0.0 => "must be greater than zero",
                Some(_) => continue,
            };
            findings.push(
                Finding::new(
                    amount.span,
                    format!("credits_amount {} {problem}", quote(amount.value)),
                )
                .help("write the number of credits as a decimal string, e.g. \"100\" or \"12.5\""),
            );
        }
    }
}

/// A plain decimal: optional sign, digits, optional fraction. No exponents, no spaces.
fn parse_decimal(text: &str) -> Option<f64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && fraction.is_empty());
    plain.then(|| text.parse().ok()).flatten()
}
