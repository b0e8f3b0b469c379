//! The project stage in the editor: the open route and the helper module it imports. A finding
//! in the helper appears while the route sends the helper's literal to Dodo, goes away when the
//! route stops, and a finding on the route's argument points into the helper's file.

use serde_json::{Value, json};

use super::client::Client;

const CLIENT: &str =
    "import DodoPayments from 'dodopayments';\nexport const dodo = new DodoPayments();\n";
const HELPER: &str = "export function seatCheckout(seats: number) {\n  return { product_cart: [{ product_id: 'p', quantity: seats }], return_url: 'http://shop.example.com/done' };\n}\n";
const ROUTE: &str = "import { dodo } from './client';\nimport { seatCheckout } from './helper';\nexport const buy = () => dodo.checkoutSessions.create(seatCheckout(0));\n";
const ROUTE_WITHOUT: &str = "import { dodo } from './client';\nexport const buy = () => 1;\n";

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}

#[test]
fn a_helpers_finding_follows_the_route_that_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (name, text) in [
        ("client.ts", CLIENT),
        ("helper.ts", HELPER),
        ("route.ts", ROUTE),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let root = dir.path().canonicalize().unwrap();
    let uri = |name: &str| format!("file://{}/{name}", root.display());
    let (mut client, _) = Client::start(false);
    let open = |client: &mut Client, name: &str, text: &str| {
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(name), "languageId": "typescript", "version": 1, "text": text } }),
        );
    };
    open(&mut client, "helper.ts", HELPER);
    // Alone, nothing sends the helper's literal: nothing to say.
    assert_eq!(
        codes(&client.diagnostics(&uri("helper.ts"))),
        Vec::<&str>::new()
    );

    open(&mut client, "route.ts", ROUTE);
    let route = client.diagnostics(&uri("route.ts"));
    assert_eq!(codes(&route), ["zero-quantity"]);
    let related = &route[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri("helper.ts"));
    assert_eq!(
        related["location"]["range"]["start"],
        json!({ "line": 1, "character": 45 })
    );
    assert_eq!(related["message"], "seatCheckout puts the argument here");
    // The route now sends the helper's literal: its own mistake shows in its own file.
    let helper = client.diagnostics(&uri("helper.ts"));
    assert_eq!(codes(&helper), ["insecure-redirect-url"]);

    // The route stops calling the helper: the helper's finding goes away.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri("route.ts"), "version": 2 }, "contentChanges": [{ "text": ROUTE_WITHOUT }] }),
    );
    let helper = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri("helper.ts")
    });
    assert_eq!(helper["params"]["diagnostics"], json!([]));
    client.stop();
}

const PY_CLIENT: &str = "from dodopayments import DodoPayments\n\ndodo = DodoPayments()\n";
const PY_BUILDER: &str = "def seat_checkout(seats):\n    return {\"product_cart\": [{\"product_id\": \"p\", \"quantity\": seats}], \"return_url\": \"http://shop.example.com/done\"}\n";
const PY_ROUTE: &str = "from app.client import dodo\nfrom app.builder import seat_checkout\n\n\ndef buy():\n    return dodo.checkout_sessions.create(**seat_checkout(0))\n";

#[test]
fn a_python_builders_finding_follows_the_module_that_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("app")).unwrap();
    for (name, text) in [
        ("app/__init__.py", ""),
        ("app/client.py", PY_CLIENT),
        ("app/builder.py", PY_BUILDER),
        ("app/route.py", PY_ROUTE),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let root = dir.path().canonicalize().unwrap();
    let uri = |name: &str| format!("file://{}/{name}", root.display());
    let (mut client, _) = Client::start(false);
    let open = |client: &mut Client, name: &str, text: &str| {
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(name), "languageId": "python", "version": 1, "text": text } }),
        );
    };
    open(&mut client, "app/builder.py", PY_BUILDER);
    assert_eq!(
        codes(&client.diagnostics(&uri("app/builder.py"))),
        Vec::<&str>::new()
    );
    open(&mut client, "app/route.py", PY_ROUTE);
    let route = client.diagnostics(&uri("app/route.py"));
    assert_eq!(codes(&route), ["zero-quantity"]);
    let related = &route[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri("app/builder.py"));
    assert_eq!(
        related["location"]["range"]["start"],
        json!({ "line": 1, "character": 49 })
    );
    assert_eq!(related["message"], "seat_checkout puts the argument here");
    let builder = client.diagnostics(&uri("app/builder.py"));
    assert_eq!(codes(&builder), ["insecure-redirect-url"]);
    client.stop();
}

#[test]
fn a_component_open_alone_knows_the_routes_dodo_s_handlers_serve_in_its_workspace() {
    // The Nuxt fixture's component posts to `/api/checkout`, served by a route module that is
    // neither open nor imported: the server finds it in the workspace, as `checkout-lint .`
    // does, and the body is linted through the handler.
    let app = crate::project_adapters::project_with("nuxt_handler", "README.md", "A Nuxt app.\n");
    let root = app.path().canonicalize().unwrap();
    let uri = format!("file://{}/components/BuyButton.vue", root.display());
    let text = std::fs::read_to_string(root.join("components/BuyButton.vue")).unwrap();
    let (mut client, _) = Client::start(false);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "vue", "version": 1, "text": text } }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(
        codes(&diagnostics),
        ["unknown-field", "zero-quantity", "unknown-response-field"]
    );
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({ "line": 8, "character": 6 })
    );
    client.stop();
}
