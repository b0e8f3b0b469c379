//! Alternatives: a payload with conditionals is read once per branch of each condition, the
//! others left unknown. What is wrong in a branch is reported at its bytes; what needs two
//! branches of two different conditions is not (they may never run together); conditions
//! written the same way take the same branch.

use crate::common::source::found;
use checkout_lint::{Config, Level, Linter, Report};

const IMPORT: &str =
    "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n";

fn lint(text: &str) -> Report {
    Linter::new(Config::default().with_rule("deprecated-discount-code", Level::Off))
        .lint_str("app.ts", text)
}

/// A create call whose payload has a one-item cart and `members`.
fn call(members: &str) -> String {
    format!(
        "{IMPORT}export async function go(id: string, email: string, a: boolean, b: boolean) {{\n  return client.checkoutSessions.create({{\n    product_cart: [{{ product_id: 'p', quantity: 1 }}],\n    {members}\n  }});\n}}\n"
    )
}

#[test]
fn an_unknown_key_in_a_literal_branch_is_reported_at_its_bytes() {
    let report = lint(&call(
        "customer: { email, ...(id ? { customer_id: id } : { create_new_customer: true }) },",
    ));
    let found = found(&report);
    assert!(
        found.contains(&(
            "unknown-field",
            "/customer/create_new_customer".into(),
            "create_new_customer".into()
        )),
        "{found:?}"
    );
    let unknown = report
        .diagnostics()
        .iter()
        .find(|d| d.rule == "unknown-field")
        .map(|d| d.message.clone());
    assert!(
        unknown.is_some_and(|m| m.contains("create_new_customer")),
        "{found:?}"
    );
    // The line of the conditional (1-based).
    let at = report.diagnostics()[0].span.start();
    assert_eq!(report.source().line_col(at).0, 6);
}

#[test]
fn a_value_branch_and_an_and_spread_are_read_apart() {
    let report = lint(&call(
        "billing_currency: a ? 'EUR' : 'usdd',\n    ...(b && { succes_url: 'https://x.example' }),",
    ));
    assert_eq!(
        found(&report),
        [
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "'usdd'".into()
            ),
            ("unknown-field", "/succes_url".into(), "succes_url".into()),
        ]
    );
}

#[test]
fn a_finding_shared_by_the_readings_is_reported_once() {
    let text = format!(
        "{IMPORT}export async function go(a: boolean) {{\n  return client.checkoutSessions.create({{\n    product_cart: [{{ product_id: 'p', quantity: 0 }}],\n    ...(a ? {{ confirm: false }} : {{ confirm: false }}),\n  }});\n}}\n"
    );
    let report = lint(&text);
    assert_eq!(
        found(&report),
        [(
            "zero-quantity",
            "/product_cart/0/quantity".into(),
            "0".into()
        )]
    );
    // Its two readings are one payload of the file.
    assert_eq!(report.payload_count(), 1);
}

#[test]
fn keys_of_branches_of_two_conditions_do_not_conflict() {
    let two = call(
        "...(a ? { discount_code: 'SAVE10' } : {}),\n    ...(b ? { discount_codes: ['X10'] } : {}),",
    );
    assert!(
        lint(&two).diagnostics().is_empty(),
        "{:#?}",
        lint(&two).diagnostics()
    );
    // One condition written twice takes the same branch in each reading: never together …
    let exclusive = call(
        "...(a ? { discount_code: 'SAVE10' } : {}),\n    ...(!a ? { discount_codes: ['X10'] } : {}),",
    );
    assert!(lint(&exclusive).diagnostics().is_empty());
    // … or always together.
    let together = call(
        "...(a ? { discount_code: 'SAVE10' } : {}),\n    ...(a && { discount_codes: ['X10'] }),",
    );
    assert_eq!(
        found(&lint(&together)),
        [(
            "conflicting-discount-fields",
            "/discount_code".into(),
            "'SAVE10'".into()
        )]
    );
}

#[test]
fn what_one_branch_leaves_out_is_missing_on_that_path() {
    // If `id` is empty the customer is `{}`: the API rejects that request.
    let report = lint(&call("customer: { ...(id ? { customer_id: id } : {}) },"));
    assert_eq!(
        found(&report),
        [(
            "invalid-customer",
            "/customer".into(),
            "{ ...(id ? { customer_id: id } : {}) }".into()
        )]
    );
    assert_eq!(
        report.diagnostics()[0].message,
        "customer has neither \"email\" nor \"customer_id\""
    );
    // Either branch supplies one of the two: nothing is missing.
    let either = lint(&call("customer: id ? { customer_id: id } : { email },"));
    assert!(
        either.diagnostics().is_empty(),
        "{:#?}",
        either.diagnostics()
    );
}

#[test]
fn conditions_past_the_bound_stay_unknown() {
    let members: String = (1..=5)
        .map(|n| format!("...(c{n} && {{ bogus{n}: 1 }}),\n    "))
        .collect();
    let report = lint(&call(&members));
    let keys: Vec<String> = found(&report).into_iter().map(|(_, _, at)| at).collect();
    assert_eq!(keys, ["bogus1", "bogus2", "bogus3", "bogus4"]);
}

#[test]
fn thousands_of_conditions_cost_a_bounded_number_of_readings() {
    let members: String = (0..5000)
        .map(|n| format!("...(c{n} ? {{ quantity_{n}: 1 }} : {{}}), "))
        .collect();
    let report = lint(&call(&members));
    // The first four conditions are read apart, and their keys are not fields.
    assert_eq!(report.diagnostics().len(), 4);
}
