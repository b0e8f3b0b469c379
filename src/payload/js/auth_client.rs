//! Which names are better-auth clients with Dodo's plugin (`createAuthClient({ plugins:
//! [dodopaymentsClient()] })`), and which calls on them go through the plugin
//! (`authClient.dodopayments.checkoutSession(...)`, [`Adapter::ALL`]).
//!
//! A client is certain only when this file (or, through the project stage, the module that
//! exports it) shows the plugin in a literal `plugins` list: better-auth adds the `dodopayments`
//! namespace only then (`@dodopayments/better-auth` 1.6.6, `dodopaymentsClient` in
//! `dist/chunk-HZNE63HR.js`, id `dodopayments-client`).

use std::collections::HashSet;

use oxc_ast::ast::{ArrayExpressionElement, CallExpression, Expression};

use super::properties::{first_object, has_spread, property};
use crate::facts::adapters::{
    AUTH_CLIENT_FACTORY, Adapter, BETTER_AUTH, BETTER_AUTH_CLIENT_PLUGIN, SERVER_CHECKOUT,
};
use crate::span::Span;

/// The better-auth adapter's modules (`@dodopayments/better-auth`, `…/client`).
pub(super) fn is_adapter_module(source: &str) -> bool {
    source == BETTER_AUTH
        || source
            .strip_prefix(BETTER_AUTH)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// better-auth's own modules, where `createAuthClient` comes from (`better-auth/react`,
/// `better-auth/client`, `better-auth/vue`, `better-auth/svelte`, `better-auth/solid`).
pub(super) fn is_better_auth_module(source: &str) -> bool {
    source == "better-auth" || source.starts_with("better-auth/")
}

/// The local names this file's imports give the plugin and the client factory.
#[derive(Debug, Default)]
pub(super) struct AuthNames {
    /// `dodopaymentsClient` under the names it is imported as.
    pub(super) plugins: HashSet<String>,
    /// `createAuthClient` under the names it is imported as.
    pub(super) factories: HashSet<String>,
    /// Names bound to a better-auth client with Dodo's plugin.
    pub(super) clients: HashSet<String>,
    /// The server plugin's `checkout` under the names it is imported as.
    pub(super) server_checkouts: HashSet<String>,
}

impl AuthNames {
    /// Notes an import of `imported` as `local` from `source`.
    pub(super) fn import(&mut self, source: &str, imported: &str, local: &str) {
        if is_adapter_module(source) && imported == BETTER_AUTH_CLIENT_PLUGIN {
            self.plugins.insert(local.to_string());
        }
        // The server side is the package itself; `…/client` is the browser's.
        if source == BETTER_AUTH && imported == SERVER_CHECKOUT {
            self.server_checkouts.insert(local.to_string());
        }
        if is_better_auth_module(source) && imported == AUTH_CLIENT_FACTORY {
            self.factories.insert(local.to_string());
        }
    }

    /// True for `createAuthClient({ …, plugins: [ …, dodopaymentsClient(), … ] })`.
    pub(super) fn is_client_expr(&self, expr: &Expression<'_>) -> bool {
        let Expression::CallExpression(call) = expr.get_inner_expression() else {
            return false;
        };
        let is_factory = matches!(call.callee.get_inner_expression(),
            Expression::Identifier(callee) if self.factories.contains(callee.name.as_str()));
        if !is_factory {
            return false;
        }
        let Some(options) = first_object(call) else {
            return false;
        };
        // A spread may hold `plugins` too; the last one written wins, so read only when none.
        if has_spread(options) {
            return false;
        }
        let Some(Expression::ArrayExpression(plugins)) =
            property(options, "plugins").map(Expression::get_inner_expression)
        else {
            return false;
        };
        plugins.elements.iter().any(|element| match element {
            ArrayExpressionElement::CallExpression(plugin) => matches!(
                plugin.callee.get_inner_expression(),
                Expression::Identifier(name) if self.plugins.contains(name.name.as_str())
            ),
            _ => false,
        })
    }
}

/// An adapter call: which one, the name its receiver starts with, and the method as written
/// (`authClient.dodopayments.checkoutSession(...)` → session, `authClient`, `checkoutSession`).
pub(super) struct AdapterCall<'e> {
    pub(super) adapter: Adapter,
    pub(super) receiver: &'e str,
    pub(super) method: Span,
}

/// The adapter call `call` makes, by the member chain of its callee.
pub(super) fn adapter_call<'e>(call: &'e CallExpression<'_>) -> Option<AdapterCall<'e>> {
    let mut chain: Vec<&str> = Vec::new();
    let mut method = None;
    let mut expr = call.callee.get_inner_expression();
    // The longest chain in the table is three members; a longer one is none of them.
    for _ in 0..4 {
        match expr {
            Expression::StaticMemberExpression(member) => {
                chain.push(member.property.name.as_str());
                method.get_or_insert(member.property.span);
                expr = member.object.get_inner_expression();
            }
            Expression::Identifier(ident) => {
                chain.reverse();
                let adapter = Adapter::of_chain(&chain)?;
                return Some(AdapterCall {
                    adapter,
                    receiver: ident.name.as_str(),
                    method: super::lower::span_of(method?),
                });
            }
            _ => return None,
        }
    }
    None
}
