//! `unknown-adapter-endpoint`: a call through Dodo's better-auth plugin that names no endpoint
//! (`authClient.dodopayments.checkout.session(...)`): better-auth's client turns any member
//! chain into a request, so it compiles in JavaScript and fails with a 404 when it runs.

use super::{Context, Finding, Findings};
use crate::facts::adapters::Adapter;

declare_rule!(
    UnknownAdapterEndpoint,
    "unknown-adapter-endpoint",
    Error,
    "authClient.dodopayments.checkout.session(...) calls an endpoint the better-auth plugin does not have: use checkoutSession(...).", on = Adapter);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(site) = ctx.adapter.filter(|site| site.adapter.has_no_endpoint()) else {
        return;
    };
    let (package, version) = site.adapter.package();
    findings.push(
        Finding::new(
            site.method,
            format!(
                "{}(...) posts to /dodopayments/checkout/session, which {package} {version} does not define: the request fails with 404",
                site.adapter.written()
            ),
        )
        .help(format!(
            "did you mean {}(...)?",
            Adapter::BetterAuthSession.written()
        )),
    );
}
