//! The library API end to end: documentation payloads, the newest SDK's full field set, garbage
//! input, `lint_value`, and the report as an error.

use crate::common::{find_nth, fixture, of_rule, spanned};
use checkout_lint::{Linter, Position, Report, Severity, Span};

#[test]
fn documentation_examples_have_no_errors() {
    let linter = Linter::default();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixture("doc-examples")).unwrap() {
        let path = entry.unwrap().path();
        let report = linter.lint_bytes(&path.display().to_string(), &std::fs::read(&path).unwrap());
        assert!(!report.has_errors(), "{report}");
        checked += 1;
    }
    assert_eq!(checked, 11);
}

#[test]
fn every_field_of_the_newest_sdk_is_known_and_valid() {
    // Two payloads: on-demand subscriptions exclude addons and discount codes, so no single
    // valid payload can set all three.
    for name in ["every-field.json", "every-field-on-demand.json"] {
        let report = Linter::default().lint_bytes(name, &std::fs::read(fixture(name)).unwrap());
        assert!(of_rule(&report, "unknown-field").is_empty(), "{report}");
        assert!(!report.has_errors(), "{report}");
    }
}

#[test]
fn every_sdk_field_is_in_the_schema() {
    // The newest SDK's CheckoutSessionCreateParams keys, as of npm dodopayments 2.52.0.
    let sdk_fields = [
        "product_cart",
        "allowed_payment_method_types",
        "billing_address",
        "billing_currency",
        "cancel_url",
        "confirm",
        "custom_fields",
        "customer",
        "customer_business_name",
        "customization",
        "discount_code",
        "discount_codes",
        "feature_flags",
        "force_3ds",
        "mandate_min_amount_inr_paise",
        "metadata",
        "minimal_address",
        "payment_method_id",
        "product_collection_id",
        "return_url",
        "short_link",
        "show_saved_payment_methods",
        "subscription_data",
        "tax_id",
    ];
    let schema = checkout_lint::internals::document();
    let properties = schema["properties"].as_object().unwrap();
    assert_eq!(properties.len(), sdk_fields.len());
    for field in sdk_fields {
        assert!(properties.contains_key(field), "{field}");
        assert!(
            properties[field]["description"].is_string()
                || properties[field]["$ref"].is_string()
                || properties[field]["anyOf"].is_array(),
            "{field} has no description"
        );
    }
    let defs = &schema["$defs"];
    assert_eq!(
        defs["PaymentMethodType"]["enum"].as_array().unwrap().len(),
        105
    );
    assert_eq!(defs["Currency"]["enum"].as_array().unwrap().len(), 145);
    assert_eq!(defs["CountryCode"]["enum"].as_array().unwrap().len(), 249);
}

fn garbage(text: &[u8]) -> Report {
    let report = Linter::default().lint_bytes("garbage.json", text);
    assert!(report.has_errors());
    report
}

#[test]
fn garbage_becomes_invalid_json_at_the_right_place() {
    let truncated = garbage(br#"{"product_cart": [{"product_id": "a""#);
    let d = &truncated.diagnostics()[0];
    assert_eq!((d.rule, d.span), ("invalid-json", Span::new(36, 0)));
    assert_eq!(
        d.message,
        "invalid JSON: unexpected end of input: expected ',' or '}'"
    );

    let utf8 = garbage(b"{\"product_cart\": [], \"tax_id\": \"\xc3\x28\"}");
    let d = &utf8.diagnostics()[0];
    assert_eq!((d.rule, d.span.start()), ("invalid-json", 32));
    assert_eq!(d.message, "the file is not valid UTF-8");

    let deep = garbage("[".repeat(100_000).as_bytes());
    assert_eq!(deep.diagnostics()[0].rule, "invalid-json");
    assert!(
        deep.diagnostics()[0]
            .message
            .contains("nesting is deeper than 128 levels")
    );

    let array = garbage(br#"[{"product_id": "a", "quantity": 1}]"#);
    assert_eq!(
        array.diagnostics()[0].message,
        "a checkout session must be a JSON object, found array"
    );
    assert_eq!(array.diagnostics().len(), 1);

    let empty = garbage(b"");
    assert_eq!(
        empty.diagnostics()[0].message,
        "invalid JSON: the file is empty: expected a JSON object"
    );

    let control = garbage(b"{\"product_cart\": [], \"tax_id\": \"a\tb\"}");
    assert_eq!(control.diagnostics()[0].span, Span::new(33, 1));

    let huge_number = garbage(br#"{"product_cart": [], "mandate_min_amount_inr_paise": 1e400}"#);
    assert_eq!(
        huge_number.diagnostics()[0].message,
        "invalid JSON: number 1e400 is out of range"
    );
}

#[test]
fn duplicate_keys_are_reported_at_the_second_key() {
    let text =
        r#"{"product_cart": [], "customer": {"email": "a@example.com", "email": "b@example.com"}}"#;
    let report = Linter::default().lint_str("p", text);
    let found = of_rule(&report, "duplicate-key");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span, find_nth(text, "\"email\"", 1));
    assert_eq!(found[0].labels[0].span, find_nth(text, "\"email\"", 0));
    assert_eq!(found[0].pointer, "/customer/email");
}

#[test]
fn duplicate_keys_in_wide_objects_point_back_to_the_first() {
    // Over the pairwise-comparison size: the sorted path. "k7" three times, "k30" twice.
    let mut keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\": \"v\"")).collect();
    keys.insert(20, "\"k7\": \"again\"".into());
    keys.insert(35, "\"k30\": \"again\"".into());
    keys.push("\"k7\": \"last\"".into());
    let text = format!(
        r#"{{"product_cart": [], "metadata": {{{}}}}}"#,
        keys.join(", ")
    );
    let report = Linter::default().lint_str("p", &text);
    let found = of_rule(&report, "duplicate-key");
    assert_eq!(found.len(), 3, "{report}");
    let first_k7 = find_nth(&text, "\"k7\"", 0);
    assert_eq!(found[0].span, find_nth(&text, "\"k7\"", 1));
    assert_eq!(found[0].labels[0].span, first_k7);
    assert_eq!(found[1].span, find_nth(&text, "\"k30\"", 1));
    assert_eq!(found[1].labels[0].span, find_nth(&text, "\"k30\"", 0));
    assert_eq!(found[2].span, find_nth(&text, "\"k7\"", 2));
    assert_eq!(found[2].labels[0].span, first_k7);
    assert_eq!(found[2].pointer, "/metadata/k7");
}

#[test]
fn a_bom_is_accepted() {
    let report = Linter::default().lint_bytes(
        "bom.json",
        b"\xef\xbb\xbf{\"product_cart\": [], \"product_collection_id\": \"pdc_1\"}",
    );
    assert!(report.diagnostics().is_empty(), "{report}");
}

#[test]
fn schema_errors_land_on_keys_values_and_parent_objects() {
    let text = r#"{"product_cart": [{"product_id": "a", "quantity": 1}], "billing_adress": {"country": "US"}, "billing_currency": "usd", "billing_address": {"city": "x"}, "allowed_payment_method_types": ["credit_card", "debit"]}"#;
    let report = Linter::default().lint_str("p", text);
    let unknown = of_rule(&report, "unknown-field");
    assert_eq!(spanned(&report, unknown[0]), "\"billing_adress\"");
    assert_eq!(
        unknown[0].help.as_deref(),
        Some("did you mean \"billing_address\"?")
    );
    // billing_address is already there: a rename would override it (and in Python repeat a
    // keyword), so there is no fix at all.
    assert!(unknown[0].fix.is_none(), "{:?}", unknown[0].fix);
    let alone = Linter::default().lint_str(
        "p",
        &text.replace(r#", "billing_address": {"city": "x"}"#, ""),
    );
    let rename = of_rule(&alone, "unknown-field")[0].fix.clone().unwrap();
    assert_eq!(rename.edits[0].replacement, "\"billing_address\"");
    assert_eq!(rename.applicability, checkout_lint::Applicability::Unsafe);

    let currency = of_rule(&report, "invalid-currency-code");
    assert_eq!(spanned(&report, currency[0]), "\"usd\"");
    assert_eq!(
        currency[0].message,
        "billing_currency \"usd\" must be upper case"
    );
    assert_eq!(
        currency[0].fix.as_ref().unwrap().edits[0].replacement,
        "\"USD\""
    );
    assert!(
        of_rule(&report, "invalid-value")
            .iter()
            .all(|d| d.pointer != "/billing_currency"),
        "reported once"
    );

    let values = of_rule(&report, "invalid-value");
    assert_eq!(spanned(&report, values[0]), "\"credit_card\"");
    assert_eq!(values[0].help.as_deref(), Some("did you mean \"credit\"?"));

    let missing = of_rule(&report, "missing-field");
    assert_eq!(spanned(&report, missing[0]), r#"{"city": "x"}"#);
    assert_eq!(
        missing[0].message,
        "billing_address is missing the required field \"country\""
    );
}

#[test]
fn lint_value_reports_the_same_rules_at_the_same_pointers() {
    let value: serde_json::Value = serde_json::json!({
        "product_cart": [{"product_id": "a", "quantity": 0}],
        "billing_currency": "usd",
        "allowed_payment_method_types": ["upi_collect"],
        "confirm": true
    });
    let linter = Linter::default();
    let from_value = linter.lint_value(&value);
    let from_text = linter.lint_str("p", &serde_json::to_string_pretty(&value).unwrap());
    let key = |r: &Report| -> Vec<(String, String)> {
        let mut v: Vec<_> = r
            .diagnostics()
            .iter()
            .map(|d| (d.rule.to_string(), d.pointer.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(key(&from_value), key(&from_text));
    assert!(
        key(&from_value).contains(&("zero-quantity".into(), "/product_cart/0/quantity".into()))
    );
    let zero = of_rule(&from_value, "zero-quantity")[0];
    assert_eq!(
        spanned(&from_value, zero),
        "0",
        "spans refer to the compact serialization"
    );
}

#[test]
fn ranges_are_lsp_positions_in_utf16() {
    let text = "{\"product_cart\": [],\n \"metadata\": {\"note\": \"😀é\"}, \"confirm\": 1}";
    let report = Linter::default().lint_str("p", text);
    let d = of_rule(&report, "invalid-type")[0];
    let range = report.source().range(d.span);
    assert_eq!(
        range.start,
        Position {
            line: 1,
            character: 41
        }
    );
    assert_eq!(
        range.end,
        Position {
            line: 1,
            character: 42
        }
    );
    assert_eq!(report.source().offset(range.start), Some(d.span.start()));
}

#[test]
fn the_linter_is_shareable_and_the_report_is_an_error() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Linter>();
    assert_send_sync::<Report>();

    fn before_send(linter: &Linter, body: &str) -> Result<(), Box<dyn std::error::Error>> {
        linter.lint_str("body.json", body).into_result()?;
        Ok(())
    }
    let linter = Linter::default();
    assert!(
        before_send(
            &linter,
            r#"{"product_cart": [{"product_id": "a", "quantity": 1}]}"#
        )
        .is_ok()
    );
    let err = before_send(
        &linter,
        r#"{"product_cart": [{"product_id": "a", "quantity": 0}]}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("1 error"), "{err}");
    assert!(
        err.to_string()
            .contains("error[zero-quantity] quantity must be at least 1, found 0"),
        "{err}"
    );

    let report = linter.lint_str(
        "body.json",
        r#"{"product_cart": [{"product_id": "a", "quantity": 0}]}"#,
    );
    let as_miette: &dyn miette::Diagnostic = &report;
    assert_eq!(as_miette.severity(), Some(miette::Severity::Error));
    assert_eq!(as_miette.related().unwrap().count(), 1);
    let mut rendered = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut rendered, &report)
        .unwrap();
    assert!(
        rendered.contains("quantity must be at least 1, found 0"),
        "{rendered}"
    );
    assert!(rendered.contains("body.json:1:51"), "{rendered}");
}

#[test]
fn severity_overrides_and_off_apply() {
    use checkout_lint::{Config, Level};
    let text = r#"{"product_cart": [{"product_id": "a", "quantity": 1}], "allowed_payment_method_types": ["upi_collect"]}"#;
    let strict = Linter::new(Config::default().with_rule("missing-card-fallback", Level::Error));
    assert_eq!(
        strict.lint_str("p", text).diagnostics()[0].severity,
        Severity::Error
    );
    let off = Linter::new(Config::default().with_rule("missing-card-fallback", Level::Off));
    assert!(off.lint_str("p", text).diagnostics().is_empty());
}

#[test]
fn turning_off_a_specialist_rule_leaves_its_values_to_invalid_value() {
    let text = r#"{"product_cart": [{"product_id": "p", "quantity": 1}], "billing_address": {"country": "Narnia"}, "billing_currency": "Gold"}"#;
    let rules = |report: &checkout_lint::Report| -> Vec<&str> {
        report.diagnostics().iter().map(|d| d.rule).collect()
    };
    let all = Linter::default().lint_str("p.json", text);
    assert_eq!(
        rules(&all),
        ["invalid-country-code", "invalid-currency-code"]
    );
    let without = Linter::new(
        checkout_lint::Config::default()
            .with_rule("invalid-country-code", checkout_lint::Level::Off)
            .with_rule("invalid-currency-code", checkout_lint::Level::Off),
    )
    .lint_str("p.json", text);
    assert_eq!(rules(&without), ["invalid-value", "invalid-value"]);
}
