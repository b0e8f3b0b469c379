//! What the source-payload tests share: the generated payloads of the equivalence properties,
//! and reading a report as (rule, pointer, …).

use std::collections::BTreeSet;

use checkout_lint::{Report, Severity};
use proptest::prelude::*;
use serde_json::{Value, json};

/// (rule, pointer, severity) of every diagnostic.
pub fn findings(report: &Report) -> BTreeSet<(String, String, Severity)> {
    report
        .diagnostics()
        .iter()
        .map(|d| (d.rule.to_string(), d.pointer.clone(), d.severity))
        .collect()
}

/// (rule, pointer, the text at the span) of every diagnostic, in order.
pub fn found(report: &Report) -> Vec<(&'static str, String, String)> {
    let text = report.source().text();
    report
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.rule,
                d.pointer.clone(),
                text[d.span.start()..d.span.end()].to_string(),
            )
        })
        .collect()
}

pub fn rules_of(report: &Report) -> Vec<&'static str> {
    report.diagnostics().iter().map(|d| d.rule).collect()
}

/// A JSON pointer one segment below `parent`.
pub fn child(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Payloads near the real thing: the request's own keys with plausible and wrong values, and
/// top-level keys the API does not have (`success_url`, `customer_email`).
pub fn payload() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..5).prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n)),
        Just(json!(1.5)),
        "[a-zA-Z0-9 _@.:/'\"\\\\-]{0,12}".prop_map(Value::String),
        Just(json!("credit")),
        Just(json!("upi_collect")),
        Just(json!("US")),
        Just(json!("usd")),
        Just(json!("http://example.com")),
        Just(json!("a@b.co")),
    ];
    let key = prop_oneof![
        Just("product_id"),
        Just("quantity"),
        Just("email"),
        Just("country"),
        Just("zipcode"),
        Just("theme"),
        Just("amount"),
        Just("bogus key"),
        Just("x-y"),
    ]
    .prop_map(str::to_string);
    let inner = leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    let root_key = prop_oneof![
        Just("product_cart"),
        Just("customer"),
        Just("billing_address"),
        Just("billing_currency"),
        Just("allowed_payment_method_types"),
        Just("confirm"),
        Just("return_url"),
        Just("discount_code"),
        Just("metadata"),
        Just("customization"),
        Just("feature_flags"),
        Just("success_url"),
        Just("customer_email"),
    ]
    .prop_map(str::to_string);
    prop::collection::btree_map(root_key, inner, 0..6)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

/// Every pointer of a value below its root, containers included.
pub fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{index}"), out);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                pointers(item, child(&at, key), out);
            }
        }
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}

/// Appends `text` as a string literal in quote `q`, escaped the way both JS and Python read it.
pub fn push_quoted(out: &mut String, text: &str, q: char) {
    out.push(q);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
}
