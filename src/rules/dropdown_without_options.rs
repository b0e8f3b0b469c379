//! `dropdown-without-options`: a dropdown custom field with no options to choose from.

use super::{Context, Finding, Findings};

declare_rule!(
    DropdownWithoutOptions,
    "dropdown-without-options",
    Error,
    "A custom field of type dropdown has no options."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(fields) = ctx.session.and_then(|s| s.custom_fields.seen()) else {
        return;
    };
    for field in &fields.value {
        let is_dropdown = field
            .field_type
            .get()
            .is_some_and(|t| t.value == "dropdown");
        // Certainly none: not written, or an empty list with nothing hidden.
        let no_options =
            field.options.is_absent() || field.options.whole().is_some_and(|o| o.value.is_empty());
        if is_dropdown && no_options {
            findings.push(
                Finding::new(field.span, "a dropdown custom field needs options")
                    .help("add \"options\": [\"…\", \"…\"]"),
            );
        }
    }
}
