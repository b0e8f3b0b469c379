//! A payload seen through a helper of another file: `seatCheckout(productId, 0, email)` where
//! the helper returns `{ product_cart: [{ product_id, quantity }], customer: { email } }`. The
//! caller's file knows only its arguments and where the helper places them, so the tree holds
//! those and nothing else: every container is open (what the helper writes itself is not seen
//! here, and is linted in the helper's own file), and only paths the API has are built, so no
//! key of the helper is reported here.

use super::Bound;
use super::neighbours::{HelperShape, Step};
use crate::diagnostic::Label;
use crate::span::Span;
use crate::tree::{Extent, Member, Node, StaticType, Unknown, Value};

/// The payload a call of `shape`'s helper makes, as far as its known arguments go (`values`,
/// by the helper's parameter positions; `None` or an unknown value places nothing), at `span`
/// (the call), with a label for each argument placed at the key the helper writes it under.
/// `None` when no argument is placed.
pub(crate) fn project<'s>(
    shape: &HelperShape,
    values: impl IntoIterator<Item = Option<Node<'s>>>,
    arena: &'s bumpalo::Bump,
    span: Span,
) -> Option<(Node<'s>, Vec<Bound>)> {
    let mut draft = Draft::default();
    let mut bound = Vec::new();
    for (placements, value) in shape.params.iter().zip(values) {
        let Some(value) = value.filter(|value| value.as_unknown().is_none()) else {
            continue;
        };
        for placement in placements {
            if draft.place(&placement.path, value) {
                bound.push(Bound {
                    argument: value.span,
                    label: Label::in_file(
                        placement.written,
                        format!("{} puts the argument here", shape.name),
                        shape.file.clone(),
                        placement.range,
                    ),
                });
            }
        }
    }
    if draft.is_empty() {
        return None;
    }
    Some((draft.build(arena, span), bound))
}

/// The deepest path placed (payloads nest a few levels).
const MAX_PATH: usize = 16;
/// The highest item index placed.
const MAX_INDEX: usize = 100;

#[derive(Default)]
pub(crate) struct Draft<'s> {
    members: Vec<(String, Slot<'s>)>,
}

enum Slot<'s> {
    Object(Draft<'s>),
    Array(Vec<Option<Slot<'s>>>),
    Leaf(Node<'s>),
}

impl<'s> Draft<'s> {
    /// Places `leaf` at `path`; false (nothing placed) for a path the API does not have, or
    /// one that crosses a value already placed.
    pub(crate) fn place(&mut self, path: &[Step], leaf: Node<'s>) -> bool {
        if path.is_empty() || path.len() > MAX_PATH || !api_has(path) {
            return false;
        }
        let Some(Step::Key(key)) = path.first() else {
            return false;
        };
        let slot = match self.members.iter().position(|(k, _)| k == key) {
            Some(at) => &mut self.members[at].1,
            None => {
                let fresh = fresh_slot(path.get(1));
                self.members.push((key.clone(), fresh));
                let last = self.members.len() - 1;
                &mut self.members[last].1
            }
        };
        place_in(slot, &path[1..], leaf)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The tree: containers open, at `span` (the call), keys too.
    pub(crate) fn build(self, arena: &'s bumpalo::Bump, span: Span) -> Node<'s> {
        object(self, arena, span)
    }
}

fn fresh_slot<'s>(next: Option<&Step>) -> Slot<'s> {
    match next {
        Some(Step::Index(_)) => Slot::Array(Vec::new()),
        _ => Slot::Object(Draft::default()),
    }
}

fn place_in<'s>(slot: &mut Slot<'s>, path: &[Step], leaf: Node<'s>) -> bool {
    let Some(step) = path.first() else {
        return match slot {
            // Only an empty container gives way to a value.
            Slot::Object(draft) if draft.members.is_empty() => {
                *slot = Slot::Leaf(leaf);
                true
            }
            _ => false,
        };
    };
    match (slot, step) {
        (Slot::Object(draft), Step::Key(key)) => {
            let at = match draft.members.iter().position(|(k, _)| k == key) {
                Some(at) => at,
                None => {
                    draft.members.push((key.clone(), fresh_slot(path.get(1))));
                    draft.members.len() - 1
                }
            };
            if path.len() == 1 {
                if !matches!(&draft.members[at].1, Slot::Object(d) if d.members.is_empty()) {
                    return false;
                }
                draft.members[at].1 = Slot::Leaf(leaf);
                return true;
            }
            place_in(&mut draft.members[at].1, &path[1..], leaf)
        }
        (Slot::Array(items), Step::Index(index)) if *index <= MAX_INDEX => {
            if items.len() <= *index {
                items.resize_with(index + 1, || None);
            }
            let item = &mut items[*index];
            if path.len() == 1 {
                if item.is_some() {
                    return false;
                }
                *item = Some(Slot::Leaf(leaf));
                return true;
            }
            let inner = item.get_or_insert_with(|| fresh_slot(path.get(1)));
            place_in(inner, &path[1..], leaf)
        }
        _ => false,
    }
}

fn object<'s>(draft: Draft<'s>, arena: &'s bumpalo::Bump, span: Span) -> Node<'s> {
    let members: Vec<Member<'s>> = draft
        .members
        .into_iter()
        .map(|(key, slot)| Member {
            key: arena.alloc_str(&key),
            key_span: span,
            value: node(slot, arena, span),
        })
        .collect();
    Node {
        span,
        value: Value::Object(arena.alloc_slice_fill_iter(members), Extent::Open),
    }
}

fn node<'s>(slot: Slot<'s>, arena: &'s bumpalo::Bump, span: Span) -> Node<'s> {
    match slot {
        Slot::Leaf(leaf) => leaf,
        Slot::Object(draft) => object(draft, arena, span),
        Slot::Array(items) => {
            let items: Vec<Node<'s>> = items
                .into_iter()
                .map(|item| match item {
                    Some(slot) => node(slot, arena, span),
                    // An item the helper writes itself: not known here.
                    None => Node {
                        span,
                        value: Value::Unknown(Unknown {
                            kind: StaticType::Any,
                            prefix: "",
                        }),
                    },
                })
                .collect();
            Node {
                span,
                value: Value::Array(arena.alloc_slice_fill_iter(items), Extent::Open),
            }
        }
    }
}

/// True when the checkout-session schema has this path (a misspelt key is the helper file's to
/// report, where it is written).
fn api_has(path: &[Step]) -> bool {
    let mut pointer = String::new();
    for step in path {
        pointer.push('/');
        match step {
            Step::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Step::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    crate::schema::docs::at_pointer(&pointer).is_some()
}
