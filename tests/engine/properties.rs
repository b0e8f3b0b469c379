//! Properties that hold for every input (proptest). `cargo test` runs proptest's default case
//! count per property; for a long run set `PROPTEST_CASES`, e.g.
//! `PROPTEST_CASES=100000 cargo test --release --test engine properties`.

use std::sync::OnceLock;

use checkout_lint::{Linter, Report, Severity, render};
use proptest::prelude::*;
use serde_json::{Value, json};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::default)
}

fn contract() -> &'static jsonschema::Validator {
    static CONTRACT: OnceLock<jsonschema::Validator> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(include_str!("../../schemas/diagnostics.schema.json")).unwrap();
        jsonschema::draft202012::new(&schema).unwrap()
    })
}

/// Spans lie inside the text, on character boundaries, and LSP ranges convert back to them.
fn assert_spans_sound(report: &Report) -> Result<(), TestCaseError> {
    let source = report.source();
    let text = source.text();
    for diagnostic in report.diagnostics() {
        let fix_spans = diagnostic
            .fix
            .iter()
            .flat_map(|f| f.edits.iter().map(|e| e.span));
        let label_spans = diagnostic.labels.iter().map(|l| l.span);
        for span in std::iter::once(diagnostic.span)
            .chain(label_spans)
            .chain(fix_spans)
        {
            prop_assert!(span.end() <= text.len(), "{diagnostic:?}");
            prop_assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
            let range = source.range(span);
            prop_assert_eq!(source.offset(range.start), Some(span.start()));
            prop_assert_eq!(source.offset(range.end), Some(span.end()));
        }
    }
    Ok(())
}

fn rules_at_pointers(report: &Report) -> Vec<(String, String)> {
    let mut found: Vec<_> = report
        .diagnostics()
        .iter()
        .map(|d| (d.rule.to_string(), d.pointer.clone()))
        .collect();
    found.sort();
    found
}

/// Arbitrary JSON, biased towards the request's own keys so that deep paths get exercised.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("product_cart".to_string()),
        Just("quantity".to_string()),
        Just("product_id".to_string()),
        Just("customer".to_string()),
        Just("billing_address".to_string()),
        Just("country".to_string()),
        Just("allowed_payment_method_types".to_string()),
        Just("confirm".to_string()),
        Just("metadata".to_string()),
        "[a-z_]{0,12}",
        "\\PC{0,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
        Just(json!("credit")),
        Just(json!("US")),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_and_spans_stay_sound(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let report = linter().lint_bytes("fuzz.json", &bytes);
        assert_spans_sound(&report)?;
    }

    #[test]
    fn json_like_text_never_panics(text in "[\\[\\]{}\":,0-9a-z \\\\\\n.eE+-]{0,200}") {
        let report = linter().lint_str("fuzz.json", &text);
        assert_spans_sound(&report)?;
    }

    #[test]
    fn arbitrary_values_give_sound_spans_and_valid_json_output(value in arbitrary_json()) {
        let report = linter().lint_value(&value);
        assert_spans_sound(&report)?;
        let output: Value = serde_json::from_str(&render::json::render(std::slice::from_ref(&report))).unwrap();
        prop_assert!(contract().is_valid(&output));
    }

    #[test]
    fn lint_value_and_lint_str_agree(value in arbitrary_json()) {
        let from_value = linter().lint_value(&value);
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let from_text = linter().lint_str("p.json", &pretty);
        prop_assert_eq!(rules_at_pointers(&from_value), rules_at_pointers(&from_text));
    }

    #[test]
    fn results_are_deterministic_across_threads(value in arbitrary_json()) {
        let text = serde_json::to_string(&value).unwrap();
        let here = linter().lint_str("p.json", &text);
        let there = std::thread::scope(|s| s.spawn(|| linter().lint_str("p.json", &text)).join().unwrap());
        prop_assert_eq!(here.diagnostics(), there.diagnostics());
    }

    #[test]
    fn valid_payloads_have_no_errors_or_warnings(payload in valid_payload()) {
        let report = linter().lint_value(&payload);
        let noisy: Vec<_> = report.diagnostics().iter().filter(|d| d.severity >= Severity::Warning).collect();
        prop_assert!(noisy.is_empty(), "{}\n{noisy:#?}", serde_json::to_string_pretty(&payload).unwrap());
    }

    #[test]
    fn one_bad_field_raises_exactly_its_rule(payload in valid_payload(), mutation in 0..MUTATIONS.len()) {
        let (rule, mutate) = MUTATIONS[mutation];
        let mut broken = payload.clone();
        mutate(&mut broken);
        let report = linter().lint_value(&broken);
        let noisy: Vec<&str> = report.diagnostics().iter().filter(|d| d.severity >= Severity::Warning).map(|d| d.rule).collect();
        prop_assert_eq!(noisy, vec![rule], "{}", serde_json::to_string_pretty(&broken).unwrap());
    }
}

type Mutation = (&'static str, fn(&mut Value));

const MUTATIONS: &[Mutation] = &[
    ("zero-quantity", |p| {
        p["product_cart"][0]["quantity"] = json!(0)
    }),
    ("invalid-currency-code", |p| {
        p["billing_currency"] = json!("usd")
    }),
    ("invalid-redirect-url", |p| {
        p["return_url"] = json!("return_url")
    }),
    ("unknown-field", |p| {
        p["billing_adress"] = json!({"country": "US"})
    }),
    ("missing-card-fallback", |p| {
        p["allowed_payment_method_types"] = json!(["debit"])
    }),
    ("invalid-country-code", |p| {
        p["billing_address"]["country"] = json!("USA")
    }),
    ("trial-period-out-of-range", |p| {
        p["subscription_data"] = json!({"trial_period_days": 20000})
    }),
    ("invalid-email", |p| {
        p["customer"] = json!({"email": "not-an-address"})
    }),
    ("invalid-type", |p| p["confirm"] = json!("yes")),
    ("duplicate-payment-method", |p| {
        p["allowed_payment_method_types"] = json!(["credit", "debit", "credit"])
    }),
    ("conflicting-discount-fields", |p| {
        p["discount_code"] = json!("SPRING")
    }),
    ("empty-cart", |p| p["product_cart"] = json!([])),
];

/// Payloads that follow every documented rule: 1–5 distinct products, a new or existing
/// customer, a US address with a valid ZIP, card methods, an https return URL, stacked codes.
fn valid_payload() -> impl Strategy<Value = Value> {
    let items =
        prop::collection::btree_map("pdt_[A-Za-z0-9]{8}", 1i64..100, 1..5).prop_map(|items| {
            items
                .into_iter()
                .map(|(id, quantity)| json!({"product_id": id, "quantity": quantity}))
                .collect::<Vec<_>>()
        });
    let customer = prop_oneof![
        "[a-z]{1,10}"
            .prop_map(|name| json!({"email": format!("{name}@example.com"), "name": name})),
        "cus_[A-Za-z0-9]{10}".prop_map(|id| json!({"customer_id": id})),
    ];
    let methods = prop::sample::subsequence(vec!["apple_pay", "google_pay", "sepa", "ach"], 0..3);
    let codes = prop::collection::vec("[A-Z0-9]{3,12}", 1..4);
    (items, customer, methods, "[0-9]{5}", codes, any::<bool>()).prop_map(
        |(items, customer, methods, zip, codes, saved)| {
            let mut allowed = vec!["credit", "debit"];
            allowed.extend(methods);
            json!({
                "product_cart": items,
                "customer": customer,
                "billing_address": {"country": "US", "zipcode": zip, "city": "Boston"},
                "allowed_payment_method_types": allowed,
                "return_url": "https://example.com/done",
                "discount_codes": codes,
                "show_saved_payment_methods": saved,
                "metadata": {"order_id": "A-1", "seats": 3},
                "feature_flags": {"allow_tax_id": true, "redirect_immediately": false}
            })
        },
    )
}
