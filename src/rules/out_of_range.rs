//! `out-of-range`: a number outside the range the API's type can hold.

use super::{Context, Finding, Findings};
use crate::pointer::display_path;
use crate::schema::ViolationKind;

declare_rule!(OutOfRange, "out-of-range", Error, "A number outside the range of its API type (32-bit integers, non-negative addon quantities and amounts).", on = Violations);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    for violation in ctx.violations {
        if let ViolationKind::OutOfRange { span, message } = &violation.kind {
            findings.push(Finding::new(
                *span,
                format!("{} {message}", display_path(&violation.pointer)),
            ));
        }
    }
}
