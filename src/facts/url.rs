//! Just enough URL parsing to judge redirect and font URLs: scheme and host of an absolute URL
//! (RFC 3986 shape), without pulling in a full URL crate.

/// The parts of an absolute URL the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    /// As written; compare with [`Url::has_scheme`].
    pub scheme: &'a str,
    pub host: &'a str,
}

impl Url<'_> {
    /// Schemes are case-insensitive (RFC 3986 §3.1).
    pub fn has_scheme(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// localhost, 127.0.0.0/8 and [::1]: where plain http is fine for development.
    pub fn is_local(&self) -> bool {
        let host = self.host.to_ascii_lowercase();
        host == "localhost"
            || host.ends_with(".localhost")
            || host.starts_with("127.")
            || host == "[::1]"
    }
}

/// Parses `scheme://[userinfo@]host[:port][/path][?query][#fragment]`, or says why not.
pub fn parse(text: &str) -> Result<Url<'_>, String> {
    // Printable ASCII (the usual URL) needs no per-character Unicode lookups.
    let printable_ascii = text.bytes().all(|b| b.is_ascii_graphic());
    if !printable_ascii && text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it contains spaces or control characters".into());
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err("it has no scheme such as https://".into());
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Err(format!("{scheme:?} is not a URL scheme"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port
            .find(']')
            .map_or(host_port, |end| &host_port[..=end])
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err("it has no host".into());
    }
    let port = host_port.get(host.len()..).unwrap_or_default();
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    if !port_ok {
        return Err(format!("{port:?} is not a port"));
    }
    Ok(Url { scheme, host })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_absolute_urls() {
        let url = parse("https://shop.example.com:8443/done?x=1").unwrap();
        assert_eq!((url.scheme, url.host), ("https", "shop.example.com"));
        assert!(parse("HTTPS://example.com").unwrap().has_scheme("https"));
        assert!(parse("http://localhost:3000/x").unwrap().is_local());
        assert!(parse("http://[::1]/").unwrap().is_local());
        assert!(parse("return_url").is_err());
        assert!(parse("/checkout/done").is_err());
        assert!(parse("https:///path").is_err());
        assert!(parse("https://exa mple.com").is_err());
        assert!(parse("https://example.com:80a/").is_err());
        assert!(parse("https://[::1]é/").is_err());
        assert!(parse("https://[::1").is_ok_and(|u| u.host == "[::1"));
    }
}
