//! `invalid-addons`: addons where the API refuses them (one-time and usage-based products,
//! on-demand subscriptions) or addon ids the product does not offer.

use super::{Context, Finding, Findings};
use crate::analysis::is_usage_based;
use crate::text::quote;

declare_rule!(
    InvalidAddons,
    "invalid-addons",
    Error,
    "addons on a product that is not a subscription, on a usage-based product or with on_demand, or an addon the product does not offer.", needs = [Catalogue]);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    let on_demand = session
        .subscription_data
        .seen()
        .and_then(|s| s.on_demand.seen());
    for (index, item) in session.items().iter().enumerate() {
        let Some(addons) = item.addons.seen().filter(|a| !a.value.is_empty()) else {
            continue;
        };
        let product = ctx.cart.products.get(index).copied().flatten();
        if let Some(on_demand) = on_demand {
            findings.push(
                Finding::new(
                    addons.span,
                    "addons are not allowed with on-demand subscriptions",
                )
                .label(on_demand.span, "on-demand subscription here"),
            );
            continue;
        }
        let Some(product) = product else { continue };
        let name = quote(product.display_name());
        if !product.is_subscription() {
            findings.push(
                Finding::new(addons.span, format!("addons are only valid for subscription products; {name} is a one-time product"))
                    .help("remove addons, or sell the addon as its own cart line"),
            );
        } else if is_usage_based(product) {
            findings.push(Finding::new(
                addons.span,
                format!("addons are not supported for usage-based product {name}"),
            ));
        } else if let Some(offered) = &product.addons {
            for addon in &addons.value {
                let Some(id) = addon.addon_id.get() else {
                    continue;
                };
                if !offered.iter().any(|o| o == id.value) {
                    findings.push(
                        Finding::new(
                            id.span,
                            format!("product {name} does not offer addon {}", quote(id.value)),
                        )
                        .help(if offered.is_empty() {
                            "this product has no addons".to_string()
                        } else {
                            format!("its addons: {}", offered.join(", "))
                        }),
                    );
                }
            }
        }
    }
}
