//! `file-too-deep`: a source file that nests past the front-ends' limits is reported, not
//! read further.

use super::{Context, Finding, Findings};
use crate::payload::depth::Nesting;

declare_rule!(
    FileTooDeep,
    "file-too-deep",
    Warning,
    "The source file nests deeper than the parsers' limit and was not searched for payloads.", on = TooDeep);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(too_deep) = ctx.too_deep else {
        return;
    };
    let what = match too_deep.what {
        Nesting::Brackets => "brackets (or prefix operators) nested",
        Nesting::Tree => "expressions or statements nested",
        Nesting::Size => {
            findings.push(Finding::new(
                too_deep.span,
                format!(
                    "the file is over {} bytes, the most the source front-ends parse; it was not searched for payloads",
                    too_deep.limit
                ),
            ).help("bundles and generated code are not linted; if a payload is in this file, move it to a module of its own"));
            return;
        }
    };
    findings.push(
        Finding::new(
            too_deep.span,
            format!(
                "{what} more than {} levels deep here; the file was not searched for payloads",
                too_deep.limit
            ),
        )
        .help("generated or minified code is not linted; if a payload is in this file, move it to a module of its own"),
    );
}
