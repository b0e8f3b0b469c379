//! [`Account`]: what the rules know of the Dodo account beyond the payload. Its own module so
//! that rules (which read it) and the config (which reads it from `[account]`, and checks rule
//! names against the rules) do not import each other.

use serde::Deserialize;

/// Facts about the Dodo account that the payload cannot show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Whether adaptive pricing is enabled for the business; `None` when not configured.
    pub adaptive_pricing: Option<bool>,
}
