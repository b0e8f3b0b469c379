//! `missing-card-fallback`: `allowed_payment_method_types` without `credit` or `debit`.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::{Literal, NodeEdit, NodeFix};

declare_rule!(MissingCardFallback, "missing-card-fallback", Warning, "allowed_payment_method_types lacks \"credit\" or \"debit\", the fallback Dodo says to always provide.",
    fix = [Unsafe]
);

const FALLBACK: [&str; 2] = ["credit", "debit"];

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    // A spread or a method computed at run time may be the fallback.
    let Some(methods) = ctx.payment_methods().whole().copied() else {
        return;
    };
    let missing: Vec<&str> = FALLBACK
        .into_iter()
        .filter(|card| !methods.value.iter().any(|m| m.value == *card))
        .collect();
    if missing.is_empty() {
        return;
    }
    let quoted: Vec<String> = missing.iter().map(|m| format!("\"{m}\"")).collect();
    let listed = quoted.join(" and ");
    let array = methods.span;
    let prepend = NodeEdit::Prepend {
        array,
        items: missing.iter().map(|m| Literal::string(*m)).collect(),
    };
    findings.push(
        Finding::new(
            array,
            format!("allowed_payment_method_types lacks {listed}"),
        )
        .help("Dodo: always provide \"credit\" and \"debit\" as a fallback; if every listed method is unavailable to the customer, the checkout session fails")
        .fix(NodeFix::new(format!("add {listed}"), Applicability::Unsafe).with(prepend)),
    );
}
