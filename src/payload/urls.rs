//! The URL of a raw request, as far as the source says it — its static text and whether it
//! names Dodo's API — in a form every front-end builds from its own syntax.

pub(crate) use super::UrlHost;
#[cfg(test)]
use crate::span::Span;

pub(crate) use crate::facts::dodo_hosts::DODO_HOST;

/// The endpoints whose bodies are checkout-session payloads.
const ENDPOINTS: &[&str] = &["/checkouts", "/checkouts/preview"];

/// How deep constants built from constants are followed.
pub(crate) const MAX_DEPTH: usize = 8;

/// The known text of a string expression, with a hole where a part is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlText {
    text: String,
    /// The text, or a constant or environment variable it is built from, names Dodo.
    dodo: bool,
    /// The host, from the literal that writes `scheme://host`.
    host: Option<UrlHost>,
}

const HOLE: char = '\u{0}';

impl UrlText {
    /// Literal text, written in the string literal at `literal`.
    pub(crate) fn literal(text: &str, literal: crate::span::Span) -> Self {
        Self {
            dodo: text.contains(DODO_HOST),
            host: host_of(text).map(|name| UrlHost { name, literal }),
            text: text.to_string(),
        }
    }

    /// A part whose text is not known; `dodo` when its name says it is Dodo's (an environment
    /// variable whose name mentions DODO).
    pub(crate) fn hole(dodo: bool) -> Self {
        Self {
            text: HOLE.to_string(),
            dodo,
            host: None,
        }
    }

    /// The environment variable `name`, as a part of a URL.
    pub(crate) fn env(name: &str) -> Self {
        Self::hole(name.to_ascii_uppercase().contains("DODO"))
    }

    /// This part followed by `next`.
    pub(crate) fn then(self, next: Self) -> Self {
        Self {
            text: self.text + &next.text,
            dodo: self.dodo || next.dodo,
            host: self.host.or(next.host),
        }
    }

    /// One of two values (`a ?? b`, `a if c else b`): the text of whichever has one; Dodo's
    /// when either is.
    pub(crate) fn either(left: Self, right: Self) -> Self {
        let dodo = left.dodo || right.dodo;
        let (text, host) = if left.text.chars().all(|c| c == HOLE) {
            (right.text, right.host)
        } else {
            (left.text, left.host)
        };
        Self { text, dodo, host }
    }

    /// True when the text, or a constant or environment variable it is built from, names Dodo.
    pub(crate) fn names_dodo(&self) -> bool {
        self.dodo
    }

    /// One of two values chosen by a condition (`a if c else b`, a function's returns): Dodo's
    /// only when both are — a helper that returns Dodo's URL for one provider and another's
    /// for the rest says nothing of a call.
    pub(crate) fn one_of(left: Self, right: Self) -> Self {
        let dodo = left.dodo && right.dodo;
        Self {
            dodo,
            ..Self::either(left, right)
        }
    }

    /// The host the request goes to, when the URL's text starts with it.
    pub(crate) fn host(&self) -> Option<&UrlHost> {
        self.host.as_ref()
    }

    /// True for a POST target that is Dodo's checkout-session endpoint.
    pub(crate) fn is_dodo_checkouts(&self) -> bool {
        self.dodo && self.is_checkouts()
    }

    /// The path of a URL of the app itself (`/api/checkout`, no host, no part not known), without
    /// its query, fragment and trailing slash.
    pub(crate) fn app_path(&self) -> Option<&str> {
        if self.text.contains(HOLE) || !self.text.starts_with('/') || self.text.starts_with("//") {
            return None;
        }
        let path = self.text.split(['?', '#']).next().unwrap_or_default();
        Some(match path.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        })
    }

    /// True when the URL's path ends with a checkout-session endpoint, whoever's host it is.
    pub(crate) fn is_checkouts(&self) -> bool {
        let tail = self.text.rsplit(HOLE).next().unwrap_or_default();
        let path = tail.split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_end_matches('/');
        ENDPOINTS.iter().any(|endpoint| path.ends_with(endpoint))
    }
}

/// The host of an absolute URL's text (`https://user@Host:443/x` → `host`), lower case.
fn host_of(text: &str) -> Option<String> {
    let (_, rest) = text.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = host.split(':').next().unwrap_or_default();
    (!host.is_empty()).then(|| host.trim_end_matches('.').to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_from_the_literal_that_writes_them() {
        assert_eq!(
            host_of("https://API.dodopayments.com/checkouts").as_deref(),
            Some("api.dodopayments.com")
        );
        assert_eq!(
            host_of("https://u:p@test.dodopayments.com:443").as_deref(),
            Some("test.dodopayments.com")
        );
        assert_eq!(host_of("/checkouts"), None);
        let base = UrlText::literal("https://api.dodopayments.com", Span::new(10, 30));
        let url = base.then(UrlText::literal("/checkouts", Span::new(50, 12)));
        assert_eq!(
            url.host().map(|h| (h.name.as_str(), h.literal)),
            Some(("api.dodopayments.com", Span::new(10, 30)))
        );
        assert!(url.is_dodo_checkouts());
    }
}
