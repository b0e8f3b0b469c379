//! `deprecated-adapter-checkout`: `authClient.dodopayments.checkout(...)`, the better-auth
//! plugin's deprecated endpoint, which makes a payment link rather than a checkout session.

use super::{Context, Finding, Findings};

declare_rule!(
    DeprecatedAdapterCheckout,
    "deprecated-adapter-checkout",
    Warning,
    "authClient.dodopayments.checkout is deprecated in @dodopayments/better-auth: it makes a legacy payment link; use checkoutSession.", on = Adapter);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(site) = ctx.adapter else {
        return;
    };
    let Some(instead) = site.adapter.replaced_by() else {
        return;
    };
    let (package, version) = site.adapter.package();
    findings.push(
        Finding::new(
            site.method,
            format!(
                "{} is deprecated in {package} {version}: it makes a payment link through the legacy dynamic checkout (billing and customer required), not a checkout session",
                site.adapter.written()
            ),
        )
        .help(format!(
            "call {}(...) with the checkout-session fields and a slug (or a product_cart); it answers {{ url, redirect }} the same way",
            instead.written()
        )),
    );
}
