//! Requests over the protocol's machinery: `$/cancelRequest`, and "fix all" resolved lazily
//! through `codeAction/resolve`.

use serde_json::{Value, json};

use super::client::{
    Client, answer, did_change, did_open, handshake, notification, request, transcript, workspace,
};

/// A payload with a safe fix (the currency's case) and a finding without one.
const FIXABLE: &str = "{\"product_cart\": [{\"product_id\": \"pdt_1\", \"quantity\": 0}], \"billing_currency\": \"usd\"}";

#[test]
fn a_request_cancelled_before_it_is_answered_gets_request_cancelled() {
    let ws = workspace();
    let position =
        json!({ "textDocument": { "uri": ws.uri }, "position": { "line": 0, "character": 3 } });
    let mut messages = handshake(json!({}));
    messages.extend([
        did_open(&ws.uri, "json", FIXABLE),
        request(json!(1), "textDocument/hover", position.clone()),
        request(json!("two"), "textDocument/completion", position.clone()),
        notification("$/cancelRequest", json!({ "id": 1 })),
        notification("$/cancelRequest", json!({ "id": "two" })),
        // Not cancelled, and a cancellation of a request never sent.
        request(json!(3), "textDocument/hover", position),
        notification("$/cancelRequest", json!({ "id": 99 })),
        request(json!(4), "shutdown", Value::Null),
        notification("exit", Value::Null),
    ]);
    let (code, answers) = transcript(&messages);
    assert_eq!(code, 0, "shutdown, then exit");
    for id in [json!(1), json!("two")] {
        let cancelled = answer(&answers, &id);
        assert_eq!(cancelled["error"]["code"], -32800, "{cancelled}");
        assert!(cancelled.get("result").is_none(), "{cancelled}");
    }
    let hover = answer(&answers, &json!(3));
    assert!(hover["error"].is_null(), "{hover}");
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("product_cart")
    );
    assert!(answer(&answers, &json!(4))["error"].is_null());
}

/// A client that resolves code actions' edits (VS Code, Neovim).
fn resolving_client() -> (Client, Value) {
    let capabilities = json!({
        "textDocument": { "codeAction": { "resolveSupport": { "properties": ["edit"] } } },
    });
    Client::start_with_capabilities(capabilities, Value::Null)
}

fn fix_all(actions: &Value) -> Value {
    actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "source.fixAll.checkout-lint")
        .expect("a fix-all action")
        .clone()
}

#[test]
fn fix_all_is_listed_without_its_edit_and_resolved_for_the_version_it_was_listed_for() {
    let ws = workspace();
    let (mut client, init) = resolving_client();
    assert_eq!(
        init["result"]["capabilities"]["codeActionProvider"]["resolveProvider"],
        true
    );
    client.send(did_open(&ws.uri, "json", FIXABLE));
    client.diagnostics(&ws.uri);
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } });
    let listed = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": ws.uri }, "range": whole, "context": { "diagnostics": [] } }),
    );
    let action = fix_all(&listed);
    assert!(
        action.get("edit").is_none(),
        "listed without running the fixes: {action}"
    );
    assert_eq!(action["data"], json!({ "uri": ws.uri, "version": 1 }));

    let resolved = client.request("codeAction/resolve", action.clone());
    let edit = &resolved["result"]["edit"]["changes"][&ws.uri][0];
    assert_eq!(edit["newText"], FIXABLE.replace("\"usd\"", "\"USD\""));
    assert_eq!(
        edit["range"],
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": FIXABLE.len() } })
    );

    // Once the document changed, the listed action is out of date.
    client.send(did_change(&ws.uri, 2, json!([{ "text": FIXABLE }])));
    client.diagnostics(&ws.uri);
    let stale = client.request("codeAction/resolve", action);
    assert_eq!(stale["error"]["code"], -32801, "{stale}");
    let foreign = client.request(
        "codeAction/resolve",
        json!({ "title": "someone else's", "data": { "x": 1 } }),
    );
    assert_eq!(foreign["error"]["code"], -32602, "{foreign}");
    client.stop();
}

#[test]
fn a_client_that_cannot_resolve_gets_the_fix_all_edit_at_once() {
    let ws = workspace();
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } });
    let mut messages = handshake(json!({}));
    messages.extend([
        did_open(&ws.uri, "json", FIXABLE),
        request(
            json!(1),
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": ws.uri }, "range": whole, "context": { "diagnostics": [] } }),
        ),
    ]);
    let (_, answers) = transcript(&messages);
    let action = fix_all(answer(&answers, &json!(1)));
    assert_eq!(
        action["edit"]["changes"][&ws.uri][0]["newText"],
        FIXABLE.replace("\"usd\"", "\"USD\"")
    );
}
