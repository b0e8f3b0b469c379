//! Every fix a rule offers, applied to a payload in Go source: printed in Go (double-quoted
//! strings inside the SDK's typed wrappers, the SDK's constant of the same type in place of a
//! constant, struct fields named through the SDK's tags), the file still parses with no error
//! node (tree-sitter's Go grammar, the front-end's own), the finding is gone, and no byte outside
//! the payload changes.

use crate::common::host_syntax::{fixable_without_a_case, fixed_away};
use checkout_lint::Linter;
use checkout_lint::fix_text;

const BEFORE: &str = "package billing\n\nimport (\n\t\"context\"\n\n\t\"github.com/dodopayments/dodopayments-go\"\n)\n\n// \"usd\" \"http://x\"\nfunc create(ctx context.Context, client *dodopayments.Client) {\n\tclient.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{\n\t\t\t";
const AFTER: &str = "\n\t\t},\n\t})\n}\n";
const CART: &str = "ProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(1))}}),";

const RAW_BEFORE: &str = "package billing\n\nimport (\n\t\"bytes\"\n\t\"encoding/json\"\n\t\"net/http\"\n)\n\nfunc create() {\n\tbody, _ := json.Marshal(map[string]any{\n\t\t\"product_cart\": []any{map[string]any{\"product_id\": \"p\", \"quantity\": 1}},\n\t\t";
const RAW_AFTER: &str = "\n\t})\n\thttp.Post(\"https://live.dodopayments.com/checkouts\", \"application/json\", bytes.NewReader(body))\n}\n";

/// Rules whose fix writes what Go can only write with types the fix does not know: an object in
/// place of a customer.
const NOT_IN_GO: &[&str] = &["invalid-customer"];

/// (rule, fields, once fixed, raw request).
fn cases() -> Vec<(&'static str, String, String, bool)> {
    let sdk = |rule, before: &str, after: &str| {
        (
            rule,
            format!("{CART}\n\t\t\t{before}"),
            format!("{CART}\n\t\t\t{after}"),
            false,
        )
    };
    vec![
        sdk(
            "invalid-currency-code",
            "BillingCurrency: dodopayments.F[dodopayments.Currency](\"usd\"),",
            "BillingCurrency: dodopayments.F[dodopayments.Currency](\"USD\"),",
        ),
        sdk(
            "invalid-country-code",
            "BillingAddress: dodopayments.F(dodopayments.CheckoutSessionBillingAddressParam{Country: dodopayments.F(dodopayments.CountryCode(\"deu\"))}),",
            "BillingAddress: dodopayments.F(dodopayments.CheckoutSessionBillingAddressParam{Country: dodopayments.F(dodopayments.CountryCode(\"DE\"))}),",
        ),
        sdk(
            "missing-card-fallback",
            "AllowedPaymentMethodTypes: dodopayments.F([]dodopayments.PaymentMethodTypes{dodopayments.PaymentMethodTypesUpiCollect}),",
            "AllowedPaymentMethodTypes: dodopayments.F([]dodopayments.PaymentMethodTypes{dodopayments.PaymentMethodTypesCredit, dodopayments.PaymentMethodTypesDebit, dodopayments.PaymentMethodTypesUpiCollect}),",
        ),
        sdk(
            "duplicate-payment-method",
            "AllowedPaymentMethodTypes: dodopayments.F([]dodopayments.PaymentMethodTypes{\n\t\t\t\tdodopayments.PaymentMethodTypesCredit,\n\t\t\t\tdodopayments.PaymentMethodTypesDebit, // cards\n\t\t\t\tdodopayments.PaymentMethodTypesDebit,\n\t\t\t}),",
            "AllowedPaymentMethodTypes: dodopayments.F([]dodopayments.PaymentMethodTypes{\n\t\t\t\tdodopayments.PaymentMethodTypesCredit,\n\t\t\t\tdodopayments.PaymentMethodTypesDebit,\n\t\t\t}),",
        ),
        sdk(
            "invalid-value",
            "Customization: dodopayments.F(dodopayments.CheckoutSessionCustomizationParam{Theme: dodopayments.F(dodopayments.CheckoutSessionCustomizationTheme(\"Dark\"))}),",
            "Customization: dodopayments.F(dodopayments.CheckoutSessionCustomizationParam{Theme: dodopayments.F(dodopayments.CheckoutSessionCustomizationTheme(\"dark\"))}),",
        ),
        sdk(
            "unknown-language",
            "Customization: dodopayments.F(dodopayments.CheckoutSessionCustomizationParam{ForceLanguage: dodopayments.F(\"pt-BR\")}),",
            "Customization: dodopayments.F(dodopayments.CheckoutSessionCustomizationParam{ForceLanguage: dodopayments.F(\"pt\")}),",
        ),
        sdk(
            "invalid-phone-number",
            "Customer: dodopayments.F[dodopayments.CustomerRequestUnionParam](dodopayments.NewCustomerParam{Email: dodopayments.F(\"a@b.co\"), PhoneNumber: dodopayments.F(\"+1 (415) 555-0123\")}),",
            "Customer: dodopayments.F[dodopayments.CustomerRequestUnionParam](dodopayments.NewCustomerParam{Email: dodopayments.F(\"a@b.co\"), PhoneNumber: dodopayments.F(\"+14155550123\")}),",
        ),
        sdk(
            "deprecated-discount-code",
            "DiscountCode: dodopayments.F(\"SPRING\"),",
            "DiscountCodes: dodopayments.F([]string{\"SPRING\"}),",
        ),
        sdk(
            "insecure-redirect-url",
            "ReturnURL: dodopayments.F(\"http://shop.example.com/x?a=1\"),",
            "ReturnURL: dodopayments.F(\"https://shop.example.com/x?a=1\"),",
        ),
        (
            "unknown-field",
            "\"billing_adress\": map[string]any{\"country\": \"US\"},".to_string(),
            "\"billing_address\": map[string]any{\"country\": \"US\"},".to_string(),
            true,
        ),
    ]
}

/// True when tree-sitter's Go grammar reads `text` without an error or missing node.
fn parses_as_go(text: &str) -> bool {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_go::LANGUAGE.into())
        .unwrap();
    let tree = parser.parse(text, None).unwrap();
    !tree.root_node().has_error()
}

#[test]
fn every_fix_applies_in_go_and_nowhere_else() {
    let linter = Linter::default();
    for (rule, fields, expected, raw) in cases() {
        let (before, after) = if raw {
            (RAW_BEFORE, RAW_AFTER)
        } else {
            (BEFORE, AFTER)
        };
        let text = format!("{before}{fields}{after}");
        assert!(parses_as_go(&text), "{rule}: the case itself:\n{text}");
        let fixed = fixed_away(&linter, "a.go", rule, &text);
        assert_eq!(fixed, format!("{before}{expected}{after}"), "{rule}");
        assert!(parses_as_go(&fixed), "{rule}:\n{fixed}");
    }
}

#[test]
fn every_fixable_rule_has_a_go_case_or_says_why_not() {
    let cases: Vec<&str> = cases().iter().map(|(rule, ..)| *rule).collect();
    let missing = fixable_without_a_case(&cases, NOT_IN_GO);
    assert!(
        missing.is_empty(),
        "offer a fix but have no Go case: {missing:?}"
    );
}

#[test]
fn a_fix_go_cannot_print_is_not_offered() {
    let linter = Linter::default();
    let text = format!(
        "{BEFORE}{CART}\n\t\t\tDiscountCode: dodopayments.String(\"SPRING\"),\n\t\t\tCustomer: dodopayments.F[dodopayments.CustomerRequestUnionParam](dodopayments.CustomerRequestParam{{CustomerID: dodopayments.F(\"c\"), Name: dodopayments.F(\"A\")}}),\n\t\t\tReturnURL: dodopayments.F(\"http://\" + host),{AFTER}"
    );
    let report = linter.lint_str("a.go", &text);
    let rules: Vec<&str> = report.diagnostics().iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"deprecated-discount-code"), "{rules:?}");
    assert!(rules.contains(&"invalid-customer"), "{rules:?}");
    assert!(
        report.diagnostics().iter().all(|d| d.fix.is_none()),
        "{:#?}",
        report.diagnostics()
    );
}

#[test]
fn an_empty_typed_slice_takes_untyped_string_constants() {
    // A slice of constants gets constants (above); an empty one, Go's untyped strings.
    let linter = Linter::default();
    let text = format!(
        "{BEFORE}{CART}\n\t\t\tAllowedPaymentMethodTypes: dodopayments.F([]dodopayments.PaymentMethodTypes{{}}),{AFTER}"
    );
    let fixed = fix_text(&linter, "a.go", &text, true);
    assert!(
        fixed
            .text
            .contains("dodopayments.PaymentMethodTypes{\"credit\", \"debit\"}"),
        "an empty typed slice takes untyped string constants:\n{}",
        fixed.text
    );
    assert!(parses_as_go(&fixed.text));
}
