//! `invalid-type`: a value of the wrong JSON type.

use super::{Context, Finding, Findings};
use crate::pointer::display_path;
use crate::schema::ViolationKind;

declare_rule!(InvalidType, "invalid-type", Error, "A value has the wrong JSON type (a string where a number belongs, a fraction where an integer belongs …).", on = Violations);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
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

/// "integer" → "an integer", "string or null" → "a string or null".
fn with_article(expected: &str) -> String {
    let article = match expected.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    };
    format!("{article} {expected}")
}
