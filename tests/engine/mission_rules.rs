//! The five rules the mission names, through the library: each fires at the exact span on bad
//! payloads and stays silent on good ones.

use crate::common::{self, find_nth, linter_with_catalogue, of_rule, spanned};
use checkout_lint::{Config, Level, Linter, Severity};

#[test]
fn zero_quantity_points_at_the_number() {
    let text = r#"{"product_cart": [{"product_id": "a", "quantity": 2}, {"product_id": "b", "quantity": 0}, {"product_id": "c", "quantity": -3}]}"#;
    let report = Linter::default().lint_str("p.json", text);
    let found = of_rule(&report, "zero-quantity");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].span, find_nth(text, "0", 0));
    assert_eq!(found[0].pointer, "/product_cart/1/quantity");
    assert_eq!(found[0].message, "quantity must be at least 1, found 0");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(spanned(&report, found[1]), "-3");
    assert_eq!(found[1].message, "quantity must be at least 1, found -3");
    assert!(report.has_errors());
}

#[test]
fn zero_quantity_is_silent_on_positive_and_on_wrong_types() {
    let text = r#"{"product_cart": [{"product_id": "a", "quantity": 1}, {"product_id": "b", "quantity": "0"}]}"#;
    let report = Linter::default().lint_str("p.json", text);
    assert!(of_rule(&report, "zero-quantity").is_empty());
    assert_eq!(
        of_rule(&report, "invalid-type").len(),
        1,
        "the string is a type error, reported once"
    );
}

#[test]
fn mixed_cart_marks_the_offending_item_and_labels_the_subscription() {
    let text = r#"{"product_cart": [
        {"product_id": "pdt_ebook_guide", "quantity": 1},
        {"product_id": "pdt_pro_monthly", "quantity": 1}
    ]}"#;
    let report = linter_with_catalogue().lint_str("p.json", text);
    let found = of_rule(&report, "mixed-cart");
    assert_eq!(found.len(), 1, "{:#?}", report.diagnostics());
    assert_eq!(
        spanned(&report, found[0]),
        r#"{"product_id": "pdt_ebook_guide", "quantity": 1}"#
    );
    assert_eq!(found[0].pointer, "/product_cart/0");
    assert_eq!(
        found[0].message,
        "one-time product \"E-book guide\" cannot be mixed with subscription product \"Pro monthly\" in one checkout session"
    );
    let label = &found[0].labels[0];
    assert_eq!(
        &text[label.span.start()..label.span.end()],
        r#"{"product_id": "pdt_pro_monthly", "quantity": 1}"#
    );
    assert_eq!(label.message, "subscription product \"Pro monthly\"");
}

#[test]
fn mixed_cart_rejects_two_subscriptions_and_unknown_companions() {
    let text = r#"{"product_cart": [
        {"product_id": "pdt_pro_monthly", "quantity": 1},
        {"product_id": "pdt_api_usage", "quantity": 1},
        {"product_id": "pdt_not_in_catalogue", "quantity": 1}
    ]}"#;
    let report = linter_with_catalogue().lint_str("p.json", text);
    let found = of_rule(&report, "mixed-cart");
    let pointers: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["/product_cart/1", "/product_cart/2"]);
    assert!(
        found[0]
            .message
            .starts_with("a second subscription product \"API usage\"")
    );
}

#[test]
fn mixed_cart_is_silent_for_one_time_carts_single_subscriptions_and_without_catalogue() {
    let linter = linter_with_catalogue();
    let one_time = r#"{"product_cart": [{"product_id": "pdt_ebook_guide", "quantity": 1}, {"product_id": "pdt_desk_mug", "quantity": 3}]}"#;
    let single = r#"{"product_cart": [{"product_id": "pdt_pro_monthly", "quantity": 1}]}"#;
    let mixed = r#"{"product_cart": [{"product_id": "pdt_pro_monthly", "quantity": 1}, {"product_id": "pdt_desk_mug", "quantity": 1}]}"#;
    assert!(of_rule(&linter.lint_str("a", one_time), "mixed-cart").is_empty());
    assert!(of_rule(&linter.lint_str("b", single), "mixed-cart").is_empty());
    assert!(of_rule(&Linter::default().lint_str("c", mixed), "mixed-cart").is_empty());
    let off = Linter::new(
        Config::default()
            .with_catalogue(common::catalogue())
            .with_rule("mixed-cart", Level::Off),
    );
    assert!(of_rule(&off.lint_str("d", mixed), "mixed-cart").is_empty());
}

#[test]
fn missing_card_fallback_names_what_is_missing_and_offers_a_fix() {
    let text = r#"{"product_cart": [], "allowed_payment_method_types": ["upi_collect", "credit"]}"#;
    let report = Linter::default().lint_str("p.json", text);
    let found = of_rule(&report, "missing-card-fallback");
    assert_eq!(found.len(), 1);
    assert_eq!(spanned(&report, found[0]), r#"["upi_collect", "credit"]"#);
    assert_eq!(
        found[0].message,
        "allowed_payment_method_types lacks \"debit\""
    );
    assert_eq!(found[0].severity, Severity::Warning);
    let fix = found[0].fix.as_ref().expect("a fix");
    let edit = &fix.edits[0];
    let mut fixed = text.to_string();
    fixed.replace_range(edit.span.start()..edit.span.end(), &edit.replacement);
    assert!(
        fixed.contains(r#"["debit", "upi_collect", "credit"]"#),
        "{fixed}"
    );
    assert!(
        of_rule(
            &Linter::default().lint_str("p", &fixed),
            "missing-card-fallback"
        )
        .is_empty()
    );

    let empty = r#"{"product_cart": [], "allowed_payment_method_types": []}"#;
    let report = Linter::default().lint_str("p.json", empty);
    let found = of_rule(&report, "missing-card-fallback");
    assert_eq!(
        found[0].message,
        "allowed_payment_method_types lacks \"credit\" and \"debit\""
    );
    assert_eq!(
        found[0].fix.as_ref().unwrap().edits[0].replacement,
        "\"credit\", \"debit\""
    );
}

#[test]
fn missing_card_fallback_is_silent_when_cards_are_listed_or_the_list_is_absent() {
    for text in [
        r#"{"product_cart": [], "allowed_payment_method_types": ["debit", "klarna", "credit"]}"#,
        r#"{"product_cart": []}"#,
        r#"{"product_cart": [], "allowed_payment_method_types": null}"#,
    ] {
        assert!(
            of_rule(
                &Linter::default().lint_str("p", text),
                "missing-card-fallback"
            )
            .is_empty(),
            "{text}"
        );
    }
}

#[test]
fn ineffective_billing_currency_follows_the_account_setting() {
    let text = r#"{"product_cart": [], "billing_currency": "EUR"}"#;
    let off = Linter::new(Config::default().with_adaptive_pricing(false)).lint_str("p", text);
    let found = of_rule(&off, "ineffective-billing-currency");
    assert_eq!(found.len(), 1);
    assert_eq!(spanned(&off, found[0]), "\"EUR\"");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].message,
        "billing_currency \"EUR\" is ignored: adaptive pricing is off for this account"
    );

    let on = Linter::new(Config::default().with_adaptive_pricing(true)).lint_str("p", text);
    assert!(of_rule(&on, "ineffective-billing-currency").is_empty());
    // Unset: the account's setting is unknown, so the rule stays silent (documented).
    assert!(
        of_rule(
            &Linter::default().lint_str("p", text),
            "ineffective-billing-currency"
        )
        .is_empty()
    );
    let no_currency = r#"{"product_cart": [], "billing_currency": null}"#;
    let off = Linter::new(Config::default().with_adaptive_pricing(false));
    assert!(
        of_rule(
            &off.lint_str("p", no_currency),
            "ineffective-billing-currency"
        )
        .is_empty()
    );
}

#[test]
fn confirm_incomplete_names_each_missing_piece_at_confirm() {
    let text = r#"{"product_cart": [],
      "customer": {"email": "a@example.com"},
      "billing_address": {"country": "US", "city": "Boston", "street": ""},
      "feature_flags": {"require_tax_id": true},
      "confirm": true}"#;
    let report = Linter::default().lint_str("p.json", text);
    let found = of_rule(&report, "confirm-incomplete");
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "confirm: true needs billing_address.street, billing_address.state and billing_address.zipcode",
            "confirm: true with feature_flags.require_tax_id needs tax_id",
        ]
    );
    for diagnostic in &found {
        assert_eq!(spanned(&report, diagnostic), "true");
        assert_eq!(diagnostic.pointer, "/confirm");
    }
    let address = &found[0].labels[0];
    assert_eq!(
        &text[address.span.start()..address.span.end()],
        r#"{"country": "US", "city": "Boston", "street": ""}"#
    );
}

#[test]
fn confirm_incomplete_without_customer_or_address_and_with_minimal_address() {
    let text = r#"{"product_cart": [], "confirm": true}"#;
    let report = Linter::default().lint_str("p", text);
    let messages: Vec<&str> = of_rule(&report, "confirm-incomplete")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "confirm: true needs a customer, but none is given",
            "confirm: true needs billing_address with street, city, state, country and zipcode, but none is given",
        ]
    );

    let minimal = r#"{"product_cart": [], "confirm": true, "minimal_address": true,
      "customer": {"email": "a@example.com", "phone_number": "+15551234567"},
      "billing_address": {"country": "US"},
      "feature_flags": {"require_phone_number": true}}"#;
    let report = Linter::default().lint_str("p", minimal);
    let messages: Vec<&str> = of_rule(&report, "confirm-incomplete")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages, ["confirm: true needs billing_address.zipcode"]);

    let single_page = r#"{"product_cart": [], "confirm": true, "feature_flags": {"single_page": true},
      "customer": {"customer_id": "cus_1"}, "billing_address": {"country": "US", "zipcode": "02134"}}"#;
    assert!(
        of_rule(
            &Linter::default().lint_str("p", single_page),
            "confirm-incomplete"
        )
        .is_empty()
    );
}

#[test]
fn confirm_incomplete_requires_a_phone_for_new_customers_when_flagged() {
    let text = r#"{"product_cart": [], "confirm": true, "minimal_address": true,
      "customer": {"email": "a@example.com"},
      "billing_address": {"country": "US", "zipcode": "02134"},
      "feature_flags": {"require_phone_number": true}}"#;
    let report = Linter::default().lint_str("p", text);
    let found = of_rule(&report, "confirm-incomplete");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "confirm: true with feature_flags.require_phone_number needs customer.phone_number"
    );
    assert_eq!(found[0].labels.len(), 2);
}

#[test]
fn payment_method_id_needs_confirm_and_an_existing_customer() {
    let text = r#"{"product_cart": [], "customer": {"email": "a@example.com"}, "payment_method_id": "pm_1", "confirm": false}"#;
    let report = Linter::default().lint_str("p", text);
    let found = of_rule(&report, "confirm-incomplete");
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "payment_method_id is only allowed when confirm is true",
            "payment_method_id needs an existing customer: give customer.customer_id",
        ]
    );
    assert!(found.iter().all(|d| d.pointer == "/payment_method_id"));
    assert_eq!(spanned(&report, found[0]), "\"pm_1\"");
}

#[test]
fn confirm_incomplete_is_silent_on_complete_and_unconfirmed_payloads() {
    let complete = r#"{"product_cart": [], "confirm": true,
      "customer": {"customer_id": "cus_1"},
      "payment_method_id": "pm_1",
      "billing_address": {"street": "1 Main St", "city": "Boston", "state": "MA", "country": "US", "zipcode": "02134"}}"#;
    assert!(
        of_rule(
            &Linter::default().lint_str("p", complete),
            "confirm-incomplete"
        )
        .is_empty()
    );
    let unconfirmed = r#"{"product_cart": [], "customer": {"email": "a@example.com"}}"#;
    assert!(
        of_rule(
            &Linter::default().lint_str("p", unconfirmed),
            "confirm-incomplete"
        )
        .is_empty()
    );
}
