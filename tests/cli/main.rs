//! The `checkout-lint` binary as people, hooks, CI and editors run it: one test binary for every
//! test that drives the command (each test binary links the whole crate, so they share one link).

#[path = "../common/mod.rs"]
mod common;

mod adapter_silences;
mod basics;
mod catalogue_pull;
mod first_run;
mod fix;
mod formats;
mod go;
mod lsp;
mod project;
mod project_adapters;
mod project_nuxt;
mod project_python;
mod project_roots;
