//! Every fix a rule offers, applied to a payload in TypeScript source: printed in the file's
//! style (its quotes, its bare keys), the file still parses, the finding is gone, and no byte
//! outside the payload changes.

use crate::common::host_syntax::{fixable_without_a_case, fixed_away};
use checkout_lint::Linter;

const BEFORE: &str = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments(); // 'usd' \"http://x\"\nexport const s = await client.checkoutSessions.create(";
const AFTER: &str = ");\nconst note = { billing_currency: 'usd', customer_id: 'c', name: 'A' };\n";
const CART: &str = "product_cart: [{ product_id: 'p', quantity: 1 }]";

/// (rule, payload literal, the literal once fixed).
fn cases() -> Vec<(&'static str, String, String)> {
    vec![
        (
            "unknown-field",
            format!("{{ {CART}, billing_adress: {{ country: 'US' }} }}"),
            format!("{{ {CART}, billing_address: {{ country: 'US' }} }}"),
        ),
        (
            "invalid-value",
            format!("{{ {CART},\n  customization: {{ theme: 'Dark' }} }}"),
            format!("{{ {CART},\n  customization: {{ theme: 'dark' }} }}"),
        ),
        (
            "missing-card-fallback",
            format!("{{ {CART}, allowed_payment_method_types: [ ] }}"),
            format!("{{ {CART}, allowed_payment_method_types: ['credit', 'debit' ] }}"),
        ),
        (
            "invalid-customer",
            format!("{{ {CART}, customer: {{ customer_id: 'c', name: 'A' }} }}"),
            format!("{{ {CART}, customer: {{ customer_id: 'c' }} }}"),
        ),
        (
            "invalid-phone-number",
            format!(
                "{{ {CART}, customer: {{ email: 'a@b.co', phone_number: '+1 (415) 555-0123' }} }}"
            ),
            format!("{{ {CART}, customer: {{ email: 'a@b.co', phone_number: '+14155550123' }} }}"),
        ),
        (
            "invalid-country-code",
            format!("{{ {CART}, billing_address: {{ country: 'deu' }} }}"),
            format!("{{ {CART}, billing_address: {{ country: 'DE' }} }}"),
        ),
        (
            "invalid-currency-code",
            format!("{{ {CART},\r\n  \"billing_currency\": \"inr\" }}"),
            format!("{{ {CART},\r\n  \"billing_currency\": \"INR\" }}"),
        ),
        (
            "duplicate-payment-method",
            format!(
                "{{ {CART}, allowed_payment_method_types: ['credit',\n 'debit', // cards\n 'debit'] }}"
            ),
            format!("{{ {CART}, allowed_payment_method_types: ['credit',\n 'debit'] }}"),
        ),
        (
            "deprecated-discount-code",
            format!("{{ {CART}, discount_code: 'SPRING' }}"),
            format!("{{ {CART}, discount_codes: ['SPRING'] }}"),
        ),
        (
            "insecure-redirect-url",
            format!("{{ {CART}, return_url: 'http://shop.example.com/x?a=1' }}"),
            format!("{{ {CART}, return_url: 'https://shop.example.com/x?a=1' }}"),
        ),
        (
            "unknown-language",
            format!("{{ {CART}, customization: {{ force_language: 'pt-BR' }} }}"),
            format!("{{ {CART}, customization: {{ force_language: 'pt' }} }}"),
        ),
    ]
}

fn parses(text: &str) -> bool {
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, oxc_span::SourceType::ts()).parse();
    parsed.diagnostics.is_empty() && !parsed.panicked
}

#[test]
fn every_fix_applies_in_the_host_syntax_and_nowhere_else() {
    let linter = Linter::default();
    for (rule, literal, expected) in cases() {
        let fixed = fixed_away(&linter, "a.ts", rule, &format!("{BEFORE}{literal}{AFTER}"));
        assert_eq!(fixed, format!("{BEFORE}{expected}{AFTER}"), "{rule}");
        assert!(parses(&fixed), "{rule}: the fixed file does not parse");
    }
}

#[test]
fn every_fixable_rule_has_a_source_case() {
    let cases: Vec<&str> = cases().iter().map(|(rule, ..)| *rule).collect();
    let missing = fixable_without_a_case(&cases, &[]);
    assert!(
        missing.is_empty(),
        "offer a fix but have no source case: {missing:?}"
    );
}
