//! Fuzz `Linter::lint_bytes` with a catalogue and every output format: no input may panic, and
//! every span must lie inside the text on character boundaries.
#![no_main]

use std::sync::OnceLock;

use checkout_lint::{Catalogue, Config, Linter, render};
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
    }
    let reports = [report];
    let json = render::json::render(&reports);
    assert!(serde_json_valid(&json));
    let _ = render::human::render(&reports, false);
    let _ = render::sarif::render(&reports);
    let _ = render::github::render(&reports);
    let _ = render::concise::render(&reports);
});

fn serde_json_valid(text: &str) -> bool {
    let arena = checkout_lint::tree::Arena::new();
    checkout_lint::tree::parse(text, &arena).is_ok()
}
