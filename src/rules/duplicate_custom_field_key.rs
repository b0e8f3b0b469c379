//! `duplicate-custom-field-key`: two custom fields with the same `key`.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(
    DuplicateCustomFieldKey,
    "duplicate-custom-field-key",
    Error,
    "Two custom_fields share a key; keys identify the answers in responses."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(fields) = ctx.session.and_then(|s| s.custom_fields.seen()) else {
        return;
    };
    let mut first_seen = std::collections::HashMap::new();
    for key in fields.value.iter().filter_map(|f| f.key.get()) {
        if let Some(first) = first_seen.get(key.value).copied().or_else(|| {
            first_seen.insert(key.value, key);
            None
        }) {
            findings.push(
                Finding::new(
                    key.span,
                    format!("custom field key {} is used twice", quote(key.value)),
                )
                .label(first.span, "first used here"),
            );
        }
    }
}
