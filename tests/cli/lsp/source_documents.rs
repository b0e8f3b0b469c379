//! Documents in source code (TypeScript, Python, Go): diagnostics, hovers, completion and quick
//! fixes on the payloads their front-ends find, and files too deep to parse.

use serde_json::{Value, json};

use super::client::Client;

#[test]
fn typescript_documents_get_diagnostics_hover_completion_and_fixes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("checkout-lint.toml"), "").unwrap();
    let uri = format!("file://{}/checkout.ts", dir.path().display());
    let text = "import DodoPayments from 'dodopayments';\n// ünï 😀\nconst client = new DodoPayments();\nawait client.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }], billing_currency: 'usd' });\n";
    let (mut client, _) = Client::start(false);
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "typescript", "version": 1, "text": text } }));
    let diagnostics = client.diagnostics(&uri);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["zero-quantity", "invalid-currency-code"]);
    let line = text.lines().nth(3).unwrap();
    let column = line.find("'usd'").unwrap();
    assert_eq!(
        diagnostics[1]["range"]["start"],
        json!({ "line": 3, "character": column })
    );

    // The quick fix keeps the file's quotes.
    let actions = client.request("textDocument/codeAction", json!({
        "textDocument": { "uri": uri }, "range": diagnostics[1]["range"], "context": { "diagnostics": [diagnostics[1]] }
    }));
    let quick = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix")
        .clone();
    assert_eq!(quick["edit"]["changes"][&uri][0]["newText"], "'USD'");

    // Hover on a bare key inside the payload.
    let key = line.find("billing_currency").unwrap() + 2;
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": key } }),
    );
    let docs = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(docs.contains("**billing_currency**"), "{docs}");
    // Outside the payload: nothing.
    let outside = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 3 } }),
    );
    assert!(outside["result"].is_null());

    // Completion while typing a key and a value in the call's literal.
    let typing = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nclient.checkoutSessions.create({ billing_address: { co";
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": typing }] }));
    client.diagnostics(&uri);
    let last = typing.lines().count() - 1;
    let column = typing.lines().last().unwrap().len();
    let completion = client.request("textDocument/completion", json!({ "textDocument": { "uri": uri }, "position": { "line": last, "character": column } }));
    let items = completion["result"]["items"].as_array().unwrap();
    let country = items
        .iter()
        .find(|i| i["label"] == "country")
        .expect("country");
    assert_eq!(country["insertText"], "country", "keys are bare in source");
    let value = "import DodoPayments from 'dodopayments';\nclient.checkoutSessions.create({ product_cart: [], billing_currency: ";
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": value }] }));
    client.diagnostics(&uri);
    let column = value.lines().last().unwrap().len();
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": column } }),
    );
    let items = completion["result"]["items"].as_array().unwrap();
    let usd = items.iter().find(|i| i["label"] == "USD").expect("USD");
    assert_eq!(usd["insertText"], "'USD'", "values take the file's quote");
    client.stop();
}

#[test]
fn python_documents_get_diagnostics_hover_completion_and_fixes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("checkout-lint.toml"), "").unwrap();
    let uri = format!("file://{}/checkout.py", dir.path().display());
    let text = "from dodopayments import DodoPayments\n# ünï 😀\nclient = DodoPayments()\nclient.checkout_sessions.create(product_cart=[{'product_id': 'p', 'quantity': 0}], billing_currency='usd')\n";
    let (mut client, _) = Client::start(false);
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "python", "version": 1, "text": text } }));
    let diagnostics = client.diagnostics(&uri);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["zero-quantity", "invalid-currency-code"]);
    let actions = client.request("textDocument/codeAction", json!({
        "textDocument": { "uri": uri }, "range": diagnostics[1]["range"], "context": { "diagnostics": [diagnostics[1]] }
    }));
    let quick = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix")
        .clone();
    assert_eq!(quick["edit"]["changes"][&uri][0]["newText"], "'USD'");
    let line = text.lines().nth(3).unwrap();
    let keyword = line.find("billing_currency").unwrap() + 2;
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": keyword } }),
    );
    let docs = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(docs.contains("**billing_currency**"), "{docs}");

    let typing = "from dodopayments import DodoPayments\nclient = DodoPayments()\nclient.checkout_sessions.create(\n    product_cart=[],\n    bil";
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": typing }] }));
    client.diagnostics(&uri);
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 7 } }),
    );
    let items = completion["result"]["items"].as_array().unwrap();
    let address = items
        .iter()
        .find(|i| i["label"] == "billing_address")
        .expect("billing_address");
    assert_eq!(
        address["insertText"], "billing_address=",
        "a keyword argument"
    );
    client.stop();
}

#[test]
fn a_document_too_deep_to_parse_is_reported_and_the_server_serves_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(false);
    let deep_ts = format!(
        "// checkoutSessions\nconst x = {}1{};\n",
        "(".repeat(20_000),
        ")".repeat(20_000)
    );
    let deep_py = format!(
        "# checkout_sessions\nx = {}{}\n",
        "[".repeat(40_000),
        "]".repeat(40_000)
    );
    for (name, language, text) in [
        ("deep.ts", "typescript", deep_ts),
        ("deep.py", "python", deep_py),
    ] {
        let uri = format!("file://{}/{name}", dir.path().display());
        client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }));
        let diagnostics = client.diagnostics(&uri);
        assert_eq!(diagnostics.len(), 1, "{name}: {diagnostics:#?}");
        assert_eq!(diagnostics[0]["code"], "file-too-deep");
        assert!(
            diagnostics[0]["message"]
                .as_str()
                .unwrap()
                .contains("more than 256 levels"),
            "{diagnostics:#?}"
        );
        // Changed, still too deep: still served.
        client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": format!("{text}\n") }] }));
        assert_eq!(client.diagnostics(&uri)[0]["code"], "file-too-deep");
    }
    let uri = format!("file://{}/good.ts", dir.path().display());
    let good = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nawait client.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }] });\n";
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "typescript", "version": 1, "text": good } }));
    let codes: Vec<Value> = client
        .diagnostics(&uri)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [json!("zero-quantity")]);
    client.stop();
}

#[test]
fn go_documents_get_diagnostics_hover_and_fixes_in_go() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("checkout-lint.toml"), "").unwrap();
    let uri = format!("file://{}/checkout.go", dir.path().display());
    let text = "package shop\n\nimport \"github.com/dodopayments/dodopayments-go\"\n\n// ünï 😀\nvar params = dodopayments.CheckoutSessionNewParams{CheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{\n\tProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(0))}}),\n\tBillingCurrency: dodopayments.F[dodopayments.Currency](\"usd\"),\n}}\n";
    let (mut client, _) = Client::start(false);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "go", "version": 1, "text": text } }),
    );
    let diagnostics = client.diagnostics(&uri);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["zero-quantity", "invalid-currency-code"]);
    let line = text.lines().nth(7).unwrap();
    let column = line.find("\"usd\"").unwrap();
    assert_eq!(
        diagnostics[1]["range"]["start"],
        json!({ "line": 7, "character": column })
    );

    // The quick fix is a Go string inside the SDK's typed wrapper.
    let actions = client.request("textDocument/codeAction", json!({
        "textDocument": { "uri": uri }, "range": diagnostics[1]["range"], "context": { "diagnostics": [diagnostics[1]] }
    }));
    let quick = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix")
        .clone();
    assert_eq!(quick["edit"]["changes"][&uri][0]["newText"], "\"USD\"");

    // Hover on a struct field: the API field its json tag names.
    let key = line.find("BillingCurrency").unwrap() + 2;
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 7, "character": key } }),
    );
    let docs = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(docs.contains("**billing_currency**"), "{docs}");
    client.stop();
}
