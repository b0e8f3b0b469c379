//! What Dodo's documentation says about the world outside the payload: accepted countries,
//! currencies and their minimum charges, payment-method availability, languages, CSS colours.
//! Rules read these; nothing here reads a payload. Sources are in `api-facts.md` and each rule's
//! page.

pub mod colors;
pub mod countries;
pub mod currencies;
pub mod email;
pub mod languages;
pub mod local_host;
pub mod payment_methods;
pub mod response;
pub mod url;
