//! Just enough URL parsing to judge redirect and font URLs: scheme and host of an absolute URL
//! (RFC 3986 shape), without pulling in a full URL crate.
//!
//! Not `fluent-uri`, though jsonschema already builds it: it holds a URL to RFC 3986/3987 to the
//! letter, and would call invalid what a browser (and Dodo's validator, `new URL()` behind zod's
//! `.url()`) accepts, such as `?session={ID}` or `a|b` in a path, or userinfo holding an `@`
//! (the host follows the last one, as in a browser). `http::Uri` is as strict, and only built
//! with the `cli` feature; the bindings lint too.

use super::local_host::is_local_host;

/// The parts of an absolute URL the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Url<'a> {
    /// As written; compare with [`Url::has_scheme`].
    pub scheme: &'a str,
    pub host: &'a str,
}

impl Url<'_> {
    /// Schemes are case-insensitive (RFC 3986 §3.1).
    pub(crate) fn has_scheme(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// Whether the host names this machine (see [`is_local_host`]): where plain http is fine
    /// for development.
    pub(crate) fn is_local(&self) -> bool {
        is_local_host(self.host)
    }
}

/// Parses `scheme://[userinfo@]host[:port][/path][?query][#fragment]`, or says why not.
///
/// Works on bytes: every delimiter is ASCII, so each cut lands on a character boundary. Two
/// rules parse every redirect URL of every payload, so this stays allocation-free, and plain
/// loops beat a SIMD search's setup on strings this short.
pub(crate) fn parse(text: &str) -> Result<Url<'_>, String> {
    // Printable ASCII (the usual URL) needs no per-character Unicode lookups. A fold rather
    // than `all`: no early exit, so it vectorises.
    let printable_ascii = text
        .bytes()
        .fold(true, |ok, b| ok & matches!(b, b'!'..=b'~'));
    if !printable_ascii && text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it contains spaces or control characters".into());
    }
    let Some((scheme, rest)) = split_scheme(text) else {
        return Err("it has no scheme such as https://".into());
    };
    let scheme_ok = scheme
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return Err(format!("{scheme:?} is not a URL scheme"));
    }
    // The authority ends at the path, query or fragment; userinfo ends at its last `@`.
    let (mut authority_end, mut userinfo_end) = (rest.len(), None);
    for (index, byte) in rest.bytes().enumerate() {
        match byte {
            b'/' | b'?' | b'#' => {
                authority_end = index;
                break;
            }
            b'@' => userinfo_end = Some(index),
            _ => {}
        }
    }
    let host_port = &rest[userinfo_end.map_or(0, |at| at + 1)..authority_end];
    let host_end = if host_port.starts_with('[') {
        host_port
            .bytes()
            .position(|b| b == b']')
            .map_or(host_port.len(), |end| end + 1)
    } else {
        host_port
            .bytes()
            .position(|b| b == b':')
            .unwrap_or(host_port.len())
    };
    let (host, port) = host_port.split_at(host_end);
    if host.is_empty() {
        return Err("it has no host".into());
    }
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    if !port_ok {
        return Err(format!("{port:?} is not a port"));
    }
    Ok(Url { scheme, host })
}

/// `text.split_once("://")` without a substring searcher's setup: the first `:` of a URL is
/// almost always its scheme's.
fn split_scheme(text: &str) -> Option<(&str, &str)> {
    let colon = text.bytes().position(|b| b == b':')?;
    if text.as_bytes()[colon..].starts_with(b"://") {
        Some((&text[..colon], &text[colon + 3..]))
    } else {
        text.split_once("://")
    }
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
        assert!(
            parse("mailto:x@y.z?a=http://example.com")
                .is_err_and(|e| e.contains("mailto:x@y.z?a=http"))
        );
        assert!(parse("HTTP://Shop.LOCALHOST:3000").unwrap().is_local());
        let with_userinfo = parse("https://user:pw@a@shop.example.com:8443/x@y?q=@#@").unwrap();
        assert_eq!(with_userinfo.host, "shop.example.com");
        assert_eq!(
            parse("https://example.com?next=a@b").unwrap().host,
            "example.com"
        );
        assert!(!parse("http://notlocalhost").unwrap().is_local());
    }

    #[test]
    fn local_hosts_through_userinfo_and_ports() {
        let local = |text: &str| parse(text).is_ok_and(|url| url.is_local());
        for text in [
            "http://localhost",
            "http://localhost:8080/done",
            "http://127.0.0.1:3000",
            "http://[::1]:3000/x",
            "http://LOCALHOST./done",
            "https://a@127.0.0.1",
            "http://user:pw@localhost:1/",
            "http://evil.example@localhost/",
        ] {
            assert!(local(text), "{text}");
        }
        for text in [
            "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0:8080/",
            "http://localhost@evil.example/",
            "http://127.0.0.1.example/",
            "http://localhost:x/",
        ] {
            assert!(!local(text), "{text}");
        }
    }
}
