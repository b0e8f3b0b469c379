//! The edge the Node.js and Python packages share. Each host converts its own values to text
//! (a payload to JSON, an inline config to JSON or TOML); this crate turns that text into the
//! core [`Linter`] and a [`Report`] into the documented JSON contract, so both packages behave
//! the same and the core library knows nothing about either.

use std::path::Path;

use serde::Serialize;

use checkout_lint::render::json::JsonDiagnostic;
use checkout_lint::{Catalogue, Config, Linter, Report};

/// Where a linter's settings come from. Every field is optional; the default is the default
/// config with no catalogue.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// A `checkout-lint.toml` to load; its `catalogue` is read relative to it.
    pub config_path: Option<String>,
    /// An inline config as TOML text.
    pub config_toml: Option<String>,
    /// An inline config as JSON text of the same shape (a JS object or a Python dict).
    pub config_json: Option<String>,
    /// A catalogue file (JSON) to load; replaces the config's catalogue.
    pub catalogue_path: Option<String>,
    /// A catalogue as JSON text; replaces the config's catalogue.
    pub catalogue_json: Option<String>,
}

/// Builds the linter these options describe, or says which option is wrong and why.
pub fn linter(options: &Options) -> Result<Linter, String> {
    let mut config = config(options)?;
    if options.catalogue_path.is_some() && options.catalogue_json.is_some() {
        return Err("give the catalogue as a path or as data, not both".to_string());
    }
    if let Some(path) = &options.catalogue_path {
        let catalogue = Catalogue::load(Path::new(path)).map_err(|err| err.to_string())?;
        config = config.with_catalogue(catalogue);
    }
    if let Some(json) = &options.catalogue_json {
        let catalogue =
            Catalogue::from_json_str("<catalogue>", json).map_err(|err| err.to_string())?;
        config = config.with_catalogue(catalogue);
    }
    Ok(Linter::new(config))
}

fn config(options: &Options) -> Result<Config, String> {
    let given = [
        options.config_path.is_some(),
        options.config_toml.is_some(),
        options.config_json.is_some(),
    ];
    if given.iter().filter(|given| **given).count() > 1 {
        return Err("give the config as a path or as inline settings, not both".to_string());
    }
    // An inline config names its catalogue relative to the working directory.
    let here = Path::new(".");
    if let Some(path) = &options.config_path {
        return Config::load(Path::new(path)).map_err(|err| err.to_string());
    }
    if let Some(text) = &options.config_toml {
        return Config::from_toml_str("<config>", text, here).map_err(|err| err.to_string());
    }
    if let Some(json) = &options.config_json {
        let text = json_to_toml(json)?;
        return Config::from_toml_str("<config>", &text, here).map_err(|err| err.to_string());
    }
    Ok(Config::default())
}

/// The config file format is TOML; an inline object is the same tree, so it is rewritten as
/// TOML and read by the one config reader (which checks rule names and levels).
fn json_to_toml(json: &str) -> Result<String, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|err| format!("config: {err}"))?;
    if !value.is_object() {
        return Err("config: expected an object of settings".to_string());
    }
    toml::to_string(&value).map_err(|err| format!("config: {err}"))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome<'r> {
    diagnostics: Vec<JsonDiagnostic<'r>>,
    has_errors: bool,
}

/// `{"diagnostics": [...], "hasErrors": bool}`: each diagnostic exactly as in the CLI's JSON
/// output (`schemas/diagnostics.schema.json`).
pub fn outcome_json(report: &Report) -> String {
    let outcome = Outcome {
        diagnostics: report
            .diagnostics()
            .iter()
            .map(|diagnostic| JsonDiagnostic::new(report.source(), diagnostic))
            .collect(),
        has_errors: report.has_errors(),
    };
    // Plain structs of strings and numbers always serialize.
    serde_json::to_string(&outcome).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_json_config_sets_rule_levels() {
        let options = Options {
            config_json: Some(r#"{"rules": {"zero-quantity": "off"}}"#.to_string()),
            ..Options::default()
        };
        let linter = linter(&options).expect("valid config");
        let report = linter.lint_str(
            "p.json",
            r#"{"product_cart": [{"product_id": "p", "quantity": 0}]}"#,
        );
        assert!(
            report
                .diagnostics()
                .iter()
                .all(|d| d.rule != "zero-quantity")
        );
    }

    #[test]
    fn inline_config_with_an_unknown_rule_is_an_error() {
        let options = Options {
            config_json: Some(r#"{"rules": {"zero-quantities": "off"}}"#.to_string()),
            ..Options::default()
        };
        let error = linter(&options).expect_err("unknown rule");
        assert!(error.contains("zero-quantity"), "{error}");
    }

    #[test]
    fn two_configs_are_refused() {
        let options = Options {
            config_json: Some("{}".to_string()),
            config_toml: Some(String::new()),
            ..Options::default()
        };
        assert_eq!(
            linter(&options).expect_err("two configs"),
            "give the config as a path or as inline settings, not both"
        );
    }

    #[test]
    fn outcome_follows_the_json_contract() {
        let report = Linter::default().lint_str(
            "p.json",
            r#"{"product_cart": [{"product_id": "p", "quantity": 0}]}"#,
        );
        let outcome: serde_json::Value =
            serde_json::from_str(&outcome_json(&report)).expect("JSON");
        assert_eq!(outcome["hasErrors"], true);
        let first = &outcome["diagnostics"][0];
        assert_eq!(first["rule"], "zero-quantity");
        assert_eq!(first["pointer"], "/product_cart/0/quantity");
        assert_eq!(first["span"]["offset"], 50);
        assert_eq!(first["span"]["length"], 1);
    }
}
