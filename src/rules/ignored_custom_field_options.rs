//! `ignored-custom-field-options`: `options` on a custom field that is not a dropdown.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(
    IgnoredCustomFieldOptions,
    "ignored-custom-field-options",
    Warning,
    "options on a custom field that is not a dropdown, which the API ignores."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(fields) = ctx.session.and_then(|s| s.custom_fields.seen()) else {
        return;
    };
    for field in &fields.value {
        let (Some(field_type), Some(options)) = (field.field_type.get(), field.options.seen())
        else {
            continue;
        };
        if field_type.value != "dropdown" && !options.value.is_empty() {
            findings.push(
                Finding::new(
                    options.span,
                    format!(
                        "options are ignored for a {} field",
                        quote(field_type.value)
                    ),
                )
                .label(field_type.span, "not a dropdown")
                .help("make the field a dropdown, or remove options"),
            );
        }
    }
}
