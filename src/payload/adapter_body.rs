//! A body sent through one of Dodo's adapters ([`Adapter`]), made the checkout session the
//! adapter sends on: a `slug` made the one-quantity cart line the server builds from it (the
//! adapter's own keys stay where they are written, for findings to point at). Host-neutral: front-ends call it on the tree they lowered.
//!
//! From `@dodopayments/better-auth` 1.6.6 (`dodoCheckoutSession`): `product_cart` is
//! `slug ? [{ product_id: <the slug's productId>, quantity: 1 }] : body.product_cart`, so a slug
//! replaces a cart written beside it; `referenceId` goes into `metadata`.

use crate::facts::adapters::Adapter;
use crate::span::Span;
use crate::tree::{Extent, Member, Node, StaticType, Unknown, Value};

/// Where an adapter call is, and what it found in the body that the session does not show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdapterSite {
    pub adapter: Adapter,
    /// The method as written (`checkoutSession` of `authClient.dodopayments.checkoutSession`).
    pub method: Span,
    /// The body's `slug` member, when it has one at its top level.
    pub slug: Option<Slug>,
    /// What the server's config says of the call, when the project shows it.
    pub server: super::adapter_config::ServerSide,
    /// A misuse of the adapter found here (the site is then no payload, and only says that).
    pub misuse: Option<Misuse>,
}

/// A misuse of a handler, where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misuse {
    /// `.POST` (or `{ POST } =`) of what `Checkout()` returns.
    PostMember,
    /// The body read at the finding's span before the request is handed to the handler at
    /// `handed`.
    BodyReadFirst { handed: Span },
}

/// A `slug` of the body: the key, and the value's span when it is a string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slug {
    pub key: Span,
    pub value: Span,
    /// True when the value is known text (its bytes are the literal's contents).
    pub known: bool,
}

#[cfg_attr(not(feature = "js"), allow(dead_code))]
/// The session `root` stands for, and the slug it holds. A root that is not an object (or an
/// adapter whose body is not a checkout session) comes back open and empty: nothing of it is
/// the session rules' to judge.
pub(crate) fn session_of<'s>(
    root: Node<'s>,
    adapter: Adapter,
    arena: &'s bumpalo::Bump,
) -> (Node<'s>, Option<Slug>) {
    let Some(members) = root.as_object() else {
        return (root, None);
    };
    let slug = members
        .iter()
        .rev()
        .find(|m| m.key == "slug")
        .map(|m| Slug {
            key: m.key_span,
            value: m.value.span,
            known: m.value.as_str().is_some(),
        });
    if !adapter.carries_session() {
        return (open_empty(root.span), slug);
    }
    // The adapter's own keys stay (findings about the slug point at `/slug`); `unknown-field`
    // leaves them alone.
    let mut kept: Vec<Member<'s>> = members
        .iter()
        .filter(|m| slug.is_none() || m.key != crate::payload::CART_KEY)
        .cloned()
        .collect();
    if let Some(slug) = slug {
        // Before the slug: a pointer to the slug's bytes names the last member holding them,
        // `/slug`, which is what the code wrote.
        let at = kept
            .iter()
            .rposition(|m| m.key == "slug")
            .unwrap_or(kept.len());
        kept.insert(at, cart_of_slug(slug, arena));
    }
    let extent = match root.value {
        Value::Object(_, extent) => extent,
        _ => Extent::Closed,
    };
    let node = Node {
        span: root.span,
        value: Value::Object(arena.alloc_slice_fill_iter(kept), extent),
    };
    (node, slug)
}

/// `product_cart: [{ product_id: <unknown>, quantity: 1 }]`, every span the slug's value: what
/// is said of the line is said where the code chose it.
fn cart_of_slug<'s>(slug: Slug, arena: &'s bumpalo::Bump) -> Member<'s> {
    let at = slug.value;
    let product_id = Member {
        key: "product_id",
        key_span: at,
        value: Node {
            span: at,
            value: Value::Unknown(Unknown {
                kind: StaticType::String,
                prefix: "",
            }),
        },
    };
    // Empty, at the end of the slug: nothing written there, and no finding on the slug is the
    // quantity's.
    let end = Span::new(at.end(), 0);
    let quantity = Member {
        key: "quantity",
        key_span: end,
        value: Node {
            span: end,
            value: Value::Number("1"),
        },
    };
    let line = Node {
        span: at,
        value: Value::Object(
            arena.alloc_slice_fill_iter([product_id, quantity]),
            Extent::Closed,
        ),
    };
    Member {
        key: crate::payload::CART_KEY,
        key_span: slug.key,
        value: Node {
            span: at,
            value: Value::Array(arena.alloc_slice_fill_iter([line]), Extent::Closed),
        },
    }
}

fn open_empty<'s>(span: Span) -> Node<'s> {
    Node {
        span,
        value: Value::Object(&[], Extent::Open),
    }
}

#[cfg(all(test, feature = "js"))]
mod tests {
    use super::*;
    use crate::tree::{Arena, parse};

    #[test]
    fn a_slug_replaces_the_cart_and_the_adapter_keys_go() {
        let arena = Arena::new();
        let text = r#"{"slug": "pro", "referenceId": "r", "product_cart": [], "customer": {}}"#;
        let root = parse(text, &arena).unwrap_or_else(|_| Node {
            span: Span::default(),
            value: Value::Null,
        });
        let (session, slug) = session_of(root, Adapter::BetterAuthSession, arena.bump());
        let keys: Vec<&str> = session
            .as_object()
            .unwrap_or_default()
            .iter()
            .map(|m| m.key)
            .collect();
        assert_eq!(keys, ["product_cart", "slug", "referenceId", "customer"]);
        let slug = slug.map(|s| &text[s.value.start()..s.value.end()]);
        assert_eq!(slug, Some("\"pro\""));
        let line = session.get("product_cart").and_then(|c| c.as_array());
        let quantity = line.and_then(|l| l.first()).and_then(|l| l.get("quantity"));
        assert_eq!(quantity.and_then(Node::as_i64), Some(1));
    }

    #[test]
    fn a_legacy_body_is_no_session() {
        let arena = Arena::new();
        let root = parse(r#"{"billing": {}}"#, &arena).unwrap_or_else(|_| Node {
            span: Span::default(),
            value: Value::Null,
        });
        let (session, _) = session_of(root, Adapter::BetterAuthLegacy, arena.bump());
        assert!(session.is_open());
        assert_eq!(session.as_object().map(<[_]>::len), Some(0));
    }
}
