//! The official SDKs' test payload shape (every field set to a placeholder: `"return_url":
//! "return_url"`, quantity 0, country `AF`) is accepted by the SDK's types but breaks many
//! documented rules. Each one must be reported, at the right place.

use crate::common::fixture;
use checkout_lint::{Linter, Severity};

#[test]
fn the_sdk_placeholder_payload_reports_each_documented_problem() {
    let text = std::fs::read_to_string(fixture("sdk-test-payload.json")).unwrap();
    let report = Linter::default().lint_str("sdk-test-payload.json", &text);
    let found: Vec<(&str, &str)> = report
        .diagnostics()
        .iter()
        .map(|d| (d.rule, d.pointer.as_str()))
        .collect();
    let expected = [
        ("zero-quantity", "/product_cart/0/quantity"),
        ("invalid-addons", "/product_cart/0/addons"),
        (
            "invalid-credits-amount",
            "/product_cart/0/credit_entitlements/0/credits_amount",
        ),
        ("missing-card-fallback", "/allowed_payment_method_types"),
        ("unsupported-country", "/billing_address/country"),
        ("invalid-redirect-url", "/cancel_url"),
        ("ignored-custom-field-options", "/custom_fields/0/options"),
        ("unknown-language", "/customization/force_language"),
        (
            "invalid-theme-config",
            "/customization/theme_config/dark/bg_primary",
        ),
        (
            "invalid-theme-config",
            "/customization/theme_config/font_primary_url",
        ),
        (
            "invalid-theme-config",
            "/customization/theme_config/font_secondary_url",
        ),
        ("invalid-theme-config", "/customization/theme_config/radius"),
        ("deprecated-discount-code", "/discount_code"),
        ("conflicting-discount-fields", "/discount_code"),
        ("discount-with-on-demand", "/discount_code"),
        ("discount-with-on-demand", "/discount_codes"),
        ("invalid-redirect-url", "/return_url"),
        (
            "saved-methods-for-new-customer",
            "/show_saved_payment_methods",
        ),
    ];
    for pair in expected {
        assert!(found.contains(&pair), "missing {pair:?} in {found:#?}");
    }
    // The shape itself is valid: every key is known and every type right.
    for schema_rule in [
        "unknown-field",
        "invalid-type",
        "invalid-value",
        "missing-field",
    ] {
        assert!(
            !found.iter().any(|(rule, _)| *rule == schema_rule),
            "{found:#?}"
        );
    }
    assert!(report.count(Severity::Error) >= 12);
}
