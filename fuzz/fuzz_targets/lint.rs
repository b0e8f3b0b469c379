//! Fuzz `Linter::lint_bytes` with a catalogue: no input may panic, and every span must lie
//! inside the text on character boundaries. Rendering has targets of its own, so this one runs
//! at the speed of linting.
#![no_main]

mod shared;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shared::check_spans(&shared::linter().lint_bytes("fuzz.json", data)));
