//! The Dodo API as `catalogue pull` uses it: authenticated JSON GETs, each with a timeout,
//! retried by [`super::retry`], and every way one can fail said in words.
//!
//! A server is not trusted to be reasonable: one answer is read up to [`MAX_BODY`], all answers
//! of a pull together up to the pull's byte budget, and every request (retries and their waits
//! included) must end before the pull's deadline. An answer that carries the API key back is
//! refused, so that the key never reaches the catalogue or a message.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::retry;
use super::secret::ApiKey;
use crate::environment::Environment;

/// The largest single answer read: a page of 100 products, or one product's details, is tens
/// of KiB; 4 MiB leaves room for long descriptions and metadata, not for a flood.
pub(super) const MAX_BODY: u64 = 4 << 20;

/// How much one read of an answer takes at most (and so by how much a budget is overshot).
const CHUNK: usize = 64 << 10;

/// What one pull may cost, whatever the server does.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Bytes read from the API in all (`--max-bytes`), every answer's body counted.
    pub max_bytes: u64,
    /// Time for the whole pull (`--deadline`), from the first request to the last.
    pub deadline: Duration,
}

pub(super) struct Api {
    agent: ureq::Agent,
    base: String,
    key: ApiKey,
    environment: Environment,
    timeout: Duration,
    limits: Limits,
    /// When the pull must be over.
    ends: Instant,
    /// Body bytes read so far, by every worker.
    read: AtomicU64,
}

/// Why a GET gave no JSON.
#[derive(Debug)]
pub(super) enum Failure {
    /// 401 or 403: the key is wrong for this environment.
    Rejected(u16),
    /// 404.
    NotFound,
    /// Any other answer that is not a success, with the server's message when it gave one.
    Status(u16, Option<String>),
    /// No answer within the timeout, on every try.
    Timeout,
    /// No connection, or it broke.
    Network(String),
    /// An answer that is not JSON.
    NotJson,
    /// One answer longer than [`MAX_BODY`].
    TooLarge,
    /// The pull's byte budget is spent.
    OverBudget,
    /// The pull's deadline passed.
    Deadline,
    /// A successful answer that holds the API key (a server that reflects the
    /// `Authorization` header): refused, never shown.
    EchoedKey,
}

impl Api {
    /// A client for `base` (already checked by [`super::base_url`]); the deadline starts now.
    pub(super) fn new(
        base: String,
        key: ApiKey,
        environment: Environment,
        timeout: Duration,
        limits: Limits,
    ) -> Self {
        let ends = Instant::now() + limits.deadline;
        // A stand-in server on this machine must not be reached through a proxy.
        let proxy = if super::base_url::is_loopback(&base) {
            None
        } else {
            ureq::Proxy::try_from_env()
        };
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            // The API does not redirect; following one would only lead somewhere unexpected.
            .max_redirects(0)
            .proxy(proxy)
            .user_agent(concat!("checkout-lint/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Self {
            agent,
            base,
            key,
            environment,
            timeout,
            limits,
            ends,
            read: AtomicU64::new(0),
        }
    }

    /// Whether `bytes` (something about to be written or shown) holds the API key.
    pub(super) fn echoes_key(&self, bytes: &[u8]) -> bool {
        self.key.occurs_in(bytes)
    }

    /// Time left before the deadline; `None` once it has passed.
    fn remaining(&self) -> Option<Duration> {
        self.ends
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
    }

    /// Counts `bytes` more read against the budget.
    fn charge(&self, bytes: usize) -> Result<(), Failure> {
        let bytes = bytes as u64;
        let total = self.read.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if total > self.limits.max_bytes {
            return Err(Failure::OverBudget);
        }
        Ok(())
    }

    pub(super) fn environment(&self) -> Environment {
        self.environment
    }

    /// `GET {base}{path}?{query}` as JSON, tried up to [`retry::ATTEMPTS`] times.
    pub(super) fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, Failure> {
        let mut attempt = 1;
        loop {
            let (failure, wish) = match self.get_once(path, query) {
                Ok(value) => return Ok(value),
                Err(failed) => failed,
            };
            let retryable = match &failure {
                Failure::Status(status, _) => retry::is_retryable(*status),
                Failure::Timeout | Failure::Network(_) => true,
                _ => false,
            };
            if !retryable || attempt >= retry::ATTEMPTS {
                return Err(failure);
            }
            let pause = retry::delay(attempt, wish);
            if self.remaining().is_none_or(|left| left <= pause) {
                return Err(Failure::Deadline);
            }
            std::thread::sleep(pause);
            attempt += 1;
        }
    }

    /// One try; a failure comes with the server's `Retry-After`, when it sent one.
    fn get_once(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Value, (Failure, Option<Duration>)> {
        let Some(left) = self.remaining() else {
            return Err((Failure::Deadline, None));
        };
        // The request may take `--timeout`, or what is left of the pull when that is less.
        let cut_short = left < self.timeout;
        let timeout = |failure: Failure| match failure {
            Failure::Timeout if cut_short => Failure::Deadline,
            other => other,
        };
        let mut request = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", self.key.bearer())
            .header("Accept", "application/json");
        for (name, value) in query {
            request = request.query(*name, value);
        }
        let request = request
            .config()
            .timeout_global(Some(self.timeout.min(left)))
            .build();
        let mut response = request
            .call()
            .map_err(|err| (timeout(self.transport(err)), None))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
        };
        let wish = retry::retry_after(
            header("retry-after-ms").as_deref(),
            header("retry-after").as_deref(),
        );
        let body = self
            .read_body(&mut response)
            .map_err(|failure| (timeout(failure), wish))?;
        match status {
            200..=299 => {
                if self.key.occurs_in(&body) {
                    return Err((Failure::EchoedKey, None));
                }
                let value: Value =
                    serde_json::from_slice(&body).map_err(|_| (Failure::NotJson, None))?;
                // The key written with JSON escapes (`\u0073k_...`) is the key once read.
                if self.key.occurs_in_value(&value) {
                    return Err((Failure::EchoedKey, None));
                }
                Ok(value)
            }
            401 | 403 => Err((Failure::Rejected(status), None)),
            404 => Err((Failure::NotFound, None)),
            _ => Err((Failure::Status(status, self.server_message(&body)), wish)),
        }
    }

    /// The answer's body, at most [`MAX_BODY`] bytes, each byte counted against the budget as
    /// it arrives (so that workers reading at once cannot together pass it by much).
    fn read_body(
        &self,
        response: &mut ureq::http::Response<ureq::Body>,
    ) -> Result<Vec<u8>, Failure> {
        if response
            .body()
            .content_length()
            .is_some_and(|length| length > MAX_BODY)
        {
            return Err(Failure::TooLarge);
        }
        let mut reader = response.body_mut().with_config().reader();
        let mut body = Vec::new();
        let mut chunk = vec![0; CHUNK];
        loop {
            let read = match reader.read(&mut chunk) {
                Ok(0) => return Ok(body),
                Ok(read) => read,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(self.transport(ureq::Error::from(err))),
            };
            self.charge(read)?;
            if (body.len() + read) as u64 > MAX_BODY {
                return Err(Failure::TooLarge);
            }
            body.extend_from_slice(&chunk[..read]);
        }
    }

    fn transport(&self, err: ureq::Error) -> Failure {
        match err {
            ureq::Error::Timeout(_) => Failure::Timeout,
            ureq::Error::Io(err) if err.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout,
            other => Failure::Network(self.key.scrub(&other.to_string()).into_owned()),
        }
    }

    /// The `message` of Dodo's error body (`{"code": ..., "message": ...}`), one line: the key
    /// is redacted from the whole message first, then it is escaped, and only then shortened
    /// (cutting first could leave part of the key where the redaction no longer sees it).
    fn server_message(&self, body: &[u8]) -> Option<String> {
        let value: Value = serde_json::from_slice(body).ok()?;
        let message = value.get("message")?.as_str()?;
        let scrubbed = self.key.scrub(message);
        Some(shorten(&crate::text::escape_line(&scrubbed), MAX_MESSAGE))
    }

    /// What went wrong with `GET {path}`, in a sentence.
    pub(super) fn describe(&self, path: &str, failure: &Failure) -> String {
        let env = self.environment;
        match failure {
            Failure::Rejected(status) => format!(
                "the API key was rejected for {env} ({status} on GET {path}): check that \
                 DODO_PAYMENTS_API_KEY is a {env} key"
            ),
            Failure::NotFound => {
                format!("GET {path} answered 404 Not Found (is --base-url right?)")
            }
            Failure::Status(status, message) => {
                let tries = if retry::is_retryable(*status) {
                    format!(" after {} tries", retry::ATTEMPTS)
                } else {
                    String::new()
                };
                match message {
                    Some(message) => format!("GET {path} answered {status}{tries}: {message}"),
                    None => format!("GET {path} answered {status}{tries}"),
                }
            }
            Failure::Timeout => format!(
                "GET {path} timed out after {} s, {} tries (--timeout sets the limit)",
                self.timeout.as_secs(),
                retry::ATTEMPTS
            ),
            Failure::Network(err) => format!(
                "could not reach {} for GET {path} ({} tries): {err}",
                self.base,
                retry::ATTEMPTS
            ),
            Failure::NotJson => format!("GET {path} answered with something that is not JSON"),
            Failure::TooLarge => format!(
                "GET {path} answered with more than {} MiB, the most one answer may hold; stopped",
                MAX_BODY >> 20
            ),
            Failure::OverBudget => format!(
                "the API sent more than {} bytes in all (at GET {path}), the pull's budget \
                 (--max-bytes); stopped",
                self.limits.max_bytes
            ),
            Failure::Deadline => format!(
                "the pull did not finish within {} s (at GET {path}; --deadline sets the limit); \
                 stopped",
                self.limits.deadline.as_secs()
            ),
            Failure::EchoedKey => format!(
                "GET {path} answered with the API key in its content: the server echoed the \
                 Authorization header back; refusing to write it anywhere"
            ),
        }
    }
}

/// The most characters of a server's message shown.
const MAX_MESSAGE: usize = 300;

/// `text` cut to `max` characters, with `…` when it was longer.
fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let mut short: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_message_is_redacted_before_it_is_shortened() {
        let key = "sk_test_0123456789abcdefghijklmnopqrstuvw";
        let limits = Limits {
            max_bytes: 1 << 20,
            deadline: Duration::from_secs(5),
        };
        let api = Api::new(
            "http://127.0.0.1:9".into(),
            ApiKey::new(key.into()).unwrap(),
            Environment::TestMode,
            Duration::from_secs(1),
            limits,
        );
        for filler in 250..=300 {
            let message = format!("{} {key} \u{1b}[2J end", "x".repeat(filler));
            let body = serde_json::json!({ "message": message }).to_string();
            let shown = api.server_message(body.as_bytes()).unwrap();
            assert!(shown.chars().count() <= MAX_MESSAGE + 1, "{shown}");
            for start in 0..key.len() - 6 {
                assert!(!shown.contains(&key[start..start + 6]), "{filler}: {shown}");
            }
            assert!(!shown.contains('\u{1b}'), "{shown}");
        }
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
    }
}
