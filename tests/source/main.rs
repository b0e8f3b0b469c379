//! Payloads in JavaScript/TypeScript and Python source: what the front-ends find, that they read
//! a payload as JSON does, and that fixes print in the file's own syntax. One test binary (each
//! links the whole crate).

#[path = "../common/mod.rs"]
mod common;

mod adapter_silences;
mod adapters;
mod embedded;
mod go_equivalence;
mod go_fixes;
mod go_payloads;
mod js_alternatives;
mod js_annotations;
mod js_clients;
mod js_equivalence;
mod js_fixes;
mod js_maps;
mod js_payloads;
mod python_equivalence;
mod python_fixes;
mod python_payloads;
mod python_silences;
mod response_fallbacks;
mod snapshots;
