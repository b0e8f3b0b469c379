//! Payloads in JavaScript and TypeScript source: what counts as one, and that each finding is
//! reported at the right bytes of the host file with the right pointer — and that values the
//! source does not know, spreads and other libraries' look-alike calls raise nothing.

use crate::common::source::{found, rules_of};
use checkout_lint::{Linter, Report};

const IMPORT: &str =
    "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n";

fn lint(name: &str, text: &str) -> Report {
    Linter::default().lint_str(name, text)
}

#[test]
fn a_literal_in_the_sdk_call_is_linted_at_its_bytes() {
    let text = format!(
        "{IMPORT}await client.checkoutSessions.create({{\n  product_cart: [{{ product_id: 'p', quantity: 0 }}],\n  billing_currency: \"usd\",\n  success_url: 'https://x.example',\n}});\n"
    );
    let report = lint("app.ts", &text);
    assert_eq!(
        found(&report),
        [
            (
                "zero-quantity",
                "/product_cart/0/quantity".into(),
                "0".into()
            ),
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "\"usd\"".into()
            ),
            ("unknown-field", "/success_url".into(), "success_url".into()),
        ]
    );
}

#[test]
fn a_variable_bound_to_a_literal_and_members_assigned_to_it_are_followed() {
    let text = format!(
        "{IMPORT}export async function go(id: string) {{\n  const params = {{ product_cart: [{{ product_id: id, quantity: 1 }}] }};\n  params.customer = {{ email: 'not-an-email' }};\n  params['billing_adress'] = {{ country: 'US' }};\n  return client.checkoutSessions.create(params);\n}}\n"
    );
    let report = lint("app.ts", &text);
    let found = found(&report);
    assert!(
        found.contains(&(
            "invalid-email",
            "/customer/email".into(),
            "'not-an-email'".into()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "unknown-field",
            "/billing_adress".into(),
            "'billing_adress'".into()
        )),
        "{found:?}"
    );
}

#[test]
fn unknown_values_and_spreads_raise_nothing() {
    // Every value is a variable, a call or a template; the cart and methods are spread.
    let text = format!(
        "{IMPORT}const base = {{}};\nawait client.checkoutSessions.create({{\n  ...base,\n  product_cart: [...items, {{ product_id: id, quantity: qty }}],\n  customer: customer,\n  billing_address: address,\n  billing_currency: currency,\n  allowed_payment_method_types: [...methods],\n  confirm: true,\n  return_url: `${{origin}}/done`,\n  metadata: {{ [key]: value }},\n}});\n"
    );
    let report = lint("app.ts", &text);
    assert!(
        report.diagnostics().is_empty(),
        "{:#?}",
        report.diagnostics()
    );
}

#[test]
fn a_spread_array_is_not_missing_its_card_fallback_but_a_closed_one_is() {
    let open = format!(
        "{IMPORT}client.checkoutSessions.create({{ product_cart: [], allowed_payment_method_types: [...m, 'upi_collect'] }});"
    );
    assert!(!rules_of(&lint("a.js", &open)).contains(&"missing-card-fallback"));
    let closed = format!(
        "{IMPORT}client.checkoutSessions.create({{ product_cart: [], allowed_payment_method_types: ['upi_collect'] }});"
    );
    assert!(rules_of(&lint("a.js", &closed)).contains(&"missing-card-fallback"));
}

#[test]
fn confirm_is_not_incomplete_when_the_missing_piece_may_be_a_variable() {
    let unknown = format!(
        "{IMPORT}client.checkoutSessions.create({{ product_cart: [], confirm: true, customer, billing_address: addr }});"
    );
    assert!(!rules_of(&lint("a.ts", &unknown)).contains(&"confirm-incomplete"));
    let absent = format!(
        "{IMPORT}client.checkoutSessions.create({{ product_cart: [], confirm: true, customer }});"
    );
    assert!(rules_of(&lint("a.ts", &absent)).contains(&"confirm-incomplete"));
}

#[test]
fn raw_posts_to_dodo_are_payloads_and_other_providers_are_not() {
    let fetch = "const BASE = process.env.DODO_API_URL ?? 'https://test.dodopayments.com';\nawait fetch(`${BASE}/checkouts`, { method: 'POST', headers: {}, body: JSON.stringify({ product_cart: [{ product_id: 'p', quantity: 0 }] }) });\n";
    assert_eq!(rules_of(&lint("a.js", fetch)), ["zero-quantity"]);
    let axios = "await axios.post('https://live.dodopayments.com/checkouts', { product_cart: [{ product_id: 'p', quantity: 0 }] });\n";
    assert_eq!(rules_of(&lint("a.js", axios)), ["zero-quantity"]);
    let other = "await fetch('https://api.lemonsqueezy.com/v1/checkouts', { method: 'POST', body: JSON.stringify({ product_cart: [{ quantity: 0 }] }) });\nawait axios.post(`${PAGBANK}/checkouts`, { product_cart: [{ quantity: 0 }] });\n";
    assert!(lint("a.js", other).diagnostics().is_empty());
}

#[test]
fn a_url_constant_bound_again_or_assigned_is_not_known_where_it_is_read() {
    let post = "await fetch(url, { method: 'POST', body: JSON.stringify({ product_cart: [{ product_id: 'p', quantity: 0 }] }) });";
    let constant = format!("const url = 'https://live.dodopayments.com/checkouts';\n{post}\n");
    assert_eq!(rules_of(&lint("a.js", &constant)), ["zero-quantity"]);
    let assigned = format!(
        "let url = 'https://live.dodopayments.com/checkouts';\nif (other) url = 'https://api.other.example/checkouts';\n{post}\n"
    );
    assert!(rules_of(&lint("a.js", &assigned)).is_empty());
    let shadowed = format!(
        "const url = 'https://live.dodopayments.com/checkouts';\nexport async function send(url) {{\n  {post}\n}}\n"
    );
    assert!(rules_of(&lint("a.js", &shadowed)).is_empty());
}

#[test]
fn look_alike_calls_of_other_libraries_raise_nothing() {
    let text = "import Stripe from 'stripe';\nimport { whop } from './whop';\nconst stripe = new Stripe('k');\nawait stripe.checkout.sessions.create({ success_url: 'http://x', line_items: [] });\nawait whop.checkoutSessions.create({ items: [{ quantity: 0 }], success_url: 'http://x' });\nawait prisma.checkout_sessions.create({ data: { quantity: 0 } });\n";
    let report = lint("a.ts", text);
    assert!(
        report.diagnostics().is_empty(),
        "{:#?}",
        report.diagnostics()
    );
}

#[test]
fn an_app_client_imported_from_another_module_counts_when_the_payload_is_dodo_shaped() {
    let text = "import { dodo } from '@/lib/dodo';\nexport const s = await dodo.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }] });\n";
    assert_eq!(rules_of(&lint("route.ts", text)), ["zero-quantity"]);
}

#[test]
fn satisfies_tsx_two_payloads_and_utf16_columns() {
    let text = "import DodoPayments from 'dodopayments';\n// ünïcödé 😀 before the payloads\nconst a = { product_cart: [{ product_id: 'p', quantity: 0 }] } satisfies DodoPayments.CheckoutSessionCreateParams;\nconst b: CheckoutSessionPreviewParams = { product_cart: [], billing_currency: 'eur' };\nexport const C = () => <div>{String(a)}{String(b)}</div>;\n";
    let report = lint("page.tsx", text);
    assert_eq!(
        found(&report),
        [
            (
                "zero-quantity",
                "/product_cart/0/quantity".into(),
                "0".into()
            ),
            ("empty-cart", "/product_cart".into(), "[]".into()),
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "'eur'".into()
            ),
        ]
    );
    let zero = &report.diagnostics()[0];
    let position = report.source().position(zero.span.start());
    let line = text.lines().nth(2).unwrap();
    let byte_col = line.find("quantity: 0").unwrap() + "quantity: ".len();
    assert_eq!(position.line, 2);
    assert_eq!(position.character, line[..byte_col].encode_utf16().count());
}

#[test]
fn a_file_without_a_payload_is_silent_even_when_broken() {
    assert!(
        lint("x.ts", "export const a = {{{ not code")
            .diagnostics()
            .is_empty()
    );
    assert!(lint("x.js", "").diagnostics().is_empty());
}

#[test]
fn suppression_comments_silence_named_rules_and_unknown_names_are_reported() {
    let text = format!(
        "{IMPORT}client.checkoutSessions.create({{\n  // checkout-lint-disable-next-line zero-quantity\n  product_cart: [{{ product_id: 'p', quantity: 0 }}],\n  billing_currency: 'usd', // checkout-lint-disable-line invalid-currency-cod\n}});\n"
    );
    let report = lint("a.ts", &text);
    assert_eq!(
        found(&report),
        [
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "'usd'".into()
            ),
            (
                "invalid-suppression",
                "".into(),
                "invalid-currency-cod".into()
            ),
        ]
    );
}

#[test]
fn fixes_are_printed_in_the_host_syntax_and_change_only_the_payload() {
    let text = format!(
        "{IMPORT}// 'usd' stays here\nclient.checkoutSessions.create({{\n  product_cart: [{{ product_id: 'p', quantity: 1 }}],\n  billing_currency: 'usd',\n  billing_adress: {{ country: 'US' }},\n  customization: {{ theme: 'Dark' }},\n}});\n"
    );
    let linter = Linter::default();
    // The rename is a did-you-mean: unsafe, applied with unsafe fixes only.
    let safe = checkout_lint::fix_text(&linter, "a.ts", &text, false);
    assert!(safe.text.contains("billing_adress"), "{}", safe.text);
    let fixed = checkout_lint::fix_text(&linter, "a.ts", &text, true);
    let expected = text
        .replacen("billing_currency: 'usd'", "billing_currency: 'USD'", 1)
        .replace("billing_adress", "billing_address")
        .replace("'Dark'", "'dark'");
    assert_eq!(fixed.text, expected);
    let again = linter.lint_str("a.ts", &fixed.text);
    assert!(again.diagnostics().is_empty(), "{:#?}", again.diagnostics());
}

#[test]
fn no_fix_is_offered_on_a_value_the_source_does_not_know() {
    let text = format!(
        "{IMPORT}client.checkoutSessions.create({{ product_cart: [], customer: {{ customer_id: 'c', name: n, email: 'a@b.co' }} }});"
    );
    let report = lint("a.ts", &text);
    let customer = report
        .diagnostics()
        .iter()
        .find(|d| d.rule == "invalid-customer")
        .expect("the mixed customer is reported");
    assert!(customer.fix.is_none());
}

#[test]
fn reads_of_fields_the_response_lacks_are_reported_with_what_was_meant() {
    let text = format!(
        "{IMPORT}export async function buy() {{\n  const session = await client.checkoutSessions.create({{ product_cart: [{{ product_id: 'p', quantity: 1 }}] }});\n  const {{ checkout_url, id }} = await client.checkoutSessions.create({{ product_cart: [{{ product_id: 'q', quantity: 1 }}] }});\n  log(session.session_id, (session as any).url, session?.checkout_url, session['payment_link']);\n  return checkout_url ?? id;\n}}\nfunction other(session: any) {{ return session.url; }}\n"
    );
    let report = lint("app.ts", &text);
    let found: Vec<(&str, String, Option<String>)> = report
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.rule,
                text[d.span.start()..d.span.end()].to_string(),
                d.help.as_ref().map(|h| h.to_string()),
            )
        })
        .collect();
    let meant = |field: &str| Some(format!("did you mean \"{field}\"?"));
    assert_eq!(
        found,
        [
            ("unknown-response-field", "id".into(), meant("session_id")),
            (
                "unknown-response-field",
                "url".into(),
                meant("checkout_url")
            ),
            (
                "unknown-response-field",
                "'payment_link'".into(),
                meant("checkout_url")
            ),
        ]
    );
}

#[test]
fn the_preview_response_has_its_own_fields() {
    let text = format!(
        "{IMPORT}const p = await client.checkoutSessions.preview({{ product_cart: [] , product_collection_id: 'c' }});\nconsole.log(p.total_price, p.checkout_url);\n"
    );
    let report = lint("a.js", &text);
    assert_eq!(rules_of(&report), ["unknown-response-field"]);
    assert_eq!(
        report.diagnostics()[0].message,
        "the checkout session preview response has no field \"checkout_url\""
    );
}

#[test]
fn a_source_file_that_is_not_utf8_or_too_large_is_not_ours_to_report() {
    let linter = Linter::default();
    let mut bytes = b"// caf\xe9 in Latin-1\n".to_vec();
    bytes.extend_from_slice(IMPORT.as_bytes());
    bytes.extend_from_slice(
        b"client.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }] });\n",
    );
    let report = linter.lint_bytes("legacy.js", &bytes);
    assert_eq!(
        rules_of(&report),
        ["zero-quantity"],
        "the payload is still linted"
    );
    assert!(
        linter
            .lint_too_large("vendor/bundle.min.js", 50 << 20, 10 << 20)
            .diagnostics()
            .is_empty()
    );
    assert_eq!(
        rules_of(&linter.lint_too_large("big.json", 50 << 20, 10 << 20)),
        ["file-too-large"]
    );
}

#[test]
fn config_overrides_apply_to_source_payloads_by_file_and_pointer() {
    let config = checkout_lint::Config::from_toml_str(
        "checkout-lint.toml",
        "[[overrides]]\nfiles = [\"src/legacy/*.ts\"]\npointers = [\"/product_cart\"]\nrules = { zero-quantity = \"off\" }\n",
        std::path::Path::new("/repo"),
    )
    .unwrap();
    let linter = Linter::new(config);
    let text = format!(
        "{IMPORT}client.checkoutSessions.create({{ product_cart: [{{ product_id: 'p', quantity: 0 }}], billing_currency: 'usd' }});"
    );
    assert_eq!(
        rules_of(&linter.lint_str("/repo/src/legacy/old.ts", &text)),
        ["invalid-currency-code"]
    );
    assert_eq!(
        rules_of(&linter.lint_str("/repo/src/new.ts", &text)),
        ["zero-quantity", "invalid-currency-code"]
    );
}

#[test]
fn no_fix_is_printed_inside_a_template_literal() {
    let text = format!(
        "{IMPORT}client.checkoutSessions.create({{ product_cart: [], product_collection_id: 'c', billing_currency: `usd` }});"
    );
    let report = lint("a.ts", &text);
    let currency = report
        .diagnostics()
        .iter()
        .find(|d| d.rule == "invalid-currency-code")
        .expect("a template without substitutions is a known string");
    assert!(currency.fix.is_none());
}

#[test]
fn a_file_that_trips_the_parser_is_linted_without_a_panic() {
    // Found by fuzz target js: oxc_parser 0.146's `#__PURE__` bookkeeping asserts on it in
    // debug builds.
    let bytes = include_bytes!("../fixtures/parser-crashes/oxc-pure-comment.tsx");
    let report = Linter::default().lint_bytes("crash.tsx", bytes);
    assert!(
        report
            .diagnostics()
            .iter()
            .all(|d| d.rule != "invalid-json")
    );
}

/// A raw POST to a Dodo host that is not the API is reported at the host, wherever the URL's
/// text writes it; the API hosts and hosts from the environment are silent.
#[test]
fn posts_to_a_dodo_host_that_is_not_the_api_are_reported_at_the_host() {
    let linter = Linter::default();
    // What the rule reports in the file `name`: each finding's bytes and message.
    let reported = |name: &str, text: &str| -> Vec<(String, String)> {
        let report = linter.lint_str(name, text);
        report
            .diagnostics()
            .iter()
            .filter(|d| d.rule == "non-api-dodo-host")
            .map(|d| (text[d.span.range()].to_string(), d.message.clone()))
            .collect()
    };
    let text = "const BASE = 'https://API.dodopayments.com';\nawait axios.post(`${BASE}/checkouts`, { product_cart: [{ product_id: 'p', quantity: 1 }] });\n";
    let found = reported("route.ts", text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "API.dodopayments.com");
    assert!(
        found[0]
            .1
            .contains("\"api.dodopayments.com\" is not Dodo's API")
    );
    for url in [
        "'https://test.dodopayments.com/checkouts'",
        "`${process.env.DODO_API_URL}/checkouts`",
    ] {
        let text = format!(
            "await axios.post({url}, {{ product_cart: [{{ product_id: 'p', quantity: 1 }}] }});"
        );
        assert_eq!(reported("route.ts", &text), [], "{url}");
    }
    let python = "import requests\nrequests.post(f'https://api.dodopayments.com/checkouts', json={'product_cart': [{'product_id': 'p', 'quantity': 1}]})\n";
    let found = reported("billing.py", python);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "api.dodopayments.com");
}
