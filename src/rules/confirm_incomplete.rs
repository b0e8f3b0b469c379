//! `confirm-incomplete`: `confirm: true` without the data needed to finalize the session, and
//! `payment_method_id` without `confirm: true` or an existing customer.

use super::{Context, Finding, Findings};
use crate::model::{CheckoutSession, Field, Spanned};
use crate::span::Span;

declare_rule!(ConfirmIncomplete, "confirm-incomplete", Error, "confirm: true while the customer, billing address, tax id or phone number needed to finalize is missing; payment_method_id without confirm or customer_id.");

const FULL_ADDRESS: &[&str] = &["street", "city", "state", "country", "zipcode"];
const MINIMAL_ADDRESS: &[&str] = &["country", "zipcode"];

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    if let Some(confirm) = session.confirm.get().filter(|c| c.value) {
        check_customer(session, confirm.span, findings);
        check_address(session, confirm.span, findings);
        check_required_flags(session, confirm.span, findings);
    }
    check_payment_method(session, findings);
}

fn check_customer(session: &CheckoutSession<'_>, confirm: Span, findings: &mut Findings<'_>) {
    match &session.customer {
        Field::Absent => findings.push(
            Finding::new(confirm, "confirm: true needs a customer, but none is given")
                .help("add \"customer\": {\"email\": ...} for a new customer, or {\"customer_id\": ...} for an existing one"),
        ),
        Field::Known(customer) | Field::Partial(customer)
            if customer.is_new() && customer.email.is_absent() =>
        {
            findings.push(
            Finding::new(confirm, "confirm: true needs customer.email (or customer.customer_id for an existing customer)")
                .label(customer.span, "this customer has neither email nor customer_id"),
            )
        }
        // Computed at run time, or complete: nothing certain to say.
        _ => {}
    }
}

/// `minimal_address` defaults to true when `feature_flags.single_page` is (PyPI SDK 1.123.0).
/// `None` when it depends on a value not known statically.
fn minimal_address(session: &CheckoutSession<'_>) -> Option<bool> {
    let decided_by = match session.minimal_address {
        Field::Absent => session.flag("single_page"),
        written => written,
    };
    match decided_by {
        Field::Absent => Some(false),
        Field::Unknown(_) => None,
        Field::Known(flag) | Field::Partial(flag) => Some(flag.value),
    }
}

fn check_address(session: &CheckoutSession<'_>, confirm: Span, findings: &mut Findings<'_>) {
    // When it cannot be known, only what both forms need is certainly needed.
    let minimal = minimal_address(session).unwrap_or(true);
    let required = if minimal {
        MINIMAL_ADDRESS
    } else {
        FULL_ADDRESS
    };
    let address = match &session.billing_address {
        Field::Known(address) | Field::Partial(address) => address,
        Field::Unknown(_) => return,
        Field::Absent => {
            findings.push(
            Finding::new(confirm, format!(
                "confirm: true needs billing_address with {}, but none is given",
                list(required)
            ))
            .help(if minimal {
                "with minimal_address: true only country and zipcode are needed"
            } else {
                "when confirm is true all billing address fields become required; set minimal_address: true to need only country and zipcode"
            }),
            );
            return;
        }
    };
    let missing: Vec<&str> = address
        .fields()
        .into_iter()
        .filter(|(name, value)| required.contains(name) && is_unfilled(*value))
        .map(|(name, _)| name)
        .collect();
    if missing.is_empty() {
        return;
    }
    let named: Vec<String> = missing
        .iter()
        .map(|m| format!("billing_address.{m}"))
        .collect();
    let mut finding = Finding::new(
        confirm,
        format!("confirm: true needs {}", list_strings(&named)),
    )
    .label(address.span, "incomplete billing address");
    if !minimal {
        finding = finding.help("when confirm is true all billing address fields become required; with minimal_address: true only country and zipcode are");
    }
    findings.push(finding);
}

/// Certainly not filled in: absent, or blank. A value computed at run time may be filled.
fn is_unfilled(value: Field<Spanned<&str>>) -> bool {
    match value {
        Field::Absent => true,
        Field::Unknown(_) => false,
        Field::Known(v) | Field::Partial(v) => v.value.trim().is_empty(),
    }
}

fn check_required_flags(session: &CheckoutSession<'_>, confirm: Span, findings: &mut Findings<'_>) {
    if let Some(flag) = session.flag("require_tax_id").get().filter(|f| f.value)
        && is_unfilled(session.tax_id)
    {
        findings.push(
            Finding::new(confirm, "confirm: true with feature_flags.require_tax_id needs tax_id")
                .label(flag.span, "tax id required here")
                .help("a confirmed session skips the checkout page, so the request itself must contain tax_id"),
        );
    }
    if let Some(flag) = session
        .flag("require_phone_number")
        .get()
        .filter(|f| f.value)
    {
        // An existing customer may have a phone number on file; only a new one must bring it.
        if let Some(customer) = session.customer.seen().filter(|c| c.is_new())
            && is_unfilled(customer.phone_number)
        {
            findings.push(
                Finding::new(confirm, "confirm: true with feature_flags.require_phone_number needs customer.phone_number")
                    .label(customer.span, "this customer has no phone_number")
                    .label(flag.span, "phone number required here"),
            );
        }
    }
}

fn check_payment_method(session: &CheckoutSession<'_>, findings: &mut Findings<'_>) {
    // A value computed at run time may be undefined, and then it is not sent at all.
    let Some(payment_method) = session.payment_method_id.get() else {
        return;
    };
    let confirm = session.confirm;
    if confirm.is_absent() || confirm.get().is_some_and(|c| !c.value) {
        let mut finding = Finding::new(
            payment_method.span,
            "payment_method_id is only allowed when confirm is true",
        )
        .help("set \"confirm\": true, or remove payment_method_id");
        if let Some(confirm) = confirm.get() {
            finding = finding.label(confirm.span, "confirm is false here");
        }
        findings.push(finding);
    }
    let customer = match &session.customer {
        Field::Absent => None,
        Field::Known(customer) | Field::Partial(customer) if customer.is_new() => Some(customer),
        _ => return,
    };
    {
        let mut finding = Finding::new(
                payment_method.span,
                "payment_method_id needs an existing customer: give customer.customer_id",
            )
            .help("a saved payment method belongs to a customer; attach that customer with {\"customer_id\": ...}");
        if let Some(customer) = customer {
            finding = finding.label(customer.span, "not an existing customer");
        }
        findings.push(finding);
    }
}

fn list(names: &[&str]) -> String {
    let owned: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    list_strings(&owned)
}

/// "a", "a and b", "a, b and c".
fn list_strings(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
