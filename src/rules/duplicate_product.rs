//! `duplicate-product`: the same `product_id` on two cart lines.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(
    DuplicateProduct,
    "duplicate-product",
    Warning,
    "The same product_id appears on two cart lines; one line with the summed quantity is what was meant."
);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(session) = ctx.session else { return };
    let items = session.items();
    if items.len() < 2 {
        return;
    }
    // Lines sorted by product id, then cart position, and grouped: linear memory and n·log n
    // time even for a cart of one product repeated thousands of times. (Unstable sort on a
    // unique key: no scratch buffer the size of the cart.)
    let mut lines: Vec<(&str, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| Some((item.product_id.get()?.value, index)))
        .collect();
    lines.sort_unstable();
    let mut groups: Vec<&[(&str, usize)]> = lines
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
        .collect();
    // Report in cart order.
    groups.sort_by_key(|group| group[1].1);
    for group in groups {
        let id = group[0].0;
        let (Some(first), Some(second)) = (
            items[group[0].1].product_id.get(),
            items[group[1].1].product_id.get(),
        ) else {
            continue;
        };
        let total: Option<i64> = group.iter().try_fold(0_i64, |sum, (_, index)| {
            sum.checked_add(items[*index].quantity.get()?.value)
        });
        let times = if group.len() == 2 {
            "twice".to_string()
        } else {
            format!("{} times", group.len())
        };
        let finding = Finding::new(
            second.span,
            format!("product {} is in the cart {times}", quote(id)),
        )
        .label(first.span, "first added here");
        findings.push(match total {
            Some(total) => finding.help(format!(
                "use one line: {{\"product_id\": {}, \"quantity\": {total}}}",
                quote(id)
            )),
            None => finding.help("use one line with the summed quantity"),
        });
    }
}
