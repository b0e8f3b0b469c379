//! Fuzz the `human` renderer on small inputs (the lint itself has its own target): no report may
//! make it panic, and no escape sequence or bidi control may reach the output raw.
#![no_main]

use checkout_lint::{Linter, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reports = [Linter::default().lint_bytes("fuzz\u{1b}[31m\u{202e}.json", data)];
    let out = render::human::render(&reports, false);
    // Nothing from the payload or its name reaches a terminal raw.
    for c in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{2028}'] {
        assert!(!out.contains(c), "raw {c:?} in output: {out:?}");
    }
});
