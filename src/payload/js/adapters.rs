//! Payloads sent through Dodo's adapters: the body of `authClient.dodopayments.checkoutSession`
//! (and of the deprecated `.checkout`, and of `.checkout.session`, which has no endpoint), made
//! the session the adapter sends on ([`crate::payload::adapter_body`]).

use oxc_ast::ast::{ArrayExpressionElement, BindingPattern, CallExpression, Expression};
use oxc_span::GetSpan;

use super::auth_client::adapter_call;
use super::find::Finder;
use super::lower::span_of;
use super::properties::{first_object, property};
use super::raw_posts::Client;
use crate::facts::adapters::{Adapter, CONVEX_PAYLOAD};
use crate::payload::adapter_body::{AdapterSite, Misuse, session_of};
use crate::payload::adapter_config::ServerSide;
use crate::payload::flow::BASE;
use crate::payload::{CART_KEY, Call};
use crate::span::Span;
use crate::tree::{Extent, Member, Node, Value};

impl<'s> Finder<'_, '_, 's> {
    /// `<client>.dodopayments.<method>(body)`: a payload when the client is certainly a
    /// better-auth client with Dodo's plugin, or is imported and not known here and the body
    /// has a slug or a cart (the chain is the plugin's own; the body makes it a checkout).
    pub(super) fn adapter_call(&mut self, call: &CallExpression<'_>) {
        let Some(found) = adapter_call(call) else {
            return;
        };
        let certain = self.facts.auth.clients.contains(found.receiver);
        let imported = self.facts.imported.contains(found.receiver);
        if !certain && !imported {
            return;
        }
        let argument = call.arguments.first().and_then(|a| a.as_expression());
        let mut roots = argument
            .map(|argument| self.candidates(argument, call.span.start))
            .unwrap_or_default();
        let looks_like_checkout = roots
            .iter()
            .any(|(_, root)| root.get("slug").is_some() || root.get(CART_KEY).is_some());
        if !(certain || looks_like_checkout) {
            return;
        }
        if roots.is_empty() {
            // No body, or one this file does not show: nothing is said of it, but the call
            // itself and the reads of its answer are still checked.
            let span = argument.map_or(call.span, GetSpan::span);
            roots.push((
                BASE,
                Node {
                    span: span_of(span),
                    value: Value::Object(&[], Extent::Open),
                },
            ));
        }
        let sent_with = (!found.adapter.has_no_endpoint()).then_some(Call::BetterAuth);
        let at = span_of(call.span);
        for (variant, root) in roots {
            let slug_text = root.get("slug").and_then(Node::as_str);
            let server = ServerSide::of(self.server.as_ref(), slug_text);
            let (session, slug) = session_of(root, found.adapter, self.lower.arena);
            let Some(index) = self.flow.push_variant(session, variant, at, sent_with) else {
                continue;
            };
            if let Some(payload) = self.flow.payloads.get_mut(index) {
                payload.adapter = Some(AdapterSite {
                    adapter: found.adapter,
                    method: found.method,
                    slug,
                    server,
                    misuse: None,
                });
            }
        }
    }

    /// `checkout(ctx, { payload: {...} })` of Dodo's Convex component: the payload when
    /// `checkout` is certainly the component's, or is imported and not known here and the
    /// payload has a cart.
    pub(super) fn convex_call(&mut self, call: &CallExpression<'_>) {
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
            return;
        };
        let certain = self.facts.convex.checkouts.contains(callee.name.as_str());
        if !certain && !self.facts.imported.contains(callee.name.as_str()) {
            return;
        }
        let Some(Expression::ObjectExpression(args)) = call
            .arguments
            .get(1)
            .and_then(|a| a.as_expression())
            .map(Expression::get_inner_expression)
        else {
            return;
        };
        let Some(payload) = property(args, CONVEX_PAYLOAD) else {
            return;
        };
        let roots = self.candidates(payload, call.span.start);
        let looks_like_checkout = roots.iter().any(|(_, root)| root.get(CART_KEY).is_some());
        if !(certain || looks_like_checkout) {
            return;
        }
        let at = span_of(call.span);
        let method = span_of(callee.span);
        for (variant, root) in roots {
            let Some(index) = self
                .flow
                .push_variant(root, variant, at, Some(Call::Convex))
            else {
                continue;
            };
            if let Some(payload) = self.flow.payloads.get_mut(index) {
                payload.adapter = Some(AdapterSite {
                    adapter: Adapter::ConvexCheckout,
                    method,
                    slug: None,
                    server: ServerSide::default(),
                    misuse: None,
                });
            }
        }
    }

    /// The server plugin's `checkout({ products: [{ productId, slug }] })`: each entry's
    /// product id is a one-quantity cart line of every checkout made with its slug, linted
    /// where the config writes it (open: the rest of the session is the client's), so a
    /// product the catalogue lacks is reported there, once, not at each slug.
    pub(super) fn server_products(&mut self, call: &CallExpression<'_>) {
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
            return;
        };
        if !self
            .facts
            .auth
            .server_checkouts
            .contains(callee.name.as_str())
        {
            return;
        }
        let Some(options) = first_object(call) else {
            return;
        };
        let Some(Expression::ArrayExpression(products)) =
            property(options, "products").map(Expression::get_inner_expression)
        else {
            return;
        };
        let arena = self.lower.arena;
        for element in &products.elements {
            let ArrayExpressionElement::ObjectExpression(entry) = element else {
                continue;
            };
            let Some(product_id) = property(entry, "productId") else {
                continue;
            };
            let id = self.lower.node(product_id, 0);
            let at = id.span;
            let end = Span::new(at.end(), 0);
            let line = Node {
                span: at,
                value: Value::Object(
                    arena.alloc_slice_fill_iter([
                        Member {
                            key: "product_id",
                            key_span: at,
                            value: id,
                        },
                        Member {
                            key: "quantity",
                            key_span: end,
                            value: Node {
                                span: end,
                                value: Value::Number("1"),
                            },
                        },
                    ]),
                    Extent::Closed,
                ),
            };
            let root = Node {
                span: span_of(entry.span),
                value: Value::Object(
                    arena.alloc_slice_fill_iter([Member {
                        key: CART_KEY,
                        key_span: at,
                        value: Node {
                            span: at,
                            value: Value::Array(
                                arena.alloc_slice_fill_iter([line]),
                                Extent::Closed,
                            ),
                        },
                    }]),
                    Extent::Open,
                ),
            };
            self.flow.push(root, span_of(call.span), None);
        }
    }

    /// A misuse of a route handler at `at`: a site of its own, which only says that.
    pub(super) fn misuse(&mut self, at: Span, misuse: Misuse) {
        let root = Node {
            span: at,
            value: Value::Object(&[], Extent::Open),
        };
        if let Some(index) = self.flow.push(root, at, None)
            && let Some(payload) = self.flow.payloads.get_mut(index)
        {
            payload.adapter = Some(AdapterSite {
                adapter: Adapter::NextjsRoute,
                method: at,
                slug: None,
                server: ServerSide::default(),
                misuse: Some(misuse),
            });
        }
    }

    /// A JSON body POSTed to `path`, a path of the app itself: a checkout session when one of
    /// Dodo's route handlers claims the path (the project stage says which serve what); its
    /// answer is read through what `client` resolves to.
    pub(super) fn route_post(
        &mut self,
        path: &str,
        url: Span,
        body: &Expression<'_>,
        call: Span,
        client: Client,
    ) {
        let Some(route) = self
            .neighbours
            .routes
            .iter()
            .find(|route| route.claims(path))
        else {
            return;
        };
        let adapter = route.adapter;
        let answer = match (adapter, client) {
            (Adapter::NuxtRoute, Client::Fetch) => Call::NuxtFetched,
            _ => Call::Handler,
        };
        for root in self.resolve(body, call.start() as u32) {
            let Some(index) = self.flow.push(root, call, Some(answer)) else {
                continue;
            };
            self.clients.insert(index, client);
            if let Some(payload) = self.flow.payloads.get_mut(index) {
                payload.adapter = Some(AdapterSite {
                    adapter,
                    method: url,
                    slug: None,
                    server: ServerSide::default(),
                    misuse: None,
                });
            }
        }
    }

    /// `const { data } = await authClient.dodopayments.checkoutSession(...)` and `{ data:
    /// checkout }`: the name bound to the wrapped answer holds the response; `{ data: { url }
    /// }` reads it. A name bound to the whole `{ data, error }` is not followed (its `data`
    /// is not a field of the response).
    pub(super) fn bind_wrapped_response(
        &mut self,
        pattern: &BindingPattern<'_>,
        wrapper: &str,
        index: usize,
        from: usize,
    ) {
        let BindingPattern::ObjectPattern(pattern) = pattern else {
            return;
        };
        for property in &pattern.properties {
            let Some((key, _)) = self.lower.key(&property.key) else {
                continue;
            };
            if key != wrapper {
                continue;
            }
            self.bind_response_pattern(&property.value, index, from);
        }
    }

    /// The call a payload was pushed for wraps its answer (`{ data, error }`).
    pub(super) fn wrapped_answer(&self, index: usize) -> Option<&'static str> {
        self.flow
            .payloads
            .get(index)?
            .sent_with
            .and_then(Call::wrapped_in)
    }
}
