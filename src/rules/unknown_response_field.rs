//! `unknown-response-field`: the code reads a field the checkout-session response does not have
//! (`session.url`, `session.id`), so it gets `undefined` where it expects the checkout link.

use super::{Context, Finding, Findings};
use crate::suggest::closest;
use crate::text::quote;

declare_rule!(
    UnknownResponseField,
    "unknown-response-field",
    Error,
    "The code reads a field the create or preview response does not have (session.url, session.id): it is always undefined.", on = Response);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some((call, reads)) = ctx.response else {
        return;
    };
    let fields = call.fields();
    // A read beside the right field in a `??` / `||` chain is `dead-response-fallback`'s.
    let wrong = reads
        .iter()
        .filter(|read| !fields.contains(&read.field) && read.dead_beside(call).is_none());
    for read in wrong {
        let answer = call.answer();
        let mut finding = Finding::new(
            read.span,
            format!(
                "the {answer} response has no field {}",
                quote(read.field)
            ),
        );
        let suggestion = call
            .meant(read.field)
            .or_else(|| closest(read.field, fields.iter().copied()));
        finding = match suggestion {
            Some(field) => finding.help(format!("did you mean {}?", quote(field))),
            None => finding.help(format!("its fields: {}", fields.join(", "))),
        };
        findings.push(finding);
    }
}
