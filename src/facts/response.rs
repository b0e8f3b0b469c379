//! What the API answers to `POST /checkouts` and `POST /checkouts/preview`: the fields of the
//! newest TypeScript SDK's `CheckoutSessionResponse` and `CheckoutSessionPreviewResponse`
//! (dodopayments 2.52.0, `resources/checkout-sessions.d.ts`), and what Dodo's better-auth
//! adapter answers (`@dodopayments/better-auth` 1.6.6: `ctx.json({ url, redirect: true })`).

/// Which call a response answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Create,
    Preview,
    /// `authClient.dodopayments.checkoutSession(...)` (and the deprecated `.checkout`): the
    /// better-auth client resolves to `{ data, error }`, `data` being `{ url, redirect }`.
    BetterAuth,
    /// `checkout(ctx, { payload })` of `@dodopayments/convex` (0.2.15): the action returns
    /// `{ checkout_url }` only (as do the Next.js and Express handlers).
    Convex,
    /// A body POSTed to the app's own route that one of Dodo's handlers serves (Next.js,
    /// Express, Nuxt): answered `{ checkout_url }` on success, and with an error body of the
    /// framework's (`{ error }`, h3's `{ statusCode, message, … }`) otherwise — so only a read
    /// that certainly means the link ([`Call::only_suggested`]) is a mistake.
    Handler,
    /// The same from a Nuxt route read with `fetch`'s `res.json()`: the JSON of an error is
    /// Nuxt's error object (`{ url, statusCode, statusMessage, message, data }`), whose `url`
    /// is the request's path — so a read of `url` there is not certainly the mistake.
    /// (`$fetch` and axios throw on an error status: their answer is the success body.)
    NuxtFetched,
}

impl Call {
    /// The SDK method (`checkoutSessions.<method>`).
    pub fn method(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Preview => "preview",
            Self::BetterAuth => "checkoutSession",
            Self::Convex => "checkout",
            Self::Handler | Self::NuxtFetched => "POST",
        }
    }

    /// What answers, for messages: "the {answer} response has no field …".
    pub fn answer(self) -> &'static str {
        match self {
            Self::Create => "checkout session create",
            Self::Preview => "checkout session preview",
            Self::BetterAuth => "better-auth checkout",
            Self::Convex => "Convex checkout",
            Self::Handler | Self::NuxtFetched => "checkout handler",
        }
    }

    /// The member of the awaited result that holds the response, for a client that wraps it
    /// (better-auth's `{ data, error }`).
    pub fn wrapped_in(self) -> Option<&'static str> {
        match self {
            Self::BetterAuth => Some("data"),
            Self::Create | Self::Preview | Self::Convex | Self::Handler | Self::NuxtFetched => None,
        }
    }

    /// The SDK's method names with their calls: the one list the front-ends match (adapters'
    /// calls are matched by [`crate::facts::adapters::Adapter`]).
    pub const ALL: [Call; 2] = [Call::Create, Call::Preview];

    pub fn of_method(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|call| call.method() == name)
    }

    /// The response's fields.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Self::Create => &[
                "session_id",
                "checkout_url",
                "client_secret",
                "payment_id",
                "publishable_key",
            ],
            Self::Preview => &[
                "billing_country",
                "currency",
                "current_breakup",
                "is_byop",
                "payment_method_required",
                "product_cart",
                "total_price",
                "next_billing_date",
                "recurring_breakup",
                "subscriptions",
                "tax_id_business_name",
                "tax_id_err_msg",
                "tax_id_format_name",
                "total_tax",
                "trial_amount",
                "trial_period_days",
            ],
            Self::BetterAuth => &["url", "redirect"],
            Self::Convex | Self::Handler | Self::NuxtFetched => &["checkout_url"],
        }
    }

    /// True when the answer read may also be an error body whose fields are not listed here
    /// (a `fetch` reads the JSON of a 400 as well): a read is reported only when it is a name
    /// for a listed field (`url` for `checkout_url`, or one a letter away), never merely for
    /// being unlisted.
    pub fn only_suggested(self) -> bool {
        matches!(self, Self::Handler | Self::NuxtFetched)
    }

    /// The field a read of `name` (not one of the fields) most likely meant: the name other
    /// APIs use for it, or the closest field.
    pub fn mistaken_for(self, name: &str) -> Option<&'static str> {
        self.meant(name)
            .or_else(|| crate::suggest::closest(name, self.fields().iter().copied()))
    }

    /// The field meant by a name other APIs use for it (Stripe's `url` and `id`, the old
    /// `payment_link`), where edit distance would not find it.
    pub fn meant(self, name: &str) -> Option<&'static str> {
        let meant = match (self, name) {
            (
                Self::Create | Self::Convex | Self::Handler,
                "url" | "checkout_link" | "link" | "payment_link" | "redirect_url" | "checkoutUrl",
            ) => "checkout_url",
            // Nuxt's error object has a `url` (the request's path).
            (
                Self::NuxtFetched,
                "checkout_link" | "link" | "payment_link" | "redirect_url" | "checkoutUrl",
            ) => "checkout_url",
            (Self::Create, "id" | "checkout_session_id" | "checkout_id" | "session") => {
                "session_id"
            }
            // The SDK's name for the link is the mistake here: the adapter renames it.
            (
                Self::BetterAuth,
                "checkout_url" | "checkoutUrl" | "link" | "payment_link" | "redirect_url",
            ) => "url",
            _ => return None,
        };
        Some(meant)
    }
}
