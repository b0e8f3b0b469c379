//! Every fix a rule offers, applied to a payload in Python source: printed in Python (keywords,
//! the file's quote style, `True`/`None`), the file still parses — by CPython's own `ast` when a
//! `python3` is on PATH, as on every machine CI runs on — the finding is gone, and no byte
//! outside the payload changes.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::host_syntax::{fixable_without_a_case, fixed_away};
use checkout_lint::Linter;
use checkout_lint::fix_text;

const BEFORE: &str = "from dodopayments import DodoPayments\n\nclient = DodoPayments()  # 'usd' \"http://x\"\nsession = client.checkout_sessions.create(\n    ";
const AFTER: &str = "\n)\nnote = {'billing_currency': 'usd', 'customer_id': 'c'}\n";
const CART: &str = "product_cart=[{'product_id': 'p', 'quantity': 1}]";

/// (rule, keyword arguments, once fixed).
fn cases() -> Vec<(&'static str, String, String)> {
    vec![
        (
            "unknown-field",
            format!("{CART},\n    billing_adress={{'country': 'US'}},"),
            format!("{CART},\n    billing_address={{'country': 'US'}},"),
        ),
        (
            "invalid-value",
            format!("{CART}, customization={{'theme': 'Dark'}}"),
            format!("{CART}, customization={{'theme': 'dark'}}"),
        ),
        (
            "missing-card-fallback",
            format!("{CART}, allowed_payment_method_types=[]"),
            format!("{CART}, allowed_payment_method_types=['credit', 'debit']"),
        ),
        (
            "invalid-customer",
            format!("{CART}, customer={{'customer_id': 'c', 'name': 'A'}}"),
            format!("{CART}, customer={{ 'customer_id': 'c' }}"),
        ),
        (
            "invalid-phone-number",
            format!("{CART}, customer={{'email': 'a@b.co', 'phone_number': '+1 (415) 555-0123'}}"),
            format!("{CART}, customer={{'email': 'a@b.co', 'phone_number': '+14155550123'}}"),
        ),
        (
            "invalid-country-code",
            format!("{CART}, billing_address={{'country': 'deu'}}"),
            format!("{CART}, billing_address={{'country': 'DE'}}"),
        ),
        (
            "invalid-currency-code",
            format!("{CART},\r\n    billing_currency=\"inr\""),
            format!("{CART},\r\n    billing_currency=\"INR\""),
        ),
        (
            "duplicate-payment-method",
            format!(
                "{CART}, allowed_payment_method_types=['credit',\n 'debit',  # cards\n 'debit']"
            ),
            format!("{CART}, allowed_payment_method_types=['credit',\n 'debit']"),
        ),
        (
            "deprecated-discount-code",
            format!("{CART}, discount_code='SPRING'"),
            format!("{CART}, discount_codes=['SPRING']"),
        ),
        (
            "insecure-redirect-url",
            format!("{CART}, return_url='http://shop.example.com/x?a=1'"),
            format!("{CART}, return_url='https://shop.example.com/x?a=1'"),
        ),
        (
            "unknown-language",
            format!("{CART}, customization={{'force_language': 'pt-BR'}}"),
            format!("{CART}, customization={{'force_language': 'pt'}}"),
        ),
    ]
}

/// CPython's verdict on the text, or `None` without a `python3`: `compile()`, not only
/// `ast.parse` (which accepts a keyword argument given twice, a file that cannot run).
fn cpython_parses(text: &str) -> Option<bool> {
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import sys; compile(sys.stdin.read(), 'a.py', 'exec')",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    Some(child.wait().ok()?.success())
}

#[test]
fn every_fix_applies_in_python_and_nowhere_else() {
    let linter = Linter::default();
    let mut checked_by_cpython = 0;
    for (rule, arguments, expected) in cases() {
        let text = format!("{BEFORE}{arguments}{AFTER}");
        assert!(
            cpython_parses(&text).unwrap_or(true),
            "{rule}: the case itself"
        );
        let fixed = fixed_away(&linter, "a.py", rule, &text);
        assert_eq!(fixed, format!("{BEFORE}{expected}{AFTER}"), "{rule}");
        if let Some(parses) = cpython_parses(&fixed) {
            assert!(
                parses,
                "{rule}: CPython cannot parse the fixed file:\n{fixed}"
            );
            checked_by_cpython += 1;
        }
    }
    if std::env::var_os("CI").is_some() {
        assert!(
            checked_by_cpython > 0,
            "CI has python3: every fix is checked by CPython"
        );
    }
}

#[test]
fn every_fixable_rule_has_a_python_case() {
    let cases: Vec<&str> = cases().iter().map(|(rule, ..)| *rule).collect();
    let missing = fixable_without_a_case(&cases, &[]);
    assert!(
        missing.is_empty(),
        "offer a fix but have no Python case: {missing:?}"
    );
}

#[test]
fn no_fix_inside_an_f_string_or_over_a_name() {
    let linter = Linter::default();
    let text = format!(
        "{BEFORE}{CART}, return_url=f'http://{{host}}/done', billing_currency=currency{AFTER}"
    );
    let report = linter.lint_str("a.py", &text);
    assert!(
        report.diagnostics().iter().all(|d| d.fix.is_none()),
        "{:#?}",
        report.diagnostics()
    );
}

#[test]
fn a_rename_onto_a_keyword_already_given_is_never_applied() {
    let linter = Linter::default();
    let text = format!(
        "{BEFORE}product_cart=[{{'product_id': 'p', 'quantity': 1}}],\n    billing_adress={{'country': 'US'}},\n    billing_address={{'country': 'US'}},\n{AFTER}"
    );
    assert!(cpython_parses(&text).unwrap_or(true), "the case itself");
    for unsafe_fixes in [false, true] {
        let fixed = fix_text(&linter, "a.py", &text, unsafe_fixes);
        assert!(fixed.text.contains("billing_adress="), "{}", fixed.text);
        assert!(
            cpython_parses(&fixed.text).unwrap_or(true),
            "{}",
            fixed.text
        );
    }
    let unknown = linter.lint_str("a.py", &text);
    let finding = unknown
        .diagnostics()
        .iter()
        .find(|d| d.rule == "unknown-field")
        .expect("unknown-field");
    assert!(finding.fix.is_none(), "{:?}", finding.fix);
}
