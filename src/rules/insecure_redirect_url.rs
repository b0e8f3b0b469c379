//! `insecure-redirect-url`: a plain-http redirect to a host other than localhost.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::NodeFix;
use crate::facts::url::parse;
use crate::text::quote;

declare_rule!(
    InsecureRedirectUrl,
    "insecure-redirect-url",
    Warning,
    "return_url or cancel_url uses http: on a host other than localhost.",
    fix = [Unsafe]
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    for (field, url) in session.redirect_urls() {
        // Only an http: URL can be insecure; the usual https: one needs no parse.
        let plain_http = url
            .value
            .get(..5)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("http:"));
        if !plain_http {
            continue;
        }
        let Ok(parsed) = parse(url.value) else {
            continue;
        };
        if !parsed.has_scheme("http") || parsed.is_local() {
            continue;
        }
        let after_scheme = url.value.get(parsed.scheme.len()..).unwrap_or_default();
        let secure = format!("https{after_scheme}");
        findings.push(
            Finding::new(url.span, format!("{field} {} uses plain http", quote(url.value)))
                .help("Dodo appends payment_id, status and the customer's email to this URL; send it over https")
                .fix(NodeFix::set_string(
                    "use https",
                    Applicability::Unsafe,
                    url.span,
                    secure,
                )),
        );
    }
}
