//! `deprecated-discount-code`: the deprecated `discount_code` field.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::{NodeEdit, NodeFix, Wrapper};
use crate::pointer::member_at;

declare_rule!(
    DeprecatedDiscountCode,
    "deprecated-discount-code",
    Info,
    "discount_code is deprecated; use discount_codes (fix: rename and wrap the code in an array).",
    fix = [Safe]
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    // The key is written: its use is certain even when its value is computed at run time.
    if session.discount_code.is_absent() {
        return;
    }
    let Some(member) = ctx.tree.and_then(|root| member_at(root, "/discount_code")) else {
        return;
    };
    let mut finding = Finding::new(
        member.key_span,
        "discount_code is deprecated: use discount_codes",
    );
    // Only when discount_codes is absent: otherwise conflicting-discount-fields applies.
    if session.discount_codes.is_absent()
        && let Some(code) = session.discount_code.get()
    {
        finding = finding.fix(
            NodeFix::new("use discount_codes", Applicability::Safe)
                .with(NodeEdit::RenameKey {
                    key: member.key_span,
                    name: "discount_codes".into(),
                })
                .with(NodeEdit::Wrap {
                    node: code.span,
                    wrapper: Wrapper::Array,
                }),
        );
    }
    findings.push(finding);
}
