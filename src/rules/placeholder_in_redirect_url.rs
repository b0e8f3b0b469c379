//! `placeholder-in-redirect-url`: Stripe's `{CHECKOUT_SESSION_ID}` placeholder in a redirect
//! URL, which Dodo sends to the customer's browser as written.

use super::{Context, Finding, Findings};
use crate::span::Span;

declare_rule!(
    PlaceholderInRedirectUrl,
    "placeholder-in-redirect-url",
    Warning,
    "return_url or cancel_url holds Stripe's {CHECKOUT_SESSION_ID} placeholder, which Dodo never substitutes."
);

/// The name inside Stripe's placeholder, written `{CHECKOUT_SESSION_ID}` or percent-encoded
/// (`%7BCHECKOUT_SESSION_ID%7D`, as a URL builder writes it).
const NAME: &str = "CHECKOUT_SESSION_ID";

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    for (field, url) in session.redirect_urls() {
        if find_placeholder(url.value).is_none() {
            continue;
        }
        let help = if field == "return_url" {
            "Dodo appends payment_id (or subscription_id) and status to return_url as query parameters: read those instead"
        } else {
            "Dodo sends the customer to cancel_url as written: drop the placeholder"
        };
        findings.push(
            Finding::new(
                placeholder_span(ctx, url.span),
                format!("{field} holds Stripe's {{{NAME}}} placeholder, which Dodo never replaces"),
            )
            .help(help),
        );
    }
}

/// Where the placeholder is in `text`: its offset and length.
fn find_placeholder(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // Nearly every URL has no `C` after its scheme's: one byte search says so before a
    // substring searcher is built (its setup cost more than the rest of this rule).
    memchr::memchr(b'C', bytes)?;
    text.match_indices(NAME).find_map(|(at, _)| {
        let end = at + NAME.len();
        if bytes.get(at.checked_sub(1)?) == Some(&b'{') && bytes.get(end) == Some(&b'}') {
            return Some((at - 1, NAME.len() + 2));
        }
        let open = bytes.get(at.checked_sub(3)?..at)?;
        let close = bytes.get(end..end + 3)?;
        (open.eq_ignore_ascii_case(b"%7B") && close.eq_ignore_ascii_case(b"%7D"))
            .then_some((at - 3, NAME.len() + 6))
    })
}

/// The placeholder's own bytes where the string is written without escapes before it, else
/// the whole string.
fn placeholder_span(ctx: &Context<'_>, string: Span) -> Span {
    ctx.source
        .text()
        .get(string.range())
        .and_then(find_placeholder)
        .map_or(string, |(at, len)| Span::new(string.start() + at, len))
}

#[cfg(test)]
mod tests {
    use super::find_placeholder;

    #[test]
    fn finds_the_placeholder_written_or_percent_encoded() {
        assert_eq!(find_placeholder("https://a.b/?s={CHECKOUT_SESSION_ID}"), Some((15, 21)));
        assert_eq!(find_placeholder("https://a.b/?s=%7bCHECKOUT_SESSION_ID%7D"), Some((15, 25)));
        assert_eq!(find_placeholder("https://a.b/?s=CHECKOUT_SESSION_ID"), None);
        assert_eq!(find_placeholder("https://a.b/?s={checkout_session_id}"), None);
        assert_eq!(find_placeholder("{CHECKOUT_SESSION_ID"), None);
    }
}
