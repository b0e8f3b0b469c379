//! `addon-editing-without-subscription`: `allow_editing_addons` on a cart without subscriptions.

use super::{Context, Finding, Findings};

declare_rule!(
    AddonEditingWithoutSubscription,
    "addon-editing-without-subscription",
    Warning,
    "feature_flags.allow_editing_addons is true but the cart holds no subscription product (needs the catalogue).", needs = [Catalogue]);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(flag) = ctx
        .session
        .and_then(|s| s.flag("allow_editing_addons").get())
    else {
        return;
    };
    if flag.value && ctx.cart.has_subscription == Some(false) {
        findings.push(
            Finding::new(
                flag.span,
                "allow_editing_addons has no effect: the cart holds no subscription product",
            )
            .help("addons exist only on subscription products; remove the flag"),
        );
    }
}
