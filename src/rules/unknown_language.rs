//! `unknown-language`: `force_language` that is not one of the documented languages.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::NodeFix;
use crate::facts::languages::{DOCUMENTED, is_documented};
use crate::text::quote;

declare_rule!(
    UnknownLanguage,
    "unknown-language",
    Warning,
    "customization.force_language is not one of the languages the checkout is documented to support.",
    fix = [Safe]
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(language) = ctx
        .session
        .and_then(|s| s.customization.seen())
        .and_then(|c| c.force_language.get())
    else {
        return;
    };
    if is_documented(language.value) {
        return;
    }
    let mut finding = Finding::new(
        language.span,
        format!(
            "force_language {} is not a documented checkout language",
            quote(language.value)
        ),
    );
    // "en-US" or "EN" mean a documented language: the primary subtag, lower case.
    let primary = language
        .value
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if is_documented(&primary) {
        finding = finding.fix(NodeFix::set_string(
            format!("use \"{primary}\""),
            Applicability::Safe,
            language.span, primary,));
    } else {
        finding = finding.help(format!("documented languages: {}", DOCUMENTED.join(", ")));
    }
    findings.push(finding);
}
