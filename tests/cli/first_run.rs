//! `checkout-lint .` at the root of an app, as a newcomer runs it (issue 24): a synthetic
//! repository with the JSON a real app commits (packages in `node_modules`, project files,
//! tool config, data), one payload file with a mistake and one source file with one. Only the
//! two true findings come out.

use std::path::Path;

use crate::common::bin;

const ZOO: &[(&str, &str)] = &[
    (
        "node_modules/left-pad/package.json",
        r#"{"name": "left-pad", "version": "1.3.0", "config": {}, "main": "index.js"}"#,
    ),
    (
        "node_modules/dodopayments/package.json",
        r#"{"name": "dodopayments", "version": "2.0.0", "exports": {}}"#,
    ),
    (
        "node_modules/dodopayments/payload.json",
        r#"{"product_cart": [{"product_id": "p", "quantity": 0}]}"#,
    ),
    (
        "package.json",
        r#"{"name": "app", "private": true, "config": {"port": 3000}, "scripts": {"dev": "next dev"}}"#,
    ),
    (
        "package-lock.json",
        r#"{"name": "app", "lockfileVersion": 3, "packages": {}}"#,
    ),
    (
        "tsconfig.json",
        "{\n  // comments, as tsc allows\n  \"compilerOptions\": {\"strict\": true},\n}\n",
    ),
    (
        "tsconfig.build.json",
        r#"{"extends": "./tsconfig.json", "include": ["src"]}"#,
    ),
    (
        "components.json",
        r#"{"style": "new-york", "rsc": true, "tsx": true, "aliases": {}}"#,
    ),
    (
        "public/manifest.json",
        r#"{"name": "App", "short_name": "App", "start_url": "/", "theme_color": "black"}"#,
    ),
    ("vercel.json", r#"{"rewrites": [], "headers": []}"#),
    ("turbo.json", r#"{"tasks": {"build": {}}}"#),
    ("biome.json", r#"{"formatter": {"enabled": true}}"#),
    (
        "drizzle/migrations/meta/_journal.json",
        r#"{"version": "7", "dialect": "postgresql", "entries": []}"#,
    ),
    (
        "service-account.json",
        r#"{"type": "service_account", "project_id": "app", "private_key_id": "x", "client_email": "a@b.c"}"#,
    ),
    (
        "locales/en.json",
        r#"[{"key": "checkout", "text": "Pay now"}]"#,
    ),
    (
        "data/plans.json",
        r#"{"basic": {"price": 10}, "pro": {"price": 20}}"#,
    ),
    (
        "dist/payload.json",
        r#"{"product_cart": [{"product_id": "p", "quantity": 0}]}"#,
    ),
    (".venv/lib/site.json", r#"{"product_cart": []}"#),
    (
        "payloads/checkout.json",
        "{\n  \"product_cart\": [{\"product_id\": \"pdt_1\", \"quantity\": 0}],\n  \"allowed_payment_method_types\": [\"credit\", \"debit\"]\n}\n",
    ),
    (
        "src/app/api/checkout/route.ts",
        "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nexport async function POST() {\n  const session = await client.checkoutSessions.create({\n    product_cart: [{ product_id: 'pdt_1', quantity: 1 }],\n    customer_id: 'cus_1',\n  });\n  return Response.json({ url: session.checkout_url });\n}\n",
    ),
    (
        "src/lib/util.ts",
        "export const add = (a: number, b: number) => a + b;\n",
    ),
];

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in ZOO {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    // node_modules is committed and .gitignore does not list it.
    std::fs::write(dir.path().join(".gitignore"), ".env\n").unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = bin().current_dir(dir).args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn only_the_true_findings_come_out() {
    let dir = repository();
    let (code, stdout, stderr) = run_in(dir.path(), &["--format", "concise", "."]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "./payloads/checkout.json:2:56: error[zero-quantity] quantity must be at least 1, found 0",
            "./src/app/api/checkout/route.ts:6:5: error[unknown-field] unknown field \"customer_id\" in a checkout session",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("Linted 1 payload in 2 source files, 1 JSON payload file; 13 files skipped: not checkout payloads or excluded."),
        "{stderr}"
    );
}

#[test]
fn the_human_output_stays_short_and_says_what_was_linted() {
    let dir = repository();
    let (_, stdout, _) = run_in(dir.path(), &["--format", "human", "--color", "never", "."]);
    assert!(stdout.lines().count() < 100, "{stdout}");
    assert!(stdout.contains("13 files skipped"), "{stdout}");
    assert!(
        stdout.contains("move it") || stdout.contains("customer_id"),
        "{stdout}"
    );
}

#[test]
fn a_top_level_customer_id_is_moved_into_customer_never_renamed() {
    let dir = repository();
    let (_, stdout, _) = run_in(dir.path(), &["--format", "json", "src"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let diagnostic = &report["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "unknown-field");
    assert_eq!(
        diagnostic["help"],
        "an existing customer goes in the customer object: \"customer\": {\"customer_id\": ...}"
    );
    assert_eq!(diagnostic["fix"]["applicability"], "unsafe");
    let (_, diff, _) = run_in(dir.path(), &["--diff", "--unsafe-fixes", "src"]);
    assert!(
        diff.contains("+    customer: {customer_id: 'cus_1'},"),
        "{diff}"
    );
}

#[test]
fn fix_leaves_every_file_that_is_not_a_payload_byte_identical() {
    let dir = repository();
    let (_, _, _) = run_in(dir.path(), &["--fix", "--unsafe-fixes", "."]);
    for (path, text) in ZOO {
        if path.starts_with("payloads/") || path.starts_with("src/app") {
            continue;
        }
        let now = std::fs::read_to_string(dir.path().join(path)).unwrap();
        assert_eq!(&now, text, "{path} was changed");
    }
    // The named package.json is skipped too, even with --fix.
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &["--fix", "--format", "concise", "package.json"],
    );
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("package.json")).unwrap(),
        ZOO[3].1
    );
}

#[test]
fn named_files_are_linted_as_given_unless_the_walk_rules_are_forced() {
    let dir = repository();
    let (code, stdout, _) = run_in(dir.path(), &["--format", "concise", "locales/en.json"]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("locales/en.json:1:1: error[invalid-json] a checkout session must be a JSON object, found array"), "{stdout}");
    // What a pre-commit hook passes: project files and data, forced through the walk's rules.
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &[
            "--format",
            "concise",
            "--force-exclude",
            "locales/en.json",
            "package.json",
            "dist/payload.json",
            "data/plans.json",
        ],
    );
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("No checkout payloads were found"),
        "{stderr}"
    );
    let (code, stdout, _) = run_in(
        dir.path(),
        &[
            "--format",
            "concise",
            "--force-exclude",
            "payloads/checkout.json",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(stdout.contains("zero-quantity"), "{stdout}");
}

#[test]
fn the_configs_include_and_exclude_work_on_the_command_line() {
    let dir = repository();
    std::fs::write(
        dir.path().join("checkout-lint.toml"),
        "include = [\"data/**/*.json\", \"src/**/*.ts\"]\nexclude = [\"src/lib/**\"]\n",
    )
    .unwrap();
    let (_, stdout, stderr) = run_in(dir.path(), &["--format", "concise", "."]);
    // data/plans.json is included, so it is a payload without looking like one; payloads/ is
    // not included any more.
    assert!(
        stdout.contains("./data/plans.json:1:1: error[missing-field]"),
        "{stdout}"
    );
    assert!(!stdout.contains("payloads/checkout.json"), "{stdout}");
    assert!(stdout.contains("route.ts"), "{stdout}");
    assert!(stderr.contains("in 1 source file"), "{stderr}");
}

#[test]
fn a_config_can_replace_the_default_excludes() {
    let dir = repository();
    std::fs::write(
        dir.path().join("checkout-lint.toml"),
        "default-excludes = []\n",
    )
    .unwrap();
    let (_, stdout, _) = run_in(dir.path(), &["--format", "concise", "."]);
    assert!(stdout.contains("./dist/payload.json"), "{stdout}");
    assert!(
        stdout.contains("./node_modules/dodopayments/payload.json"),
        "{stdout}"
    );
}

#[test]
fn a_finding_on_a_5000_line_payload_draws_a_few_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("{\n  \"productcart\": [],\n  \"metadata\": {\n");
    for i in 0..5_000 {
        text.push_str(&format!("    \"k{i}\": \"v\",\n"));
    }
    text.push_str("    \"last\": \"v\"\n  }\n}\n");
    std::fs::write(dir.path().join("big.json"), &text).unwrap();
    let (_, stdout, _) = run_in(
        dir.path(),
        &["--format", "human", "--color", "never", "big.json"],
    );
    assert!(
        stdout.contains("missing the required field \"product_cart\""),
        "{stdout}"
    );
    assert!(
        stdout.lines().count() < 60,
        "{} lines:\n{stdout}",
        stdout.lines().count()
    );
}

#[test]
fn a_tree_without_payloads_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.ts"), "export {};\n").unwrap();
    std::fs::write(dir.path().join("package.json"), "{}").unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["--format", "concise", "."]);
    assert_eq!(code, Some(0));
    assert!(
        stderr.contains("Linted 0 payloads in 1 source file, 0 JSON payload files; 1 file skipped: not checkout payloads or excluded. No checkout payloads were found in the source files: nothing was checked."),
        "{stderr}"
    );
}

#[test]
fn a_finding_on_a_minified_payload_is_drawn_in_a_window_of_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<String> = (0..300)
        .map(|i| format!(r#"{{"product_id":"p{i}","quantity":1}}"#))
        .collect();
    let text = format!(
        r#"{{"product_cart":[{}],"billing_currency":"usd"}}"#,
        items.join(",")
    );
    std::fs::write(dir.path().join("min.json"), &text).unwrap();
    let (_, stdout, _) = run_in(
        dir.path(),
        &["--format", "human", "--color", "never", "min.json"],
    );
    let column = text.find("\"usd\"").unwrap() + 1;
    assert!(
        stdout.contains(&format!("[min.json:1:{column}]")),
        "{stdout}"
    );
    assert!(stdout.contains(r#""billing_currency":"usd"}"#), "{stdout}");
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 200, "a line of {widest} characters:\n{stdout}");
}

#[test]
fn a_long_path_is_printed_whole_in_the_human_format() {
    let dir = tempfile::tempdir().unwrap();
    let folder = "payloads/another-rather-long-folder-name/and-one-more-level-below-it";
    std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    let path = format!("{folder}/checkout-with-a-long-name.json");
    std::fs::write(
        dir.path().join(&path),
        r#"{"product_cart": [{"product_id": "p", "quantity": 0}]}"#,
    )
    .unwrap();
    let (_, stdout, _) = run_in(
        dir.path(),
        &["--format", "human", "--color", "never", &path],
    );
    assert!(stdout.contains(&format!("[{path}:1:")), "{stdout}");
}

#[test]
fn a_named_file_that_is_not_a_payload_is_told_so() {
    let dir = repository();
    let (code, stdout, _) = run_in(dir.path(), &["--format", "json", "data/plans.json"]);
    assert_eq!(code, Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let missing = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "missing-field")
        .expect("missing-field")
        .clone();
    let help = missing["help"].as_str().unwrap();
    assert!(
        help.contains("if this file is not a checkout payload, leave it out"),
        "{help}"
    );
    // A payload missing its cart is only asked for the field.
    std::fs::write(
        dir.path().join("p.json"),
        r#"{"billing_currency": "USD", "confirm": false}"#,
    )
    .unwrap();
    let (_, stdout, _) = run_in(dir.path(), &["--format", "json", "p.json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["files"][0]["diagnostics"][0]["help"],
        "add \"product_cart\""
    );
}

#[test]
fn a_named_file_no_front_end_reads_is_an_error_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("checkout.html"),
        "<script>\nconst x = 1\n</script>\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run_in(dir.path(), &["checkout.html"]);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains(
            "checkout.html: no front-end reads .html files (checkout-lint reads .json, .js"
        ),
        "{stderr}"
    );
    assert!(!stdout.contains("invalid-json"), "{stdout}");
}

#[test]
fn under_the_walks_rules_a_file_no_front_end_reads_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.jsonc"), "{ // x\n}\n").unwrap();
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &["--format", "concise", "--force-exclude", "settings.jsonc"],
    );
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stderr.contains("1 file skipped"), "{stderr}");
}

#[test]
fn labels_far_apart_around_a_long_line_are_windowed_each() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{{\"confirm\": true,\n\"confirm\": false, \"metadata\": {{\"k\": \"{}\"}}, \"product_cart\": [{{\"product_id\": \"p\", \"quantity\": 1}}]}}\n",
        "x".repeat(20_000)
    );
    std::fs::write(dir.path().join("long.json"), &text).unwrap();
    let (_, stdout, _) = run_in(
        dir.path(),
        &["--format", "human", "--color", "never", "long.json"],
    );
    assert!(
        stdout.contains("duplicate-key"),
        "{}",
        &stdout[..stdout.len().min(2000)]
    );
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 300, "a line of {widest} characters");
}
