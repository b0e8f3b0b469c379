//! What Dodo's documentation says about the world outside the payload: accepted countries,
//! currencies and their minimum charges, payment-method availability, languages, CSS colours.
//! Rules read these; nothing here reads a payload. Sources are in `api-facts.md` and each rule's
//! page.

pub(crate) mod adapters;
pub(crate) mod colors;
pub(crate) mod countries;
pub(crate) mod currencies;
pub(crate) mod dodo_hosts;
pub(crate) mod email;
pub(crate) mod languages;
pub(crate) mod local_host;
pub(crate) mod payment_methods;
pub(crate) mod response;
pub(crate) mod url;
