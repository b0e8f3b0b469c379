//! `file-too-large`: a file over the size limit is reported, not read.

use super::{Context, Finding, Findings};
use crate::span::Span;

declare_rule!(FileTooLarge, "file-too-large", Error, "The file is larger than --max-file-size and was not read.", on = TooLarge);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    if let Some(too_large) = ctx.too_large {
        findings.push(
            Finding::new(
                Span::new(0, 0),
                format!(
                    "the file is {} bytes, over the limit of {} bytes, and was not linted",
                    too_large.size, too_large.limit
                ),
            )
            .help("a checkout-session body is a few kilobytes; raise --max-file-size if this file really is one"),
        );
    }
}
