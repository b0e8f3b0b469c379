//! `saved-methods-for-new-customer`: saved payment methods shown to a customer that is always new.

use super::{Context, Finding, Findings};

declare_rule!(
    SavedMethodsForNewCustomer,
    "saved-methods-for-new-customer",
    Warning,
    "show_saved_payment_methods is true while always_create_new_customer is true: a new customer has no saved methods."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    let (Some(show), Some(always_new)) = (
        session.show_saved_payment_methods.get(),
        session.flag("always_create_new_customer").get(),
    ) else {
        return;
    };
    if show.value && always_new.value {
        findings.push(
            Finding::new(
                show.span,
                "show_saved_payment_methods has no effect for a newly created customer",
            )
            .label(always_new.span, "a new customer is created every time")
            .help("saved methods belong to returning customers; drop one of the two settings"),
        );
    }
}
