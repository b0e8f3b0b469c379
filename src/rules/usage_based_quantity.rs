//! `usage-based-quantity`: a usage-based product with a quantity other than 1.

use super::{Context, Finding, Findings};
use crate::analysis::is_usage_based;
use crate::text::quote;

declare_rule!(
    UsageBasedQuantity,
    "usage-based-quantity",
    Error,
    "A usage-based product has a quantity other than 1 (needs the catalogue).", needs = [Catalogue], on = Catalogue);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    for (item, product) in ctx.items_with_products() {
        let (Some(product), Some(quantity)) = (product, item.quantity.get()) else {
            continue;
        };
        // Quantities below 1 are zero-quantity's business.
        if is_usage_based(product) && quantity.value > 1 {
            findings.push(
                Finding::new(
                    quantity.span,
                    format!(
                        "usage-based product {} allows only quantity 1, found {}",
                        quote(product.display_name()),
                        quantity.value
                    ),
                )
                .help("usage is metered after checkout; set \"quantity\": 1"),
            );
        }
    }
}
