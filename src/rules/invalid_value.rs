//! `invalid-value`: a string outside its enumeration (currency, country, payment method …).

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::NodeFix;
use crate::pointer::display_path;
use crate::schema::ViolationKind;
use crate::suggest::closest_or_prefix;
use crate::text::quote;

declare_rule!(InvalidValue, "invalid-value", Error, "A value that is not one the API accepts (currency, country, payment method type, theme …), with the closest valid value.",
    fix = [Safe, Unsafe], on = Violations);

/// Enumerations up to this size are listed in the help.
const LISTED: usize = 8;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let mut suggestions = std::collections::HashMap::new();
    for violation in ctx.violations {
        let (span, found, allowed) = match &violation.kind {
            ViolationKind::NotAllowed {
                span,
                found,
                allowed,
            } if !ctx.enum_specialist_reports(&violation.pointer) =>
            {
                (span, found, allowed)
            }
            // Keywords without a rule of their own (a safety net for future schemas).
            ViolationKind::Other { span, message } => {
                findings.push(Finding::new(
                    *span,
                    format!("{} {message}", display_path(&violation.pointer)),
                ));
                continue;
            }
            _ => continue,
        };
        let mut finding = Finding::new(
            *span,
            format!(
                "{} {} is not a valid value",
                display_path(&violation.pointer),
                quote(found)
            ),
        );
        // Payloads repeat their mistakes (the same wrong method in every item): each
        // distinct value is matched against its enumeration once.
        let suggestion = *suggestions
            .entry((
                found.as_str(),
                std::sync::Arc::as_ptr(allowed).cast::<()>() as usize,
            ))
            .or_insert_with(|| closest_or_prefix(found, allowed.iter().map(String::as_str)));
        if let Some(suggestion) = suggestion {
            // Only a change of case is certain to keep the author's meaning.
            let applicability = if suggestion.eq_ignore_ascii_case(found) {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            finding =
                finding
                    .help(format!("did you mean \"{suggestion}\"?"))
                    .fix(NodeFix::set_string(
                        format!("replace with \"{suggestion}\""),
                        applicability,
                        *span, suggestion,));
        } else if allowed.len() <= LISTED {
            finding = finding.help(format!("expected one of: {}", allowed.join(", ")));
        }
        findings.push(finding);
    }
}
