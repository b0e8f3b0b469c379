//! The API key: read from the SDKs' variable, sent only in the `Authorization` header, and kept
//! out of everything the tool prints (its `Debug` hides it, and text an API answered with is
//! scrubbed of it before it is shown).

use std::borrow::Cow;
use std::fmt;

use crate::environment::Environment;

/// The variable the official SDKs read the key from.
pub(super) const KEY_VARIABLE: &str = "DODO_PAYMENTS_API_KEY";

pub(super) struct ApiKey(String);

impl ApiKey {
    /// The key from [`KEY_VARIABLE`]; the message says how to set it, never what it holds.
    pub(super) fn from_env(environment: Environment) -> Result<Self, String> {
        let not_set = || {
            format!(
                "{KEY_VARIABLE} is not set: export a {environment} API key (Dodo dashboard → \
                 Developer → API Keys); the key is never taken from a flag"
            )
        };
        match std::env::var(KEY_VARIABLE) {
            Err(std::env::VarError::NotPresent) => Err(not_set()),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(format!("{KEY_VARIABLE} is not valid text"))
            }
            Ok(key) if key.trim().is_empty() => Err(not_set()),
            Ok(key) => Self::new(key).ok_or_else(|| {
                format!(
                    "{KEY_VARIABLE} holds characters an HTTP header cannot carry (a stray space \
                     or newline?)"
                )
            }),
        }
    }

    /// A key made of visible ASCII only (what a header can carry); `None` otherwise.
    pub(super) fn new(key: String) -> Option<Self> {
        let trimmed = key.trim();
        let visible = !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_graphic());
        visible.then(|| Self(trimmed.to_string()))
    }

    /// The `Authorization` header's value.
    pub(super) fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }

    /// Whether `bytes` hold the key (the bearer header value holds it too, so this finds both).
    pub(super) fn occurs_in(&self, bytes: &[u8]) -> bool {
        memchr::memmem::find(bytes, self.0.as_bytes()).is_some()
    }

    /// Whether any string or member name in `value` holds the key.
    pub(super) fn occurs_in_value(&self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        let mut pending = vec![value];
        while let Some(value) = pending.pop() {
            match value {
                Value::String(text) if text.contains(&self.0) => return true,
                Value::Array(items) => pending.extend(items),
                Value::Object(members) => {
                    for (name, member) in members {
                        if name.contains(&self.0) {
                            return true;
                        }
                        pending.push(member);
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// `text` with every occurrence of the key replaced, for text a server sent back.
    pub(super) fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if text.contains(&self.0) {
            Cow::Owned(text.replace(&self.0, "[API key]"))
        } else {
            Cow::Borrowed(text)
        }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(hidden)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows() {
        let key = ApiKey::new("  sk_test_123\n".to_string()).unwrap();
        assert_eq!(key.bearer(), "Bearer sk_test_123");
        assert_eq!(format!("{key:?}"), "ApiKey(hidden)");
        assert_eq!(key.scrub("bad key sk_test_123!"), "bad key [API key]!");
        assert!(ApiKey::new("two words".into()).is_none());
        assert!(ApiKey::new(" ".into()).is_none());
        assert!(key.occurs_in(b"{\"name\": \"Bearer sk_test_123\"}"));
        assert!(!key.occurs_in(b"sk_test_12"));
        let echoed = serde_json::json!({"a": [1, {"sk_test_123x": 0}]});
        assert!(key.occurs_in_value(&echoed));
        assert!(!key.occurs_in_value(&serde_json::json!({"a": ["sk_test_12"]})));
    }
}
