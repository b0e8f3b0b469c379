//! Incremental document sync: range edits in the negotiated encoding, versions on the published
//! diagnostics, and ranges a client gets wrong.

use serde_json::{Value, json};

use super::client::{
    Client, did_change, did_open, edit, handshake, published, transcript, workspace,
};

/// A note with characters outside the Basic Multilingual Plane (two UTF-16 units, four bytes
/// each) before the finding.
const NOTE: &str = "{\"metadata\": {\"note\": \"😀é😀\"}, \"product_cart\": [{\"product_id\": \"pdt_1\", \"quantity\": 0}]}";

fn codes(diagnostics: &Value) -> Vec<&str> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

#[test]
fn incremental_edits_count_utf16_units_and_diagnostics_carry_their_version() {
    let ws = workspace();
    let (mut client, init) = Client::start(false);
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 2);
    client.send(did_open(&ws.uri, "json", NOTE));
    let first = client.published(&ws.uri);
    assert_eq!(
        (first["version"].clone(), codes(&first["diagnostics"])),
        (json!(1), vec!["zero-quantity"])
    );

    // The quantity's column in UTF-16 units: each 😀 counts two.
    let zero = NOTE.find(": 0}").unwrap() + 2;
    let column = NOTE[..zero].encode_utf16().count();
    assert_ne!(column, zero, "bytes and UTF-16 units differ here");
    client.send(did_change(
        &ws.uri,
        2,
        json!([edit((0, column), (0, column + 1), "1")]),
    ));
    let second = client.published(&ws.uri);
    assert_eq!(second["version"], 2);
    assert_eq!(codes(&second["diagnostics"]), Vec::<&str>::new());

    // Two changes in one notification, each read against the text the one before left: a
    // currency before the closing brace, then a line break at the start.
    let end = NOTE.encode_utf16().count() - 1;
    let changes = json!([
        edit((0, end), (0, end), ", \"billing_currency\": \"usd\""),
        edit((0, 0), (0, 0), "\n"),
    ]);
    client.send(did_change(&ws.uri, 3, changes));
    let third = client.published(&ws.uri);
    assert_eq!(third["version"], 3);
    let currency = &third["diagnostics"][0];
    assert_eq!(currency["code"], "invalid-currency-code");
    let fixed = NOTE.replace(": 0}", ": 1}");
    let usd = fixed[..fixed.len() - 1].encode_utf16().count() + ", \"billing_currency\": ".len();
    assert_eq!(
        currency["range"]["start"],
        json!({ "line": 1, "character": usd })
    );
    client.stop();
}

#[test]
fn incremental_edits_count_bytes_when_utf8_was_negotiated() {
    let ws = workspace();
    let (mut client, init) = Client::start(true);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    client.send(did_open(&ws.uri, "json", NOTE));
    client.published(&ws.uri);
    let zero = NOTE.find(": 0}").unwrap() + 2;
    client.send(did_change(
        &ws.uri,
        2,
        json!([edit((0, zero), (0, zero + 1), "1")]),
    ));
    let second = client.published(&ws.uri);
    assert_eq!(
        (second["version"].clone(), codes(&second["diagnostics"])),
        (json!(2), vec![])
    );
    client.stop();
}

#[test]
fn a_burst_of_changes_is_published_once_for_its_last_version() {
    let ws = workspace();
    let column = NOTE[..NOTE.find(": 0}").unwrap() + 2]
        .encode_utf16()
        .count();
    let mut messages = handshake(json!({}));
    messages.extend([
        did_open(&ws.uri, "json", NOTE),
        did_change(&ws.uri, 2, json!([edit((0, column), (0, column + 1), "5")])),
        did_change(&ws.uri, 3, json!([edit((0, column), (0, column + 1), "0")])),
    ]);
    let (_, answers) = transcript(&messages);
    let published = published(&answers);
    assert_eq!(published.len(), 1, "{published:#?}");
    assert_eq!(published[0]["version"], 3);
    assert_eq!(codes(&published[0]["diagnostics"]), ["zero-quantity"]);
}

#[test]
fn ranges_out_of_the_text_are_clamped_and_the_server_goes_on() {
    let ws = workspace();
    let (mut client, _) = Client::start(false);
    client.send(did_open(&ws.uri, "json", "{\"a\": \"😀\"}\n"));
    client.published(&ws.uri);
    let payload = "{\"product_cart\": [{\"product_id\": \"p\", \"quantity\": 0}]}";
    let clamped = [
        // Inside the surrogate pair of 😀, to past the end of its line.
        edit((0, 8), (0, 9_999), "\"}"),
        // Reversed, from past the last line: the whole text.
        edit((99, 0), (0, 0), payload),
        edit((4_294_967_295, 4_294_967_295), (4_294_967_295, 0), ""),
    ];
    // A change whose range is not a range makes the notification unreadable: it is dropped
    // whole, and the server still answers.
    let mut unreadable = clamped.to_vec();
    unreadable.push(json!({ "range": { "start": { "line": -1, "character": "x" } }, "text": "!" }));
    client.send(did_change(&ws.uri, 2, Value::from(unreadable)));
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": ws.uri }, "position": { "line": 7, "character": 99 } }),
    );
    assert!(hover["error"].is_null(), "{hover}");
    client.send(did_change(&ws.uri, 3, Value::from(clamped.to_vec())));
    let published = client.published(&ws.uri);
    assert_eq!(published["version"], 3);
    assert_eq!(codes(&published["diagnostics"]), ["zero-quantity"]);
    client.stop();
}
