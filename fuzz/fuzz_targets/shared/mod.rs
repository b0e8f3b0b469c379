//! What the fuzz targets share: the linter they run, and the checks every report must pass.

use std::sync::OnceLock;

use checkout_lint::{Catalogue, Config, Linter, Report};

/// A linter with the bundled catalogue, so catalogue rules run too.
pub fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let catalogue = Catalogue::from_json_str(
            "catalogue",
            include_str!("../../../examples/catalogue/products.json"),
        )
        .expect("bundled catalogue");
        Linter::new(Config::default().with_catalogue(catalogue).with_adaptive_pricing(false))
    })
}

/// Every span and fix edit lies inside the text, on character boundaries, and round-trips
/// through LSP positions.
pub fn check_spans(report: &Report) {
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
}

/// A source front-end on any bytes under `name`: sound spans, and every fix applies and lints
/// again without a panic.
pub fn check_source(name: &str, data: &[u8]) {
    let report = linter().lint_bytes(name, data);
    check_spans(&report);
    let fixed = checkout_lint::fix_text(linter(), name, report.source().text(), true);
    let _ = linter().lint_str(name, &fixed.text);
}
