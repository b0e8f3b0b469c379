//! `mixed-cart`: subscription products mixed with one-time products, or a subscription cart
//! with more than one product.

use super::{Context, Finding, Findings};
use crate::catalogue::Product;
use crate::model::ProductItem;
use crate::text::quote;

declare_rule!(MixedCart, "mixed-cart", Error, "The cart mixes subscription and one-time products, or holds more than one product when one is a subscription (needs the catalogue).", needs = [Catalogue], on = Catalogue);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let (Some(session), Some(catalogue)) = (ctx.session, ctx.catalogue) else {
        return;
    };
    let items = session.items();
    if items.len() < 2 {
        return;
    }
    let product_of = |item: &ProductItem<'_>| -> Option<&Product> {
        catalogue.get(item.product_id.get()?.value)
    };
    // The first subscription anchors the cart; every other item conflicts with it.
    let Some((anchor_index, anchor)) = items.iter().enumerate().find_map(|(index, item)| {
        product_of(item)
            .filter(|product| product.is_subscription())
            .map(|product| (index, product))
    }) else {
        return;
    };
    let anchor_item = &items[anchor_index];
    let anchor_name = quote(anchor.display_name());
    for (index, item) in items.iter().enumerate() {
        if index == anchor_index {
            continue;
        }
        let message = match product_of(item) {
            Some(product) if product.is_subscription() => format!(
                "a second subscription product {} in a cart with subscription {anchor_name}: a subscription checkout holds one product",
                quote(product.display_name())
            ),
            Some(product) => format!(
                "one-time product {} cannot be mixed with subscription product {anchor_name} in one checkout session",
                quote(product.display_name())
            ),
            None => format!(
                "a cart with subscription product {anchor_name} can hold no other product"
            ),
        };
        findings.push(
            Finding::new(item.span, message)
                .label(anchor_item.span, format!("subscription product {anchor_name}"))
                .help("create a separate checkout session for this product; if your account uses Dodo's mixed checkout (v1.67.0), set mixed-cart = \"off\""),
        );
    }
}
