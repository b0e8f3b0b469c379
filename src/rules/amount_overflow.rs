//! `amount-overflow`: quantities so large that a line or the cart total exceeds the API's 32-bit
//! amounts.

use super::{Context, Finding, Findings};
use crate::analysis::line_total;
use crate::text::quote;

declare_rule!(
    AmountOverflow,
    "amount-overflow",
    Error,
    "A line or the cart total exceeds the largest amount a payment can carry (2147483647 minor units; needs catalogue prices).", needs = [Catalogue], on = Catalogue);

const MAX_AMOUNT: i64 = i32::MAX as i64;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let mut running: i64 = 0;
    for (item, product) in ctx.items_with_products() {
        let (Some(product), Some(quantity)) = (product, item.quantity.get()) else {
            continue;
        };
        let Some(line) = line_total(item, product).filter(|l| *l >= 0) else {
            continue;
        };
        let before = running;
        running = running.saturating_add(line);
        if running > MAX_AMOUNT {
            let what = if before == 0 || line > MAX_AMOUNT {
                format!(
                    "{} × {} alone",
                    quantity.value,
                    quote(product.display_name())
                )
            } else {
                "the cart total".to_string()
            };
            findings.push(
                Finding::new(
                    quantity.span,
                    format!("{what} comes to {running} minor units, more than a payment can carry ({MAX_AMOUNT})"),
                )
                .help("the API rejects this with a 422 asking for a smaller quantity; split the order"),
            );
            return;
        }
    }
}
