//! JSON pointers (RFC 6901): finding the pointer of a span in the tree, and showing a pointer
//! the way people write paths (`product_cart[0].quantity`).

use std::fmt::Write;

use crate::span::Span;
use crate::tree::{Node, Value};
use std::borrow::Cow;

/// The pointer to the deepest value whose span contains `span`. A span inside a key gives the
/// pointer of that member. `""` (the root) when nothing deeper contains it.
pub(crate) fn pointer_of(root: &Node<'_>, span: Span) -> String {
    let mut pointer = String::new();
    let mut node = root;
    'descend: loop {
        match &node.value {
            Value::Object(members, _) => {
                // Members are in source order and do not overlap: binary search, so a finding
                // in an object of 200,000 members costs 18 steps, not 200,000.
                let index = members.partition_point(|member| member.span().end() < span.end());
                match members.get(index) {
                    Some(member) if member.span().contains(span) => {
                        pointer.push('/');
                        pointer.push_str(&escape_pointer_segment(member.key));
                        if !member.value.span.contains(span) {
                            return pointer;
                        }
                        node = &member.value;
                        continue 'descend;
                    }
                    _ => return pointer,
                }
            }
            Value::Array(items, _) => {
                // Items are in source order: binary search by position.
                let index = items.partition_point(|item| item.span.end() < span.end());
                match items.get(index) {
                    Some(item) if item.span.contains(span) => {
                        // Writing to a String cannot fail.
                        let _ = write!(pointer, "/{index}");
                        node = item;
                    }
                    _ => return pointer,
                }
            }
            _ => return pointer,
        }
    }
}

/// [`pointer_of`] for trees whose values may come from anywhere in the host file (a member
/// assigned below an object literal): the path to the deepest member or item whose span
/// contains `span`, found by walking the tree, not by position. Source payloads are small.
pub(crate) fn pointer_in(root: &Node<'_>, span: Span) -> String {
    let pointer = pointer_by_containment(root, span);
    if !pointer.is_empty() || root.span.contains(span) {
        return pointer;
    }
    // A value written elsewhere than its container (a helper's parameter bound to the call's
    // argument): found by searching the tree, within a bound.
    let mut path = Vec::new();
    let mut budget = MAX_SEARCH;
    if search(root, span, &mut path, &mut budget) {
        return path.concat();
    }
    pointer
}

/// The most nodes [`search`] visits.
const MAX_SEARCH: usize = 1 << 14;

/// Depth first, the last member first (an assigned member replaces a literal's): true when a
/// node under `node` holds `span`, with the path to it in `path`.
fn search(node: &Node<'_>, span: Span, path: &mut Vec<String>, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match &node.value {
        Value::Object(members, _) => {
            for member in members.iter().rev() {
                path.push(format!("/{}", escape_pointer_segment(member.key)));
                if member.value.span.contains(span)
                    || member.key_span == span
                    || search(&member.value, span, path, budget)
                {
                    return true;
                }
                path.pop();
            }
            false
        }
        Value::Array(items, _) => {
            for (index, item) in items.iter().enumerate() {
                path.push(format!("/{index}"));
                if item.span.contains(span) || search(item, span, path, budget) {
                    return true;
                }
                path.pop();
            }
            false
        }
        _ => false,
    }
}

fn pointer_by_containment(root: &Node<'_>, span: Span) -> String {
    let mut pointer = String::new();
    let mut node = root;
    'descend: loop {
        match &node.value {
            Value::Object(members, _) => {
                // The last member that holds the span: an assigned member replaces a literal's.
                for member in members.iter().rev() {
                    if member.key_span.contains(span) || member.value.span.contains(span) {
                        pointer.push('/');
                        pointer.push_str(&escape_pointer_segment(member.key));
                        if !member.value.span.contains(span) {
                            return pointer;
                        }
                        node = &member.value;
                        continue 'descend;
                    }
                }
                return pointer;
            }
            Value::Array(items, _) => {
                match items.iter().position(|item| item.span.contains(span)) {
                    Some(index) => {
                        // Writing to a String cannot fail.
                        let _ = write!(pointer, "/{index}");
                        node = &items[index];
                    }
                    None => return pointer,
                }
            }
            _ => return pointer,
        }
    }
}

/// The node whose span is exactly `span`, found by the same descent as [`pointer_of`].
pub(crate) fn node_at<'t, 's>(root: &'t Node<'s>, span: Span) -> Option<&'t Node<'s>> {
    let mut node = root;
    loop {
        if node.span == span {
            return Some(node);
        }
        node = match &node.value {
            Value::Object(members, _) => {
                let index = members.partition_point(|m| m.span().end() < span.end());
                &members
                    .get(index)
                    .filter(|m| m.value.span.contains(span))?
                    .value
            }
            Value::Array(items, _) => {
                let index = items.partition_point(|item| item.span.end() < span.end());
                items.get(index).filter(|item| item.span.contains(span))?
            }
            _ => return None,
        };
    }
}

/// `"/product_cart/0/quantity"` → `product_cart[0].quantity`; the root reads `the payload`.
pub(crate) fn display_path(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the payload".into();
    }
    let mut path = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = unescape_pointer_segment(segment);
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            path.push_str(&format!("[{segment}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&segment);
        }
    }
    path
}

/// The value a pointer names, if any.
pub fn value_at<'t, 's>(root: &'t Node<'s>, pointer: &str) -> Option<&'t Node<'s>> {
    let mut node = root;
    for segment in pointer.split('/').skip(1) {
        let segment = unescape_pointer_segment(segment);
        node = match &node.value {
            Value::Object(_, _) => node.get(&segment)?,
            Value::Array(items, _) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// The object member a (non-root) pointer names, if any: its key span is where an unknown or
/// duplicate key is reported.
pub fn member_at<'t, 's>(root: &'t Node<'s>, pointer: &str) -> Option<&'t crate::tree::Member<'s>> {
    let (parent, key) = pointer.rsplit_once('/')?;
    let key = unescape_pointer_segment(key);
    value_at(root, parent)?.member(&key)
}

/// RFC 6901: `~` → `~0`, `/` → `~1`. Borrowed when there is nothing to escape (nearly always).
pub(crate) fn escape_pointer_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains(['~', '/']) {
        Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// RFC 6901 in reverse: `~1` → `/`, then `~0` → `~`.
pub(crate) fn unescape_pointer_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

#[cfg(test)]
mod tests {

    /// Tests keep their trees for the whole test: the arena is leaked.
    fn parse(text: &str) -> Result<crate::tree::Node<'_>, crate::tree::SyntaxError> {
        crate::tree::parse(text, Box::leak(Box::default()))
    }
    use super::*;

    #[test]
    fn finds_values_members_and_items() {
        let text = r#"{"a/b": [1, {"q": 2}], "c": true}"#;
        let root = parse(text).unwrap();
        let at = |needle: &str| {
            let offset = text.find(needle).unwrap();
            pointer_of(&root, Span::new(offset, needle.len()))
        };
        assert_eq!(at("2"), "/a~1b/1/q");
        assert_eq!(at("\"q\""), "/a~1b/1/q");
        assert_eq!(at("1"), "/a~1b/0");
        assert_eq!(at("true"), "/c");
        assert_eq!(pointer_of(&root, root.span), "");
    }

    #[test]
    fn displays_paths_for_people() {
        assert_eq!(
            display_path("/product_cart/0/quantity"),
            "product_cart[0].quantity"
        );
        assert_eq!(display_path("/metadata/a~1b"), "metadata.a/b");
        assert_eq!(display_path(""), "the payload");
    }
}
