//! `dead-response-fallback`: a read of a field the response does not have that only serves as a
//! fallback beside the right one (`session.checkout_url ?? session.url`): dead code, not a
//! failure — the read the code relies on is there.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(
    DeadResponseFallback,
    "dead-response-fallback",
    Warning,
    "A ?? or || fallback reads a field the create or preview response does not have (session.checkout_url ?? session.url): it is always undefined, so the fallback is dead code.", on = Response);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some((call, reads)) = ctx.response else {
        return;
    };
    for read in reads {
        let Some(right) = read.dead_beside(call) else {
            continue;
        };
        findings.push(
            Finding::new(
                read.span,
                format!(
                    "the {} response has no field {}: this fallback beside {} is always undefined",
                    call.answer(),
                    quote(read.field),
                    quote(right)
                ),
            )
            .help(format!("remove it and read {} alone", quote(right))),
        );
    }
}
