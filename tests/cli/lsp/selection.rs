//! Which open documents are linted: the files `checkout-lint <dir>` lints, by the same config
//! (tests/cli.rs runs the command line on the same layout).

use serde_json::json;

use super::client::{did_open, handshake, published, transcript};

const CALL: &str = "import DodoPayments from 'dodopayments';\nawait new DodoPayments().checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }] });\n";

#[test]
fn the_editor_lints_what_the_command_line_lints() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("checkout-lint.toml"),
        "catalogue = \"products.json\"\nexclude = [\"payloads/legacy/**\", \"draft.json\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("products.json"), "[]").unwrap();
    let bad = r#"{"product_cart": [{"product_id": "p", "quantity": 0}]}"#;
    let documents = [
        ("payloads/legacy/old.json", bad),
        ("payloads/draft.json", bad),
        ("payloads/kept.json", bad),
        // Not payloads: a project file, the catalogue, JSON that does not look like one.
        ("package.json", r#"{"name": "app", "private": true}"#),
        ("products.json", "[]"),
        ("data/plans.json", r#"{"basic": {"price": 10}}"#),
        ("payloads/legacy/checkout.ts", CALL),
    ];
    let uri = |name: &str| format!("file://{}/{name}", dir.path().display());
    let mut messages = handshake(json!({}));
    for (name, text) in documents {
        let language = if name.ends_with(".ts") {
            "typescript"
        } else {
            "json"
        };
        messages.push(did_open(&uri(name), language, text));
    }
    // No `exit`: the input ends after the turn, whose diagnostics are published.
    let (_, answers) = transcript(&messages);
    let linted: Vec<String> = published(&answers)
        .into_iter()
        .filter(|params| !params["diagnostics"].as_array().unwrap().is_empty())
        .map(|params| params["uri"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(linted, [uri("payloads/kept.json")]);
}
