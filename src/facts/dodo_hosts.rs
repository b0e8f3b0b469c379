//! Dodo's hosts: which one is its API.

/// Every Dodo host is under this domain.
pub(crate) const DODO_HOST: &str = "dodopayments.com";

/// The hosts of Dodo's API: live mode and test mode. Any other host of [`DODO_HOST`] (its
/// website, dashboard or docs) answers a POST to `/checkouts` with no checkout session.
pub(crate) const API_HOSTS: &[&str] = &["live.dodopayments.com", "test.dodopayments.com"];

/// A host of Dodo's that is not its API: `api.dodopayments.com`, `dodopayments.com` …
/// (`host` lower case, as [`crate::payload::UrlHost`] holds it).
pub(crate) fn is_dodo_but_not_api(host: &str) -> bool {
    let dodo = host == DODO_HOST
        || host
            .strip_suffix(DODO_HOST)
            .is_some_and(|sub| sub.ends_with('.'));
    dodo && !API_HOSTS.contains(&host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_live_and_test_are_the_api() {
        assert!(is_dodo_but_not_api("api.dodopayments.com"));
        assert!(is_dodo_but_not_api("dodopayments.com"));
        assert!(!is_dodo_but_not_api("live.dodopayments.com"));
        assert!(!is_dodo_but_not_api("test.dodopayments.com"));
        assert!(!is_dodo_but_not_api("notdodopayments.com"));
        assert!(!is_dodo_but_not_api("dodopayments.com.evil.example"));
    }
}
