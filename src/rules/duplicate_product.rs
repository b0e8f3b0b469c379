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
    // Per product: its lines and summed quantity, in one pass (linear even for a cart of one
    // product repeated thousands of times). Reported once per product, at its second line.
    let mut lines: HashMap<&str, Lines> = HashMap::new();
    let mut order = Vec::new();
    for (index, item) in session.items().iter().enumerate() {
        let Some(id) = item.product_id else { continue };
        let quantity = item.quantity.map(|q| q.value);
        let entry = lines.entry(id.value).or_insert_with(|| {
            order.push(id.value);
            Lines {
                first: id.span,
                second: None,
                count: 0,
                total: Some(0),
            }
        });
        entry.count += 1;
        if entry.count == 2 {
            entry.second = Some((index, id.span));
        }
        entry.total = entry
            .total
            .zip(quantity)
            .and_then(|(a, b)| a.checked_add(b));
    }
    for id in order {
        let Some(entry) = lines.get(id) else { continue };
        let Some((_, second)) = entry.second else {
            continue;
        };
        let times = if entry.count == 2 {
            "twice".to_string()
        } else {
            format!("{} times", entry.count)
        };
        let finding = Finding::new(
            second,
            format!("product {} is in the cart {times}", quote(id)),
        )
        .label(entry.first, "first added here");
        findings.push(match entry.total {
            Some(total) => finding.help(format!(
                "use one line: {{\"product_id\": {}, \"quantity\": {total}}}",
                quote(id)
            )),
            None => finding.help("use one line with the summed quantity"),
        });
    }
}

struct Lines {
    first: crate::span::Span,
    second: Option<(usize, crate::span::Span)>,
    count: usize,
    total: Option<i64>,
}
