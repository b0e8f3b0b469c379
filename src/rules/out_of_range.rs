//! `out-of-range`: a number outside the range the API's type can hold.

use super::{Context, Finding, Findings, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::pointer::display_path;
use crate::schema::ViolationKind;

pub struct OutOfRange;

static META: RuleMeta = RuleMeta {
    name: "out-of-range",
    severity: Severity::Error,
    summary: "A number outside the range of its API type (32-bit integers, non-negative addon quantities and amounts).",
    docs: include_str!("../../rules/out-of-range.md"),
};

impl Rule for OutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, findings: &mut Findings<'_>) {
        for violation in ctx.violations {
            if let ViolationKind::OutOfRange { span, message } = &violation.kind {
                findings.push(Finding::new(
                    *span,
                    format!("{} {message}", display_path(&violation.pointer)),
                ));
            }
        }
    }
}
