//! Dodo's own adapter packages: the one table of the calls that carry a checkout payload
//! through them, and what each does with it. Read from the published builds (`npm pack`):
//! `@dodopayments/better-auth` 1.6.6 (`dist/chunk-6VDYFSNJ.js`, the `checkout` plugin, and
//! `dist/chunk-HZNE63HR.js`, `dodopaymentsClient`), `@dodopayments/core` 0.3.15
//! (`dist/chunk-IHA244I5.js`, `checkoutSessionPayloadSchema`) and `@dodopayments/convex` 0.2.15
//! (`dist/index.js`, `DodoPayments.api()`, and `dist/component/lib.js`, the `checkout` action
//! and its `checkoutSessionPayloadValidator`), `@dodopayments/nextjs` 0.3.9, `@dodopayments/express`
//! 0.2.6 and `@dodopayments/nuxt` 0.2.7 (`dist/module.mjs`, which adds `dist/runtime/server` to
//! Nitro's server auto-imports, and `dist/runtime/server/checkout.js`, `checkoutHandler`).
//! `@dodopayments/sveltekit` and `@dodopayments/astro` are not on npm (the registry answers 404):
//! nothing of theirs is linted.

/// The better-auth adapter's package, as apps import it (its client is `…/client`).
pub(crate) const BETTER_AUTH: &str = "@dodopayments/better-auth";

/// The version of each adapter package these facts were read from.
pub(crate) const BETTER_AUTH_VERSION: &str = "1.6.6";

/// The Convex component: `new DodoPayments(components.dodopayments, config).api()` gives
/// `checkout(ctx, { payload })`, which runs the component's `checkout` action.
pub(crate) const CONVEX: &str = "@dodopayments/convex";
pub(crate) const CONVEX_VERSION: &str = "0.2.15";

/// The Convex component's client class (not the SDK's, though it has the same name).
pub(crate) const CONVEX_CLIENT: &str = "DodoPayments";

/// The method of a Convex client that returns its functions, and the one that checks out.
pub(crate) const CONVEX_API: &str = "api";
pub(crate) const CONVEX_CHECKOUT: &str = "checkout";

/// The route-handler packages and the functions that make a handler.
pub(crate) const NEXTJS: &str = "@dodopayments/nextjs";
pub(crate) const NEXTJS_VERSION: &str = "0.3.9";
pub(crate) const NEXTJS_CHECKOUT: &str = "Checkout";
pub(crate) const EXPRESS: &str = "@dodopayments/express";
pub(crate) const EXPRESS_VERSION: &str = "0.2.6";
pub(crate) const EXPRESS_CHECKOUT: &str = "checkoutHandler";
/// Nuxt's module adds `checkoutHandler` to the server's auto-imports (`addServerImportsDir`):
/// a file under `server/` calls it without importing it (or imports it from `#imports`), and
/// the package itself exports only the module. The app registers the module in
/// `nuxt.config.*` (`modules: ['@dodopayments/nuxt']`).
pub(crate) const NUXT: &str = "@dodopayments/nuxt";
pub(crate) const NUXT_VERSION: &str = "0.2.7";
pub(crate) const NUXT_CHECKOUT: &str = "checkoutHandler";
/// Where Nuxt's auto-imports can also be imported from by name.
pub(crate) const NUXT_IMPORTS: &str = "#imports";

/// The member of `checkout(ctx, { payload })`'s second argument that is the session.
pub(crate) const CONVEX_PAYLOAD: &str = "payload";

/// What the better-auth client plugin is called: `createAuthClient({ plugins:
/// [dodopaymentsClient()] })` gives the client its `dodopayments` namespace.
pub(crate) const BETTER_AUTH_CLIENT_PLUGIN: &str = "dodopaymentsClient";

/// The functions that make a better-auth client (`better-auth/react`, `/client`, `/vue` …).
pub(crate) const AUTH_CLIENT_FACTORY: &str = "createAuthClient";

/// The server plugin whose options hold the slugs: `checkout({ products: [{ productId, slug }],
/// successUrl, authenticatedUsersOnly })`, imported from the package itself.
pub(crate) const SERVER_CHECKOUT: &str = "checkout";

/// The namespace the plugin adds to a better-auth client.
pub(crate) const NAMESPACE: &str = "dodopayments";

/// One call through an adapter, as an app writes it.
// The prefix names the package; other packages' calls (Convex, route handlers) join the table.
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Adapter {
    /// `authClient.dodopayments.checkoutSession({...})`: `POST /dodopayments/checkout-session`,
    /// whose body is core's `checkoutSessionPayloadSchema` extended with `slug` and
    /// `referenceId`, `product_cart` made optional (a slug stands for it).
    BetterAuthSession,
    /// `authClient.dodopayments.checkout({...})`: `POST /dodopayments/checkout`, marked
    /// `@deprecated` in the plugin — the legacy dynamic flow (`billing` and `customer`
    /// required) that makes a payment link, not a checkout session.
    BetterAuthLegacy,
    /// `authClient.dodopayments.checkout.session({...})`: better-auth's client turns the
    /// chain into `POST /dodopayments/checkout/session`, an endpoint the plugin does not have.
    BetterAuthNoEndpoint,
    /// `checkout(ctx, { payload })` of a Convex client's `api()`: the payload goes through
    /// Convex's `v.object` validator, which rejects keys it does not define and `null` (its
    /// fields are `v.optional`, never `v.null()`), then through core's zod schema.
    ConvexCheckout,
    /// A JSON body the app POSTs to its own route handled by `Checkout({ type: 'session' })`
    /// of `@dodopayments/nextjs` (0.3.9): parsed with core's `checkoutSessionPayloadSchema`
    /// (zod: unknown keys stripped), answered `{ checkout_url }`.
    NextjsRoute,
    /// The same through `checkoutHandler({ type: 'session' })` of `@dodopayments/express`
    /// (0.2.6), registered with `app.post(path, …)`.
    ExpressRoute,
    /// The same through the auto-imported `checkoutHandler({ type: 'session' })` of
    /// `@dodopayments/nuxt` (0.2.7): h3's `readBody`, then core's schema; a Nitro file route
    /// under `server/api/` or `server/routes/`.
    NuxtRoute,
}

impl Adapter {
    /// The one table of the calls made on a client: each by the members after the better-auth
    /// client (`<client>.dodopayments.checkoutSession`). Convex's `checkout` is a function the
    /// app destructures from `api()`, found by name instead.
    pub(crate) const ALL: [(Adapter, &'static [&'static str]); 3] = [
        (Adapter::BetterAuthSession, &[NAMESPACE, "checkoutSession"]),
        (Adapter::BetterAuthLegacy, &[NAMESPACE, "checkout"]),
        (
            Adapter::BetterAuthNoEndpoint,
            &[NAMESPACE, "checkout", "session"],
        ),
    ];

    /// The adapter call a member chain after a client names.
    pub(crate) fn of_chain(chain: &[&str]) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|(_, path)| *path == chain)
            .map(|(adapter, _)| adapter)
    }

    /// The package and the version its behaviour was read from.
    pub fn package(self) -> (&'static str, &'static str) {
        match self {
            Self::ConvexCheckout => (CONVEX, CONVEX_VERSION),
            Self::NextjsRoute => (NEXTJS, NEXTJS_VERSION),
            Self::ExpressRoute => (EXPRESS, EXPRESS_VERSION),
            Self::NuxtRoute => (NUXT, NUXT_VERSION),
            Self::BetterAuthSession | Self::BetterAuthLegacy | Self::BetterAuthNoEndpoint => {
                (BETTER_AUTH, BETTER_AUTH_VERSION)
            }
        }
    }

    /// How the code writes the call (for messages).
    pub fn written(self) -> &'static str {
        match self {
            Self::BetterAuthSession => "authClient.dodopayments.checkoutSession",
            Self::BetterAuthLegacy => "authClient.dodopayments.checkout",
            Self::BetterAuthNoEndpoint => "authClient.dodopayments.checkout.session",
            Self::ConvexCheckout => "checkout(ctx, { payload })",
            Self::NextjsRoute => "Checkout({ type: 'session' })",
            Self::ExpressRoute | Self::NuxtRoute => "checkoutHandler({ type: 'session' })",
        }
    }

    /// The body is a checkout session (the adapter forwards it to `POST /checkouts`).
    pub fn carries_session(self) -> bool {
        matches!(
            self,
            Self::BetterAuthSession
                | Self::ConvexCheckout
                | Self::NextjsRoute
                | Self::ExpressRoute
                | Self::NuxtRoute
        )
    }

    /// The server writes over `return_url` and `customer` (better-auth's session endpoint).
    pub fn overrides_fields(self) -> bool {
        self == Self::BetterAuthSession
    }

    /// Top-level keys the adapter takes for itself, beside the checkout-session fields. For
    /// better-auth, also the client's own options, which its proxy takes out of the argument
    /// before sending the rest as the body (`const { query, fetchOptions, ...body } = arg`).
    pub fn own_keys(self) -> &'static [&'static str] {
        match self {
            Self::BetterAuthSession | Self::BetterAuthLegacy => {
                &["slug", "referenceId", "fetchOptions", "query"]
            }
            Self::BetterAuthNoEndpoint
            | Self::ConvexCheckout
            | Self::NextjsRoute
            | Self::ExpressRoute
            | Self::NuxtRoute => &[],
        }
    }

    /// The adapter validates the body with zod objects, which strip keys they do not define
    /// (zod's default): an unknown key is dropped without an error, not rejected with a 422.
    pub fn strips_unknown_keys(self) -> bool {
        matches!(
            self,
            Self::BetterAuthSession | Self::NextjsRoute | Self::ExpressRoute | Self::NuxtRoute
        )
    }

    /// The adapter validates the body with validators that reject keys they do not define
    /// and `null` (Convex's `v.object`, `v.optional`): the call throws before any request.
    pub fn rejects_unknown_keys_and_null(self) -> bool {
        self == Self::ConvexCheckout
    }

    /// The call the code should make instead, when this one is deprecated.
    pub fn replaced_by(self) -> Option<Self> {
        match self {
            Self::BetterAuthLegacy => Some(Self::BetterAuthSession),
            _ => None,
        }
    }

    /// True for a call the adapter has no endpoint for.
    pub fn has_no_endpoint(self) -> bool {
        self == Self::BetterAuthNoEndpoint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_chain_names_one_call() {
        for (adapter, chain) in Adapter::ALL {
            assert_eq!(Adapter::of_chain(chain), Some(adapter));
            assert!(adapter.written().ends_with(&chain.join(".")));
        }
        assert_eq!(Adapter::of_chain(&[NAMESPACE, "customer", "portal"]), None);
    }
}
