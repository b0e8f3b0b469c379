//! The Dodo API as `catalogue pull` uses it: authenticated JSON GETs, each with a timeout,
//! retried by [`super::retry`], and every way one can fail said in words.

use std::time::Duration;

use serde_json::Value;

use super::retry;
use super::secret::ApiKey;
use crate::environment::Environment;

/// The largest answer read (a page of 100 products is well under 1 MiB).
const MAX_BODY: u64 = 16 << 20;

pub struct Api {
    agent: ureq::Agent,
    base: String,
    key: ApiKey,
    environment: Environment,
    timeout: Duration,
}

/// Why a GET gave no JSON.
#[derive(Debug)]
pub enum Failure {
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
}

impl Api {
    /// A client for `base` (already checked by [`super::base_url`]).
    pub fn new(base: String, key: ApiKey, environment: Environment, timeout: Duration) -> Self {
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
        }
    }

    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// `GET {base}{path}?{query}` as JSON, tried up to [`retry::ATTEMPTS`] times.
    pub fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, Failure> {
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
            std::thread::sleep(retry::delay(attempt, wish));
            attempt += 1;
        }
    }

    /// One try; a failure comes with the server's `Retry-After`, when it sent one.
    fn get_once(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Value, (Failure, Option<Duration>)> {
        let mut request = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", self.key.bearer())
            .header("Accept", "application/json");
        for (name, value) in query {
            request = request.query(*name, value);
        }
        let mut response = request.call().map_err(|err| (self.transport(err), None))?;
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
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_string()
            .map_err(|err| (self.transport(err), wish))?;
        match status {
            200..=299 => serde_json::from_str(&body).map_err(|_| (Failure::NotJson, None)),
            401 | 403 => Err((Failure::Rejected(status), None)),
            404 => Err((Failure::NotFound, None)),
            _ => Err((Failure::Status(status, self.server_message(&body)), wish)),
        }
    }

    fn transport(&self, err: ureq::Error) -> Failure {
        match err {
            ureq::Error::Timeout(_) => Failure::Timeout,
            ureq::Error::Io(err) if err.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout,
            other => Failure::Network(self.key.scrub(&other.to_string()).into_owned()),
        }
    }

    /// The `message` of Dodo's error body (`{"code": ..., "message": ...}`), one line, scrubbed.
    fn server_message(&self, body: &str) -> Option<String> {
        let value: Value = serde_json::from_str(body).ok()?;
        let message = value.get("message")?.as_str()?;
        let line: String = message.chars().take(300).collect();
        Some(crate::text::escape_line(&self.key.scrub(&line)).into_owned())
    }

    /// What went wrong with `GET {path}`, in a sentence.
    pub fn describe(&self, path: &str, failure: &Failure) -> String {
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
        }
    }
}
