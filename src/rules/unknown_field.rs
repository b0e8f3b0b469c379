//! `unknown-field`: a key the API does not define (usually a typo).

use super::{Context, Finding, Findings, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::pointer::display_path;
use crate::schema::ViolationKind;
use crate::suggest::closest;
use crate::text::quote;

pub struct UnknownField;

/// Objects with up to this many fields have them listed in the help.
const LISTED: usize = 12;

static META: RuleMeta = RuleMeta {
    name: "unknown-field",
    severity: Severity::Error,
    summary: "A key that the checkout-session API does not define, with the closest valid name.",
    docs: include_str!("../../rules/unknown-field.md"),
};

impl Rule for UnknownField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, findings: &mut Findings<'_>) {
        for violation in ctx.violations {
            let ViolationKind::UnknownField {
                key,
                key_span,
                known,
            } = &violation.kind
            else {
                continue;
            };
            // New-customer fields next to customer_id are invalid-customer's to explain.
            if violation
                .pointer
                .strip_prefix("/customer/")
                .is_some_and(|field| super::invalid_customer::NEW_CUSTOMER_KEYS.contains(&field))
            {
                continue;
            }
            let parent = violation
                .pointer
                .rsplit_once('/')
                .map_or("", |(parent, _)| parent);
            let place = if parent.is_empty() {
                "a checkout session".to_string()
            } else {
                display_path(parent)
            };
            let mut finding = Finding::new(
                *key_span,
                format!("unknown field {} in {place}", quote(key)),
            );
            match closest(key, known.iter().map(String::as_str)) {
                Some(suggestion) => {
                    finding =
                        finding
                            .help(format!("did you mean \"{suggestion}\"?"))
                            .fix(Fix::replace(
                                format!("rename to \"{suggestion}\""),
                                Applicability::Safe,
                                *key_span,
                                format!("\"{suggestion}\""),
                            ));
                }
                None if !known.is_empty() && known.len() <= LISTED => {
                    finding = finding.help(format!("valid fields here: {}", known.join(", ")));
                }
                None if !known.is_empty() => {
                    finding = finding.help(format!(
                        "{} fields are valid here; schemas/checkout-session.schema.json lists them",
                        known.len()
                    ));
                }
                None => {}
            }
            findings.push(finding);
        }
    }
}
