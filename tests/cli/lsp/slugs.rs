//! The better-auth plugin's slugs in the editor, in a copy of the `better_auth` fixture whose
//! server config (`src/lib/auth.ts`, open beside the component or found in the workspace) maps
//! `premium-plan` to `pdt_premium` and `basic-plan` to `pdt_basic`; the catalogue knows
//! `pdt_premium`.

use serde_json::{Value, json};

use super::client::Client;
use crate::project_adapters::project_with;

const UPGRADE: &str = "import { authClient } from \"@/lib/auth-client\";\n\nexport async function upgrade() {\n  await authClient.dodopayments.checkoutSession({ slug: \"premium-plan\" });\n}\n";

/// The labels of a completion's items (none when it has none).
fn completion_labels(completion: &Value) -> Vec<&str> {
    completion["result"]["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str())
        .collect()
}

/// A server with only `text` open, as `src/components/Upgrade.tsx` of `root`, its first
/// diagnostics received; and the component's URI.
fn open_alone(root: &std::path::Path, text: &str) -> (Client, String) {
    let component = format!("file://{}/src/components/Upgrade.tsx", root.display());
    let (mut client, _) = Client::start(false);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": component, "languageId": "typescriptreact", "version": 1, "text": text } }),
    );
    client.diagnostics(&component);
    (client, component)
}

/// The character of `needle`'s first byte (plus `into`) on line 3 of `text`.
fn on_call_line(text: &str, needle: &str, into: usize) -> Value {
    let line = text.lines().nth(3).expect("line 3");
    let character = line.find(needle).expect("needle") + into;
    json!({ "line": 3, "character": character })
}

#[test]
fn a_slug_shows_its_product_and_completes_from_the_server_config() {
    let app = project_with("better_auth", "src/components/Upgrade.tsx", UPGRADE);
    let root = app.path().canonicalize().expect("root");
    let uri = |name: &str| format!("file://{}/{name}", root.display());
    let (mut client, _) = Client::start(false);
    for (name, text) in [
        (
            "src/lib/auth.ts",
            std::fs::read_to_string(root.join("src/lib/auth.ts")).expect("auth"),
        ),
        ("src/components/Upgrade.tsx", UPGRADE.to_string()),
    ] {
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(name), "languageId": "typescriptreact", "version": 1, "text": text } }),
        );
    }
    let component = uri("src/components/Upgrade.tsx");
    assert!(client.diagnostics(&component).is_empty());

    // Hover inside the slug: the product it maps to, where, and what the catalogue says of it.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": component }, "position": on_call_line(UPGRADE, "premium-plan", 3) }),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"));
    assert!(
        value.starts_with("**slug premium\\-plan**: a checkout of one product pdt\\_premium"),
        "{value}"
    );
    assert!(value.contains("src/lib/auth.ts"), "{value}");
    assert!(value.contains("**Premium** (pdt\\_premium)"), "{value}");
    // The hover's range is the slug's text, inside its quotes.
    assert_eq!(
        hover["result"]["range"]["start"],
        on_call_line(UPGRADE, "premium-plan", 0)
    );

    // Completion inside a slug being typed: the config's slugs, each replacing the contents.
    let typing = UPGRADE.replace("premium-plan", "pre");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": component, "version": 2 }, "contentChanges": [{ "text": typing }] }),
    );
    client.diagnostics(&component);
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": component }, "position": on_call_line(&typing, "pre\"", 3) }),
    );
    let items = completion["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{completion}"));
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert_eq!(labels, ["premium-plan", "basic-plan"]);
    assert_eq!(items[0]["detail"], "pdt_premium");
    assert_eq!(items[0]["textEdit"]["newText"], "premium-plan");
    assert_eq!(
        items[0]["textEdit"]["range"]["start"],
        on_call_line(&typing, "pre\"", 0)
    );
    assert_eq!(
        items[0]["textEdit"]["range"]["end"],
        on_call_line(&typing, "pre\"", 3)
    );

    // A slug the config lacks: the hover says so; outside the quotes, no slug completion.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": component }, "position": on_call_line(&typing, "pre\"", 1) }),
    );
    assert_eq!(
        hover["result"]["contents"]["value"],
        "**slug pre** is not one of the server's checkout products (premium\\-plan, basic\\-plan): the server answers \"Product not found\""
    );
    let outside = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": component }, "position": on_call_line(&typing, "slug", 0) }),
    );
    let labels = completion_labels(&outside);
    assert!(!labels.contains(&"premium-plan"), "{labels:?}");
    client.stop();
}

/// The hover's text at the slug of `UPGRADE`, with only the component open in `root`.
fn hover_with_only_the_component_open(root: &std::path::Path) -> String {
    let (mut client, component) = open_alone(root, UPGRADE);
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": component }, "position": on_call_line(UPGRADE, "premium-plan", 3) }),
    );
    client.stop();
    hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_component_open_alone_learns_the_server_config_from_its_workspace() {
    // The config's module is neither open nor imported by the component: the server finds it
    // in the workspace, as `checkout-lint .` does.
    let app = project_with("better_auth", "src/components/Upgrade.tsx", UPGRADE);
    let root = app.path().canonicalize().expect("root");
    let value = hover_with_only_the_component_open(&root);
    assert!(
        value.starts_with("**slug premium\\-plan**: a checkout of one product pdt\\_premium"),
        "{value}"
    );
    // Without a config anywhere, a slug has nothing to show.
    std::fs::remove_file(root.join("src/lib/auth.ts")).expect("remove the config");
    let value = hover_with_only_the_component_open(&root);
    assert!(!value.contains("premium"), "{value}");
}

#[test]
fn other_strings_of_the_call_have_no_slug_hover_or_completion() {
    // `referenceId` is the plugin's own key too, but not a slug: its string is no product's.
    let text = "import { authClient } from \"@/lib/auth-client\";\n\nexport async function upgrade() {\n  await authClient.dodopayments.checkoutSession({ slug: \"premium-plan\", referenceId: \"basic\" });\n}\n";
    let app = project_with("better_auth", "src/components/Upgrade.tsx", text);
    let root = app.path().canonicalize().expect("root");
    let (mut client, component) = open_alone(&root, text);
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": component }, "position": on_call_line(text, "basic", 2) }),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(!value.contains("slug"), "{value}");
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": component }, "position": on_call_line(text, "basic", 2) }),
    );
    let labels = completion_labels(&completion);
    assert!(!labels.contains(&"premium-plan"), "{labels:?}");
    client.stop();
}
