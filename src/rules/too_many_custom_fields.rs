//! `too-many-custom-fields`: more than 5 custom fields.

use super::{Context, Finding};

declare_rule!(
    TooManyCustomFields,
    "too-many-custom-fields",
    Error,
    "custom_fields holds more than 5 fields."
);

const MAX_FIELDS: usize = 5;

fn check(ctx: &Context<'_>, findings: &mut Vec<Finding>) {
    let Some(fields) = ctx.session.and_then(|s| s.custom_fields.as_ref()) else {
        return;
    };
    if let Some(extra) = fields.value.get(MAX_FIELDS) {
        findings.push(
            Finding::new(
                fields.span,
                format!(
                    "custom_fields holds {} fields; at most {MAX_FIELDS} are allowed",
                    fields.value.len()
                ),
            )
            .label(extra.span, "field 6 is here"),
        );
    }
}
