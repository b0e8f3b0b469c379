//! When a failed request is tried again, and how long to wait first: the official SDKs' policy
//! (two retries on 408, 409, 429, 5xx and lost connections; the server's `Retry-After` when it
//! gives a sane one, else exponential backoff with jitter).

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// Tries per request: the first and two retries.
pub(super) const ATTEMPTS: u32 = 3;

/// The longest `Retry-After` honoured; a longer one falls back to the backoff.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
const INITIAL_DELAY: Duration = Duration::from_millis(500);
const MAX_DELAY: Duration = Duration::from_secs(8);

/// Whether an answer with this status is worth trying again.
pub(super) fn is_retryable(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// How long to wait after failed try number `attempt` (1-based), given the server's wish.
pub(super) fn delay(attempt: u32, retry_after: Option<Duration>) -> Duration {
    if let Some(wish) = retry_after.filter(|wish| *wish <= MAX_RETRY_AFTER) {
        return wish;
    }
    let doubled = INITIAL_DELAY.saturating_mul(1 << attempt.saturating_sub(1).min(8));
    let base = doubled.min(MAX_DELAY);
    // Up to a quarter less, so that workers refused together do not return together.
    base.mul_f64(1.0 - 0.25 * jitter())
}

/// `retry-after-ms` (milliseconds) or `retry-after` (seconds); dates are not followed.
pub(super) fn retry_after(millis: Option<&str>, seconds: Option<&str>) -> Option<Duration> {
    let parse = |text: Option<&str>| text?.trim().parse::<f64>().ok().filter(|n| *n >= 0.0);
    parse(millis)
        .map(|ms| Duration::from_secs_f64((ms / 1000.0).min(3600.0)))
        .or_else(|| parse(seconds).map(|s| Duration::from_secs_f64(s.min(3600.0))))
}

/// A number in [0, 1) that differs between calls, from the standard library's random hash keys.
fn jitter() -> f64 {
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backs_off_and_follows_the_server() {
        assert!(is_retryable(429) && is_retryable(503) && !is_retryable(404));
        let first = delay(1, None);
        assert!(first > Duration::from_millis(370) && first <= INITIAL_DELAY);
        assert!(delay(2, None) > first);
        assert!(delay(30, None) <= MAX_DELAY);
        assert_eq!(delay(1, Some(Duration::ZERO)), Duration::ZERO);
        assert!(delay(1, Some(Duration::from_secs(3600))) <= INITIAL_DELAY);
        assert_eq!(retry_after(None, Some("2")), Some(Duration::from_secs(2)));
        assert_eq!(
            retry_after(Some("250"), Some("9")),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            retry_after(None, Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            None
        );
        assert_eq!(retry_after(None, Some("-1")), None);
    }
}
