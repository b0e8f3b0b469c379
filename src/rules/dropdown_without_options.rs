//! `dropdown-without-options`: a dropdown custom field with no options to choose from.

use super::{Context, Finding, Findings};

declare_rule!(
    DropdownWithoutOptions,
    "dropdown-without-options",
    Error,
    "A custom field of type dropdown has no options."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(fields) = ctx.session.and_then(|s| s.custom_fields.as_ref()) else {
        return;
    };
    for field in &fields.value {
        let is_dropdown = field.field_type.is_some_and(|t| t.value == "dropdown");
        let has_options = field.options.as_ref().is_some_and(|o| !o.value.is_empty());
        if is_dropdown && !has_options {
            findings.push(
                Finding::new(field.span, "a dropdown custom field needs options")
                    .help("add \"options\": [\"…\", \"…\"]"),
            );
        }
    }
}
