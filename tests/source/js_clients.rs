//! Clients from anywhere in one file: a local bound to a factory's (awaited) result, the SDK
//! loaded by `await import` or `require(...).default`, casts, class fields and constructor
//! parameters typed as the client, helpers whose parameters the call binds, wrappers that
//! forward their parameter. A payload without a cart is linted only when the client is certainly
//! Dodo's, so `billing_curency` being reported shows the client was recognised.

use crate::common::source::{found, rules_of};
use checkout_lint::{Linter, Report};

fn lint(name: &str, text: &str) -> Report {
    Linter::default().lint_str(name, text)
}

/// A payload with no cart and one misspelt key: reported only through a certain client.
const NO_CART: &str = "{ customer: { email: 'a@b.co' }, billing_curency: 'USD' }";

fn reports_the_typo(text: &str) {
    let report = lint("app.ts", text);
    let typo = (
        "unknown-field",
        "/billing_curency".to_string(),
        "billing_curency".to_string(),
    );
    assert!(
        found(&report).contains(&typo),
        "{text}\n{:?}",
        found(&report)
    );
}

#[test]
fn a_local_bound_to_a_factory_is_a_client() {
    reports_the_typo(&format!(
        "import DodoPayments from 'dodopayments';\n\
         function getDodo() {{ return new DodoPayments(); }}\n\
         const dodo = getDodo();\n\
         dodo.checkoutSessions.create({NO_CART});\n"
    ));
}

#[test]
fn an_async_factory_with_a_cached_client_is_a_factory() {
    reports_the_typo(&format!(
        "import DodoPayments from 'dodopayments';\n\
         let cached: DodoPayments | undefined;\n\
         export const getDodo = async () => {{ cached ??= new DodoPayments(); return cached; }};\n\
         export async function POST() {{\n\
           const dodo = await getDodo();\n\
           return dodo.checkoutSessions.create({NO_CART});\n\
         }}\n"
    ));
}

#[test]
fn the_sdk_from_a_dynamic_import_or_a_require_default() {
    reports_the_typo(&format!(
        "const {{ default: DodoPayments }} = await import('dodopayments');\n\
         const client = new DodoPayments();\n\
         await client.checkoutSessions.create({NO_CART});\n"
    ));
    reports_the_typo(&format!(
        "const Dodo = require('dodopayments').default;\n\
         const client = new Dodo({{ bearerToken: process.env.KEY }});\n\
         client.checkoutSessions.create({NO_CART});\n"
    ));
}

#[test]
fn casts_and_non_null_assertions_keep_the_client() {
    for receiver in [
        "(dodo as any)",
        "dodo!",
        "(dodo as unknown as DodoPayments)",
    ] {
        reports_the_typo(&format!(
            "import DodoPayments from 'dodopayments';\n\
             const dodo = new DodoPayments();\n\
             {receiver}.checkoutSessions.create({NO_CART});\n"
        ));
    }
}

#[test]
fn class_fields_and_constructor_parameters_typed_as_the_client() {
    reports_the_typo(&format!(
        "import DodoPayments from 'dodopayments';\n\
         export class Billing {{\n\
           constructor(private readonly client: DodoPayments) {{}}\n\
           buy() {{ return this.client.checkoutSessions.create({NO_CART}); }}\n\
         }}\n"
    ));
    reports_the_typo(&format!(
        "import DodoPayments from 'dodopayments';\n\
         export class Billing {{\n\
           private dodo: DodoPayments;\n\
           buy() {{ return this.dodo.checkoutSessions.create({NO_CART}); }}\n\
         }}\n"
    ));
}

#[test]
fn another_providers_factory_stays_silent() {
    let report = lint(
        "app.ts",
        &format!(
            "import {{ Polar }} from '@polar-sh/sdk';\n\
             function getPolar() {{ return new Polar(); }}\n\
             const polar = getPolar();\n\
             polar.checkoutSessions.create({NO_CART});\n\
             polar.checkoutSessions.create({{ items: [], quantity: 0 }});\n"
        ),
    );
    assert_eq!(rules_of(&report), Vec::<&str>::new());
}

#[test]
fn a_helpers_parameter_bound_to_a_literal_argument_is_reported_at_the_call() {
    let text = "import DodoPayments from 'dodopayments';\n\
                const dodo = new DodoPayments();\n\
                function seatCheckout(productId: string, seats: number) {\n\
                  return { product_cart: [{ product_id: productId, quantity: seats }] };\n\
                }\n\
                await dodo.checkoutSessions.create(seatCheckout('pdt_1', 0));\n\
                await dodo.checkoutSessions.create(seatCheckout('pdt_1', 3));\n";
    let report = lint("app.ts", text);
    let diagnostics = report.diagnostics();
    assert_eq!(rules_of(&report), ["zero-quantity"]);
    let zero = &diagnostics[0];
    let call_zero = text.find("'pdt_1', 0").expect("call") + "'pdt_1', ".len();
    assert_eq!(zero.span.start(), call_zero, "at the caller's 0");
    assert_eq!(zero.pointer, "/product_cart/0/quantity");
    let label = &zero.labels[0];
    assert_eq!(
        &text[label.span.range()],
        "seats",
        "where the helper writes it"
    );
    assert_eq!(label.message, "seatCheckout puts the argument here");
    assert!(label.file.is_none());
    // The call that makes the helper's literal a payload.
    let call = zero.call.expect("call span");
    assert!(
        text[call.range()].starts_with("dodo.checkoutSessions.create(seatCheckout('pdt_1', 0)")
    );
}

#[test]
fn a_helper_that_returns_itself_or_recurses_ends_unknown() {
    let text = "import DodoPayments from 'dodopayments';\n\
                const dodo = new DodoPayments();\n\
                function a(n: number): any { return b(n); }\n\
                function b(n: number): any { return a(n); }\n\
                function self(): any { return self(); }\n\
                dodo.checkoutSessions.create(a(0));\n\
                dodo.checkoutSessions.create(self());\n";
    assert_eq!(rules_of(&lint("app.ts", text)), Vec::<&str>::new());
}

#[test]
fn a_wrapper_makes_each_of_its_calls_a_payload_site() {
    let text = "import DodoPayments from 'dodopayments';\n\
                const dodo = new DodoPayments();\n\
                export async function createSession(body: any) {\n\
                  return dodo.checkoutSessions.create(body);\n\
                }\n\
                const session = await createSession({ product_cart: [{ product_id: 'p', quantity: 0 }] });\n\
                console.log(session.url);\n";
    let report = lint("app.ts", text);
    assert_eq!(
        found(&report),
        [
            (
                "zero-quantity",
                "/product_cart/0/quantity".to_string(),
                "0".to_string()
            ),
            ("unknown-response-field", String::new(), "url".to_string()),
        ]
    );
}

#[test]
fn a_spread_of_a_visible_object_and_object_assign_merge_their_members() {
    let text = "import DodoPayments from 'dodopayments';\n\
                const client = new DodoPayments();\n\
                const base = { product_cart: [{ product_id: 'p', quantity: 0 }] };\n\
                await client.checkoutSessions.create({ ...base, billing_curency: 'USD' });\n\
                await client.checkoutSessions.create(Object.assign({}, base, { customer: { email: 'nope' } }));\n";
    let report = lint("app.ts", text);
    let found = found(&report);
    // The base's zero is reported once, at its bytes, though both calls send it.
    assert_eq!(
        found
            .iter()
            .filter(|(rule, _, text)| *rule == "zero-quantity" && text == "0")
            .count(),
        1,
        "{found:?}"
    );
    for (rule, pointer) in [
        ("unknown-field", "/billing_curency"),
        ("invalid-email", "/customer/email"),
    ] {
        assert!(
            found.iter().any(|(r, p, _)| *r == rule && p == pointer),
            "{rule} at {pointer}: {found:?}"
        );
    }
}

#[test]
fn object_assign_with_an_argument_not_known_stays_open() {
    let text = "import DodoPayments from 'dodopayments';\n\
                const client = new DodoPayments();\n\
                await client.checkoutSessions.create(Object.assign({}, defaults(), { customer: { email: 'a@b.co' } }));\n";
    // `defaults()` may hold the cart: no missing-field.
    assert_eq!(rules_of(&lint("app.ts", text)), Vec::<&str>::new());
}

#[test]
fn a_fetch_wrapper_called_with_the_checkouts_path_is_a_raw_post() {
    let text = "const BASE = 'https://test.dodopayments.com';\n\
                async function dodo(path: string, init: RequestInit) {\n\
                  return fetch(BASE + path, init);\n\
                }\n\
                await dodo('/checkouts', { method: 'POST', body: JSON.stringify({ product_cart: [{ product_id: 'p', quantity: 0 }] }) });\n\
                await dodo('/customers', { method: 'POST', body: JSON.stringify({ product_cart: [{ product_id: 'p', quantity: 0 }] }) });\n";
    let report = lint("app.ts", text);
    assert_eq!(
        found(&report),
        [(
            "zero-quantity",
            "/product_cart/0/quantity".to_string(),
            "0".to_string()
        )]
    );
    let zero = &report.diagnostics()[0];
    assert!(zero.span.start() < text.find("/customers").expect("second call"));
}

#[test]
fn a_client_passed_to_a_function_that_sends_with_it_makes_the_call_dodos() {
    let text = format!(
        "import DodoPayments from 'dodopayments';\n\
         const dodo = new DodoPayments();\n\
         async function checkout(client: any, body: any) {{\n\
           return client.checkoutSessions.create(body);\n\
         }}\n\
         await checkout(dodo, {NO_CART});\n\
         await checkout(somethingElse, {{ items: [], quantity: 0 }});\n"
    );
    reports_the_typo(&text);
    let report = lint("app.ts", &text);
    // The other provider's call, through the same function, says nothing.
    assert!(
        report
            .diagnostics()
            .iter()
            .all(|d| d.span.start() < text.find("somethingElse").expect("second call")),
        "{:?}",
        found(&report)
    );
}
