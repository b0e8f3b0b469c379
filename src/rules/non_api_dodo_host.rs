//! `non-api-dodo-host`: a raw POST of a checkout session to a Dodo host that is not the API
//! (`api.dodopayments.com`, `dodopayments.com`): the request cannot create a session.

use super::{Context, Finding, Findings};
use crate::facts::dodo_hosts::{API_HOSTS, is_dodo_but_not_api};
use crate::span::Span;
use crate::text::quote;

declare_rule!(
    NonApiDodoHost,
    "non-api-dodo-host",
    Error,
    "A checkout session is posted to a Dodo host that is not the API (the API is live.dodopayments.com or test.dodopayments.com).", on = PostedTo);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(host) = ctx.posted_to.filter(|host| is_dodo_but_not_api(&host.name)) else {
        return;
    };
    findings.push(
        Finding::new(
            host_span(ctx, host.literal, &host.name),
            format!(
                "{} is not Dodo's API: this POST cannot create a checkout session",
                quote(&host.name)
            ),
        )
        .help(format!(
            "post to https://{}/checkouts in live mode or https://{}/checkouts in test mode",
            API_HOSTS[0], API_HOSTS[1]
        )),
    );
}

/// The host's own bytes in the literal that writes it, when written as is (any case); else
/// the literal.
fn host_span(ctx: &Context<'_>, literal: Span, host: &str) -> Span {
    let Some(written) = ctx.source.text().get(literal.range()) else {
        return literal;
    };
    written
        .to_ascii_lowercase()
        .find(&format!("//{host}"))
        .map_or(literal, |at| Span::new(literal.start() + at + 2, host.len()))
}
