//! `rejected-by-adapter`: a value the API would take that an adapter's own validator refuses:
//! `null` through Dodo's Convex component (`@dodopayments/convex` 0.2.15), whose validator
//! makes every optional field `v.optional(...)`, which accepts a missing field, never `null`.

use super::{Context, Finding, Findings};
use crate::tree::{Node, Value};

declare_rule!(
    RejectedByAdapter,
    "rejected-by-adapter",
    Error,
    "A value the adapter's own validator refuses before the request: null through @dodopayments/convex (its fields are v.optional, not nullable).", on = Adapter);

/// How many nodes are visited at most: a payload is far smaller; a pathological one stops here.
const MAX_NODES: usize = 1 << 14;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(site) = ctx
        .adapter
        .filter(|site| site.adapter.rejects_unknown_keys_and_null())
    else {
        return;
    };
    let Some(root) = ctx.tree else {
        return;
    };
    let (package, version) = site.adapter.package();
    // An explicit stack: the tree's depth is the file's, bounded, but not ours to trust.
    let mut stack: Vec<(&Node<'_>, Option<&str>)> = vec![(root, None)];
    let mut visited = 0;
    while let Some((node, key)) = stack.pop() {
        visited += 1;
        if visited > MAX_NODES {
            break;
        }
        match &node.value {
            Value::Null => {
                let field = key.map_or_else(|| "a value".to_string(), |k| format!("\"{k}\""));
                findings.push(
                    Finding::new(
                        node.span,
                        format!(
                            "null for {field} is rejected by {package}'s validator (its fields are v.optional: missing is allowed, null is not), so the checkout action throws"
                        ),
                    )
                    .label(site.method, format!("validated by {package} {version}"))
                    .help("leave the field out instead of sending null"),
                );
            }
            Value::Object(members, _) => {
                stack.extend(members.iter().rev().map(|m| (&m.value, Some(m.key))));
            }
            Value::Array(items, _) => stack.extend(items.iter().rev().map(|item| (item, key))),
            _ => {}
        }
    }
}
