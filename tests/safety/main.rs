//! Hostile and broken input, and the files around it: nothing crashes, hangs, costs the square of
//! its size, reaches a terminal raw or writes where it should not. One test binary (each links
//! the whole crate).
//!
//! `hostile_source` installs a counting global allocator, which therefore serves this whole
//! binary: it counts per thread, so the other modules' tests only pay one counter update per
//! allocation, and their results do not change.

#[path = "../common/mod.rs"]
mod common;

mod bounded_cost;
mod file_safety;
mod hostile;
mod hostile_source;
mod robustness;
mod terminal_safety;
