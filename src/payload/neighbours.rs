//! What a file learns from the project stage (`crate::project`): what the names it imports are
//! in the modules that export them, and which of its own functions other files send to Dodo.
//! Host-neutral; empty for a file linted alone, which then knows only what it writes itself.

use std::collections::HashMap;

use super::Call;
use crate::source::Range;
use crate::span::Span;

/// A name's role in Dodo's world, as far as the program shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A Dodo client (`new DodoPayments(...)`, a value typed as one).
    Client,
    /// The SDK's client class itself, under another name or re-exported by a module of the app
    /// (`from dodopayments import DodoPayments as Client`): a value annotated with it is a client.
    ClientClass,
    /// A function that returns a Dodo client (async or not).
    Factory,
    /// A function that returns an object literal; `has_cart` when one has a `product_cart`.
    Helper { has_cart: bool },
    /// A top-level name bound to an object literal (a part of payloads, spread into them).
    Object,
    /// A string constant naming Dodo's API (`LIVE_URL = "https://live.dodopayments.com"`), or a
    /// function returning one (`def base(test): return TEST_URL if test else LIVE_URL`): a
    /// raw request to it plus `/checkouts` is a checkout session's.
    DodoUrl,
    /// A function that sends its parameter at `param` with Dodo's SDK (`create(body)` inside).
    Wrapper(Wrapper),
    /// A better-auth client made with Dodo's plugin (`createAuthClient({ plugins:
    /// [dodopaymentsClient()] })`): its `dodopayments.*` calls are the adapter's.
    AuthClient,
    /// The `checkout` of Dodo's Convex component (`const { checkout } = dodo.api()`): its
    /// `payload` is a checkout session.
    ConvexCheckout,
}

/// A function that forwards one of its parameters to `checkoutSessions.create`/`.preview`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wrapper {
    pub(crate) param: usize,
    pub(crate) call: Call,
    /// The client it sends with is certainly Dodo's (else only a payload with a cart counts).
    pub(crate) certain: bool,
    /// It returns the SDK call's result, so reads of its result are reads of the response.
    pub(crate) returns_response: bool,
    /// The parameter the client comes in by (`function checkout(client, body)`): a call that
    /// passes a Dodo client there is certainly Dodo's.
    pub(crate) client_param: Option<usize>,
}

/// One step into a payload: a member's key or an item's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// Where a helper's returned literal places one of its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    pub(crate) path: Vec<Step>,
    /// Where the helper writes it (the member's key), in the helper's file.
    pub(crate) written: Span,
    pub(crate) range: Range,
}

/// A path into a helper's returned literal, and the key written there.
pub(crate) type Written = (Vec<Step>, Span);

impl Placement {
    /// Each parameter's places (`placed`, by position) with their line and column in `source`.
    pub(crate) fn all_in(
        source: &crate::source::Source,
        placed: Vec<Vec<Written>>,
    ) -> Vec<Vec<Placement>> {
        placed
            .into_iter()
            .map(|places| {
                places
                    .into_iter()
                    .map(|(path, written)| Placement {
                        path,
                        written,
                        range: source.range(written),
                    })
                    .collect()
            })
            .collect()
    }
}

/// An imported helper's returned literal, as far as its parameters go: a call of it in another
/// file binds each argument to the places the helper puts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HelperShape {
    /// The helper's file, as the run names files.
    pub(crate) file: String,
    pub(crate) name: String,
    /// Per parameter, by position.
    pub(crate) params: Vec<Vec<Placement>>,
    /// The parameters' names, by position, where a call may pass them by name (else empty).
    pub(crate) names: Vec<String>,
}

/// How another file sends a helper's literal or an object of this file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sending {
    /// The call is certainly Dodo's (else only a literal with a cart counts).
    pub(crate) certain: bool,
    /// Sent as the whole payload somewhere; else only spread into one (`{ ...base, customer }`),
    /// so its absences are not its own: it is linted open.
    pub(crate) whole: bool,
    /// What is sent is each of its entries (a map or list of payloads), not the value itself.
    pub(crate) entries: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Neighbours {
    /// Local names bound by imports, and what they are where they are defined.
    pub(crate) imported: HashMap<String, Kind>,
    /// This file's top-level functions whose returned object another file sends to Dodo, and
    /// top-level objects another file spreads into a payload.
    pub(crate) sent: HashMap<String, Sending>,
    /// Imported helpers that place their parameters in the literal they return.
    pub(crate) helpers: HashMap<String, HelperShape>,
    /// The project's one better-auth server config, for a file that calls the plugin.
    pub(crate) server: Option<super::adapter_config::ServerConfig>,
    /// The app's routes served by Dodo's handlers, for a file that POSTs to its own paths.
    pub(crate) routes: Vec<super::routes::Route>,
}

impl Neighbours {
    pub(crate) fn is_empty(&self) -> bool {
        self.imported.is_empty()
            && self.sent.is_empty()
            && self.helpers.is_empty()
            && self.server.is_none()
            && self.routes.is_empty()
    }
}
