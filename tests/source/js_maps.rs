//! Maps and lists of payloads: indexed by a key not known statically (`PLANS[plan]`), iterated
//! (`for (const p of Object.values(PLANS))`, `PAYLOADS.map(p => …)`) or spread into a literal
//! (`{ ...PLANS[plan], customer }`): every entry is a candidate, and what is wrong in an entry
//! is reported at its bytes.

use crate::common::source::found;
use checkout_lint::{Linter, Report};

const IMPORT: &str =
    "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n";

/// Two plans: `pro` with a zero quantity, `team` with a bad currency; and entries that are not
/// payloads (a string, an object without a cart), which raise nothing.
const PLANS: &str = "const PLANS = {\n  pro: { product_cart: [{ product_id: 'pdt_pro', quantity: 0 }] },\n  team: { product_cart: [{ product_id: 'pdt_team', quantity: 5 }], billing_currency: 'usdd' },\n  label: 'not a payload',\n  meta: { title: 'Plans', order: ['pro', 'team'] },\n};\n";

fn lint(text: &str) -> Report {
    Linter::default().lint_str("app.ts", text)
}

fn both_entries() -> Vec<(&'static str, String, String)> {
    vec![
        (
            "zero-quantity",
            "/product_cart/0/quantity".into(),
            "0".into(),
        ),
        (
            "invalid-currency-code",
            "/billing_currency".into(),
            "'usdd'".into(),
        ),
    ]
}

#[test]
fn an_entry_picked_by_a_key_not_known_statically_is_any_entry() {
    let text = format!(
        "{IMPORT}{PLANS}export async function buy(plan: string) {{\n  return client.checkoutSessions.create(PLANS[plan]);\n}}\n"
    );
    let report = lint(&text);
    assert_eq!(found(&report), both_entries());
    // Spans are in the entries: the zero on the line of `pro` (1-based).
    let zero = &report.diagnostics()[0];
    assert_eq!(report.source().line_col(zero.span.start()).0, 4);
}

#[test]
fn entries_iterated_by_for_of_and_map_are_payloads() {
    let loops = [
        "for (const p of Object.values(PLANS)) {\n  await client.checkoutSessions.create(p);\n}\n",
        "await Promise.all(Object.values(PLANS).map((p) => client.checkoutSessions.create(p)));\n",
        "const LIST = [PLANS_PRO, { product_cart: [{ product_id: 'a', quantity: 0 }] }, { product_cart: [], billing_currency: 'usdd' }];\nLIST.forEach(function (p) { client.checkoutSessions.create(p); });\n",
    ];
    for body in loops {
        let text = format!("{IMPORT}{PLANS}{body}");
        let found = found(&lint(&text));
        assert!(
            found.contains(&both_entries()[0]) && found.contains(&both_entries()[1]),
            "{body}: {found:?}"
        );
    }
}

#[test]
fn an_entry_spread_into_a_literal_is_merged_with_its_members() {
    let text = format!(
        "{IMPORT}{PLANS}export async function buy(plan: string) {{\n  return client.checkoutSessions.create({{ ...PLANS[plan], customer: {{ email: 'nope' }} }});\n}}\n"
    );
    let report = lint(&text);
    let found = found(&report);
    let mut expected = both_entries();
    expected.push(("invalid-email", "/customer/email".into(), "'nope'".into()));
    for finding in &expected {
        assert!(found.contains(finding), "{finding:?} in {found:?}");
    }
    // The email is wrong in both readings, and reported once.
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn maps_of_other_objects_and_other_providers_raise_nothing() {
    let stripe = "import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nconst PRICES = { pro: { line_items: [{ price: 'p', quantity: 0 }], success_url: 'http://x' } };\nfor (const p of Object.values(PRICES)) await stripe.checkout.sessions.create(p);\n";
    assert!(lint(stripe).diagnostics().is_empty());
    let whop = "import { whop } from './whop';\nconst PLANS = { pro: { items: [{ quantity: 0 }], success_url: 'http://x' } };\nfor (const p of Object.values(PLANS)) await whop.checkoutSessions.create(p);\nawait whop.checkoutSessions.create(PLANS[plan]);\n";
    assert!(lint(whop).diagnostics().is_empty());
}

#[test]
fn a_shadowing_binding_inside_the_loop_is_not_an_entry() {
    let text = format!(
        "{IMPORT}{PLANS}for (const p of Object.values(PLANS)) {{\n  {{\n    const p = build();\n    await client.checkoutSessions.create(p);\n  }}\n}}\nObject.values(PLANS).map((p) => {{ const send = (p) => client.checkoutSessions.create(p); return send(other); }});\n"
    );
    let report = lint(&text);
    assert!(
        report.diagnostics().is_empty(),
        "{:#?}",
        report.diagnostics()
    );
}

#[test]
fn a_map_with_more_entries_than_the_bound_reads_the_first_ones() {
    let entries: String = (0..100)
        .map(|n| format!("  p{n}: {{ product_cart: [{{ product_id: 'x{n}', quantity: 0 }}] }},\n"))
        .collect();
    let text = format!(
        "{IMPORT}const MANY = {{\n{entries}}};\nawait client.checkoutSessions.create(MANY[key]);\n"
    );
    let report = lint(&text);
    assert_eq!(report.diagnostics().len(), 64);
    assert!(
        report
            .diagnostics()
            .iter()
            .all(|d| d.rule == "zero-quantity")
    );
}

#[test]
fn hundreds_of_spreads_of_a_wide_map_cost_a_bounded_number_of_payloads() {
    let entries: String = (0..64)
        .map(|n| format!("  p{n}: {{ product_cart: [{{ product_id: 'x{n}', quantity: 0 }}] }},\n"))
        .collect();
    let calls: String = (0..300)
        .map(|n| format!("client.checkoutSessions.create({{ ...MANY[k{n}], metadata: {{}} }});\n"))
        .collect();
    let text = format!("{IMPORT}const MANY = {{\n{entries}}};\n{calls}");
    let started = std::time::Instant::now();
    let report = lint(&text);
    // Each entry's zero is one finding at its bytes, however many calls spread it.
    assert_eq!(report.diagnostics().len(), 64);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}
