//! `invalid-phone-number`: `customer.phone_number` not in E.164 international format.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::NodeFix;
use crate::text::quote;

declare_rule!(
    InvalidPhoneNumber,
    "invalid-phone-number",
    Warning,
    "customer.phone_number is not in international E.164 format (+ and 8 to 15 digits).",
    fix = [Safe]
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(phone) = ctx
        .session
        .and_then(|s| s.customer.seen())
        .and_then(|c| c.phone_number.get())
    else {
        return;
    };
    if is_e164(phone.value) {
        return;
    }
    let mut finding = Finding::new(
        phone.span,
        format!(
            "customer.phone_number {} is not in international format (+ then 8 to 15 digits)",
            quote(phone.value)
        ),
    );
    // Spaces, dashes, dots and parentheses around a +number are only formatting.
    let compact: String = phone
        .value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    if is_e164(&compact) {
        finding = finding.fix(NodeFix::set_string(
            format!("write it as \"{compact}\""),
            Applicability::Safe,
            phone.span, compact,));
    } else {
        finding =
            finding.help("include the country code: \"+14155550123\", not \"(415) 555-0123\"");
    }
    findings.push(finding);
}

fn is_e164(text: &str) -> bool {
    text.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    })
}
