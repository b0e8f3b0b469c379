//! Lint a checkout-session body right before sending it to Dodo Payments.
//!
//! ```sh
//! cargo run --example before_send
//! ```

use checkout_lint::{Config, Linter};
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Build the linter once (at start-up) and reuse it for every request. A config file can
    // carry the product catalogue and account settings: `Config::load(path)?`.
    let linter = Linter::new(Config::default().with_adaptive_pricing(false));

    let body = json!({
        "product_cart": [{ "product_id": "pdt_123", "quantity": 1 }],
        "customer": { "email": "ada@example.com", "name": "Ada Lovelace" },
        "billing_address": { "country": "GB" },
        "billing_currency": "GBP",
        "return_url": "https://example.com/success"
    });

    let report = linter.lint_value(&body);
    for diagnostic in report.diagnostics() {
        println!(
            "{} [{}] at {}: {}",
            diagnostic.severity, diagnostic.rule, diagnostic.pointer, diagnostic.message
        );
    }
    // Errors stop the request; warnings are worth a log line.
    let report = report.into_result()?;
    println!(
        "ok to send ({} warning(s)); POST /checkouts with {} bytes",
        report.count(checkout_lint::Severity::Warning),
        report.source().text().len()
    );
    Ok(())
}
