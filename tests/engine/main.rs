//! The library on JSON payloads: its API, the rules and their documented examples, and the
//! properties every input keeps. One test binary (each links the whole crate).

#[path = "../common/mod.rs"]
mod common;

mod library;
mod mission_rules;
mod properties;
mod rule_docs;
mod rule_pages;
mod rule_snapshots;
mod sdk_payload;
