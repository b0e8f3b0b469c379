//! `invalid-type`: a value of the wrong JSON type.

use super::{Context, Finding, Findings, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::pointer::display_path;
use crate::schema::ViolationKind;

pub struct InvalidType;

static META: RuleMeta = RuleMeta {
    name: "invalid-type",
    severity: Severity::Error,
    summary: "A value has the wrong JSON type (a string where a number belongs, a fraction where an integer belongs …).",
    docs: include_str!("../../rules/invalid-type.md"),
};

impl Rule for InvalidType {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, findings: &mut Findings<'_>) {
        for violation in ctx.violations {
            let ViolationKind::WrongType {
                span,
                expected,
                found,
            } = &violation.kind
            else {
                continue;
            };
            findings.push(Finding::new(
                *span,
                format!(
                    "{} must be {}, found {found}",
                    display_path(&violation.pointer),
                    with_article(expected)
                ),
            ));
        }
    }
}

/// "integer" → "an integer", "string or null" → "a string or null".
fn with_article(expected: &str) -> String {
    let article = match expected.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    };
    format!("{article} {expected}")
}
