//! `too-many-custom-fields`: more than 5 custom fields.

use super::{Context, Finding, Findings};

declare_rule!(
    TooManyCustomFields,
    "too-many-custom-fields",
    Error,
    "custom_fields holds more than 5 fields."
);

const MAX_FIELDS: usize = 5;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(fields) = ctx.session.and_then(|s| s.custom_fields.seen()) else {
        return;
    };
    let written = ctx.array_items(fields.span);
    if let Some(extra) = written.get(MAX_FIELDS) {
        findings.push(
            Finding::new(
                fields.span,
                format!(
                    "custom_fields holds {} fields; at most {MAX_FIELDS} are allowed",
                    written.len()
                ),
            )
            .label(extra.span, format!("field {} is here", MAX_FIELDS + 1)),
        );
    }
}
