//! `no-post-on-handler`: `.POST` (or `{ POST } =`) of what `Checkout()` of `@dodopayments/nextjs`
//! returns. It returns one function, `(req) => Promise<NextResponse>`, that serves GET and POST
//! itself (0.3.9, `dist/checkout/checkout.d.ts`): `.POST` is `undefined`, so the route exports
//! no handler and Next.js answers 405.

use super::{Context, Finding, Findings};
use crate::payload::adapter_body::Misuse;

declare_rule!(
    NoPostOnHandler,
    "no-post-on-handler",
    Error,
    "`.POST` of what Checkout() of @dodopayments/nextjs returns: it is one function, not an object of methods, so the route has no handler.", on = Adapter);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(site) = ctx.adapter.filter(|site| site.misuse == Some(Misuse::PostMember)) else {
        return;
    };
    let (package, version) = site.adapter.package();
    findings.push(
        Finding::new(
            site.method,
            format!(
                "Checkout() of {package} {version} returns one handler function, which has no POST or GET: this is undefined"
            ),
        )
        .help("export the handler itself: export const POST = Checkout({ type: 'session', … })"),
    );
}
