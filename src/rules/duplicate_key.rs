//! `duplicate-key`: the same key twice in one object.

use smallvec::SmallVec;

use super::{Context, Finding, Findings};
use crate::span::Span;
use crate::text::quote;
use crate::tree::{Member, Node, Value};

declare_rule!(DuplicateKey, "duplicate-key", Error, "An object has the same key twice; the server keeps only one of the values.");

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(tree) = ctx.tree else { return };
    // An explicit stack: the tree is at most MAX_DEPTH deep, but wide trees are common.
    // Only containers are pushed: scalars cannot hold duplicates.
    let is_container =
        |node: &&Node<'_>| matches!(node.value, Value::Array(_, _) | Value::Object(_, _));
    // Starts inline: a typical payload nests a handful of containers.
    let mut stack: SmallVec<[&Node<'_>; 16]> = smallvec::smallvec![tree];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Array(items, _) => stack.extend(items.iter().filter(is_container)),
            // Small objects (nearly all of them) compare keys directly: cheaper than hashing.
            Value::Object(members, _) if members.len() <= SMALL => {
                for (index, member) in members.iter().enumerate() {
                    if let Some(first) = members[..index].iter().find(|m| m.key == member.key) {
                        findings.push(finding(member, first.key_span));
                    }
                    if is_container(&&member.value) {
                        stack.push(&member.value);
                    }
                }
            }
            Value::Object(members, _) => {
                // Sorted by key, then position: duplicates sit together, the first written
                // first. Cheaper than hashing every key, and O(n log n) however wide.
                let mut keys: Vec<(&str, usize)> = members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.key, i))
                    .collect();
                keys.sort_unstable();
                for run in keys.chunk_by(|a, b| a.0 == b.0) {
                    let first = &members[run[0].1];
                    for &(_, later) in &run[1..] {
                        findings.push(finding(&members[later], first.key_span));
                    }
                }
                stack.extend(members.iter().map(|m| &m.value).filter(is_container));
            }
            _ => {}
        }
    }
}

/// Objects up to this many members are checked pairwise instead of with a hash map.
const SMALL: usize = 16;

fn finding(member: &Member<'_>, first: Span) -> Finding {
    Finding::new(
        member.key_span,
        format!(
            "duplicate key {}: the server silently keeps only one of the values",
            quote(member.key)
        ),
    )
    .label(first, "first defined here")
    .help("remove one of the two members")
}
