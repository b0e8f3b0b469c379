//! The official Go SDK's names, as its source declares them: the Go field of every params struct
//! a checkout session's request reaches, with the API field its `json:"…"` tag names, and the
//! typed string constants of the enums those fields hold (`CurrencyUsd` = `"USD"`).
//!
//! `sdk.tsv` is derived from the SDK's source by `scripts/go_sdk_table.py`; its first line names
//! the release and commit. Field names are the same in every struct (the generator derives each
//! from its JSON name), and the older releases' structs (`CheckoutSessionRequestProductCartParam`
//! before `ProductItemReqParam`) use the same field names, so one table reads both styles.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const TABLE: &str = include_str!("sdk.tsv");

/// The SDK's import path; its package name is `dodopayments`.
pub(super) const IMPORT_PATH: &str = "github.com/dodopayments/dodopayments-go";

/// The SDK's `shared` package: `shared.UnionString("v")` is a metadata value.
pub(super) const SHARED_PATH: &str = "github.com/dodopayments/dodopayments-go/shared";

/// The SDK's request options.
pub(super) const OPTION_PATH: &str = "github.com/dodopayments/dodopayments-go/option";

/// Request options that leave the body as the params write it; any other (`WithJSONSet`,
/// `WithJSONDel`, `WithRequestBody`, a middleware, `opts...`) may change it.
pub(super) const BODY_KEEPING_OPTIONS: &[&str] = &[
    "WithBaseURL",
    "WithHTTPClient",
    "WithMaxRetries",
    "WithHeader",
    "WithHeaderAdd",
    "WithHeaderDel",
    "WithQuery",
    "WithQueryAdd",
    "WithQueryDel",
    "WithResponseBodyInto",
    "WithResponseInto",
    "WithRequestTimeout",
    "WithEnvironmentLiveMode",
    "WithEnvironmentTestMode",
    "WithBearerToken",
    "WithWebhookKey",
];

/// The params structs whose literal is a payload: the call's params (their
/// `CheckoutSessionRequest` is the body) and the request itself.
pub(super) const CALL_PARAMS: &[&str] =
    &["CheckoutSessionNewParams", "CheckoutSessionPreviewParams"];
pub(super) const REQUEST_PARAMS: &str = "CheckoutSessionRequestParam";
/// The field of the call's params that holds the request.
pub(super) const REQUEST_FIELD: &str = "CheckoutSessionRequest";

/// The SDK's param helpers whose one argument is the value sent (`F`, `String`, `Int` …).
pub(super) const VALUE_HELPERS: &[&str] = &["F", "String", "Int", "Float", "Bool"];
// `Null[T]()` and `Raw[T](v)` are not among them: their values are not the argument as
// written, and lower as unknown like any other call.
/// The SDK's map-typed params: keys are strings, not struct fields.
pub(super) const MAP_TYPES: &[&str] = &["MetadataParam"];
/// `shared`'s conversions of a metadata value.
pub(super) const SHARED_CONVERSIONS: &[&str] =
    &["UnionString", "UnionFloat", "UnionInt", "UnionBool"];

pub(super) struct Sdk {
    /// Go field → API field.
    fields: HashMap<&'static str, &'static str>,
    /// API field → Go field.
    go_fields: HashMap<&'static str, &'static str>,
    /// Constant → (its type, its value).
    constants: HashMap<&'static str, (&'static str, &'static str)>,
    /// (type, value) → constant.
    by_value: HashMap<(&'static str, &'static str), &'static str>,
    /// The string enum types.
    enums: HashSet<&'static str>,
}

/// The table, read once.
pub(super) fn sdk() -> &'static Sdk {
    static SDK: OnceLock<Sdk> = OnceLock::new();
    SDK.get_or_init(|| {
        let mut sdk = Sdk {
            fields: HashMap::new(),
            go_fields: HashMap::new(),
            constants: HashMap::new(),
            by_value: HashMap::new(),
            enums: HashSet::new(),
        };
        for line in TABLE.lines().filter(|line| !line.starts_with('#')) {
            let columns: Vec<&'static str> = line.split('\t').collect();
            match columns[..] {
                ["field", _, go, json] => {
                    sdk.fields.insert(go, json);
                    sdk.go_fields.insert(json, go);
                }
                ["const", kind, name, value] => {
                    sdk.constants.insert(name, (kind, value));
                    sdk.by_value.insert((kind, value), name);
                    sdk.enums.insert(kind);
                }
                _ => {}
            }
        }
        sdk
    })
}

impl Sdk {
    /// The API field a Go field writes, by the SDK's tag (see [`snake_case`] for a field the
    /// SDK does not have).
    pub(super) fn api_field(&self, go: &str) -> Option<&'static str> {
        self.fields.get(go).copied()
    }

    fn go_field(&self, name: &str) -> Option<&'static str> {
        self.go_fields.get(name).copied()
    }

    /// The type and value of the SDK constant `name` (`CurrencyUsd` → `Currency`, `USD`).
    pub(super) fn constant(&self, name: &str) -> Option<(&'static str, &'static str)> {
        self.constants.get(name).copied()
    }

    /// True when `name` is one of the SDK's string enum types (a conversion to it keeps the value).
    pub(super) fn is_enum(&self, name: &str) -> bool {
        self.enums.contains(name)
    }

    /// The constant of `kind` whose value is `value`.
    pub(super) fn constant_for(&self, kind: &str, value: &str) -> Option<&'static str> {
        self.by_value.get(&(kind, value)).copied()
    }
}

/// The SDK constant of the same type as the one written at `written`
/// (`dodopayments.CountryCodeUs`) whose value is `value`, spelled with the same package name.
pub(crate) fn constant_like(written: &str, value: &str) -> Option<String> {
    let (package, name) = written.rsplit_once('.')?;
    let sdk = sdk();
    let (kind, _) = sdk.constant(name.trim())?;
    Some(format!(
        "{}.{}",
        package.trim(),
        sdk.constant_for(kind, value)?
    ))
}

/// The Go field that writes the API field `name`.
pub(crate) fn go_field(name: &str) -> Option<&'static str> {
    sdk().go_field(name)
}

/// `CustomerEmail` → `customer_email`, `TaxID` → `tax_id`, `Force3DS` → `force_3ds`: the API's
/// name for a Go field the table does not have.
pub(super) fn snake_case(go: &str) -> String {
    let chars: Vec<char> = go.chars().collect();
    let mut out = String::with_capacity(go.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_digit() && chars[i - 1].is_lowercase() {
            out.push('_');
        }
        if c.is_uppercase() && i > 0 {
            let before = chars[i - 1];
            let after_lower = chars.get(i + 1).is_some_and(|next| next.is_lowercase());
            if before.is_lowercase() || (before.is_uppercase() && after_lower) {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_maps_the_sdk_names_both_ways() {
        let sdk = sdk();
        assert_eq!(sdk.api_field("ProductCart"), Some("product_cart"));
        assert_eq!(sdk.api_field("Force3DS"), Some("force_3ds"));
        assert_eq!(sdk.api_field("TaxID"), Some("tax_id"));
        assert_eq!(sdk.go_field("return_url"), Some("ReturnURL"));
        assert_eq!(sdk.constant("CurrencyUsd"), Some(("Currency", "USD")));
        assert_eq!(sdk.constant_for("CountryCode", "US"), Some("CountryCodeUs"));
        assert!(sdk.is_enum("PaymentMethodTypes"));
        assert!(TABLE.starts_with("# dodopayments-go v1.113.0 ("));
    }

    /// Every property name anywhere in `schema`.
    fn property_names(schema: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match schema {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                    out.extend(properties.keys().cloned());
                }
                map.values().for_each(|v| property_names(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| property_names(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_schema_field_has_a_go_name() {
        // The newest TypeScript SDK's feature flags that the Go SDK (v1.113.0) does not have: a Go
        // program sends them only with `option.WithJSONSet`, outside any params literal.
        const NOT_IN_GO: &[&str] = &["require_cardholder_name", "require_tax_id"];
        let mut names = std::collections::BTreeSet::new();
        property_names(crate::schema::document(), &mut names);
        assert!(names.len() > 90, "{names:?}");
        let missing: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|name| sdk().go_field(name).is_none())
            .collect();
        assert_eq!(missing, NOT_IN_GO);
        // And every Go field of the request is a field of the schema (the call's wrapper aside).
        for (go, json) in &sdk().fields {
            assert!(
                names.contains(*json) || *go == REQUEST_FIELD,
                "{go} writes {json}, which the schema lacks"
            );
        }
    }

    #[test]
    fn every_go_field_is_its_api_field_in_snake_case() {
        // The generator's rule: a field the table lacks is named as the API would name it.
        for line in TABLE.lines().filter(|line| line.starts_with("field")) {
            let columns: Vec<&str> = line.split('\t').collect();
            assert_eq!(snake_case(columns[2]), columns[3], "{line}");
        }
        assert_eq!(snake_case("CustomerEmail"), "customer_email");
        assert_eq!(snake_case("SuccessURL"), "success_url");
    }
}
