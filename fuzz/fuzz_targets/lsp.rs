//! Fuzz the language server with the bytes a client would send: framing, JSON-RPC messages
//! and every request the server handles, over an in-memory connection. No input may panic or
//! hang it. A seed that initializes first reaches the handlers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = checkout_lint::cli::lsp_serve_bytes(data);
});
