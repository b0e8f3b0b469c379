//! The hostile-input corpus: every file in `tests/hostile/` (and the huge ones generated here)
//! gets a specific diagnostic and exit code 1 from the binary — never a crash, hang or panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common;

fn lint(path: &Path, extra: &[&str]) -> (Output, serde_json::Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_checkout-lint"))
        .args(["--format", "json", "--isolated"])
        .args(extra)
        .arg(path)
        .output()
        .expect("runs");
    assert!(
        output.status.code().is_some(),
        "{} was killed by a signal",
        path.display()
    );
    let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: output is not JSON ({e}); stderr: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output, value)
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

/// Asserts exit code 1 and a diagnostic of `rule` whose message contains `message` at `pointer`.
fn expect(path: &Path, rule: &str, pointer: &str, message: &str) {
    expect_with(path, &[], rule, pointer, message);
}

fn expect_with(path: &Path, extra: &[&str], rule: &str, pointer: &str, message: &str) {
    let (output, value) = lint(path, extra);
    assert_eq!(output.status.code(), Some(1), "{}", path.display());
    let diagnostics = value["files"][0]["diagnostics"].as_array().unwrap();
    let hit = diagnostics.iter().any(|d| {
        d["rule"] == rule
            && d["pointer"] == pointer
            && d["message"].as_str().unwrap().contains(message)
    });
    assert!(
        hit,
        "{}: expected {rule} at {pointer:?} containing {message:?}, got {diagnostics:#?}",
        path.display()
    );
}

macro_rules! corpus_test {
    ($test:ident, $file:literal, $rule:literal, $pointer:literal, $message:literal) => {
        #[test]
        fn $test() {
            expect(&corpus($file), $rule, $pointer, $message);
        }
    };
}

corpus_test!(
    empty_file,
    "empty.json",
    "invalid-json",
    "",
    "the file is empty"
);
corpus_test!(
    whitespace_only,
    "whitespace-only.json",
    "invalid-json",
    "",
    "the file is empty"
);
corpus_test!(
    truncated,
    "truncated.json",
    "invalid-json",
    "",
    "unterminated string"
);
corpus_test!(
    trailing_garbage,
    "trailing-garbage.json",
    "invalid-json",
    "",
    "unexpected text after the end"
);
corpus_test!(
    invalid_utf8,
    "invalid-utf8.json",
    "invalid-json",
    "",
    "not valid UTF-8"
);
corpus_test!(
    nul_bytes,
    "nul-bytes.json",
    "invalid-json",
    "",
    "raw control character U+0000"
);
corpus_test!(
    bom_is_valid_and_linting_goes_on,
    "bom.json",
    "zero-quantity",
    "/product_cart/0/quantity",
    "found 0"
);
corpus_test!(
    lone_surrogate,
    "lone-surrogate.json",
    "invalid-json",
    "",
    "unpaired UTF-16 surrogate"
);
corpus_test!(
    raw_control_character,
    "raw-control-character.json",
    "invalid-json",
    "",
    "raw control character U+001B"
);
corpus_test!(
    number_out_of_range,
    "number-1e400.json",
    "invalid-json",
    "",
    "number 1e400 is out of range"
);
corpus_test!(
    minus_zero_is_zero,
    "number-minus-zero.json",
    "zero-quantity",
    "/product_cart/0/quantity",
    "found 0"
);
corpus_test!(
    fraction_for_integer,
    "number-fraction.json",
    "invalid-type",
    "/product_cart/0/quantity",
    "must be an integer, found number 1.5"
);
corpus_test!(
    huge_integer,
    "number-huge-integer.json",
    "out-of-range",
    "/product_cart/0/quantity",
    "must be at most 2147483647"
);
corpus_test!(
    string_for_number,
    "string-for-number.json",
    "invalid-type",
    "/product_cart/0/quantity",
    "found string \"1\""
);
corpus_test!(
    top_level_array,
    "top-level-array.json",
    "invalid-json",
    "",
    "found array"
);
corpus_test!(
    top_level_string,
    "top-level-string.json",
    "invalid-json",
    "",
    "found string"
);
corpus_test!(
    top_level_number,
    "top-level-number.json",
    "invalid-json",
    "",
    "found number"
);
corpus_test!(
    duplicate_keys,
    "duplicate-keys.json",
    "duplicate-key",
    "/confirm",
    "duplicate key \"confirm\""
);

#[test]
fn every_corpus_file_has_a_test() {
    let names: Vec<String> = std::fs::read_dir(corpus(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let source = include_str!("hostile.rs");
    for name in names {
        assert!(
            source.contains(&format!("\"{name}\"")),
            "tests/hostile/{name} has no test"
        );
    }
}

fn generated(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    (dir, path)
}

#[test]
fn a_hundred_thousand_nested_arrays() {
    let (_dir, path) = generated("deep-arrays.json", "[".repeat(100_000).as_bytes());
    expect(
        &path,
        "invalid-json",
        "",
        "nesting is deeper than 128 levels",
    );
}

#[test]
fn fifty_thousand_nested_objects() {
    let text = "{\"a\":".repeat(50_000);
    let (_dir, path) = generated("deep-objects.json", text.as_bytes());
    expect(
        &path,
        "invalid-json",
        "",
        "nesting is deeper than 128 levels",
    );
}

#[test]
fn a_two_megabyte_string() {
    let text = format!(
        "{{\"product_cart\": [{{\"product_id\": \"pdt_1\", \"quantity\": 0}}], \"tax_id\": \"{}\"}}",
        "x".repeat(2 << 20)
    );
    let (_dir, path) = generated("big-string.json", text.as_bytes());
    expect(
        &path,
        "tax-id-without-country",
        "/tax_id",
        "requires billing_address",
    );
}

#[test]
fn a_cart_of_sixty_thousand_items() {
    let items = vec!["{\"product_id\": \"pdt_1\", \"quantity\": 1}"; 60_000].join(",");
    let text = format!("{{\"product_cart\": [{items}]}}");
    let (_dir, path) = generated("huge-cart.json", text.as_bytes());
    expect(
        &path,
        "too-many-items",
        "/product_cart",
        "holds 60000 products",
    );
}

#[test]
fn a_file_over_the_size_limit() {
    let text = format!("{{\"product_cart\": [], \"x\": \"{}\"}}", "y".repeat(4096));
    let (_dir, path) = generated("too-big.json", text.as_bytes());
    expect_with(
        &path,
        &["--max-file-size", "4KiB"],
        "file-too-large",
        "",
        "over the limit of 4096 bytes",
    );
}

#[test]
fn null_in_every_position() {
    let every = std::fs::read_to_string(common::fixture("every-field.json")).unwrap();
    let original: serde_json::Value = serde_json::from_str(&every).unwrap();
    let mut pointers = Vec::new();
    collect_pointers(&original, String::new(), &mut pointers);
    assert!(pointers.len() > 60, "{}", pointers.len());
    let linter = checkout_lint::Linter::default();
    // Fields the SDK types without `| null`: null there is a type error.
    let not_nullable = [
        "/confirm",
        "/customization",
        "/feature_flags",
        "/product_cart",
        "/product_cart/0/quantity",
        "/product_cart/0/product_id",
        "/short_link",
        "/feature_flags/single_page",
    ];
    for pointer in pointers {
        let mut value = original.clone();
        *value.pointer_mut(&pointer).unwrap() = serde_json::Value::Null;
        let report = linter.lint_value(&value);
        let at_pointer: Vec<_> = report
            .diagnostics()
            .iter()
            .filter(|d| d.pointer == pointer)
            .collect();
        if not_nullable.contains(&pointer.as_str()) {
            assert!(
                at_pointer.iter().any(|d| d.rule == "invalid-type"),
                "{pointer}: {at_pointer:#?}"
            );
        }
        for diagnostic in at_pointer {
            assert!(
                matches!(
                    diagnostic.rule,
                    "invalid-type" | "invalid-value" | "no-available-payment-method" | "empty-cart"
                ),
                "{pointer}: null raised {diagnostic:#?}"
            );
        }
    }
}

fn collect_pointers(value: &serde_json::Value, prefix: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(members) => {
            for (key, child) in members {
                let pointer = format!("{prefix}/{key}");
                out.push(pointer.clone());
                collect_pointers(child, pointer, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let pointer = format!("{prefix}/{index}");
                out.push(pointer.clone());
                collect_pointers(child, pointer, out);
            }
        }
        _ => {}
    }
}
