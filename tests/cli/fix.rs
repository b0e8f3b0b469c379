//! `--fix` and `--diff` on real files: byte-exact results, untouched files stay untouched.

use std::path::Path;

use crate::common::{self, run};

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const FIXABLE: &str = "{\r\n  \"product_cart\": [{ \"product_id\": \"pdt_1\", \"quantity\": 1 }],\r\n\t\"billing_currency\": \"usd\",\r\n  \"billing_address\": { \"country\": \"UK\" },\r\n  \"allowed_payment_method_types\": [\"credit\", \"debit\", \"credit\"],\r\n  \"discount_code\": \"SPRING\"\r\n}";

#[test]
fn fix_applies_safe_fixes_byte_exactly_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "p.json", FIXABLE);
    let output = run(&[
        "--fix",
        "--isolated",
        "--format",
        "concise",
        path.to_str().unwrap(),
    ]);
    let expected = FIXABLE
        .replace("\"usd\"", "\"USD\"")
        .replace("\"UK\"", "\"GB\"")
        .replace(
            "[\"credit\", \"debit\", \"credit\"]",
            "[\"credit\", \"debit\"]",
        )
        .replace(
            "\"discount_code\": \"SPRING\"",
            "\"discount_codes\": [\"SPRING\"]",
        );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "",
        "nothing remains"
    );
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{"product_cart": [{"product_id": "pdt_1", "quantity": 1}], "allowed_payment_method_types": ["apple_pay"]}"#;
    let path = write(dir.path(), "p.json", text);
    run(&["--fix", "--isolated", path.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    run(&[
        "--fix",
        "--unsafe-fixes",
        "--isolated",
        path.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains(r#"["credit", "debit", "apple_pay"]"#)
    );
}

#[test]
fn files_without_fixes_are_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "p.json",
        r#"{"product_cart": [{"product_id": "pdt_1", "quantity": 0}]}"#,
    );
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let output = run(&[
        "--fix",
        "--isolated",
        "--format",
        "concise",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "p.json",
        "{\n  \"product_cart\": [],\n  \"product_collection_id\": \"pdc_1\",\n  \"billing_currency\": \"eur\"\n}\n",
    );
    let output = run(&["--diff", "--isolated", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(
        diff.contains("-  \"billing_currency\": \"eur\"\n+  \"billing_currency\": \"EUR\"\n"),
        "{diff}"
    );
    assert!(diff.contains("--- a/") && diff.contains("+++ b/"), "{diff}");
    assert!(std::fs::read_to_string(&path).unwrap().contains("\"eur\""));
    let clean = write(
        dir.path(),
        "clean.json",
        r#"{"product_cart": [], "product_collection_id": "pdc_1"}"#,
    );
    let output = run(&["--diff", "--isolated", clean.to_str().unwrap()]);
    assert_eq!((output.status.code(), output.stdout.len()), (Some(0), 0));
}

#[test]
fn read_only_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "p.json", FIXABLE);
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let output = run(&["--fix", "--isolated", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("read-only"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
}

/// Fixes and labels that name "the previous item" or "item 21" index the array as written,
/// not the model's list of readable items (which leaves out items that failed the schema).
#[test]
fn fixes_and_labels_count_items_as_written() {
    let linter = checkout_lint::Linter::default();
    let text = r#"{"product_cart": [{"product_id": "pdt_1", "quantity": 1}], "allowed_payment_method_types": ["credit", "crdit", 7, "credit"]}"#;
    let report = linter.lint_str("p.json", text);
    let duplicate = common::of_rule(&report, "duplicate-payment-method");
    let fix = duplicate[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.edits.len(), 1);
    assert_eq!(&text[fix.edits[0].span.range()], ", \"credit\"");
    let fixed = checkout_lint::fix_text(&linter, "p.json", text, false);
    assert!(
        fixed
            .text
            .contains(r#""allowed_payment_method_types": ["credit", "crdit", 7]"#),
        "{}",
        fixed.text
    );

    let mut items = vec![r#"{"product_id": "pdt_1", "quantity": 1}"#.to_string(); 21];
    items[2] = "\"not an item\"".into();
    items[20] = r#"{"product_id": "pdt_21", "quantity": 1}"#.into();
    let text = format!("{{\"product_cart\": [{}]}}", items.join(", "));
    let report = linter.lint_str("p.json", &text);
    let too_many = common::of_rule(&report, "too-many-items");
    assert_eq!(
        too_many.len(),
        1,
        "21 items as written, one of them unreadable"
    );
    assert!(
        too_many[0]
            .message
            .starts_with("product_cart holds 21 products")
    );
    let label = &too_many[0].labels[0];
    assert_eq!(label.message, "product 21 is here");
    assert_eq!(
        &text[label.span.range()],
        r#"{"product_id": "pdt_21", "quantity": 1}"#
    );
}
