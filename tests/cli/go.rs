//! Go modules under `tests/fixtures/go/`, linted as `checkout-lint .` and as a hook names files:
//! the SDK's newest style and the one before it, params built field by field, a raw POST, a
//! suppression; a vendored copy of the SDK and a service's own look-alike types stay silent.

use std::path::Path;

use serde_json::Value;

use crate::common::bin;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/go")
}

fn json_in(dir: &Path, args: &[&str]) -> (Value, String) {
    let output = bin()
        .current_dir(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let document = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("JSON on stdout ({err}); stderr: {stderr}"));
    (document, stderr)
}

/// Each diagnostic as `file:line:col rule` (1-based), in output order.
fn found(document: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for file in document["files"].as_array().into_iter().flatten() {
        for diagnostic in file["diagnostics"].as_array().into_iter().flatten() {
            let start = &diagnostic["range"]["start"];
            out.push(format!(
                "{}:{}:{} {}",
                file["path"].as_str().unwrap_or_default(),
                start["line"].as_u64().unwrap_or_default() + 1,
                start["character"].as_u64().unwrap_or_default() + 1,
                diagnostic["rule"].as_str().unwrap_or_default(),
            ));
        }
    }
    out
}

#[test]
fn go_modules_are_walked_with_vendor_skipped_and_look_alikes_silent() {
    let (document, stderr) = json_in(&fixtures(), &["."]);
    assert_eq!(
        found(&document),
        [
            // The SDK's style before v1.78 (`CheckoutSessionRequestProductCartParam`, `F[T]`).
            "./legacy/checkout.go:18:62 zero-quantity",
            "./legacy/checkout.go:21:38 invalid-country-code",
            // A literal sent by a struct field's client.
            "./shop/internal/payments/dodo.go:31:37 zero-quantity",
            "./shop/internal/payments/dodo.go:36:58 invalid-currency-code",
            "./shop/internal/payments/dodo.go:38:5 invalid-metadata",
            "./shop/internal/payments/dodo.go:40:30 insecure-redirect-url",
            // Params built field by field; the suppressed deprecated code is not reported.
            "./shop/internal/payments/dodo.go:56:108 missing-card-fallback",
            // A marshalled map posted to a Dodo URL from the environment.
            "./shop/internal/payments/raw.go:21:3 unknown-field",
        ],
        "{stderr}"
    );
    insta::assert_json_snapshot!("go_fixtures", document);
    // As a hook names files: the look-alike and the vendored copy named alone stay silent too.
    let (document, _) = json_in(&fixtures(), &["lookalike/main.go", "legacy/checkout.go"]);
    assert_eq!(
        found(&document),
        [
            "legacy/checkout.go:18:62 zero-quantity",
            "legacy/checkout.go:21:38 invalid-country-code",
        ]
    );
}

#[test]
fn code_frames_show_the_go_source() {
    let output = bin()
        .current_dir(fixtures())
        .args(["--format", "human", "legacy/checkout.go"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("[legacy/checkout.go:21:38]")
            && stdout.contains("Country: dodo.F(dodo.CountryCode(\"uk\")),")
            && stdout.contains("fix available: replace with \"GB\""),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(1));
}
