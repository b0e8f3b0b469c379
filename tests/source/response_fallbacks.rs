//! Reads of the response that only fall back beside the right field (`session.checkout_url ??
//! session.url`) are dead code, a `dead-response-fallback` warning; a read on its own stays an
//! `unknown-response-field` error.

use checkout_lint::{Linter, Report, Severity};

fn lint(name: &str, text: &str) -> Report {
    Linter::default().lint_str(name, text)
}

/// (rule, severity, the text at the span, message) of every diagnostic.
fn read_findings(report: &Report) -> Vec<(&'static str, Severity, String, String)> {
    let text = report.source().text();
    report
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.rule,
                d.severity,
                text[d.span.range()].to_string(),
                d.message.clone(),
            )
        })
        .collect()
}

const IMPORT: &str =
    "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n";
const SESSION: &str = "  const s = await client.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 1 }] });\n";

fn dead(field: &str, right: &str) -> String {
    format!(
        "the checkout session create response has no field \"{field}\": this fallback beside \"{right}\" is always undefined"
    )
}

#[test]
fn a_fallback_beside_the_right_field_is_a_warning_either_side() {
    let text = format!(
        "{IMPORT}export async function buy() {{\n{SESSION}  const a = s.checkout_url ?? s.url;\n  const b = (s as any).url || s.checkout_url;\n  const c = s?.link ?? s?.payment_link ?? s['checkout_url'];\n  return [a, b, c];\n}}\n"
    );
    let report = lint("app.ts", &text);
    assert_eq!(
        read_findings(&report),
        [
            (
                "dead-response-fallback",
                Severity::Warning,
                "url".into(),
                dead("url", "checkout_url")
            ),
            (
                "dead-response-fallback",
                Severity::Warning,
                "url".into(),
                dead("url", "checkout_url")
            ),
            (
                "dead-response-fallback",
                Severity::Warning,
                "link".into(),
                dead("link", "checkout_url")
            ),
            (
                "dead-response-fallback",
                Severity::Warning,
                "payment_link".into(),
                dead("payment_link", "checkout_url")
            ),
        ]
    );
    let first = &report.diagnostics()[0];
    // 1-based: the line of `const a`.
    assert_eq!(report.source().line_col(first.span.start()).0, 5);
}

#[test]
fn a_bare_read_and_a_chain_of_wrong_fields_stay_errors() {
    let text = format!(
        "{IMPORT}export async function buy(other: any) {{\n{SESSION}  const a = s.url;\n  const b = s.url ?? s.id;\n  const c = s.url ?? other.checkout_url;\n  const d = s.url && s.checkout_url;\n  return [a, b, c, d];\n}}\n"
    );
    let report = lint("app.ts", &text);
    let found = read_findings(&report);
    assert!(
        found
            .iter()
            .all(|(rule, severity, _, _)| *rule == "unknown-response-field"
                && *severity == Severity::Error),
        "{found:#?}"
    );
    // s.url four times and s.id once: `&&` and a right field of another object do not excuse.
    let spans: Vec<&str> = found.iter().map(|(_, _, at, _)| at.as_str()).collect();
    assert_eq!(spans, ["url", "url", "id", "url", "url"]);
}

#[test]
fn python_getattr_or_the_right_field_is_a_warning() {
    let text = "from dodopayments import DodoPayments\nclient = DodoPayments()\ns = client.checkout_sessions.create(product_cart=[{'product_id': 'p', 'quantity': 1}])\nurl = getattr(s, 'url', None) or s.checkout_url\nbare = s.url\n";
    let report = lint("app.py", text);
    assert_eq!(
        read_findings(&report),
        [
            (
                "dead-response-fallback",
                Severity::Warning,
                "'url'".into(),
                dead("url", "checkout_url")
            ),
            (
                "unknown-response-field",
                Severity::Error,
                "url".into(),
                "the checkout session create response has no field \"url\"".into()
            ),
        ]
    );
}
