//! `invalid-redirect-url`: `return_url` / `cancel_url` that is not an absolute http(s) URL.

use super::{Context, Finding, Findings};
use crate::facts::url::{Url, parse};
use crate::text::quote;

declare_rule!(
    InvalidRedirectUrl,
    "invalid-redirect-url",
    Error,
    "return_url or cancel_url is not an absolute http(s) URL, so the redirect after checkout cannot work."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    for (field, url) in session.redirect_urls() {
        let problem = match parse(url.value) {
            Ok(Url { scheme, .. }) if scheme == "http" || scheme == "https" => continue,
            Ok(Url { scheme, .. }) => {
                format!("uses the {scheme}: scheme; a browser redirect needs http(s)")
            }
            Err(reason) => reason,
        };
        findings.push(
            Finding::new(
                url.span,
                format!(
                    "{field} {} is not an absolute URL: {problem}",
                    quote(url.value)
                ),
            )
            .help("use a full URL such as \"https://example.com/checkout/done\""),
        );
    }
}
