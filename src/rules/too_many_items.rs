//! `too-many-items`: more than 20 products in the cart.

use super::{Context, Finding, Findings};

declare_rule!(
    TooManyItems,
    "too-many-items",
    Error,
    "product_cart holds more than 20 products."
);

/// "A cart holds at most 20 of them" (PyPI SDK 1.123.0).
const MAX_ITEMS: usize = 20;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(cart) = ctx.session.and_then(|s| s.product_cart.seen()) else {
        return;
    };
    let written = ctx.array_items(cart.span);
    if let Some(first_extra) = written.get(MAX_ITEMS) {
        findings.push(
            Finding::new(
                cart.span,
                format!(
                    "product_cart holds {} products; a cart holds at most {MAX_ITEMS}",
                    written.len()
                ),
            )
            .label(first_extra.span, format!("product {} is here", MAX_ITEMS + 1))
            .help("split the order into several checkout sessions, or merge repeated products into one line with a larger quantity"),
        );
    }
}
