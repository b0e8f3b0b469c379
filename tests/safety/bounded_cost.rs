//! Shapes that once cost quadratic time or a copy of an enumeration per finding: wide objects,
//! long arrays of findings, many duplicates, deep legal nesting. Each is linted in full and
//! checked finding by finding (pointers and spans at the far end too), with the per-file
//! diagnostic limit in force and raised. Their speed is measured in `benches/scaling.sh`.

use crate::common::of_rule;
use checkout_lint::{Config, Level, Linter};

const CART: &str = r#""product_cart": [{"product_id": "pdt_1", "quantity": 1}]"#;

fn wide_root(keys: usize) -> String {
    let members: Vec<String> = (0..keys).map(|i| format!("\"k{i}\": {i}")).collect();
    format!("{{{CART}, {}}}", members.join(", "))
}

#[test]
fn forty_thousand_unknown_keys_are_each_found_at_their_key() {
    let text = wide_root(40_000);
    let linter = Linter::new(Config::default().with_max_diagnostics(50_000));
    let report = linter.lint_str("wide.json", &text);
    let unknown = of_rule(&report, "unknown-field");
    assert_eq!(unknown.len(), 40_000);
    let last = unknown[39_999];
    assert_eq!(last.pointer, "/k39999");
    assert_eq!(&text[last.span.range()], "\"k39999\"");
    assert_eq!(
        last.message,
        "unknown field \"k39999\" in a checkout session"
    );
}

#[test]
fn twenty_thousand_misspelt_keys_are_each_judged_by_their_own_value() {
    // The same unknown key again and again: each finding's member is its own (found by where
    // its key is written, in an index of the object built once), so whether a rename fits is
    // decided by its own value: a URL fits return_url, a number does not.
    let members: Vec<String> = (0..20_000)
        .map(|i| match i % 2 {
            0 => format!("\"retun_url\": \"https://shop.example/{i}\""),
            _ => format!("\"retun_url\": {i}"),
        })
        .collect();
    let text = format!("{{{CART}, {}}}", members.join(", "));
    let linter = Linter::new(Config::default().with_max_diagnostics(50_000));
    let report = linter.lint_str("misspelt.json", &text);
    let unknown = of_rule(&report, "unknown-field");
    assert_eq!(unknown.len(), 20_000);
    for (i, finding) in unknown.iter().enumerate() {
        assert_eq!(finding.fix.is_some(), i % 2 == 0, "finding {i}");
        assert_eq!(
            finding.help.as_deref(),
            Some("did you mean \"return_url\"?")
        );
    }
    // With return_url present, the name is taken: no rename is offered for any of them.
    let taken = format!(
        "{{{CART}, \"return_url\": \"https://shop.example\", {}}}",
        members.join(", ")
    );
    let report = linter.lint_str("misspelt.json", &taken);
    assert!(
        of_rule(&report, "unknown-field")
            .iter()
            .all(|d| d.fix.is_none())
    );
}

#[test]
fn past_the_limit_the_first_findings_are_kept_and_the_rest_counted() {
    let text = wide_root(40_000);
    let report = Linter::default().lint_str("wide.json", &text);
    let diagnostics = report.diagnostics();
    assert_eq!(diagnostics.len(), 10_001);
    let summary = &diagnostics[0];
    assert_eq!(summary.rule, "too-many-findings");
    assert_eq!(
        summary.message,
        "only the first 10000 findings of this file are listed; 30000 more were found"
    );
    assert_eq!(summary.severity, checkout_lint::Severity::Error);
    // The kept ones are the first by position: k0 … k9999.
    assert_eq!(diagnostics[1].pointer, "/k0");
    assert_eq!(diagnostics[10_000].pointer, "/k9999");

    let quiet = Linter::new(Config::default().with_rule("too-many-findings", Level::Off));
    let report = quiet.lint_str("wide.json", &text);
    assert_eq!(report.diagnostics().len(), 10_000);
    assert!(of_rule(&report, "too-many-findings").is_empty());
}

#[test]
fn a_hundred_thousand_duplicate_keys() {
    let members = vec!["\"confirm\": false"; 100_000].join(", ");
    let text = format!("{{{CART}, {members}}}");
    let linter = Linter::new(Config::default().with_max_diagnostics(200_000));
    let report = linter.lint_str("dups.json", &text);
    let duplicates = of_rule(&report, "duplicate-key");
    assert_eq!(duplicates.len(), 99_999);
    assert!(duplicates.iter().all(|d| d.pointer == "/confirm"));
    let last = duplicates.last().unwrap();
    assert_eq!(last.span.start(), text.rfind("\"confirm\"").unwrap());
}

#[test]
fn a_wide_metadata_object_of_wrong_types() {
    let members: Vec<String> = (0..30_000).map(|i| format!("\"m{i}\": [{i}]")).collect();
    let text = format!("{{{CART}, \"metadata\": {{{}}}}}", members.join(", "));
    let linter = Linter::new(Config::default().with_max_diagnostics(100_000));
    let report = linter.lint_str("metadata.json", &text);
    let wrong = of_rule(&report, "invalid-type");
    assert_eq!(wrong.len(), 30_000);
    assert_eq!(wrong[29_999].pointer, "/metadata/m29999");
    let pointers: std::collections::HashSet<&str> =
        wrong.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(
        pointers.len(),
        30_000,
        "validated in windows, each value reported once"
    );
    assert_eq!(&text[wrong[29_999].span.range()], "[29999]");
}

#[test]
fn a_long_array_of_findings() {
    let items = vec![r#"{"product_id": "pdt_1", "quantity": 0}"#; 30_000].join(", ");
    let methods = vec!["\"bogus\""; 30_000].join(", ");
    let text = format!(
        "{{\"product_cart\": [{items}], \"allowed_payment_method_types\": [\"credit\", {methods}], \"bogus\": 1}}"
    );
    let linter = Linter::new(Config::default().with_max_diagnostics(100_000));
    let report = linter.lint_str("long.json", &text);
    let zero = of_rule(&report, "zero-quantity");
    assert_eq!(zero.len(), 30_000);
    assert_eq!(zero[29_999].pointer, "/product_cart/29999/quantity");
    let invalid = of_rule(&report, "invalid-value");
    assert_eq!(invalid.len(), 30_000);
    assert_eq!(
        invalid[29_999].pointer,
        "/allowed_payment_method_types/30000"
    );
    // Validated window by window: what lies outside the long arrays is reported once.
    assert_eq!(of_rule(&report, "unknown-field").len(), 1);
    let pointers: std::collections::HashSet<&str> =
        invalid.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers.len(), 30_000, "no item is reported twice");
}

#[test]
fn deep_but_legal_nesting_under_an_unknown_field() {
    let depth = checkout_lint::internals::MAX_DEPTH - 2;
    let text = format!(
        "{{{CART}, \"deep\": {}1{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let report = Linter::default().lint_str("deep.json", &text);
    let unknown = of_rule(&report, "unknown-field");
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].pointer, "/deep");
    assert!(of_rule(&report, "invalid-json").is_empty());
}

#[test]
fn overrides_by_the_thousand_still_pick_the_last_match() {
    let mut toml = String::new();
    for i in 0..5_000 {
        toml.push_str(&format!(
            "[[overrides]]\nfiles = [\"other-{i}/*.json\"]\nrules = {{ zero-quantity = \"off\" }}\n"
        ));
    }
    toml.push_str("[[overrides]]\nfiles = [\"*.json\"]\nrules = { zero-quantity = \"warning\" }\n");
    toml.push_str(
        "[[overrides]]\nfiles = [\"legacy/*.json\"]\nrules = { zero-quantity = \"off\" }\n",
    );
    let config = Config::from_toml_str("c.toml", &toml, std::path::Path::new("/repo")).unwrap();
    let linter = Linter::new(config);
    let text = r#"{"product_cart": [{"product_id": "pdt_1", "quantity": 0}]}"#;
    let report = linter.lint_str("/repo/payloads/p.json", text);
    let zero = of_rule(&report, "zero-quantity");
    assert_eq!(zero.len(), 1);
    assert_eq!(zero[0].severity, checkout_lint::Severity::Warning);
    let report = linter.lint_str("/repo/legacy/p.json", text);
    assert!(of_rule(&report, "zero-quantity").is_empty());
    let report = linter.lint_str("/repo/other-4999/p.json", text);
    assert_eq!(
        of_rule(&report, "zero-quantity")[0].severity,
        checkout_lint::Severity::Warning,
        "a later matching override wins"
    );
}

/// A wide object is validated window by window, with the keys the schema names seen in every
/// window: each finding is reported once, whether it lies in the first window or a later one.
#[test]
fn wide_objects_validated_in_windows_report_each_finding_once() {
    let mut members: Vec<String> = (0..10_000).map(|i| format!("\"k{i}\": 1")).collect();
    members[6_000] = "\"confirm\": 1".into();
    members[9_000] = "\"customer\": {\"email\": \"a@b.co\", \"nmae\": \"x\"}".into();
    // No product_cart: a missing field of the wide object itself.
    let text = format!("{{{}}}", members.join(", "));
    let linter = Linter::new(Config::default().with_max_diagnostics(100_000));
    let report = linter.lint_str("wide.json", &text);
    let unknown = of_rule(&report, "unknown-field");
    let pointers: std::collections::HashSet<&str> =
        unknown.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(
        unknown.len(),
        9_999,
        "k0..k9999 less the two known keys, plus nmae"
    );
    assert_eq!(pointers.len(), unknown.len(), "no key is reported twice");
    assert!(pointers.contains("/customer/nmae"));
    let missing = of_rule(&report, "missing-field");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0].message.contains("product_cart"),
        "{}",
        missing[0].message
    );
    let wrong = of_rule(&report, "invalid-type");
    assert_eq!(wrong.len(), 1);
    assert_eq!(wrong[0].pointer, "/confirm");
}

#[test]
fn fifty_thousand_repeated_payment_methods() {
    // Past the pairwise scan's limit the list is indexed: linear, and each repeat points at the
    // first of its method.
    let methods = vec!["\"credit\", \"debit\""; 25_000].join(", ");
    let text = format!("{{{CART}, \"allowed_payment_method_types\": [{methods}]}}");
    let linter = Linter::new(Config::default().with_max_diagnostics(100_000));
    let report = linter.lint_str("methods.json", &text);
    let repeats = of_rule(&report, "duplicate-payment-method");
    assert_eq!(repeats.len(), 49_998);
    let first_credit = text.find("\"credit\"").unwrap();
    let last = repeats.last().unwrap();
    assert_eq!(last.span.start(), text.rfind("\"debit\"").unwrap());
    assert!(
        repeats
            .iter()
            .filter(|d| d.message.contains("credit"))
            .all(|d| d.labels.iter().any(|l| l.span.start() == first_credit)),
        "{:?}",
        repeats.first()
    );
}
