//! `empty-cart`: `product_cart: []` outside the product-collection flow.

use super::{Context, Finding, Findings};

declare_rule!(
    EmptyCart,
    "empty-cart",
    Error,
    "product_cart is empty and no product_collection_id lets the customer choose a product."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    // A spread or an unknown item may fill it.
    let Some(cart) = session.product_cart.whole() else {
        return;
    };
    if cart.value.is_empty() && session.product_collection_id.is_absent() {
        findings.push(
            Finding::new(cart.span, "product_cart is empty")
                .help("add the products to sell, or set product_collection_id to let the customer choose from a collection"),
        );
    }
}
