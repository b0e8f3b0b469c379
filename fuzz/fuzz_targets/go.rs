//! Fuzz the Go front-end through `Linter::lint_bytes` on a `.go` name: no input may panic,
//! every span and fix edit lies inside the text on character boundaries, and every fix applies
//! and lints again without a panic.
#![no_main]

mod shared;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shared::check_source("fuzz.go", data));
