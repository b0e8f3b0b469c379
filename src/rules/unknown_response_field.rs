//! `unknown-response-field`: the code reads a field the checkout-session response does not have
//! (`session.url`, `session.id`), so it gets `undefined` where it expects the checkout link.

use super::{Context, Finding, Findings};
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
        let suggestion = call.mistaken_for(read.field);
        // A handler route's error body has fields of its own: only a name for the link is
        // certainly a mistake.
        if suggestion.is_none() && call.only_suggested() {
            continue;
        }
        let answer = call.answer();
        let mut finding = Finding::new(
            read.span,
            format!(
                "the {answer} response has no field {}",
                quote(read.field)
            ),
        );
        finding = match suggestion {
            Some(field) => finding.help(format!("did you mean {}?", quote(field))),
            None => finding.help(format!("its fields: {}", fields.join(", "))),
        };
        findings.push(finding);
    }
}
