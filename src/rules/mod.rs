//! The rules: the [`Rule`] trait, what a rule sees ([`Context`]) and reports ([`Finding`]), and
//! the registry — the one list of every rule.
//!
//! A rule reads the stages to its left (the parse outcome, schema violations, the typed model,
//! the catalogue and the account settings) and reports findings. Rules never parse and never
//! print; the engine attaches the rule name, the configured severity and the JSON pointer.

mod confirm_incomplete;
mod duplicate_key;
mod file_too_large;
mod ineffective_billing_currency;
mod invalid_json;
mod invalid_type;
mod invalid_value;
mod missing_card_fallback;
mod missing_field;
mod mixed_cart;
mod out_of_range;
mod unknown_field;
mod zero_quantity;

use crate::catalogue::Catalogue;
use crate::config::Account;
use crate::diagnostic::{Fix, Label, Severity};
use crate::model::CheckoutSession;
use crate::schema::Violation;
use crate::source::{InvalidUtf8, Source, TooLarge};
use crate::span::Span;
use crate::tree::{Node, SyntaxError};

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case, saying what is wrong: `zero-quantity`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// The rule's page, `rules/<name>.md`, embedded.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The text of a `## heading` section of the rule's page, trimmed.
    pub fn section(&self, heading: &str) -> Option<&'static str> {
        let marker = format!("\n## {heading}\n");
        let start = self.docs.find(&marker)? + marker.len();
        let rest = &self.docs[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        Some(rest[..end].trim())
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Context<'_>, findings: &mut Vec<Finding>);
}

/// Everything a rule may read.
pub struct Context<'a> {
    pub source: &'a Source,
    pub invalid_utf8: Option<InvalidUtf8>,
    /// Set when the file was not read because it exceeds the size limit.
    pub too_large: Option<TooLarge>,
    pub syntax_error: Option<&'a SyntaxError>,
    /// The parsed document, when it parsed.
    pub tree: Option<&'a Node<'a>>,
    pub violations: &'a [Violation],
    /// The typed request, when the document is an object.
    pub session: Option<&'a CheckoutSession<'a>>,
    pub catalogue: Option<&'a Catalogue>,
    pub account: &'a Account,
}

/// One problem as a rule reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label::new(span, message));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

static RULES: &[&dyn Rule] = &[
    &file_too_large::FileTooLarge,
    &invalid_json::InvalidJson,
    &duplicate_key::DuplicateKey,
    &unknown_field::UnknownField,
    &missing_field::MissingField,
    &invalid_type::InvalidType,
    &invalid_value::InvalidValue,
    &out_of_range::OutOfRange,
    &mixed_cart::MixedCart,
    &missing_card_fallback::MissingCardFallback,
    &ineffective_billing_currency::IneffectiveBillingCurrency,
    &confirm_incomplete::ConfirmIncomplete,
    &zero_quantity::ZeroQuantity,
];

/// Every rule, in registry order.
pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// The rule with this name.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|rule| rule.meta().name == name)
}
