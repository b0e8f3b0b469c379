//! `zero-quantity`: a cart item with quantity 0 or below.

use super::{Context, Finding, Findings};

declare_rule!(ZeroQuantity, "zero-quantity", Error, "A product_cart item has quantity 0 or below; the API requires at least 1.");

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    for quantity in session
        .items()
        .iter()
        .filter_map(|item| item.quantity.get())
    {
        if quantity.value < 1 {
            findings.push(
                Finding::new(
                    quantity.span,
                    format!("quantity must be at least 1, found {}", quantity.value),
                )
                .help("set the number of units to sell, or remove the item from product_cart"),
            );
        }
    }
}
