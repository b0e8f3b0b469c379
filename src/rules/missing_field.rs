//! `missing-field`: a required key is absent.

use super::{Context, Finding, Findings};
use crate::pointer::display_path;
use crate::schema::ViolationKind;

declare_rule!(MissingField, "missing-field", Error, "A field the API requires is missing (product_cart, product_id, quantity, country, email …).", on = Violations);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    for violation in ctx.violations {
        let ViolationKind::MissingField { object, field } = &violation.kind else {
            continue;
        };
        // A customer without email or customer_id is invalid-customer's to explain.
        if violation.pointer == "/customer" && field == "email" {
            continue;
        }
        let place = if violation.pointer.is_empty() {
            "the checkout session".to_string()
        } else {
            display_path(&violation.pointer)
        };
        // A named file that is not a checkout payload at all (data, tool config): say so,
        // rather than ask for a field it was never meant to have.
        let not_a_payload = violation.pointer.is_empty()
            && ctx
                .tree
                .is_some_and(|root| !crate::payload::detect::is_payload_tree(root));
        // Through the better-auth plugin a slug of the server's products stands for the cart.
        let own_keys = ctx.adapter.map_or(&[][..], |site| site.adapter.own_keys());
        let help = if violation.pointer.is_empty()
            && field == crate::payload::CART_KEY
            && own_keys.contains(&"slug")
        {
            format!(
                "add \"slug\" (one of the server's checkout products) or \"{field}\": the server answers \"Neither product_cart nor slug was provided\""
            )
        } else if not_a_payload {
            format!(
                "add \"{field}\" — or, if this file is not a checkout payload, leave it out: `checkout-lint .` skips JSON that does not look like one"
            )
        } else {
            format!("add \"{field}\"")
        };
        findings.push(
            Finding::new(
                *object,
                format!("{place} is missing the required field \"{field}\""),
            )
            .help(help),
        );
    }
}
