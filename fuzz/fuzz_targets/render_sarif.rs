//! Fuzz the `sarif` renderer on small inputs (the lint itself has its own target): no report may
//! make it panic, and its output must be JSON.
#![no_main]

use checkout_lint::{Linter, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reports = [Linter::default().lint_bytes("fuzz\u{1b}[31m\u{202e}.json", data)];
    let out = render::sarif::render(&reports);
    let arena = checkout_lint::internals::Arena::new();
    assert!(checkout_lint::internals::parse(&out, &arena).is_ok(), "not JSON: {out}");
});
