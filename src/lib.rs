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
//! The data flows one way: [`source`] → [`tree`] → [`schema`] → [`model`] → [`rules`] →
//! [`Report`] → [`render`].

mod account;
pub mod analysis;
mod bounded;
pub mod catalogue;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod environment;
pub mod facts;
pub mod fix;
mod link_containment;
mod linter;
pub mod model;
pub mod payload;
pub mod pointer;
pub mod render;
mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod span;
mod suggest;
pub mod text;
pub mod tree;
pub mod untrusted_file;

pub use catalogue::Catalogue;
pub use config::{Config, ConfigError, Level};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use environment::Environment;
pub use linter::Linter;
pub use report::Report;
pub use source::{Position, Range, Source};
pub use span::Span;
