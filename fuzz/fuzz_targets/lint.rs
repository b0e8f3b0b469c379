//! Fuzz `Linter::lint_bytes` with a catalogue: no input may panic, and every span must lie
//! inside the text on character boundaries. Rendering has targets of its own, so this one runs
//! at the speed of linting.
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
        Linter::new(Config::default().with_catalogue(catalogue).with_adaptive_pricing(false))
    })
}

fuzz_target!(|data: &[u8]| {
    let report = linter().lint_bytes("fuzz.json", data);
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
            }
        }
    }
});
