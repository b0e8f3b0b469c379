//! Completion in Python payloads, read by Python's own lexical rules: `//` is floor division,
//! not a comment, and nested dicts give the pointer of the value being typed.

use serde_json::{Value, json};

use super::client::{Client, did_change, did_open};

const CALL: &str = "from dodopayments import DodoPayments\nclient = DodoPayments()\ntotal = 4\nclient.checkout_sessions.create(\n    product_cart=[{'product_id': 'p', 'quantity': total // 2}],\n";

/// The completion items at the end of `text`, opened as a Python file.
fn items_at_end(client: &mut Client, uri: &str, version: i32, text: &str) -> Vec<Value> {
    client.send(did_change(uri, version, json!([{ "text": text }])));
    client.diagnostics(uri);
    let line = text.lines().count() - 1;
    let character = text.lines().last().unwrap().encode_utf16().count();
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
    );
    completion["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{completion}"))
        .clone()
}

fn find<'a>(items: &'a [Value], label: &str) -> &'a Value {
    items
        .iter()
        .find(|item| item["label"] == label)
        .unwrap_or_else(|| panic!("no {label} in {items:#?}"))
}

#[test]
fn completion_after_floor_division_in_a_python_payload() {
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file://{}/checkout.py", dir.path().display());
    let (mut client, _) = Client::start(false);
    client.send(did_open(&uri, "python", CALL));
    client.diagnostics(&uri);

    // A value being typed after the cart: the currencies, inside the quote already typed.
    let items = items_at_end(
        &mut client,
        &uri,
        2,
        &format!("{CALL}    billing_currency='"),
    );
    assert_eq!(find(&items, "USD")["insertText"], "USD");
    // A keyword argument after the cart.
    let items = items_at_end(&mut client, &uri, 3, &format!("{CALL}    bil"));
    assert_eq!(
        find(&items, "billing_address")["insertText"],
        "billing_address="
    );
    client.stop();
}

#[test]
fn completion_inside_a_nested_python_dict_has_its_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file://{}/checkout.py", dir.path().display());
    let (mut client, _) = Client::start(false);
    client.send(did_open(&uri, "python", CALL));
    client.diagnostics(&uri);

    // Keys of /billing_address, quoted as the file quotes.
    let nested = format!("{CALL}    billing_address={{'country': 'US', # a, 'b': {{\n        ");
    let items = items_at_end(&mut client, &uri, 2, &nested);
    assert_eq!(find(&items, "city")["insertText"], "'city'");
    assert!(items.iter().all(|item| item["label"] != "product_cart"));
    // Values of /customization/theme.
    let theme = format!("{CALL}    customization={{'theme': \"");
    let items = items_at_end(&mut client, &uri, 3, &theme);
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["dark", "light", "system"]);
    client.stop();
}
