//! `checkout-lint lsp` driven over stdio with JSON-RPC, as an editor would.

mod client;
mod completion;
mod project;
mod requests;
mod selection;
mod slugs;
mod source_documents;
mod sync;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use client::{Client, workspace};

// "é😀" before the error: 2 UTF-16 units for 😀, 4 bytes; 1 unit for é, 2 bytes.
const BAD: &str = "{\"metadata\": {\"note\": \"é😀\"}, \"product_cart\": [{\"product_id\": \"pdt_1\", \"quantity\": 0}], \"billing_currency\": \"usd\"}";

#[test]
fn diagnostics_hover_completion_and_fixes_over_stdio() {
    let ws = workspace();
    let (mut client, init) = Client::start(false);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": ws.uri, "languageId": "json", "version": 1, "text": BAD } }));
    let diagnostics = client.diagnostics(&ws.uri);
    let zero = diagnostics
        .iter()
        .find(|d| d["code"] == "zero-quantity")
        .expect("zero-quantity");
    let quantity_utf16 = BAD[..BAD.find(": 0}").unwrap() + 2].encode_utf16().count();
    assert_eq!(
        zero["range"]["start"],
        json!({ "line": 0, "character": quantity_utf16 })
    );
    assert_eq!(zero["severity"], 1);
    assert_eq!(zero["source"], "checkout-lint");
    assert!(
        zero["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("rules/zero-quantity.md")
    );
    let currency = diagnostics
        .iter()
        .find(|d| d["code"] == "invalid-currency-code")
        .unwrap();

    // Quick fix for the currency.
    let actions = client.request("textDocument/codeAction", json!({
        "textDocument": { "uri": ws.uri }, "range": currency["range"], "context": { "diagnostics": [currency] }
    }));
    let actions = actions["result"].as_array().unwrap();
    let quick = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert_eq!(quick["edit"]["changes"][&ws.uri][0]["newText"], "\"USD\"");
    assert!(
        actions
            .iter()
            .any(|a| a["kind"] == "source.fixAll.checkout-lint")
    );

    // Hover on a key: the schema's documentation.
    let key = BAD.find("\"billing_currency\"").unwrap() + 3;
    let hover = client.request("textDocument/hover", json!({ "textDocument": { "uri": ws.uri }, "position": { "line": 0, "character": BAD[..key].encode_utf16().count() } }));
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**billing_currency**") && text.contains("Adaptive pricing must be enabled"),
        "{text}"
    );

    // Completion of a field name in a half-typed document.
    let partial = "{\"billing_address\": {\"co";
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": ws.uri, "version": 2 }, "contentChanges": [{ "text": partial }] }));
    let broken = client.diagnostics(&ws.uri);
    assert_eq!(
        broken[0]["code"], "invalid-json",
        "half-typed documents do not crash the server"
    );
    let completion = client.request("textDocument/completion", json!({ "textDocument": { "uri": ws.uri }, "position": { "line": 0, "character": partial.len() } }));
    let labels: Vec<&str> = completion["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"country") && labels.contains(&"zipcode"),
        "{labels:?}"
    );
    let value = "{\"billing_currency\": \"";
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": ws.uri, "version": 3 }, "contentChanges": [{ "text": value }] }));
    client.diagnostics(&ws.uri);
    let completion = client.request("textDocument/completion", json!({ "textDocument": { "uri": ws.uri }, "position": { "line": 0, "character": value.len() } }));
    assert_eq!(completion["result"]["items"].as_array().unwrap().len(), 145);

    // Fixing the document clears the diagnostics.
    let good = "{\"product_cart\": [{\"product_id\": \"pdt_1\", \"quantity\": 1}]}";
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": ws.uri, "version": 4 }, "contentChanges": [{ "text": good }] }));
    assert!(client.diagnostics(&ws.uri).is_empty());

    let unknown = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": ws.uri } }),
    );
    assert!(unknown["error"].is_object());
    client.stop();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let ws = workspace();
    let (mut client, init) = Client::start(true);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": ws.uri, "languageId": "json", "version": 1, "text": BAD } }));
    let diagnostics = client.diagnostics(&ws.uri);
    let zero = diagnostics
        .iter()
        .find(|d| d["code"] == "zero-quantity")
        .unwrap();
    assert_eq!(
        zero["range"]["start"]["character"],
        BAD.find(": 0}").unwrap() + 2
    );
    client.stop();
}

#[test]
fn json_outside_the_configs_include_stays_quiet() {
    let ws = workspace();
    let (mut client, _) = Client::start(false);
    let other = ws.uri.replace("/payloads/body.json", "/package.json");
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": other, "languageId": "json", "version": 1, "text": "{\"name\": \"x\"}" } }));
    assert!(client.diagnostics(&other).is_empty());
    client.stop();
}

#[test]
fn product_hover_and_config_reload() {
    let ws = workspace();
    let dir = ws._dir.path();
    std::fs::write(dir.join("products.json"), r#"[{"product_id": "pdt_pro", "name": "Pro monthly [win](https://evil.example) <img src=x>", "is_recurring": true, "price": {"type": "recurring_price", "price": 2000, "currency": "USD"}}]"#).unwrap();
    std::fs::write(
        dir.join("checkout-lint.toml"),
        "catalogue = \"products.json\"\n",
    )
    .unwrap();
    let text = "{\"product_cart\": [{\"product_id\": \"pdt_pro\", \"quantity\": 1}], \"billing_currency\": \"EUR\"}";
    let (mut client, _) = Client::start(false);
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": ws.uri, "languageId": "json", "version": 1, "text": text } }));
    assert!(client.diagnostics(&ws.uri).is_empty());

    let at = text.find("pdt_pro").unwrap() + 2;
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": ws.uri }, "position": { "line": 0, "character": at } }),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("Pro monthly \\[win\\]\\(https://evil.example\\) \\<img src=x\\>")
            && !shown.contains("](https"),
        "catalogue text is literal markdown: {shown}"
    );
    assert!(
        shown.contains("Pro monthly")
            && shown.contains("20.00 USD")
            && shown.contains("Subscription"),
        "{shown}"
    );

    // The account's adaptive pricing turns off: the config is re-read and billing_currency warned.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(
        dir.join("checkout-lint.toml"),
        "catalogue = \"products.json\"\n[account]\nadaptive_pricing = false\n",
    )
    .unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [] }));
    let diagnostics = client.diagnostics(&ws.uri);
    assert_eq!(diagnostics[0]["code"], "ineffective-billing-currency");

    // The product is archived (a re-pull with --include-archived): the hover says so.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(dir.join("products.json"), r#"[{"product_id": "pdt_pro", "is_recurring": true, "archived": true, "price": {"type": "recurring_price", "price": 2000, "currency": "USD"}}]"#).unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": ws.uri }, "position": { "line": 0, "character": at } }),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("Archived: a checkout cannot sell it"),
        "{shown}"
    );
    client.stop();
}

#[test]
fn malformed_messages_are_answered_and_the_server_goes_on() {
    let ws = workspace();
    let (mut client, _) = Client::start(false);
    for body in [&b"{not json"[..], b"[1, 2, 3]", b"\xff\xfe\xfd", b"42"] {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        client.send_raw(&frame);
        let answer = client.wait(|m| m["error"].is_object());
        assert!(answer["id"].is_null(), "{answer}");
        let code = answer["error"]["code"].as_i64().unwrap();
        assert!(code == -32700 || code == -32600, "{answer}");
    }
    // Still serving.
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": ws.uri, "languageId": "json", "version": 1, "text": BAD } }));
    assert!(!client.diagnostics(&ws.uri).is_empty());
    client.stop();
}

#[test]
fn absurd_content_lengths_never_allocate_or_panic() {
    for length in ["9223372036854775808", "20000000000", "18446744073709551615"] {
        let (mut client, _) = Client::start(false);
        client.send_raw(format!("Content-Length: {length}\r\n\r\n{{}}").as_bytes());
        // The body never comes: the server stops when its input ends, with 1, not a panic (101)
        // or an out-of-memory kill.
        assert_eq!(client.hang_up(), Some(1), "Content-Length: {length}");
    }
    let (mut client, _) = Client::start(false);
    client.send_raw(b"Content-Length: 99999999999999999999999\r\n\r\n");
    assert_eq!(
        client.hang_up(),
        Some(1),
        "a length beyond u64 is broken framing"
    );
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let (mut client, _) = Client::start(false);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_catalogue_on_stdin_or_a_device_never_blocks_the_server() {
    for catalogue in ["/dev/stdin", "/dev/zero"] {
        let ws = workspace();
        std::fs::write(
            ws._dir.path().join("checkout-lint.toml"),
            format!("catalogue = {catalogue:?}\n"),
        )
        .unwrap();
        let (mut client, _) = Client::start(false);
        client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": ws.uri, "languageId": "json", "version": 1, "text": BAD } }));
        // The broken config lints nothing, at once: no read of the server's own input, no
        // endless read of zeros. The user is told why.
        let shown = client.wait(|m| m["method"] == "window/showMessage");
        let text = shown["params"]["message"].as_str().unwrap();
        assert!(
            text.starts_with("checkout-lint: catalogue ") && text.contains("not a regular file"),
            "{text}"
        );
        assert!(client.diagnostics(&ws.uri).is_empty(), "{catalogue}");
        client.stop();
    }
}

#[test]
fn source_files_without_a_config_get_the_defaults_and_json_files_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ts = format!("file://{}/checkout.ts", dir.path().display());
    let json_uri = format!("file://{}/body.json", dir.path().display());
    let call = "import DodoPayments from 'dodopayments';\nawait new DodoPayments().checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }] });\n";
    let (mut client, _) = Client::start(false);
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": ts, "languageId": "typescript", "version": 1, "text": call } }));
    let codes: Vec<Value> = client
        .diagnostics(&ts)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [json!("zero-quantity")]);
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": json_uri, "languageId": "json", "version": 1, "text": BAD } }));
    assert_eq!(client.diagnostics(&json_uri), Vec::<Value>::new());
    client.stop();
}

#[test]
fn a_config_path_from_the_client_applies_to_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("elsewhere.toml");
    std::fs::write(&config, "[rules]\nzero-quantity = \"off\"\n").unwrap();
    let json_uri = format!("file://{}/body.json", dir.path().display());
    let options = json!({ "configPath": config.to_string_lossy() });
    let (mut client, _) = Client::start_with(false, options);
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": json_uri, "languageId": "json", "version": 1, "text": BAD } }));
    let codes: Vec<Value> = client
        .diagnostics(&json_uri)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [json!("invalid-currency-code")]);
    client.stop();
}

#[test]
fn the_stdio_flag_that_language_clients_pass_is_accepted() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_checkout-lint"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let init = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }).to_string();
    let initialized =
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }).to_string();
    let exit = json!({ "jsonrpc": "2.0", "method": "exit" }).to_string();
    let mut stdin = child.stdin.take().unwrap();
    for body in [init, initialized, exit] {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "exit without shutdown");
    assert!(String::from_utf8_lossy(&output.stdout).contains("\"serverInfo\""));
}
