//! `unknown-product`: a `product_id` the catalogue does not have, or has only as archived.

use super::{Context, Finding, Findings};
use crate::suggest::closest;
use crate::text::quote;

declare_rule!(
    UnknownProduct,
    "unknown-product",
    Error,
    "A product_id that is not in the configured catalogue, or is archived there (needs the catalogue).", needs = [Catalogue], on = Catalogue);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let (Some(session), Some(catalogue)) = (ctx.session, ctx.catalogue) else {
        return;
    };
    for item in session.items() {
        let Some(id) = item.product_id.get() else {
            continue;
        };
        match catalogue.get(id.value) {
            Some(product) if product.archived => {
                let message = format!("product {} is archived", quote(id.value));
                let help = "restore it in the Dodo dashboard, or sell an active product instead";
                findings.push(Finding::new(id.span, message).help(help));
                continue;
            }
            Some(_) => continue,
            None => {}
        }
        let mut finding = Finding::new(
            id.span,
            format!("product {} is not in the catalogue", quote(id.value)),
        );
        finding = match closest(id.value, catalogue.ids()) {
            Some(near) => finding.help(format!("did you mean \"{near}\"?")),
            None => finding.help(
                "check the id in the Dodo dashboard, or refresh the catalogue (checkout-lint catalogue pull)",
            ),
        };
        findings.push(finding);
    }
}
