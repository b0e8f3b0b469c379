//! `invalid-customer`: a `customer` that is neither variant of the API's untagged union —
//! no `email` and no `customer_id`, or `customer_id` mixed with new-customer fields.

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::{Literal, NodeEdit, NodeFix};
use crate::model::Field;
use crate::span::Span;

declare_rule!(
    InvalidCustomer,
    "invalid-customer",
    Error,
    "customer has neither email (new customer) nor customer_id (existing customer), or mixes the two.",
    fix = [Unsafe]
);


fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(customer) = ctx.session.and_then(|s| s.customer.seen()) else {
        return;
    };
    match customer.customer_id {
        Field::Absent if customer.email.is_absent() => findings.push(
            Finding::new(customer.span, "customer has neither \"email\" nor \"customer_id\"")
                .help("a new customer needs {\"email\": ...}; an existing one is attached with {\"customer_id\": ...}"),
        ),
        Field::Known(id) | Field::Partial(id) => {
            let mixed: Vec<Span> = [customer.email, customer.name, customer.phone_number]
                .into_iter()
                .filter_map(|field| field.get())
                .map(|field| field.span)
                .collect();
            if mixed.is_empty() {
                return;
            }
            let mut finding = Finding::new(
                customer.span,
                "customer mixes customer_id (an existing customer) with new-customer fields",
            )
            .label(id.span, "existing customer")
            .help("the API picks one variant by its keys: keep customer_id alone, or drop it and describe a new customer");
            for span in &mixed {
                finding = finding.label(*span, "new-customer field");
            }
            // Removing the new-customer members keeps what customer_id already says.
            finding = finding.fix(keep_only_customer_id(customer.span, id.span));
            findings.push(finding);
        }
        // An id computed at run time, or a new customer with an email: nothing to say.
        _ => {}
    }
}

/// Rewrites the customer object to `{"customer_id": ...}` with the id's own source text.
fn keep_only_customer_id(object: Span, id: Span) -> NodeFix {
    NodeFix::new("keep only customer_id", Applicability::Unsafe).with(NodeEdit::Set {
        node: object,
        value: Literal::Object(vec![("customer_id".into(), Literal::Copy(id))]),
    })
}
