//! Fuzz the Python front-end through `Linter::lint_bytes` on a `.py` name: no input may panic,
//! every span and fix edit lies inside the text on character boundaries, and every fix applies
//! and lints again without a panic.
#![no_main]

use std::sync::OnceLock;

use checkout_lint::{Catalogue, Config, Linter};
use libfuzzer_sys::fuzz_target;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let catalogue = Catalogue::from_json_str(
            "catalogue",
            include_str!("../../examples/catalogue/products.json"),
        )
        .expect("bundled catalogue");
        Linter::new(Config::default().with_catalogue(catalogue))
    })
}

fuzz_target!(|data: &[u8]| {
    let report = linter().lint_bytes("fuzz.py", data);
    let text = report.source().text();
    for diagnostic in report.diagnostics() {
        let spans = std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span));
        for span in spans {
            assert!(span.end() <= text.len(), "span past the end: {diagnostic:?}");
            assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
            let range = report.source().range(span);
            assert_eq!(report.source().offset(range.start), Some(span.start()));
        }
        if let Some(fix) = &diagnostic.fix {
            for edit in &fix.edits {
                assert!(edit.span.end() <= text.len(), "fix past the end: {diagnostic:?}");
                assert!(text.is_char_boundary(edit.span.start()) && text.is_char_boundary(edit.span.end()));
            }
        }
    }
    // Fixing never panics, and the fixed text lints without panicking either.
    let fixed = checkout_lint::fix::fix_text(linter(), "fuzz.py", text, true);
    let _ = linter().lint_str("fuzz.py", &fixed.text);
});
