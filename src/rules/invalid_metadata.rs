//! `invalid-metadata`: metadata over Dodo's limits: 50 keys, keys of 40 characters from
//! `[A-Za-z0-9_-]`, values of 500 characters.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(
    InvalidMetadata,
    "invalid-metadata",
    Error,
    "metadata has more than 50 keys, a key over 40 characters or outside [A-Za-z0-9_-], or a value over 500 characters."
);

const MAX_KEYS: usize = 50;
const MAX_KEY_CHARS: usize = 40;
const MAX_VALUE_CHARS: usize = 500;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(metadata) = ctx.session.and_then(|s| s.metadata.seen()) else {
        return;
    };
    if metadata.entries.len() > MAX_KEYS {
        findings.push(
            Finding::new(
                metadata.span,
                format!(
                    "metadata has {} keys; at most {MAX_KEYS} are allowed",
                    metadata.entries.len()
                ),
            )
            .help("the API answers MAXIMUM_KEYS_REACHED"),
        );
    }
    for entry in &metadata.entries {
        let key = entry.key.value;
        // A text has no more characters than bytes: only a long one is counted.
        let length = (key.len() > MAX_KEY_CHARS).then(|| key.chars().count());
        if let Some(length) = length.filter(|&length| length > MAX_KEY_CHARS) {
            findings.push(Finding::new(
                entry.key.span,
                format!(
                    "metadata key {} is {length} characters; at most {MAX_KEY_CHARS} are allowed",
                    quote(key)
                ),
            ));
        } else if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            findings.push(
                Finding::new(
                    entry.key.span,
                    format!(
                        "metadata key {} may only contain letters, digits, '-' and '_'",
                        quote(key)
                    ),
                )
                .help("use keys like \"order_id\" or \"utm-source\""),
            );
        }
        if let Some(text) = entry.text.get().filter(|text| text.len() > MAX_VALUE_CHARS) {
            let length = text.chars().count();
            if length > MAX_VALUE_CHARS {
                findings.push(Finding::new(
                    entry.value_span,
                    format!("metadata value of {} is {length} characters; at most {MAX_VALUE_CHARS} are allowed", quote(key)),
                ));
            }
        }
    }
}
