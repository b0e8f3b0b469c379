//! `invalid-suppression`: a `checkout-lint-disable-…` comment names a rule that does not exist.
//!
//! The engine reads suppression comments before the rules run and reports this itself (a
//! suppression applies to every rule, so it is not one rule's business); its check does nothing.

use super::{Context, Findings, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub struct InvalidSuppression;

pub static META: RuleMeta = RuleMeta {
    name: "invalid-suppression",
    severity: Severity::Warning,
    summary: "A checkout-lint-disable comment names a rule that does not exist, so it silences nothing.",
    docs: include_str!("../../rules/invalid-suppression.md"),
};

impl Rule for InvalidSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _ctx: &Context<'_>, _findings: &mut Findings<'_>) {}
}
