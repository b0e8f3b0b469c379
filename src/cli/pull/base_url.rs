//! Where the API is: `--base-url`, else `DODO_PAYMENTS_BASE_URL` (the SDKs' variable), else the
//! environment's host. The key only travels over https, or plain http to this machine (a
//! stand-in server for tests).

use crate::environment::Environment;
use crate::facts::local_host::is_loopback_host;

/// The SDKs' variable for another address.
pub(super) const BASE_URL_VARIABLE: &str = "DODO_PAYMENTS_BASE_URL";

/// The base URL to use, without a trailing slash.
pub(super) fn resolve(flag: Option<&str>, environment: Environment) -> Result<String, String> {
    let from_env = std::env::var(BASE_URL_VARIABLE)
        .ok()
        .filter(|v| !v.is_empty());
    let chosen = flag
        .map(str::to_string)
        .or(from_env)
        .unwrap_or_else(|| environment.base_url().to_string());
    let trimmed = chosen.trim().trim_end_matches('/').to_string();
    let shown = crate::text::escape_line(&trimmed).into_owned();
    let uri: ureq::http::Uri = trimmed
        .parse()
        .map_err(|_| format!("the base URL {shown:?} is not a URL"))?;
    if uri.host().is_none() || uri.query().is_some() {
        return Err(format!(
            "the base URL {shown:?} needs a scheme and a host, and no query"
        ));
    }
    match uri.scheme_str() {
        Some("https") => Ok(trimmed),
        Some("http") if is_loopback(&trimmed) => Ok(trimmed),
        Some("http") => Err(format!(
            "refusing to send the API key over plain http to {shown}; use https"
        )),
        _ => Err(format!("the base URL {shown:?} must start with https://")),
    }
}

/// Whether the URL's host is this machine, by an address or `localhost` itself (one judgement
/// with the redirect rules, without the `*.localhost` names a resolver answers:
/// [`is_loopback_host`]).
pub(super) fn is_loopback(url: &str) -> bool {
    url.parse::<ureq::http::Uri>()
        .is_ok_and(|uri| uri.host().is_some_and(is_loopback_host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_this_machine_only() {
        let test = Environment::TestMode;
        assert_eq!(
            resolve(Some("https://x.example/"), test).unwrap(),
            "https://x.example"
        );
        assert_eq!(
            resolve(Some("http://127.0.0.1:8080/api/"), test).unwrap(),
            "http://127.0.0.1:8080/api"
        );
        assert!(resolve(Some("http://[::1]:9/"), test).is_ok());
        assert!(resolve(Some("http://localhost:9"), test).is_ok());
        assert!(
            resolve(Some("http://api.example"), test)
                .unwrap_err()
                .contains("plain http")
        );
        assert!(resolve(Some("ftp://x.example"), test).is_err());
        assert!(resolve(Some("not a url"), test).is_err());
        assert!(!is_loopback("http://127.0.0.1.example"));
        assert!(is_loopback("http://a@127.0.0.1:9/"));
        assert!(is_loopback("http://LOCALHOST.:9/"));
        assert!(!is_loopback("http://[::ffff:127.0.0.1]:9/"));
        assert!(!is_loopback("http://0.0.0.0:9/"));
        assert!(
            resolve(Some("http://0.0.0.0:9"), test)
                .unwrap_err()
                .contains("plain http")
        );
    }
}
