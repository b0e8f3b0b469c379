//! The native half of the `checkout-lint` Node.js package. JavaScript turns the payload into
//! JSON text (`JSON.stringify`, the fastest converter a JS object has, and the very bytes the
//! SDK sends) and the options into text; this addon builds the core [`Linter`] from them and
//! returns the outcome as JSON text. `index.js` makes it idiomatic.

use napi::{Error, Result};
use napi_derive::napi;

use checkout_lint::Linter;
use checkout_lint_bindings_common::{Options, linter, outcome_json};

/// Settings as text, already converted by `index.js`.
#[napi(object)]
#[derive(Default)]
pub struct NativeOptions {
    pub config_path: Option<String>,
    pub config_toml: Option<String>,
    pub config_json: Option<String>,
    pub catalogue_path: Option<String>,
    pub catalogue_json: Option<String>,
}

/// A linter with its config and catalogue loaded once.
#[napi]
pub struct NativeLinter {
    inner: Linter,
}

#[napi]
impl NativeLinter {
    #[napi(constructor)]
    pub fn new(options: Option<NativeOptions>) -> Result<Self> {
        let options = options.unwrap_or_default();
        let options = Options {
            config_path: options.config_path,
            config_toml: options.config_toml,
            config_json: options.config_json,
            catalogue_path: options.catalogue_path,
            catalogue_json: options.catalogue_json,
        };
        let inner = linter(&options).map_err(Error::from_reason)?;
        Ok(Self { inner })
    }

    /// Lints JSON text; returns `{"diagnostics": [...], "hasErrors": bool}` as JSON text.
    #[napi]
    pub fn lint(&self, text: String, name: String) -> String {
        outcome_json(&self.inner.lint_str(&name, &text))
    }
}
