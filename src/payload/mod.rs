//! Front-ends: finding the payloads of a file and lowering each to the payload tree
//! ([`crate::tree`]). JSON is one payload, the whole file; a source file may hold several.
//!
//! [`front_end::all`] is the one list of host languages: adding one is a module implementing
//! [`front_end::FrontEnd`] and a line there.

// depth, flow, print and urls are what the source front-ends share; nothing else uses them.
pub(crate) mod adapter_body;
pub(crate) mod adapter_config;
pub(crate) mod depth;
pub(crate) mod detect;
#[cfg(any(feature = "js", feature = "go"))]
pub(crate) mod eslint;
pub(crate) mod exports;
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
pub(crate) mod flow;
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
mod flow_responses;
pub(crate) mod front_end;
#[cfg(feature = "go")]
pub(crate) mod go;
#[cfg(feature = "js")]
pub(crate) mod js;
pub(crate) mod json;
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
mod members;
// Tokens for the language server's completion, the one reader so far.
#[cfg(feature = "cli")]
pub(crate) mod lexeme;
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
pub(crate) mod needles;
pub(crate) mod neighbours;
pub(crate) mod print;
#[cfg(any(feature = "js", feature = "python"))]
pub(crate) mod projection;
#[cfg(feature = "python")]
pub(crate) mod python;
pub(crate) mod routes;
pub(crate) mod suppress;
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
pub(crate) mod urls;

pub(crate) use crate::facts::response::Call;

/// The key every Dodo payload has: a literal with it is a checkout session's, wherever it is sent.
pub(crate) const CART_KEY: &str = "product_cart";

use crate::span::Span;
use crate::tree::Node;

/// One payload in a source file.
#[derive(Debug, Clone)]
pub(crate) struct Payload<'s> {
    /// Its tree; spans are in the host file.
    pub root: Node<'s>,
    /// The call or literal it was found at.
    pub call: Span,
    /// The SDK call it is sent with, when it is an SDK call whose result the code reads.
    pub sent_with: Option<Call>,
    /// The host a raw request posts it to, when the URL's text names one.
    pub(crate) posted_to: Option<UrlHost>,
    /// The fields the code reads from that call's result.
    pub reads: Vec<ResponseRead<'s>>,
    /// Arguments of a helper's call that the helper places in the payload: a finding about
    /// one also points where the helper writes it.
    pub(crate) bound: Vec<Bound>,
    /// The adapter call that carries it (Dodo's better-auth client …), when it is one.
    pub(crate) adapter: Option<AdapterSite>,
}

pub(crate) use adapter_body::AdapterSite;

/// An argument bound to a helper's parameter, and the label where the helper places it.
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    pub(crate) argument: Span,
    pub(crate) label: crate::diagnostic::Label,
}

/// A URL's host as written in a string literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlHost {
    /// Lower case, without userinfo or port.
    pub name: String,
    /// The literal it is written in.
    pub literal: Span,
}

/// `session.checkout_url`: a property read on the awaited result of an SDK call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseRead<'s> {
    pub field: &'s str,
    /// The property name as written.
    pub span: Span,
    /// The other fields read from the same response in the `??` / `||` (Python `or`) chain
    /// this read is an operand of (`session.checkout_url ?? session.url`): when one of them is
    /// a field the response has, this read is a dead fallback, not the read the code relies on.
    pub beside: &'s [&'s str],
}

impl<'s> ResponseRead<'s> {
    /// The field of `call`'s response this read is a dead fallback beside: `None` when it reads
    /// a field the response has, or is not in a chain with one.
    pub fn dead_beside(&self, call: Call) -> Option<&'s str> {
        let fields = call.fields();
        if fields.contains(&self.field) {
            return None;
        }
        // Beside the link, an error body's field is not dead (a handler's 400 has one).
        if call.only_suggested() && call.mistaken_for(self.field).is_none() {
            return None;
        }
        self.beside
            .iter()
            .copied()
            .find(|other| fields.contains(other))
    }
}

/// The payloads of a file in any host language: a JSON file's root (when it parses), or what
/// a source front-end finds, with what the project says of the file (an adapter's server
/// config). For editors, which look up the payload under the cursor.
pub(crate) fn find_payloads<'s>(
    name: &str,
    text: &'s str,
    arena: &'s crate::tree::Arena,
    neighbours: &neighbours::Neighbours,
) -> Vec<Payload<'s>> {
    front_end::of(name)
        .find(name, text, arena, neighbours)
        .payloads
}

/// A comment of the host file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Comment {
    pub(crate) span: Span,
}

/// What a front-end found in a file.
#[derive(Debug, Default)]
pub(crate) struct Found<'s> {
    pub(crate) payloads: Vec<Payload<'s>>,
    pub(crate) comments: Vec<Comment>,
    /// Set when the file nests past a limit and was not read further.
    pub(crate) too_deep: Option<depth::TooDeep>,
    /// Set when a file that is the payload (JSON) does not parse.
    pub(crate) syntax_error: Option<crate::tree::SyntaxError>,
}

impl Found<'_> {
    #[cfg(any(feature = "js", feature = "python", feature = "go"))]
    pub(crate) fn too_deep(too_deep: depth::TooDeep) -> Self {
        Self {
            too_deep: Some(too_deep),
            ..Self::default()
        }
    }
}
