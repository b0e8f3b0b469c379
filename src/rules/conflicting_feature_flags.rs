//! `conflicting-feature-flags`: a `require_*` flag whose `allow_*` flag is false.

use super::{Context, Finding, Findings};

declare_rule!(
    ConflictingFeatureFlags,
    "conflicting-feature-flags",
    Error,
    "require_phone_number with allow_phone_number_collection: false, or require_tax_id with allow_tax_id: false."
);

const PAIRS: [(&str, &str); 2] = [
    ("require_phone_number", "allow_phone_number_collection"),
    ("require_tax_id", "allow_tax_id"),
];

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(flags) = ctx.session.and_then(|s| s.feature_flags.seen()) else {
        return;
    };
    for (require, allow) in PAIRS {
        let (Some(required), Some(allowed)) = (flags.get(require).get(), flags.get(allow).get())
        else {
            continue;
        };
        if required.value && !allowed.value {
            findings.push(
                Finding::new(required.span, format!("{require} needs {allow} to be true"))
                    .label(allowed.span, format!("{allow} is false here"))
                    .help(format!(
                        "set {allow} to true (or remove it: it defaults to true)"
                    )),
            );
        }
    }
}
