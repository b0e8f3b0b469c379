//! Fuzz the readers of repository-supplied settings: `checkout-lint.toml` text and catalogue
//! JSON. No input may panic; an error must name a position inside the text.
#![no_main]

use std::path::Path;

use checkout_lint::{Catalogue, Config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The catalogue path a config names is resolved in an empty folder: nothing is read.
    if let Err(err) = Config::from_toml_str("fuzz.toml", text, Path::new("/nonexistent-fuzz-dir")) {
        assert!(err.line <= text.lines().count() + 1, "{err}");
    }
    if let Err(err) = Catalogue::from_json_str("fuzz.json", text) {
        assert!(err.line <= text.lines().count() + 1, "{err}");
    }
});
