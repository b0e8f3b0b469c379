//! Fuzz the readers of repository-supplied settings: `checkout-lint.toml` text and catalogue
//! JSON. No input may panic; an error must name a position inside the text.
#![no_main]

use std::path::Path;

use checkout_lint::{Catalogue, Config};
use libfuzzer_sys::fuzz_target;

/// Lines as positions count them (LSP): `\r\n`, a lone `\r` and `\n` each end one.
fn line_count(text: &str) -> usize {
    1 + text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = line_count(text);
    // The catalogue path a config names is resolved in an empty folder: nothing is read.
    if let Err(err) = Config::from_toml_str("fuzz.toml", text, Path::new("/nonexistent-fuzz-dir")) {
        assert!(err.line <= lines, "{err}");
    }
    if let Err(err) = Catalogue::from_json_str("fuzz.json", text) {
        assert!(err.line <= lines, "{err}");
    }
});
