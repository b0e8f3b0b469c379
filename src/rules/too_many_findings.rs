//! `too-many-findings`: a file with more findings than the per-file limit keeps the first ones
//! (by position) and reports how many more there were.
//!
//! The engine reports it once every other rule has run, when the count is known, so its check
//! does nothing; [`finding`] builds what the engine reports.

use super::{Context, Finding, Findings};
use crate::span::Span;

declare_rule!(TooManyFindings, "too-many-findings", Error, "The file has more findings than the per-file limit (--max-diagnostics); the rest are counted, not listed.", on = Never);

fn check(_ctx: &Context<'_>, _findings: &mut Findings<'_>) {}

/// The summary at the start of the file: `kept` findings are listed, `dropped` are not.
pub(crate) fn finding(kept: usize, dropped: usize) -> Finding {
    Finding::new(
        Span::new(0, 0),
        format!(
            "only the first {kept} findings of this file are listed; {dropped} more were found"
        ),
    )
    .help("fix the listed ones and lint again, or raise the limit with --max-diagnostics")
}
