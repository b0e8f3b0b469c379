//! `invalid-suppression`: a `checkout-lint-disable-…` comment names a rule that does not exist.
//!
//! The engine reads suppression comments before the rules run and reports this itself (a
//! suppression applies to every rule, so it is not one rule's business); its check does nothing.

use super::{Context, Findings};

declare_rule!(InvalidSuppression, "invalid-suppression", Warning, "A checkout-lint-disable comment names a rule that does not exist, so it silences nothing.", on = Never);

fn check(_ctx: &Context<'_>, _findings: &mut Findings<'_>) {}
