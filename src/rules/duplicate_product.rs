//! `duplicate-product`: the same `product_id` on two cart lines.

use std::collections::HashMap;

use super::{Context, Finding};
use crate::text::quote;

declare_rule!(
    DuplicateProduct,
    "duplicate-product",
    Warning,
    "The same product_id appears on two cart lines; one line with the summed quantity is what was meant."
);

fn check(ctx: &Context<'_>, findings: &mut Vec<Finding>) {
    let Some(session) = ctx.session else { return };
    let mut first_line = HashMap::new();
    for (index, item) in session.items().iter().enumerate() {
        let Some(id) = item.product_id else { continue };
        let Some(&first) = first_line.get(id.value) else {
            first_line.insert(id.value, index);
            continue;
        };
        let items = session.items();
        let quantities: Option<i64> = items
            .iter()
            .filter(|other| other.product_id.is_some_and(|p| p.value == id.value))
            .map(|other| other.quantity.map(|q| q.value))
            .sum();
        let mut finding = Finding::new(
            id.span,
            format!("product {} is already in the cart", quote(id.value)),
        );
        if let Some(first_id) = items[first].product_id {
            finding = finding.label(first_id.span, "first added here");
        }
        finding = match quantities {
            Some(total) => finding.help(format!(
                "use one line: {{\"product_id\": {}, \"quantity\": {total}}}",
                quote(id.value)
            )),
            None => finding.help("use one line with the summed quantity"),
        };
        findings.push(finding);
    }
}
