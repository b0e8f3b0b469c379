//! # checkout-lint
//!
//! A linter for [Dodo Payments](https://dodopayments.com) checkout-session request bodies
//! (`POST /checkouts`). It parses a payload with exact byte spans, validates it against the full
//! request schema, builds a typed model and runs rules that know what the API documents — and
//! reports every problem at the bytes that cause it, before the request is sent.
//!
//! ```
//! use checkout_lint::Linter;
//!
//! let linter = Linter::default(); // build once, reuse: Send + Sync
//! let report = linter.lint_str("body.json", r#"{
//!   "product_cart": [{"product_id": "pdt_123", "quantity": 1}],
//!   "allowed_payment_method_types": ["upi_collect"]
//! }"#);
//! assert!(!report.has_errors());
//! assert_eq!(report.diagnostics()[0].rule, "missing-card-fallback");
//! ```
//!
//! The data flows one way: source → front-end → payload tree → schema → model → rules →
//! [`Report`] → [`render`]. The public face is what a caller needs: [`Linter`], its [`Config`],
//! the [`Report`] and its [`Diagnostic`]s, [`fix_text`], the renderers and the rules' metadata;
//! the stages stay inside the crate.

#![warn(unreachable_pub)]
// Without the command line (the bindings' build), the helpers only it and the language server
// use are left unused; the full build, which clippy checks, still finds dead code.
#![cfg_attr(not(feature = "cli"), allow(dead_code, unused_imports))]

mod account;
mod analysis;
mod bounded;
pub mod catalogue;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
pub mod config;
mod diagnostic;
mod edit;
mod environment;
mod facts;
mod fix;
mod link_containment;
mod linter;
mod model;
#[cfg(feature = "cli")]
mod parallel;
mod payload;
mod pointer;
#[cfg(feature = "cli")]
mod project;
pub mod render;
mod report;
mod rule_context;
pub mod rules;
mod schema;
mod source;
mod span;
mod suggest;
mod text;
mod tree;
mod untrusted_file;

pub use catalogue::Catalogue;
pub use config::{Config, ConfigError, Level};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, LabelFile, Severity};
pub use environment::Environment;
pub use fix::{Fixed, MAX_ROUNDS, fix_text};
pub use linter::Linter;
pub use report::Report;
pub use source::{Position, Range, Source};
pub use span::Span;

/// The stages, for this crate's own tests and benchmarks (which time each stage). Not API:
/// no promise holds from one version to the next.
#[doc(hidden)]
pub mod internals {
    pub use crate::analysis::Cart;
    pub use crate::config::Account;
    pub use crate::model::CheckoutSession;
    #[cfg(any(feature = "js", feature = "python", feature = "go"))]
    pub use crate::payload::depth::MAX_SOURCE;
    pub use crate::pointer::{member_at, value_at};
    pub use crate::rules::{Context, Finding, Findings};
    pub use crate::schema::{Violation, document, validate};
    pub use crate::tree::{Arena, MAX_DEPTH, Node, parse};
}
