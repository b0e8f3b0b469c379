//! `request-body-read-twice`: the route reads the request's body (`await req.json()`) and then
//! hands the same request to the handler of `Checkout()` (`@dodopayments/nextjs` 0.3.9), whose
//! first step is `await req.json()` again. A body can be read once: the handler's read throws,
//! and it answers 400 "Invalid JSON body" to every checkout.

use super::{Context, Finding, Findings};
use crate::payload::adapter_body::Misuse;

declare_rule!(
    RequestBodyReadTwice,
    "request-body-read-twice",
    Error,
    "The route reads the request body (await req.json()) before handing the same request to Checkout()'s handler, whose own read then fails.", on = Adapter);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(site) = ctx.adapter else {
        return;
    };
    let Some(Misuse::BodyReadFirst { handed }) = site.misuse else {
        return;
    };
    let (package, version) = site.adapter.package();
    findings.push(
        Finding::new(
            site.method,
            format!(
                "the request body is read here, then the same request is handed to the {package} {version} handler, which reads it again: that read fails and every checkout answers 400 \"Invalid JSON body\""
            ),
        )
        .label(handed, "the handler reads the body again")
        .help("hand over a copy made before reading (req.clone()), or read the copy: (await req.clone().json())"),
    );
}
