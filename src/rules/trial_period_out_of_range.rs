//! `trial-period-out-of-range`: `trial_period_days` outside 0–10000.

use super::{Context, Finding, Findings};

declare_rule!(
    TrialPeriodOutOfRange,
    "trial-period-out-of-range",
    Error,
    "subscription_data.trial_period_days is outside 0 to 10000 days."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(days) = ctx.session.and_then(|s| s.trial_period_days().get()) else {
        return;
    };
    if !(0..=10_000).contains(&days.value) {
        findings.push(
            Finding::new(
                days.span,
                format!(
                    "trial_period_days must be between 0 and 10000, found {}",
                    days.value
                ),
            )
            .help("0 means no trial"),
        );
    }
}
