//! The schema as documentation: the subschema at a JSON pointer, its description, its property
//! names and enum values — what editors show in hovers and completions.

use serde_json::Value as Json;

use super::{document, unescape_pointer_segment};

/// Follows `$ref`, the non-null branch of `T | null`, to the schema that says what a value is.
fn resolve(schema: &'static Json) -> &'static Json {
    let mut current = schema;
    for _ in 0..8 {
        if let Some(target) = current.get("$ref").and_then(Json::as_str) {
            match target.strip_prefix('#').and_then(|p| document().pointer(p)) {
                Some(next) => current = next,
                None => return current,
            }
        } else if let Some(branch) =
            current
                .get("anyOf")
                .and_then(Json::as_array)
                .and_then(|branches| {
                    branches
                        .iter()
                        .find(|b| b.get("type") != Some(&Json::from("null")))
                })
        {
            current = branch;
        } else {
            return current;
        }
    }
    current
}

/// The schema of the value at `pointer` ("/product_cart/0/quantity"), if the schema knows it.
pub(crate) fn at_pointer(pointer: &str) -> Option<&'static Json> {
    let mut schema: &'static Json = document();
    for segment in pointer.split('/').skip(1) {
        let segment = unescape_pointer_segment(segment);
        let here = resolve(schema);
        schema = if let (Some(items), true) = (here.get("items"), segment.parse::<usize>().is_ok())
        {
            items
        } else if let Some(property) = properties(here)
            .into_iter()
            .find(|(name, _)| *name == segment)
        {
            property.1
        } else {
            here.get("additionalProperties").filter(|a| a.is_object())?
        };
    }
    Some(schema)
}

/// Whether `schema` accepts a value of the JSON type `type_name` ("string", "number" …):
/// `None` when it does not say. An integer type accepts numbers (the value decides).
pub(crate) fn allows_type(schema: &'static Json, type_name: &str) -> Option<bool> {
    let schema = resolve(schema);
    let accepts = |t: &str| t == type_name || (t == "integer" && type_name == "number");
    match schema.get("type") {
        Some(Json::String(t)) => Some(accepts(t)),
        Some(Json::Array(types)) => Some(types.iter().filter_map(Json::as_str).any(accepts)),
        _ => {
            let branches = schema
                .get("anyOf")
                .or_else(|| schema.get("oneOf"))
                .and_then(Json::as_array)?;
            let answers: Vec<Option<bool>> = branches
                .iter()
                .map(|branch| allows_type(branch, type_name))
                .collect();
            if answers.contains(&Some(true)) {
                Some(true)
            } else if answers.iter().all(Option::is_some) {
                Some(false)
            } else {
                None
            }
        }
    }
}

/// The properties an object schema allows, including both branches of an `if`/`then`/`else`
/// union (the customer variants).
pub(crate) fn properties(schema: &'static Json) -> Vec<(&'static str, &'static Json)> {
    let schema = resolve(schema);
    let mut found = Vec::new();
    let mut add = |s: &'static Json| {
        if let Some(props) = resolve(s).get("properties").and_then(Json::as_object) {
            for (name, value) in props {
                if !found.iter().any(|(n, _)| *n == name.as_str()) {
                    found.push((name.as_str(), value));
                }
            }
        }
    };
    add(schema);
    for branch in ["then", "else"] {
        if let Some(s) = schema.get(branch) {
            add(s);
        }
    }
    found
}

/// The string values an enum schema allows.
pub(crate) fn enum_values(schema: &'static Json) -> Vec<&'static str> {
    resolve(schema)
        .get("enum")
        .and_then(Json::as_array)
        .map(|values| values.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default()
}

/// Markdown for a hover: type, description, allowed values and default.
pub(crate) fn describe(name: &str, schema: &'static Json) -> String {
    let resolved = resolve(schema);
    let description = schema
        .get("description")
        .or_else(|| resolved.get("description"))
        .and_then(Json::as_str)
        .unwrap_or("");
    let nullable = schema
        .get("anyOf")
        .and_then(Json::as_array)
        .is_some_and(|b| b.iter().any(|s| s.get("type") == Some(&Json::from("null"))))
        || schema
            .get("type")
            .and_then(Json::as_array)
            .is_some_and(|t| t.iter().any(|v| v == "null"));
    let kind = match resolved.get("type") {
        Some(Json::String(t)) => t.clone(),
        Some(Json::Array(types)) => types
            .iter()
            .filter_map(Json::as_str)
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join(" | "),
        _ => "object".into(),
    };
    let mut text = format!(
        "**{name}**: `{kind}{}`\n\n{description}",
        if nullable { " | null" } else { "" }
    );
    let values = enum_values(schema);
    if !values.is_empty() {
        let shown: Vec<String> = values.iter().take(20).map(|v| format!("`{v}`")).collect();
        let more = if values.len() > 20 {
            format!(" … ({} in all)", values.len())
        } else {
            String::new()
        };
        text.push_str(&format!("\n\nAllowed: {}{more}", shown.join(", ")));
    }
    if let Some(default) = schema.get("default").or_else(|| resolved.get("default")) {
        text.push_str(&format!("\n\nDefault: `{default}`"));
    }
    if schema.get("deprecated") == Some(&Json::Bool(true))
        || resolved.get("deprecated") == Some(&Json::Bool(true))
    {
        text.push_str("\n\n**Deprecated.**");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_through_refs_nulls_and_unions() {
        let quantity = at_pointer("/product_cart/0/quantity").unwrap();
        assert!(describe("quantity", quantity).contains("Must be at least `1`"));
        let country = at_pointer("/billing_address/country").unwrap();
        assert_eq!(enum_values(country).len(), 249);
        let customer = at_pointer("/customer").unwrap();
        let names: Vec<&str> = properties(customer).into_iter().map(|(n, _)| n).collect();
        assert!(names.contains(&"customer_id") && names.contains(&"email"));
        assert!(at_pointer("/metadata/anything").is_some());
        assert!(at_pointer("/no_such_field").is_none());
        assert!(describe("confirm", at_pointer("/confirm").unwrap()).contains("Default: `false`"));
    }
}
