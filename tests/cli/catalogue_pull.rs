//! `checkout-lint catalogue pull` against a stand-in Dodo API on 127.0.0.1: every page and
//! every product's details arrive, the pulled file drives the catalogue rules, each failure
//! exits 2 with its message and leaves the old catalogue as it was, and the key never shows.

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::common::bin;
use crate::common::dodo_api::{Account, Quirk, StandIn, product};
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

/// `catalogue = "../../.bashrc"` in a repository's config must not make a pull replace a file
/// outside the repository: a file a config names lies inside the config's folder tree (as
/// written and through links); only `-o`, typed by the user, may point elsewhere.
#[test]
fn a_config_cannot_point_the_pull_outside_its_folder() {
    let server = StandIn::start(account());
    let outer = tempfile::tempdir().unwrap();
    let repo = outer.path().join("repo");
    fs::create_dir(&repo).unwrap();
    let victim = outer.path().join(".bashrc");
    let before = b"export PATH=\"$HOME/bin:$PATH\"\n";
    fs::write(&victim, before).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut named = vec![
        "../.bashrc".to_string(),
        victim.to_string_lossy().into_owned(),
        elsewhere
            .path()
            .join("products.json")
            .to_string_lossy()
            .into_owned(),
    ];
    #[cfg(unix)]
    {
        // A committed link to a folder outside, and one to the file itself.
        std::os::unix::fs::symlink(elsewhere.path(), repo.join("linked")).unwrap();
        std::os::unix::fs::symlink(&victim, repo.join("products.json")).unwrap();
        named.push("linked/products.json".into());
        named.push("products.json".into());
    }
    let config = repo.join("checkout-lint.toml");
    let tables = named.iter().flat_map(|path| {
        [
            format!("catalogue = {path:?}\n"),
            format!("[catalogue]\ntest_mode = \"p.json\"\nlive_mode = {path:?}\n"),
        ]
    });
    for text in tables {
        fs::write(&config, &text).unwrap();
        let output = pull(&repo, &server, Some(KEY), &["--environment", "live_mode"]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{text}: {message}");
        assert!(
            message.contains("is outside the folder of this config")
                && message.contains("name it with -o FILE")
                && message.contains("checkout-lint.toml:"),
            "{text}: {message}"
        );
        assert_eq!(fs::read(&victim).unwrap(), before, "{text}");
        assert!(!elsewhere.path().join("products.json").exists(), "{text}");
        assert!(!repo.join("p.json").exists());
    }
    assert!(
        server.requests().is_empty(),
        "refused before the key was sent anywhere"
    );

    // What the user types is theirs to choose.
    fs::write(&config, "catalogue = \"../.bashrc\"\n").unwrap();
    let output = pull(&repo, &server, Some(KEY), &["-o", "../pulled.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(items(&outer.path().join("pulled.json")).len(), 230);
    assert_eq!(fs::read(&victim).unwrap(), before);

    // Inside the folder, in a folder of its own, is fine.
    fs::create_dir(repo.join("catalogue")).unwrap();
    fs::write(&config, "catalogue = \"catalogue/products.json\"\n").unwrap();
    let output = pull(&repo, &server, Some(KEY), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(items(&repo.join("catalogue/products.json")).len(), 230);
}

/// The same rule when a lint reads the catalogue: a config cannot make checkout-lint read a
/// file elsewhere (`/etc/passwd`, a file beside the repository, through a link).
#[test]
fn a_config_cannot_make_a_lint_read_outside_its_folder() {
    let outer = tempfile::tempdir().unwrap();
    let repo = outer.path().join("repo");
    fs::create_dir(&repo).unwrap();
    let outside = outer.path().join("products.json");
    let catalogue = serde_json::json!({"items": [product("pdt_outside", false)]});
    fs::write(&outside, catalogue.to_string()).unwrap();
    fs::write(
        repo.join("body.json"),
        r#"{"product_cart": [{"product_id": "pdt_outside", "quantity": 1}]}"#,
    )
    .unwrap();
    let mut named = vec![
        "../products.json".to_string(),
        outside.to_string_lossy().into_owned(),
        "/etc/passwd".to_string(),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, repo.join("linked.json")).unwrap();
        std::os::unix::fs::symlink(outer.path(), repo.join("up")).unwrap();
        named.push("linked.json".into());
        named.push("up/products.json".into());
    }
    let config = repo.join("checkout-lint.toml");
    for path in &named {
        fs::write(&config, format!("catalogue = {path:?}\n")).unwrap();
        let output = bin()
            .current_dir(&repo)
            .args(["--format", "json", "body.json"])
            .output()
            .unwrap();
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{path}: {message}");
        assert!(
            message.contains("config ")
                && message.contains("checkout-lint.toml:1:13")
                && message.contains("is outside the folder of this config"),
            "{path}: {message}"
        );
        assert!(!message.contains("root:"), "{message}");
    }

    // The same file, inside, is read.
    fs::copy(&outside, repo.join("products.json")).unwrap();
    fs::write(&config, "catalogue = \"products.json\"\n").unwrap();
    let found = lint(
        &repo,
        r#"{"product_cart": [{"product_id": "pdt_elsewhere", "quantity": 1}]}"#,
    );
    assert!(
        found.iter().any(|(rule, _)| rule == "unknown-product"),
        "{found:?}"
    );
}

/// An account of `count` one-time products.
fn small_account(count: usize) -> Account {
    Account {
        key: KEY.to_string(),
        active: (0..count)
            .map(|n| product(&format!("pdt_{n:04}"), false))
            .collect(),
        ..Account::default()
    }
}

/// Pages that never end: the page limit stops them, and so does the byte budget, and ids of
/// 150 KB are refused on the first page (one answer over 4 MiB, or an id over 256 bytes).
#[test]
fn endless_pages_are_bounded() {
    let endless = |length: usize| Account {
        endless_pages: Some(length),
        ..small_account(0)
    };
    let started = Instant::now();
    let server = StandIn::start(endless(20));
    let dir = tempfile::tempdir().unwrap();
    let output = pull(dir.path(), &server, Some(KEY), &["--max-pages", "3"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains(
            "GET /products sent 3 full pages of products and more to come, the most a pull \
             reads of each list (--max-pages, 300 products); stopped"
        ),
        "{message}"
    );
    assert_eq!(
        server.requests().len(),
        3,
        "no page past the limit, no details"
    );

    assert_fails(
        endless(20),
        Some(KEY),
        &["--max-bytes", "100KiB"],
        "the API sent more than 102400 bytes in all (at GET /products?page_number=",
    );
    assert_fails(
        endless(150_000),
        Some(KEY),
        &[],
        "GET /products?page_number=0 answered with more than 4 MiB, the most one answer may \
         hold; stopped",
    );
    assert_fails(
        endless(300),
        Some(KEY),
        &[],
        "item 0's \"product_id\" is 300 bytes long (1 to 256 accepted)",
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// Details padded past reason: one answer over 4 MiB is refused, and many large ones together
/// stop at the pull's byte budget long before memory runs out.
#[test]
fn huge_details_are_bounded() {
    let padded = |count: usize, padding: usize| Account {
        detail_padding: padding,
        ..small_account(count)
    };
    assert_fails(padded(3, 5 << 20), Some(KEY), &[], "GET /products/pdt_000");
    assert_fails(
        padded(3, 5 << 20),
        Some(KEY),
        &[],
        "answered with more than 4 MiB, the most one answer may hold; stopped",
    );

    let server = StandIn::start(padded(24, 300 << 10));
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("products.json");
    fs::write(&target, "[]").unwrap();
    let output = pull(dir.path(), &server, Some(KEY), &["--max-bytes", "1MiB"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("the API sent more than 1048576 bytes in all")
            && message.contains("(--max-bytes); stopped"),
        "{message}"
    );
    assert_eq!(fs::read(&target).unwrap(), b"[]");
    let details = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/products/"))
        .count();
    assert!(details <= 8, "{details} details fetched past the budget");
}

/// `--deadline` bounds the whole pull, retries and waits included, however slowly the server
/// answers each request.
#[test]
fn the_pull_ends_at_its_deadline() {
    let mut slow = small_account(40);
    for n in 0..40 {
        slow.quirks.insert(
            format!("pdt_{n:04}"),
            Quirk::Slow(Duration::from_millis(700)),
        );
    }
    let started = Instant::now();
    assert_fails(
        slow,
        Some(KEY),
        &["--deadline", "2"],
        "the pull did not finish within 2 s (at GET /products/pdt_00",
    );
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");

    // One request that never answers in time: each try ends at --timeout, the last at the
    // deadline.
    let mut stuck = small_account(2);
    stuck
        .quirks
        .insert("pdt_0001".into(), Quirk::Slow(Duration::from_secs(5)));
    let started = Instant::now();
    assert_fails(
        stuck,
        Some(KEY),
        &["--deadline", "2", "--timeout", "1"],
        "the pull did not finish within 2 s (at GET /products/pdt_0001; --deadline sets the \
         limit); stopped",
    );
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
}

/// A pull that would write a catalogue every later lint refuses (over the reader's 64 MiB)
/// writes nothing: a small answer of deeply nested arrays is many times larger pretty-printed.
#[test]
fn a_catalogue_the_reader_would_refuse_is_not_written() {
    let block: Value =
        serde_json::from_str(&format!("{}{}", "[".repeat(100), "]".repeat(100))).unwrap();
    let mut nested = product("pdt_nested", false);
    nested["metadata"] = serde_json::json!({ "blocks": vec![block; 4_000] });
    assert!(nested.to_string().len() < 1 << 20);
    let account = Account {
        key: KEY.to_string(),
        active: vec![nested],
        ..Account::default()
    };
    assert_fails(
        account,
        Some(KEY),
        &[],
        "the pulled catalogue would be larger than 67108864 bytes (64 MiB), the most the \
         catalogue reader accepts (every later lint would refuse it); nothing written",
    );
}

/// A long error message with the key near the 300th character: the key is redacted from the
/// whole message before it is shortened, so no part of it is printed.
#[test]
fn an_error_message_never_shows_part_of_the_key() {
    // The first cut the key at the 300th character: 14 of its 22 characters were printed.
    for filler in [285, 290, 270, 298] {
        let mut echo = small_account(3);
        echo.quirks
            .insert("pdt_0001".into(), Quirk::EchoKeyInError(filler));
        let server = StandIn::start(echo);
        let dir = tempfile::tempdir().unwrap();
        let output = pull(dir.path(), &server, Some(KEY), &[]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(
            message.contains("GET /products/pdt_0001 answered 400: xxx"),
            "{message}"
        );
        for start in 0..KEY.len() - 6 {
            let part = &KEY[start..start + 6];
            assert!(
                !message.contains(part),
                "{part:?} of the key was printed: {message}"
            );
        }
        if filler < 290 {
            assert!(message.contains("[API key]"), "{message}");
        }
        assert!(message.trim_end().ends_with('…'), "{message}");
    }
}

/// A server that reflects the `Authorization` header into a product: the key would reach the
/// catalogue (and the repository it is committed to). Refused, and the key is not printed.
#[test]
fn a_server_that_echoes_the_key_gets_nothing_written() {
    let echo = Account {
        reflect_authorization: true,
        ..account()
    };
    assert_fails(
        echo,
        Some(KEY),
        &[],
        "answered with the API key in its content: the server echoed the Authorization header \
         back; refusing to write it anywhere",
    );
}
