//! Output formats (validated and snapshot-tested), rule selection, docs from the command line,
//! overrides, inputs and limits — the CLI as pre-commit hooks and CI use it.

use crate::common::{bin, run, run_stdin};

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin().current_dir(dir).args(args).output().expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn validate(schema_file: &str, value: &serde_json::Value) {
    let mut schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(Path::new(MANIFEST).join(schema_file)).unwrap())
            .unwrap();
    // Erratum in the official SARIF 2.1.0 schema: the `language` patterns have a stray `]` and
    // fail the meta-schema's "regex" format check. Our output never sets `language`; the
    // pattern is replaced by the one the spec's prose describes (an RFC 5646 subset).
    fix_language_patterns(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema_file}: {errors:#?}");
}

fn fix_language_patterns(value: &mut serde_json::Value) {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        serde_json::Value::String(text) if text == BROKEN => {
            *text = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(fix_language_patterns),
        serde_json::Value::Object(members) => members.values_mut().for_each(fix_language_patterns),
        _ => {}
    }
}

const BUNDLED: &str = "examples/payloads";

// ---- formats -------------------------------------------------------------------------------

#[test]
fn snapshot_every_format_on_the_bundled_examples() {
    for format in ["human", "concise", "json", "sarif", "github"] {
        let output = run(&["--format", format, "--color", "never", BUNDLED]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let text = stdout(&output).replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        insta::assert_snapshot!(format!("format_{format}"), text);
    }
}

#[test]
fn concise_is_one_line_per_diagnostic() {
    let output = run(&[
        "--format",
        "concise",
        "examples/payloads/bad/zero-quantity.json",
    ]);
    assert_eq!(
        stdout(&output),
        "examples/payloads/bad/zero-quantity.json:3:49: error[zero-quantity] quantity must be at least 1, found 0\n"
    );
}

#[test]
fn json_output_validates_against_the_contract() {
    let output = run(&["--format", "json", BUNDLED, "tests/fixtures/doc-examples"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    validate("schemas/diagnostics.schema.json", &value);
    assert!(value["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn sarif_validates_against_the_official_schema_and_sets_column_kind() {
    let output = run(&["--format", "sarif", BUNDLED]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    validate("tests/fixtures/sarif-schema-2.1.0.json", &value);
    let run = &value["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "checkout-lint");
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), checkout_lint::rules::all().len());
    let zero = rules.iter().find(|r| r["id"] == "zero-quantity").unwrap();
    assert_eq!(zero["defaultConfiguration"]["level"], "error");
    assert!(
        zero["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Every `product_cart[].quantity`")
    );
    assert!(
        zero["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("rules/zero-quantity.md")
    );

    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "zero-quantity")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(49))
    );
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(3), Some(50))
    );
    assert_eq!(
        (region["charOffset"].as_u64(), region["charLength"].as_u64()),
        (Some(70), Some(1))
    );
    assert_eq!(result["level"], "error");
}

#[test]
fn sarif_columns_count_utf16_units() {
    let text = "{\"product_cart\": [], \"metadata\": {\"😀\": 1}, \"confirm\": 1}";
    let output = run_stdin(&["--format", "sarif", "-"], text.as_bytes());
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "invalid-type")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    let utf16_before: usize = text[..text.rfind('1').unwrap()].encode_utf16().count();
    assert_eq!(region["charOffset"].as_u64(), Some(utf16_before as u64));
    assert_eq!(
        region["startColumn"].as_u64(),
        Some(utf16_before as u64 + 1)
    );
}

#[test]
fn github_annotations_are_escaped_and_cannot_be_injected() {
    let payload = "{\"product_cart\": [], \"product_collection_id\": \"pdc_1\", \"a\\n::error file=x::pwned%\": 1}";
    let output = run_stdin(
        &[
            "--format",
            "github",
            "--stdin-filename",
            "dir/p,1:x.json",
            "-",
        ],
        payload.as_bytes(),
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0].starts_with("::error file=dir/p%2C1%3Ax.json,line=1,col=56,endLine=1,endColumn=83,title=checkout-lint (unknown-field)::[unknown-field] unknown field"), "{text}");
    assert!(
        !lines[0].contains("pwned%\""),
        "a % in the message is escaped: {text}"
    );
    assert!(lines[0].contains("pwned%25"));

    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("x\n::error::injected.json");
    std::fs::write(
        &evil,
        "{\"product_cart\": [{\"product_id\": \"p\", \"quantity\": 1}], \"confirm\": 1}",
    )
    .unwrap();
    let output = run(&["--format", "github", evil.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("x%0A%3A%3Aerror%3A%3Ainjected.json"),
        "{text}"
    );
}

#[test]
fn github_drops_columns_for_multi_line_spans() {
    let payload = "{\"product_cart\": [{\n\"product_id\": \"a\"}]}";
    let output = run_stdin(&["--format", "github", "-"], payload.as_bytes());
    let text = stdout(&output);
    assert!(
        text.starts_with("::error file=-,line=1,endLine=2,title=checkout-lint (missing-field)::"),
        "{text}"
    );
}

#[test]
fn output_file_receives_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.sarif");
    let output = run(&["--format", "sarif", "-o", out.to_str().unwrap(), BUNDLED]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(value["version"], "2.1.0");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

// ---- rule selection --------------------------------------------------------------------------

#[test]
fn rule_flags_set_levels_and_reject_unknown_names() {
    let file = "examples/payloads/bad/missing-card-fallback.json";
    let warn = run(&["--format", "concise", "--isolated", file]);
    assert_eq!(warn.status.code(), Some(0));
    let strict = run(&[
        "--format",
        "concise",
        "--isolated",
        "--rule",
        "missing-card-fallback=error",
        file,
    ]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stdout(&strict).contains("error[missing-card-fallback]"));
    let off = run(&[
        "--format",
        "concise",
        "--isolated",
        "--rule",
        "missing-card-fallback=off",
        file,
    ]);
    assert_eq!(stdout(&off), "");

    let unknown = run(&["--rule", "missing-card-fallbak=off", file]);
    assert_eq!(unknown.status.code(), Some(2));
    let message = stderr(&unknown);
    assert!(
        message.contains("did you mean \"missing-card-fallback\"")
            && message.contains("Valid rules: "),
        "{message}"
    );
    let malformed = run(&["--rule", "zero-quantity", file]);
    assert_eq!(malformed.status.code(), Some(2));
    let bad_level = run(&["--rule", "zero-quantity=loud", file]);
    assert!(stderr(&bad_level).contains("unknown level \"loud\""));
}

#[test]
fn fail_on_warning_turns_warnings_into_a_failing_exit() {
    let file = "examples/payloads/bad/missing-card-fallback.json";
    assert_eq!(run(&["--isolated", file]).status.code(), Some(0));
    assert_eq!(
        run(&["--isolated", "--fail-on", "warning", file])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn isolated_ignores_config_files() {
    let file = "examples/payloads/bad/mixed-cart.json";
    assert!(stdout(&run(&["--format", "concise", file])).contains("[mixed-cart]"));
    assert!(!stdout(&run(&["--format", "concise", "--isolated", file])).contains("[mixed-cart]"));
    assert_eq!(
        run(&[
            "--isolated",
            "--config",
            "examples/checkout-lint.toml",
            file
        ])
        .status
        .code(),
        Some(2)
    );
}

// ---- docs ------------------------------------------------------------------------------------

#[test]
fn rules_lists_every_rule_and_explain_prints_its_page() {
    let table = stdout(&run(&["rules"]));
    for rule in checkout_lint::rules::all() {
        let meta = rule.meta();
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(meta.name) && l.contains(meta.severity.as_str())),
            "{}",
            meta.name
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["rules", "--format", "json"]))).unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        checkout_lint::rules::all().len()
    );
    assert_eq!(json[0]["name"], checkout_lint::rules::all()[0].meta().name);

    let page = run(&["explain", "zero-quantity"]);
    assert_eq!(page.status.code(), Some(0));
    assert_eq!(
        stdout(&page),
        std::fs::read_to_string(Path::new(MANIFEST).join("rules/zero-quantity.md")).unwrap()
    );
    let unknown = run(&["explain", "zero-quantiti"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean \"zero-quantity\""));
}

// ---- config ------------------------------------------------------------------------------------

#[test]
fn overrides_silence_rules_by_file_and_by_pointer() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("legacy")).unwrap();
    std::fs::write(
        dir.path().join("checkout-lint.toml"),
        r#"
[[overrides]]
files = ["legacy/*.json"]
rules = { zero-quantity = "off" }

[[overrides]]
files = ["*.json"]
pointers = ["/product_cart/1"]
rules = { zero-quantity = "warning" }
"#,
    )
    .unwrap();
    let payload = r#"{"product_cart": [{"product_id": "a", "quantity": 0}, {"product_id": "b", "quantity": 0}]}"#;
    std::fs::write(dir.path().join("legacy/old.json"), payload).unwrap();
    std::fs::write(dir.path().join("new.json"), payload).unwrap();
    let output = run_in(dir.path(), &["--format", "concise", "."]);
    assert_eq!(
        stdout(&output),
        "\
./legacy/old.json:1:87: warning[zero-quantity] quantity must be at least 1, found 0
./new.json:1:51: error[zero-quantity] quantity must be at least 1, found 0
./new.json:1:87: warning[zero-quantity] quantity must be at least 1, found 0
"
    );
}

#[test]
fn stdin_filename_names_the_input_and_finds_its_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("eu")).unwrap();
    std::fs::write(
        dir.path().join("eu/checkout-lint.toml"),
        "[account]\nadaptive_pricing = false\n",
    )
    .unwrap();
    let mut child = bin()
        .current_dir(dir.path())
        .args([
            "--format",
            "concise",
            "--stdin-filename",
            "eu/body.json",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            br#"{"product_cart": [], "product_collection_id": "pdc_1", "billing_currency": "EUR"}"#,
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        stdout(&output),
        "eu/body.json:1:76: warning[ineffective-billing-currency] billing_currency \"EUR\" is ignored: adaptive pricing is off for this account\n"
    );
}

// ---- inputs ------------------------------------------------------------------------------------

#[test]
fn directories_respect_gitignore_and_globs_expand() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("payloads/build")).unwrap();
    std::fs::create_dir_all(root.join("payloads/eu")).unwrap();
    std::fs::write(root.join(".gitignore"), "payloads/build/\n").unwrap();
    let bad = r#"{"product_cart": [{"product_id": "a", "quantity": 0}]}"#;
    for file in [
        "payloads/a.json",
        "payloads/eu/b.json",
        "payloads/build/c.json",
        "payloads/notes.txt",
    ] {
        std::fs::write(root.join(file), bad).unwrap();
    }
    let all = stdout(&run_in(root, &["--format", "concise", "payloads"]));
    let files: Vec<&str> = all.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(files, ["payloads/a.json", "payloads/eu/b.json"]);

    let globbed = stdout(&run_in(
        root,
        &["--format", "concise", "payloads/eu/*.json"],
    ));
    assert!(globbed.starts_with("payloads/eu/b.json:"), "{globbed}");
    let none = run_in(root, &["payloads/*.yaml"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("no file matches"));
}

#[test]
fn files_over_the_size_limit_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let text = format!(
        "{{\"product_cart\": [], \"product_collection_id\": \"{}\"}}",
        "x".repeat(2_000)
    );
    std::fs::write(&big, &text).unwrap();
    let output = run(&[
        "--format",
        "concise",
        "--max-file-size",
        "1KiB",
        big.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains(&format!(
            "error[file-too-large] the file is {} bytes, over the limit of 1024 bytes",
            text.len()
        )),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        run(&["--max-file-size", "lots", big.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    let fine = run(&["--format", "concise", big.to_str().unwrap()]);
    assert_eq!(fine.status.code(), Some(0));
}

#[test]
fn results_come_in_path_order_whatever_the_argument_order() {
    let a = run(&[
        "--format",
        "concise",
        "examples/payloads/bad/zero-quantity.json",
        "examples/payloads/bad/mixed-cart.json",
    ]);
    let b = run(&[
        "--format",
        "concise",
        "examples/payloads/bad/mixed-cart.json",
        "examples/payloads/bad/zero-quantity.json",
    ]);
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).starts_with("examples/payloads/bad/mixed-cart.json"));
}
