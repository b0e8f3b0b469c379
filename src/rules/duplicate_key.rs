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
                // Keys are compared by a word-sized summary first: nearly every pair differs
                // there, so a string comparison is made only for likely duplicates.
                let mut seen = [0u64; SMALL];
                for (index, member) in members.iter().enumerate() {
                    let summary = summary(member.key);
                    // A scan of words (vectorised); the keys only when a summary matches.
                    let first = seen[..index]
                        .contains(&summary)
                        .then(|| members[..index].iter().find(|m| m.key == member.key))
                        .flatten();
                    seen[index] = summary;
                    if let Some(first) = first {
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

/// A key's length and its first, middle and last bytes: equal keys have equal summaries.
fn summary(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let byte = |index: usize| bytes.get(index).copied().map_or(0, u64::from);
    let last = bytes.len().saturating_sub(1);
    (bytes.len() as u64) << 24 | byte(0) << 16 | byte(last / 2) << 8 | byte(last)
}

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
