//! The `checkout-lint` binary: output formats, exit codes, config lookup and garbage input.

use std::path::Path;
use std::process::Output;

use crate::common::{example, run, run_stdin};

fn json(output: &Output) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    validate_against_contract(&value);
    value
}

fn validate_against_contract(value: &serde_json::Value) {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/diagnostics.schema.json");
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(schema_path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("contract compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "JSON output breaks the contract: {errors:#?}"
    );
}

/// (rule, pointer) of every diagnostic of the first file.
fn findings(value: &serde_json::Value) -> Vec<(String, String)> {
    value["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(value: &serde_json::Value, rule: &str, pointer: &str) -> bool {
    findings(value).contains(&(rule.to_string(), pointer.to_string()))
}

#[test]
fn each_mission_rule_through_the_json_output() {
    let cases = [
        ("bad/mixed-cart.json", "mixed-cart", "/product_cart/1"),
        (
            "bad/missing-card-fallback.json",
            "missing-card-fallback",
            "/allowed_payment_method_types",
        ),
        (
            "bad/ineffective-billing-currency.json",
            "ineffective-billing-currency",
            "/billing_currency",
        ),
        (
            "bad/confirm-incomplete.json",
            "confirm-incomplete",
            "/confirm",
        ),
        (
            "bad/zero-quantity.json",
            "zero-quantity",
            "/product_cart/0/quantity",
        ),
    ];
    for (file, rule, pointer) in cases {
        let path = example("payloads").join(file);
        let output = run(&["--format", "json", path.to_str().unwrap()]);
        let value = json(&output);
        assert!(has(&value, rule, pointer), "{file}: {:?}", findings(&value));
        let any_error = value["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == "error");
        let expected = i32::from(any_error);
        assert_eq!(output.status.code(), Some(expected), "{file}");
    }
}

#[test]
fn the_json_output_carries_spans_ranges_labels_and_fixes() {
    let path = example("payloads/bad/mixed-cart.json");
    let value = json(&run(&["--format", "json", path.to_str().unwrap()]));
    let diagnostic = &value["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "mixed-cart");
    let text = std::fs::read_to_string(&path).unwrap();
    let offset = diagnostic["span"]["offset"].as_u64().unwrap() as usize;
    let length = diagnostic["span"]["length"].as_u64().unwrap() as usize;
    assert_eq!(
        &text[offset..offset + length],
        r#"{ "product_id": "pdt_ebook_guide", "quantity": 1 }"#
    );
    assert_eq!(
        diagnostic["range"]["start"],
        serde_json::json!({"line": 3, "character": 4})
    );
    assert_eq!(
        diagnostic["labels"][0]["range"]["start"],
        serde_json::json!({"line": 2, "character": 4})
    );
    assert_eq!(value["summary"]["errors"], 1);

    let typos = json(&run(&[
        "--format",
        "json",
        example("payloads/bad/typos.json").to_str().unwrap(),
    ]));
    let fixable: Vec<_> = typos["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["fix"].is_null())
        .collect();
    assert!(fixable.iter().any(
        |d| d["fix"]["edits"][0]["replacement"] == "\"billing_address\""
            && d["fix"]["applicability"] == "unsafe"
    ));
}

#[test]
fn good_examples_and_documentation_payloads_exit_zero() {
    let good = example("payloads/good");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doc-examples");
    let output = run(&[
        "--format",
        "json",
        good.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let value = json(&output);
    assert_eq!(value["summary"]["files"], 13);
    assert_eq!(value["summary"]["errors"], 0);
    let paths: Vec<&str> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(
        &paths[..2],
        &sorted[..2],
        "files of a directory come sorted"
    );
}

#[test]
fn exit_code_two_when_the_tool_cannot_do_its_job() {
    let missing = run(&["/definitely/not/here.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("cannot read /definitely/not/here.json")
    );

    let flag = run(&["--no-such-flag"]);
    assert_eq!(flag.status.code(), Some(2));

    let format = run(&["--format", "xml", "x.json"]);
    assert_eq!(format.status.code(), Some(2));

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "[rules]\nzero-quantiy = \"off\"\n").unwrap();
    let payload = dir.path().join("p.json");
    std::fs::write(&payload, r#"{"product_cart": []}"#).unwrap();
    let bad = run(&[
        "--config",
        config.to_str().unwrap(),
        payload.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("bad.toml:2:1") && stderr.contains("did you mean \"zero-quantity\""),
        "{stderr}"
    );
}

#[test]
fn the_nearest_config_applies_and_config_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("payloads/eu");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        dir.path().join("checkout-lint.toml"),
        "[account]\nadaptive_pricing = false\n",
    )
    .unwrap();
    let payload = nested.join("p.json");
    std::fs::write(
        &payload,
        r#"{"product_cart": [{"product_id": "p", "quantity": 1}], "billing_currency": "EUR"}"#,
    )
    .unwrap();

    let found = json(&run(&["--format", "json", payload.to_str().unwrap()]));
    assert!(has(
        &found,
        "ineffective-billing-currency",
        "/billing_currency"
    ));

    let other = dir.path().join("other.toml");
    std::fs::write(&other, "[account]\nadaptive_pricing = true\n").unwrap();
    let overridden = json(&run(&[
        "--format",
        "json",
        "--config",
        other.to_str().unwrap(),
        payload.to_str().unwrap(),
    ]));
    assert!(findings(&overridden).is_empty());
}

#[test]
fn catalogue_paths_are_relative_to_the_config() {
    let config = example("checkout-lint.toml");
    let output = run(&[
        "--format",
        "json",
        "--config",
        config.to_str().unwrap(),
        example("payloads/bad/mixed-cart.json").to_str().unwrap(),
    ]);
    assert!(has(&json(&output), "mixed-cart", "/product_cart/1"));
}

#[test]
fn standard_input_is_linted_as_dash() {
    let output = run_stdin(
        &["--format", "json", "-"],
        br#"{"product_cart": [{"product_id": "a", "quantity": 0}]}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    let value = json(&output);
    assert_eq!(value["files"][0]["path"], "-");
    assert!(has(&value, "zero-quantity", "/product_cart/0/quantity"));
}

#[test]
fn garbage_input_is_a_diagnostic_and_exit_one_not_a_crash() {
    let deep = "[".repeat(100_000);
    let cases: [(&str, &[u8]); 5] = [
        ("truncated", br#"{"product_cart": [{"product_id": "#),
        (
            "invalid UTF-8",
            b"{\"product_cart\": [], \"tax_id\": \"\xff\xfe\"}",
        ),
        ("deep nesting", deep.as_bytes()),
        ("top-level array", b"[]"),
        (
            "duplicate keys",
            br#"{"product_cart": [], "product_cart": []}"#,
        ),
    ];
    for (name, input) in cases {
        let output = run_stdin(&["--format", "json", "-"], input);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let value = json(&output);
        let rule = value["files"][0]["diagnostics"][0]["rule"]
            .as_str()
            .unwrap()
            .to_string();
        let expected = if name == "duplicate keys" {
            "duplicate-key"
        } else {
            "invalid-json"
        };
        assert_eq!(rule, expected, "{name}");
    }
}

#[test]
fn human_output_has_code_frames_and_a_summary() {
    let output = run(&[
        "--format",
        "human",
        "--color",
        "never",
        example("payloads/bad/zero-quantity.json").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("zero-quantity"), "{stdout}");
    assert!(stdout.contains("quantity must be at least 1, found 0"));
    assert!(stdout.contains("zero-quantity.json:3:49"), "{stdout}");
    assert!(stdout.contains("Checked 1 file: 1 error, 0 warnings, 0 info."));
    assert!(!stdout.contains('\u{1b}'), "no colour when asked for none");

    let colored = run(&[
        "--format",
        "human",
        "--color",
        "always",
        example("payloads/bad/zero-quantity.json").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&colored.stdout).contains('\u{1b}'));
}

#[test]
fn payload_text_cannot_inject_terminal_escapes() {
    let output = run_stdin(
        &["--format", "human", "--color", "never", "-"],
        "{\"product_cart\": [], \"x\\u001b[2J\": 1}".as_bytes(),
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("unknown field \"x\\u{1b}[2J\""), "{stdout}");
}

#[test]
fn raw_control_characters_in_the_file_never_reach_the_terminal() {
    let output = run_stdin(
        &["--format", "human", "--color", "never", "-"],
        b"{\"product_cart\": [], \"tax_id\": \"\x1b[2J\x07\"}",
    );
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("raw control character U+001B"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
}

/// A config's `include` and `exclude` mean the same to `checkout-lint <dir>` as to the language
/// server (tests/cli/lsp/selection.rs opens the same files): a file the config excludes is not
/// linted, whether the pattern names its path or, without a `/`, its name in any folder.
#[test]
fn a_configs_exclude_hides_a_payload_file_from_a_directory_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("payloads/legacy")).unwrap();
    std::fs::write(
        dir.path().join("checkout-lint.toml"),
        "exclude = [\"payloads/legacy/**\", \"draft.json\"]\n",
    )
    .unwrap();
    let bad = r#"{"product_cart": [{"product_id": "p", "quantity": 0}]}"#;
    for name in [
        "payloads/legacy/old.json",
        "payloads/draft.json",
        "payloads/kept.json",
    ] {
        std::fs::write(dir.path().join(name), bad).unwrap();
    }
    let output = crate::common::bin()
        .current_dir(dir.path())
        .args(["--format", "concise", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        ["./payloads/kept.json:1:51: error[zero-quantity] quantity must be at least 1, found 0"],
        "{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("2 files skipped"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
