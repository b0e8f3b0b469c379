//! What a file tells the project stage (`crate::project`): its imports, exports and re-exports,
//! the role of its top-level names, and the calls of imported functions whose result it sends
//! to Dodo. Host-neutral: each source front-end fills it from its own syntax.

use std::collections::HashMap;

use super::neighbours::{Kind, Placement};

#[derive(Debug, Default, Clone)]
pub(crate) struct ModuleFacts {
    pub(crate) imports: Vec<Import>,
    /// `export { local as exported }`, `export const exported = …` (exported == local) and
    /// `export default …` (exported `default`).
    pub(crate) exports: Vec<(String, String)>,
    pub(crate) re_exports: Vec<ReExport>,
    /// The roles of top-level names, as far as this file alone shows them.
    pub(crate) locals: HashMap<String, Local>,
    /// Imported functions whose result this file sends to Dodo.
    pub(crate) sends: Vec<Send>,
    /// Top-level helpers whose returned literal places their parameters, by name.
    pub(crate) shapes: HashMap<String, Vec<Vec<Placement>>>,
    /// The names of those helpers' parameters, by position, for a language whose calls may
    /// pass them by name (Python's keyword arguments); absent when only positions count.
    pub(crate) param_names: HashMap<String, Vec<String>>,
    /// The better-auth plugin's server configs the module holds (`checkout({ products })`).
    pub(crate) server_checkouts: Vec<super::adapter_config::ServerCheckout>,
    /// The module calls the better-auth plugin's client (`authClient.dodopayments.checkout…`):
    /// it needs the project's server config.
    pub(crate) calls_adapter: bool,
    /// Dodo's route handlers the module serves (`export const POST = Checkout(...)`).
    pub(crate) routes: Vec<super::routes::ModuleRoute>,
    /// The module may POST JSON to the app's own routes (`fetch`, `axios`).
    pub(crate) posts: bool,
}

/// `import { name as local } from 'specifier'`, `const local = require('specifier')` …
#[derive(Debug, Clone)]
pub(crate) struct Import {
    pub(crate) local: String,
    pub(crate) specifier: String,
    pub(crate) name: Imported,
}

/// What an import takes from its module.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Imported {
    Default,
    Named(String),
    /// `import * as ns`, `const ns = require(…)`: the module itself.
    Namespace,
}

/// `export { name as exported } from 'specifier'`; `exported` is `None` for `export *`.
#[derive(Debug, Clone)]
pub(crate) struct ReExport {
    pub(crate) exported: Option<String>,
    pub(crate) specifier: String,
    pub(crate) name: Imported,
}

/// The export name standing for a CommonJS module's `module.exports` value: what a
/// `const x = require('./m')` of it binds.
pub(crate) const CJS_VALUE: &str = "module.exports";

/// A top-level name's role, or what it depends on when another module decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Local {
    Known(Kind),
    /// A function that returns this name's value (`return dodo`, `return getDodo()`): a
    /// factory when that is a client.
    Returns(String),
    /// The result of calling this name (`const dodo = getDodo()`): a client when that is a
    /// factory.
    ResultOf(String),
}

/// `client.checkoutSessions.create(helper(...))` where `helper` is imported.
#[derive(Debug, Clone)]
pub(crate) struct Send {
    pub(crate) helper: String,
    /// The client is Dodo's by what this file alone shows.
    pub(crate) certain: bool,
    /// Else, the name the receiver starts with (`dodo`, `getDodo`), for the project to look up.
    pub(crate) receiver: Option<String>,
    /// Spread into the payload (`{ ...base, customer }`) rather than the payload itself.
    pub(crate) partial: bool,
    /// Its entries are sent, one at a time (`for plan in PLANS.values()`, `PLANS[key]`), not
    /// the value itself.
    pub(crate) entries: bool,
}
