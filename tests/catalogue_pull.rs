//! `checkout-lint catalogue pull` against a stand-in Dodo API on 127.0.0.1: every page and
//! every product's details arrive, the pulled file drives the catalogue rules, each failure
//! exits 2 with its message and leaves the old catalogue as it was, and the key never shows.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::bin;
use common::dodo_api::{Account, Quirk, StandIn, product};
use serde_json::Value;

const KEY: &str = "sk_test_standin_4f9a1c";

/// 230 active products (three pages of 100), every third recurring, and three archived ones.
fn account() -> Account {
    Account {
        key: KEY.to_string(),
        active: (0..230)
            .map(|n| product(&format!("pdt_{n:04}"), n % 3 == 0))
            .collect(),
        archived: (0..3)
            .map(|n| product(&format!("pdt_old{n}"), false))
            .collect(),
        ..Account::default()
    }
}

/// Runs `catalogue pull ARGS` in `dir` against `server`, with `key` in the environment.
fn pull(dir: &Path, server: &StandIn, key: Option<&str>, args: &[&str]) -> Output {
    let mut command = bin();
    command
        .current_dir(dir)
        .args(["catalogue", "pull"])
        .args(args)
        .env_remove("DODO_PAYMENTS_API_KEY")
        .env_remove("DODO_PAYMENTS_BASE_URL");
    if !args.contains(&"--base-url") {
        command.args(["--base-url", &server.base_url]);
    }
    if let Some(key) = key {
        command.env("DODO_PAYMENTS_API_KEY", key);
    }
    let output = command.output().expect("runs");
    assert_key_hidden(&output, dir);
    output
}

/// The key is in no output and no file the run could have written.
fn assert_key_hidden(output: &Output, dir: &Path) {
    for stream in [&output.stdout, &output.stderr] {
        assert!(
            !String::from_utf8_lossy(stream).contains(KEY),
            "the key was printed"
        );
    }
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read(&path).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&text).contains(KEY),
            "the key was written to {}",
            path.display()
        );
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn items(path: &Path) -> Vec<Value> {
    let value: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    value["items"].as_array().unwrap().clone()
}

/// Lints `payload` in `dir` (with its config) and returns (rule, message) pairs.
fn lint(dir: &Path, payload: &str) -> Vec<(String, String)> {
    fs::write(dir.join("body.json"), payload).unwrap();
    let output = bin()
        .current_dir(dir)
        .args(["--format", "json", "body.json"])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("no JSON: {}", stderr(&output)));
    value["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap().to_string();
            (text("rule"), text("message"))
        })
        .collect()
}

#[test]
fn every_active_product_arrives_with_its_details() {
    let mut account = account();
    account.quirks.insert("pdt_0007".into(), Quirk::TooManyOnce);
    account.quirks.insert("pdt_0042".into(), Quirk::Gone);
    let server = StandIn::start(account);
    let dir = tempfile::tempdir().unwrap();

    let output = pull(dir.path(), &server, Some(KEY), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let items = items(&dir.path().join("products.json"));
    assert_eq!(items.len(), 229, "230 listed, one gone");
    assert!(
        items
            .iter()
            .all(|p| p.get("brand_id").is_some() && p.get("addons").is_some())
    );
    assert!(items.iter().all(|p| p.get("archived").is_none()));
    assert_eq!(items[0]["product_id"], "pdt_0000");
    assert_eq!(items[0]["addons"][0], "adn_seat");

    let text = stderr(&output);
    assert!(
        text.contains("product pdt_0042 was listed but is gone (404); left out"),
        "{text}"
    );
    assert!(
        text.contains("pulled 229 products (test_mode) into products.json"),
        "{text}"
    );
    assert!(
        text.contains("hint: add `catalogue = \"products.json\"`"),
        "{text}"
    );
    assert!(output.stdout.is_empty());

    let requests = server.requests();
    let pages: Vec<&str> = requests
        .iter()
        .filter(|r| r.path == "/products")
        .map(|r| r.query["page_number"].as_str())
        .collect();
    assert_eq!(pages, ["0", "1", "2"]);
    assert!(
        requests
            .iter()
            .filter(|r| r.path == "/products")
            .all(|r| r.query["page_size"] == "100" && !r.query.contains_key("archived"))
    );
    assert!(
        requests
            .iter()
            .all(|r| r.authorization.as_deref() == Some(&format!("Bearer {KEY}")[..]))
    );
    assert_eq!(server.detail_requests("pdt_0007"), 2, "a 429 is retried");
    assert_eq!(server.detail_requests("pdt_0001"), 1);
    assert_eq!(
        server.detail_requests("pdt_old0"),
        0,
        "archived only when asked"
    );
}

#[test]
fn the_pulled_file_drives_the_catalogue_rules() {
    let server = StandIn::start(account());
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("checkout-lint.toml"),
        "catalogue = \"products.json\"\n",
    )
    .unwrap();
    let output = pull(dir.path(), &server, Some(KEY), &["--include-archived"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("hint:"));
    let items = items(&dir.path().join("products.json"));
    assert_eq!(items.len(), 233);
    let old: Vec<&Value> = items.iter().filter(|p| p["archived"] == true).collect();
    assert_eq!(old.len(), 3);
    assert!(
        old.iter()
            .all(|p| p["product_id"].as_str().unwrap().starts_with("pdt_old"))
    );
    let pages = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/products");
    assert_eq!(
        pages
            .filter(|r| r.query.get("archived").map(String::as_str) == Some("true"))
            .count(),
        1
    );

    // pdt_0000 is recurring, pdt_0001 one-time: a mixed cart.
    let mixed = r#"{"product_cart": [{"product_id": "pdt_0000", "quantity": 1},
                                     {"product_id": "pdt_0001", "quantity": 1}]}"#;
    let found = lint(dir.path(), mixed);
    assert!(
        found.iter().any(|(rule, _)| rule == "mixed-cart"),
        "{found:?}"
    );

    let unknown = r#"{"product_cart": [{"product_id": "pdt_00001", "quantity": 1},
                                       {"product_id": "pdt_old1", "quantity": 1}]}"#;
    let found = lint(dir.path(), unknown);
    let messages: Vec<&str> = found
        .iter()
        .filter(|(rule, _)| rule == "unknown-product")
        .map(|(_, message)| message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "product \"pdt_00001\" is not in the catalogue",
            "product \"pdt_old1\" is archived"
        ]
    );
}

/// What a failing pull must do: exit 2, say `expected`, leave the old file byte for byte.
fn assert_fails(account: Account, key: Option<&str>, args: &[&str], expected: &str) {
    let server = StandIn::start(account);
    let dir = tempfile::tempdir().unwrap();
    let old = b"{\"items\": [{\"product_id\": \"pdt_keep\", \"is_recurring\": false}]}  \n";
    let target = dir.path().join("products.json");
    fs::write(&target, old).unwrap();
    let output = pull(dir.path(), &server, key, args);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
    assert_eq!(fs::read(&target).unwrap(), old, "the old catalogue changed");
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "a temporary file was left behind");
}

#[test]
fn a_rejected_or_missing_key_writes_nothing() {
    assert_fails(
        account(),
        Some("sk_live_wrong"),
        &[],
        "the API key was rejected for test_mode (401 on GET /products?page_number=0)",
    );
    assert_fails(
        account(),
        Some("sk_live_wrong"),
        &["--environment", "live_mode"],
        "the API key was rejected for live_mode",
    );
    assert_fails(account(), None, &[], "DODO_PAYMENTS_API_KEY is not set");
    assert_fails(
        account(),
        Some("  "),
        &[],
        "DODO_PAYMENTS_API_KEY is not set",
    );
    assert_fails(
        account(),
        Some("sk\ntest"),
        &[],
        "characters an HTTP header cannot carry",
    );
}

#[test]
fn server_failures_write_nothing() {
    let mut failing = account();
    failing.quirks.insert("pdt_0100".into(), Quirk::AlwaysFails);
    assert_fails(
        failing,
        Some(KEY),
        &[],
        "GET /products/pdt_0100 answered 500 after 3 tries: Something went wrong :(",
    );

    let mut slow = account();
    slow.quirks
        .insert("pdt_0003".into(), Quirk::Slow(Duration::from_secs(3)));
    assert_fails(
        slow,
        Some(KEY),
        &["--timeout", "1"],
        "GET /products/pdt_0003 timed out after 1 s, 3 tries",
    );

    let mut odd = account();
    odd.wrong_list_shape = true;
    assert_fails(
        odd,
        Some(KEY),
        &[],
        "GET /products?page_number=0 answered with something other than the documented list: no \"items\" array",
    );

    let mut priceless = account();
    priceless.quirks.insert("pdt_0005".into(), Quirk::Priceless);
    assert_fails(priceless, Some(KEY), &[], "not the documented shape");
}

#[test]
fn an_unreachable_or_unsafe_address_writes_nothing() {
    // A port nobody listens on: bind one, then let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = format!("http://127.0.0.1:{port}");
    assert_fails(
        account(),
        Some(KEY),
        &["--base-url", &closed],
        "could not reach http://127.0.0.1:",
    );
    assert_fails(
        account(),
        Some(KEY),
        &["--base-url", "http://api.example.com"],
        "refusing to send the API key over plain http",
    );
}

#[test]
fn one_file_per_environment() {
    let server = StandIn::start(account());
    let dir = tempfile::tempdir().unwrap();
    let config = "[catalogue]\ntest_mode = \"products.test.json\"\nlive_mode = \"products.live.json\"\nenvironment = \"live_mode\"\n";
    fs::write(dir.path().join("checkout-lint.toml"), config).unwrap();

    let output = pull(
        dir.path(),
        &server,
        Some(KEY),
        &["--environment", "live_mode"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let live = dir.path().join("products.live.json");
    let written: Value = serde_json::from_slice(&fs::read(&live).unwrap()).unwrap();
    assert_eq!(written["environment"], "live_mode");
    assert!(!dir.path().join("products.test.json").exists());
    let found = lint(
        dir.path(),
        r#"{"product_cart": [{"product_id": "pdt_test_only", "quantity": 1}]}"#,
    );
    assert!(
        found.iter().any(|(rule, _)| rule == "unknown-product"),
        "{found:?}"
    );

    // Test-mode products in the live file: the config refuses them.
    let output = pull(
        dir.path(),
        &server,
        Some(KEY),
        &["-o", "products.live.json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lint_run = bin()
        .current_dir(dir.path())
        .arg("body.json")
        .output()
        .unwrap();
    assert_eq!(lint_run.status.code(), Some(2));
    assert!(
        stderr(&lint_run).contains("pulled from test_mode, but the config uses it for live_mode"),
        "{}",
        stderr(&lint_run)
    );
}
