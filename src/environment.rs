//! [`Environment`]: Dodo's two API environments. Test-mode and live-mode accounts hold
//! different products, so a catalogue belongs to one of them.

use std::fmt;

/// One of Dodo's API environments, named as the SDKs name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Environment {
    TestMode,
    LiveMode,
}

impl Environment {
    /// Every environment, in the order the SDKs list them (the first is their default).
    pub const ALL: [Environment; 2] = [Environment::TestMode, Environment::LiveMode];

    /// The SDKs' name: `test_mode` or `live_mode`.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::TestMode => "test_mode",
            Environment::LiveMode => "live_mode",
        }
    }

    /// The API's host for this environment (the SDKs' `environment` option).
    pub fn base_url(self) -> &'static str {
        match self {
            Environment::TestMode => "https://test.dodopayments.com",
            Environment::LiveMode => "https://live.dodopayments.com",
        }
    }

    /// Reads an SDK name; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|env| env.as_str() == name)
    }

    /// "expected test_mode or live_mode", for messages about a wrong name.
    pub fn expected() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|env| env.as_str()).collect();
        format!("expected {}", names.join(" or "))
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
