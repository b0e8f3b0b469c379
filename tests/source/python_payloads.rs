//! Payloads in Python source: what counts as one, and that each finding is reported at the right
//! bytes with the right pointer — while names, opaque `**kwargs` and look-alike calls raise
//! nothing.

use crate::common::source::{found, rules_of};
use checkout_lint::{Linter, Report};

const IMPORT: &str = "from dodopayments import DodoPayments\n\nclient = DodoPayments()\n";

fn lint(text: &str) -> Report {
    Linter::default().lint_str("app.py", text)
}

#[test]
fn keyword_arguments_are_the_payload() {
    let text = format!(
        "{IMPORT}client.checkout_sessions.create(\n    product_cart=[{{'product_id': 'p', 'quantity': 0}}],\n    billing_currency='usd',\n    customer_email='a@b.co',\n    timeout=30,\n)\n"
    );
    assert_eq!(
        found(&lint(&text)),
        [
            (
                "zero-quantity",
                "/product_cart/0/quantity".into(),
                "0".into()
            ),
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "'usd'".into()
            ),
            (
                "unknown-field",
                "/customer_email".into(),
                "customer_email".into()
            ),
        ]
    );
}

#[test]
fn names_opaque_splats_and_f_strings_raise_nothing() {
    let text = format!(
        "{IMPORT}def go(extra, cart, who):\n    return client.checkout_sessions.create(\n        **extra,\n        product_cart=cart,\n        customer=who,\n        confirm=True,\n        return_url=f'https://{{host}}/done',\n        billing_currency=currency_for(who),\n        allowed_payment_method_types=[*methods],\n    )\n"
    );
    let report = lint(&text);
    assert!(
        report.diagnostics().is_empty(),
        "{:#?}",
        report.diagnostics()
    );
}

#[test]
fn a_visible_dict_is_followed_with_its_keys_set_later() {
    let text = format!(
        "{IMPORT}async def go(uid):\n    params = dict(product_cart=[], product_collection_id='c')\n    params['metadata'] = {{'user id': uid}}\n    params.update({{'billing_adress': {{'country': 'US'}}}})\n    s = await client.checkout_sessions.create(**params)\n    return s.checkout_url, getattr(s, 'url', None)\n"
    );
    let found = found(&lint(&text));
    assert!(
        found.contains(&(
            "invalid-metadata",
            "/metadata/user id".into(),
            "'user id'".into()
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
    assert!(
        found.contains(&("unknown-response-field", "".into(), "'url'".into())),
        "{found:?}"
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn a_dict_used_elsewhere_before_the_call_is_open() {
    let text = format!(
        "{IMPORT}params = {{'product_cart': [], 'confirm': True}}\nfill(params)\nclient.checkout_sessions.create(**params)\n"
    );
    let rules = rules_of(&lint(&text));
    assert!(
        !rules.contains(&"confirm-incomplete") && !rules.contains(&"empty-cart"),
        "{rules:?}"
    );
}

#[test]
fn raw_posts_to_dodo_and_not_to_others() {
    let text = "import os, requests, httpx\nBASE = os.environ.get('DODO_BASE_URL', 'https://test.dodopayments.com')\nrequests.post(f'{BASE}/checkouts', json={'product_cart': [{'product_id': 'p', 'quantity': 0}]})\nhttpx.post('https://api.lemonsqueezy.com/v1/checkouts', json={'product_cart': [{'quantity': 0}]})\n";
    assert_eq!(rules_of(&lint(text)), ["zero-quantity"]);
}

#[test]
fn look_alikes_raise_nothing() {
    let text = "import stripe\nfrom app.db import db\nstripe.checkout.Session.create(success_url='http://x', line_items=[])\ndb.checkout_sessions.create(product_cart=[], quantity=0)\n";
    assert!(lint(text).diagnostics().is_empty());
}

#[test]
fn an_annotated_dict_and_utf16_columns() {
    let text = "from dodopayments.types import CheckoutSessionCreateParams\n# ünïcödé 😀\nparams: CheckoutSessionCreateParams = {'product_cart': [{'product_id': 'p', 'quantity': 0}]}\n";
    let report = lint(text);
    assert_eq!(rules_of(&report), ["zero-quantity"]);
    let position = report
        .source()
        .position(report.diagnostics()[0].span.start());
    let line = text.lines().nth(2).unwrap();
    let column = line.find("0}").unwrap();
    assert_eq!((position.line, position.character), (2, column));
}

#[test]
fn suppression_comments_in_pythons_style() {
    let text = format!(
        "{IMPORT}client.checkout_sessions.create(\n    # checkout-lint: disable=zero-quantity\n    product_cart=[{{'product_id': 'p', 'quantity': 0}}],\n    billing_currency='usd',  # checkout-lint: disable=invalid-currency-cod\n)\n"
    );
    assert_eq!(
        found(&lint(&text)),
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
fn a_broken_file_still_lints_what_the_parser_recovers() {
    let text = format!(
        "{IMPORT}def broken(:\n    pass\nclient.checkout_sessions.create(product_cart=[{{'product_id': 'p', 'quantity': 0}}])\n"
    );
    assert_eq!(rules_of(&lint(&text)), ["zero-quantity"]);
    assert!(lint("def f(:\n").diagnostics().is_empty());
}

#[test]
fn an_injected_client_is_dodos_when_its_keywords_are_a_checkout_sessions() {
    // The module never imports the SDK: the client comes in through __init__.
    let text = "class Billing:\n    def __init__(self, client):\n        self.client = client\n\n    def buy(self, email):\n        return self.client.checkout_sessions.create(\n            product_cart=[{'product_id': 'p', 'quantity': 0}],\n            customer={'email': email},\n            idempotency_key='k',\n        )\n";
    let found = found(&lint(text));
    assert!(
        found.contains(&(
            "zero-quantity",
            "/product_cart/0/quantity".into(),
            "0".into()
        )),
        "{found:?}"
    );
    // A keyword create() does not take raises TypeError in the SDK.
    assert!(
        found.contains(&(
            "unknown-field",
            "/idempotency_key".into(),
            "idempotency_key".into()
        )),
        "{found:?}"
    );
}

#[test]
fn a_checkout_sessions_resource_with_other_keywords_stays_silent() {
    for text in [
        // An ORM's table: `data=` rows, or columns that are not a checkout session's.
        "db.checkout_sessions.create(data={'product_cart': [], 'quantity': 0})\n",
        "repo.checkout_sessions.create(user_id=1, status='open', stripe_id='cs_1')\n",
        "repo.checkout_sessions.create()\n",
    ] {
        assert_eq!(rules_of(&lint(text)), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn same_module_builders_maps_conditionals_and_merged_dicts_are_read() {
    let text = format!(
        "{IMPORT}BASE = {{'product_cart': [{{'product_id': 'p', 'quantity': 1}}]}}\n\
         PLANS = {{'a': {{'product_cart': [{{'product_id': 'a', 'quantity': 0}}]}}, 'b': {{'product_cart': []}}}}\n\
         \n\
         def go(key, flag, extra, qty: str):\n\
         \x20   client.checkout_sessions.create(**build('p', 0))\n\
         \x20   client.checkout_sessions.create(**{{**BASE, 'billing_curency': 'USD'}})\n\
         \x20   client.checkout_sessions.create(**PLANS[key])\n\
         \x20   body = BASE if flag else {{'product_cart': [{{'product_id': 'c', 'quantity': -1}}]}}\n\
         \x20   client.checkout_sessions.create(**body)\n\
         \x20   client.checkout_sessions.create(**{{**BASE, **extra}}, confirm=True)\n\
         \x20   client.checkout_sessions.create(product_cart=[{{'product_id': 'q', 'quantity': qty}}])\n\
         \n\
         def build(pid, quantity):\n\
         \x20   quantity_kept = quantity\n\
         \x20   return {{'product_cart': [{{'product_id': pid, 'quantity': quantity_kept}}]}}\n"
    );
    let found = found(&lint(&text));
    assert_eq!(
        found,
        [
            // Each plan of the map, read at its own bytes.
            (
                "zero-quantity",
                "/product_cart/0/quantity".into(),
                "0".into()
            ),
            ("empty-cart", "/product_cart".into(), "[]".into()),
            // The dict merged from BASE keeps its own key.
            (
                "unknown-field",
                "/billing_curency".into(),
                "'billing_curency'".into()
            ),
            // The conditional's other branch.
            (
                "zero-quantity",
                "/product_cart/0/quantity".into(),
                "-1".into()
            ),
            // A parameter annotated `str` is a string.
            (
                "invalid-type",
                "/product_cart/0/quantity".into(),
                "qty".into()
            ),
        ],
        "the builder's `quantity_kept` is another name: its argument is not followed"
    );
}
