//! Dodo's better-auth plugin (`@dodopayments/better-auth` 1.6.6): the body of
//! `authClient.dodopayments.checkoutSession(...)` is a checkout session plus `slug` and
//! `referenceId`, a slug standing for a one-quantity cart line; unknown keys are dropped by the
//! plugin's zod schema (a warning, said so); the answer is `{ data: { url, redirect } }`; the
//! deprecated `.checkout(...)` and the endpoint-less `.checkout.session(...)` are reported.
//! And Dodo's Convex component (`@dodopayments/convex` 0.2.15): `checkout(ctx, { payload })`,
//! whose validator rejects unknown keys and `null`.

use crate::common::source::found;
use checkout_lint::{Linter, Report, Severity};

const CLIENT: &str = "import { createAuthClient } from 'better-auth/react';\n\
     import { dodopaymentsClient } from '@dodopayments/better-auth/client';\n\
     export const authClient = createAuthClient({ plugins: [dodopaymentsClient()] });\n";

fn lint(body: &str) -> Report {
    Linter::default().lint_str("app/pricing/page.tsx", &format!("{CLIENT}{body}"))
}

/// (rule, severity, the text at the span, message) of every diagnostic.
fn said(report: &Report) -> Vec<(&'static str, Severity, String, String)> {
    let text = report.source().text();
    report
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.rule,
                d.severity,
                text[d.span.start()..d.span.end()].to_string(),
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn a_slug_and_a_reference_id_are_the_plugin_s_and_stand_for_the_cart() {
    let report = lint(
        "await authClient.dodopayments.checkoutSession({ slug: 'premium-plan', referenceId: 'o_1', billing_currency: 'USD' });\n",
    );
    assert!(report.diagnostics().is_empty(), "{:#?}", said(&report));
    assert_eq!(report.payload_count(), 1);
}

#[test]
fn an_unknown_key_is_a_warning_that_says_the_plugin_drops_it() {
    let report = lint(
        "await authClient.dodopayments.checkoutSession({ slug: 'pro', billing_curency: 'USD' });\n",
    );
    let said = said(&report);
    assert_eq!(said.len(), 1, "{said:#?}");
    let (rule, severity, at, message) = &said[0];
    assert_eq!(
        (*rule, *severity, at.as_str()),
        ("unknown-field", Severity::Warning, "billing_curency")
    );
    assert!(
        message.contains("@dodopayments/better-auth ignores it"),
        "{message}"
    );
    assert!(!message.contains("422"));
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(
        diagnostic.help.as_deref(),
        Some("did you mean \"billing_currency\"?")
    );
    let text = report.source().text();
    let label = &diagnostic.labels[0];
    assert_eq!(
        &text[label.span.start()..label.span.end()],
        "checkoutSession"
    );
    // The same key through the SDK stays the error it always was.
    let sdk = Linter::default().lint_str(
        "a.ts",
        "import D from 'dodopayments'; const c = new D();\n\
         c.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 1 }], billing_curency: 'USD' });\n",
    );
    assert_eq!(sdk.diagnostics()[0].severity, Severity::Error);
}

#[test]
fn a_configured_level_wins_over_the_plugin_s_warning() {
    let config =
        checkout_lint::Config::default().with_rule("unknown-field", checkout_lint::Level::Error);
    let report = Linter::new(config).lint_str(
        "page.tsx",
        &format!("{CLIENT}await authClient.dodopayments.checkoutSession({{ slug: 'pro', success_url: 'https://a.co' }});\n"),
    );
    assert_eq!(report.diagnostics()[0].severity, Severity::Error);
}

#[test]
fn the_session_fields_are_linted_as_the_api_s() {
    let report = lint(
        "await authClient.dodopayments.checkoutSession({\n\
           product_cart: [{ product_id: 'pdt_1', quantity: 0 }],\n\
           billing_currency: 'usd',\n\
         });\n",
    );
    let found = found(&report);
    assert!(
        found.contains(&(
            "zero-quantity",
            "/product_cart/0/quantity".into(),
            "0".into()
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(rule, _, at)| *rule == "invalid-currency-code" && at == "'usd'"),
        "{found:?}"
    );
}

#[test]
fn neither_slug_nor_cart_is_missing_with_the_server_s_words() {
    let report =
        lint("await authClient.dodopayments.checkoutSession({ billing_currency: 'USD' });\n");
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.rule, "missing-field");
    let help = diagnostic.help.as_deref().unwrap_or_default();
    assert!(
        help.contains("\"slug\"") && help.contains("Neither product_cart nor slug"),
        "{help}"
    );
}

#[test]
fn the_answer_is_data_url_and_checkout_url_is_the_mistake() {
    let report = lint(
        "export async function buy() {\n\
           const { data, error } = await authClient.dodopayments.checkoutSession({ slug: 'pro' });\n\
           if (data) window.location.href = data.checkout_url;\n\
         }\n\
         export async function fine() {\n\
           const { data: checkout } = await authClient.dodopayments.checkoutSession({ slug: 'pro' });\n\
           return checkout.url;\n\
         }\n\
         export async function inner() {\n\
           const { data: { checkoutUrl } } = await authClient.dodopayments.checkoutSession({ slug: 'pro' });\n\
           return checkoutUrl;\n\
         }\n\
         export async function whole() {\n\
           const res = await authClient.dodopayments.checkoutSession({ slug: 'pro' });\n\
           return res.data.url;\n\
         }\n",
    );
    let said = said(&report);
    let reads: Vec<(&str, &str)> = said
        .iter()
        .map(|(rule, _, at, _)| (*rule, at.as_str()))
        .collect();
    assert_eq!(
        reads,
        [
            ("unknown-response-field", "checkout_url"),
            ("unknown-response-field", "checkoutUrl"),
        ]
    );
    assert_eq!(
        said[0].3,
        "the better-auth checkout response has no field \"checkout_url\""
    );
    assert_eq!(
        report.diagnostics()[0].help.as_deref(),
        Some("did you mean \"url\"?")
    );
}

#[test]
fn the_deprecated_checkout_is_reported_at_its_name_and_its_body_is_no_session() {
    let report = lint(
        "const { data } = await authClient.dodopayments.checkout({\n\
           slug: 'premium-plan',\n\
           billing: { city: 'X', country: 'US', state: 'CA', street: 'S', zipcode: '1' },\n\
           customer: { email: 'a@b.co' },\n\
         });\n\
         location.href = data.url;\n",
    );
    let said = said(&report);
    assert_eq!(said.len(), 1, "{said:#?}");
    let (rule, severity, at, message) = &said[0];
    assert_eq!(
        (*rule, *severity, at.as_str()),
        ("deprecated-adapter-checkout", Severity::Warning, "checkout")
    );
    assert!(
        message.contains("deprecated in @dodopayments/better-auth 1.6.6"),
        "{message}"
    );
    let help = report.diagnostics()[0].help.as_deref().unwrap_or_default();
    assert!(
        help.contains("authClient.dodopayments.checkoutSession(...)"),
        "{help}"
    );
}

#[test]
fn checkout_session_on_the_client_has_no_endpoint() {
    let report = lint("await authClient.dodopayments.checkout.session({ slug: 'pro' });\n");
    let said = said(&report);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!(
        (said[0].0, said[0].1, said[0].2.as_str()),
        ("unknown-adapter-endpoint", Severity::Error, "session")
    );
    assert!(
        said[0].3.contains("/dodopayments/checkout/session"),
        "{}",
        said[0].3
    );
}

#[test]
fn return_url_and_customer_are_replaced_by_the_server() {
    let report = lint(
        "await authClient.dodopayments.checkoutSession({\n\
           slug: 'pro',\n\
           customer: { email: 'a@b.co' },\n\
           return_url: 'https://example.com/ok',\n\
         });\n",
    );
    let said = said(&report);
    let found: Vec<(&str, Severity, &str)> = said
        .iter()
        .map(|(rule, severity, at, _)| (*rule, *severity, at.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("adapter-overridden-field", Severity::Warning, "customer"),
            ("adapter-overridden-field", Severity::Warning, "return_url"),
        ]
    );
    assert!(said[1].3.contains("successUrl"), "{}", said[1].3);
}

#[test]
fn a_client_imported_and_not_known_needs_a_slug_or_a_cart() {
    let imported = "import { authClient } from '@/lib/auth-client';\n";
    let linter = Linter::default();
    let with_slug = linter.lint_str(
        "a.tsx",
        &format!("{imported}await authClient.dodopayments.checkoutSession({{ slug: 'pro', success_url: 'x' }});\n"),
    );
    assert_eq!(found(&with_slug)[0].0, "unknown-field");
    let without = linter.lint_str(
        "a.tsx",
        &format!(
            "{imported}await authClient.dodopayments.checkoutSession({{ success_url: 'x' }});\n"
        ),
    );
    assert!(without.diagnostics().is_empty());
}

#[test]
fn look_alikes_say_nothing() {
    let linter = Linter::default();
    for text in [
        // A local object with the same chain: not a better-auth client.
        "const api = { dodopayments: { checkoutSession: (b) => b } };\n\
         api.dodopayments.checkoutSession({ slug: 'pro', success_url: 'x' });\n",
        // A better-auth client without Dodo's plugin has no such namespace.
        "import { createAuthClient } from 'better-auth/react';\n\
         const authClient = createAuthClient({ plugins: [] });\n\
         authClient.dodopayments.checkoutSession({ success_url: 'x' });\n",
        // The plugin list is not known here.
        "import { createAuthClient } from 'better-auth/react';\n\
         const authClient = createAuthClient({ plugins });\n\
         authClient.dodopayments.checkoutSession({ success_url: 'x' });\n",
        // A parameter whose value is not known.
        "export function buy(client) { return client.dodopayments.checkoutSession({ success_url: 'x' }); }\n",
    ] {
        let report = linter.lint_str("a.ts", text);
        assert!(
            report.diagnostics().is_empty(),
            "{text}\n{:#?}",
            said(&report)
        );
    }
}

/// The server plugin's config in the same file (a file linted alone sees only its own).
fn with_server(products: &str, body: &str) -> Report {
    Linter::default().lint_str(
        "auth.ts",
        &format!(
            "import {{ checkout }} from '@dodopayments/better-auth';\n\
             export const plugin = checkout({{ products: {products}, successUrl: '/ok' }});\n\
             {CLIENT}{body}"
        ),
    )
}

#[test]
fn a_slug_the_server_lacks_is_an_error_at_the_slug_with_the_closest_one() {
    let report = with_server(
        "[{ productId: 'pdt_1', slug: 'premium-plan' }, { productId: process.env.B, slug: 'basic' }]",
        "await authClient.dodopayments.checkoutSession({ slug: 'premium-plna' });\n",
    );
    let said = said(&report);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!(
        (said[0].0, said[0].1, said[0].2.as_str()),
        ("unknown-slug", Severity::Error, "'premium-plna'")
    );
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.pointer, "/slug");
    assert_eq!(
        diagnostic.help.as_deref(),
        Some("did you mean \"premium-plan\"?")
    );
    let label = &diagnostic.labels[0];
    assert_eq!(
        &report.source().text()[label.span.start()..label.span.end()],
        "products"
    );
}

#[test]
fn a_slug_the_server_has_or_a_catalogue_not_known_says_nothing() {
    let body = "await authClient.dodopayments.checkoutSession({ slug: 'basic' });\n";
    let has = with_server("[{ productId: 'pdt_1', slug: 'basic' }]", body);
    assert!(has.diagnostics().is_empty(), "{:#?}", said(&has));
    for products in [
        "async () => fetchProducts()",
        "PRODUCTS",
        "[...PRODUCTS, { productId: 'pdt_1', slug: 'pro' }]",
        "[{ productId: 'pdt_1', slug: SLUG }]",
    ] {
        let report = with_server(products, body);
        assert!(
            report.diagnostics().is_empty(),
            "{products}\n{:#?}",
            said(&report)
        );
    }
    // A slug not known here is not judged either.
    let report = with_server(
        "[{ productId: 'pdt_1', slug: 'pro' }]",
        "await authClient.dodopayments.checkoutSession({ slug: plan });\n",
    );
    assert!(report.diagnostics().is_empty(), "{:#?}", said(&report));
}

/// Dodo's Convex component in one file (`@dodopayments/convex` 0.2.15's README shape).
const CONVEX: &str = "import { DodoPayments } from '@dodopayments/convex';\n\
     import { components } from './_generated/api';\n\
     const dodo = new DodoPayments(components.dodopayments, { apiKey: 'k', environment: 'test_mode' });\n\
     export const { checkout: createSession } = dodo.api();\n";

#[test]
fn convex_checkout_s_payload_is_a_session_whose_validator_rejects_unknown_keys_and_null() {
    let report = Linter::default().lint_str(
        "convex/payments.ts",
        &format!(
            "{CONVEX}export const buy = action({{ handler: async (ctx) => {{\n\
               const {{ checkout_url }} = await createSession(ctx, {{ payload: {{ customer: {{ email: 'a@b.co' }}, success_url: 'https://a.co', tax_id: null }} }});\n\
               return checkout_url;\n\
             }} }});\n"
        ),
    );
    let said = said(&report);
    let found: Vec<(&str, Severity, &str)> = said
        .iter()
        .map(|(rule, severity, at, _)| (*rule, *severity, at.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "missing-field",
                Severity::Error,
                "{ customer: { email: 'a@b.co' }, success_url: 'https://a.co', tax_id: null }"
            ),
            ("unknown-field", Severity::Error, "success_url"),
            ("rejected-by-adapter", Severity::Error, "null"),
        ]
    );
    assert!(
        said[1]
            .3
            .contains("@dodopayments/convex's validator rejects it"),
        "{}",
        said[1].3
    );
}

#[test]
fn a_checkout_that_is_not_the_component_s_says_nothing() {
    let linter = Linter::default();
    for text in [
        // Another package's `checkout`.
        "import { checkout } from './stripe';\ncheckout(ctx, { payload: { success_url: 'x' } });\n",
        // The SDK's client class of the same name is not the component's.
        "import DodoPayments from 'dodopayments';\n\
         const dodo = new DodoPayments();\n\
         const { checkout } = dodo.api();\n\
         checkout(ctx, { payload: { success_url: 'x' } });\n",
    ] {
        let report = linter.lint_str("a.ts", text);
        assert!(
            report.diagnostics().is_empty(),
            "{text}\n{:#?}",
            said(&report)
        );
    }
}

const NEXT: &str = "import { Checkout } from '@dodopayments/nextjs';\n";

#[test]
fn post_of_what_checkout_returns_is_undefined() {
    for (text, at) in [
        (
            format!("{NEXT}export const {{ POST }} = Checkout({{ type: 'session' }});\n"),
            "POST",
        ),
        (
            format!("{NEXT}const handler = Checkout({{}});\nexport const POST = handler.POST;\n"),
            "POST",
        ),
        (
            format!("{NEXT}export const GET = Checkout({{ type: 'session' }}).GET;\n"),
            "GET",
        ),
    ] {
        let report = Linter::default().lint_str("app/api/checkout/route.ts", &text);
        let said = said(&report);
        assert_eq!(said.len(), 1, "{text}\n{said:#?}");
        assert_eq!(
            (said[0].0, said[0].1, said[0].2.as_str()),
            ("no-post-on-handler", Severity::Error, at)
        );
    }
    let fine = Linter::default().lint_str(
        "route.ts",
        &format!("{NEXT}export const POST = Checkout({{ type: 'session' }});\nconst other = {{ POST: 1 }};\nother.POST;\n"),
    );
    assert!(fine.diagnostics().is_empty(), "{:#?}", said(&fine));
}

#[test]
fn the_body_read_before_the_handler_gets_the_request_is_reported_at_the_read() {
    let report = Linter::default().lint_str(
        "route.ts",
        &format!(
            "{NEXT}const handler = Checkout({{ type: 'session' }});\n\
             export async function POST(req: Request) {{\n\
               const body = await req.json();\n\
               return handler(req);\n\
             }}\n"
        ),
    );
    let found = said(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].0, found[0].2.as_str()),
        ("request-body-read-twice", "json")
    );
    let label = &report.diagnostics()[0].labels[0];
    assert_eq!(
        &report.source().text()[label.span.start()..label.span.end()],
        "handler(req)"
    );
    // A clone read first, a read after, another request, another function: silent.
    for body in [
        "const body = await req.clone().json(); return handler(req);",
        "const res = await handler(req); await req.json(); return res;",
        "await other.json(); return handler(req);",
    ] {
        let report = Linter::default().lint_str(
            "route.ts",
            &format!("{NEXT}const handler = Checkout({{}});\nexport async function POST(req, other) {{ {body} }}\n"),
        );
        assert!(
            report.diagnostics().is_empty(),
            "{body}\n{:#?}",
            said(&report)
        );
    }
}
