//! The catalogue file a pull writes: `{"environment", "pulled_at", "items"}`, products sorted by
//! id so that a re-pull's diff shows only what changed; checked by the catalogue reader before
//! it may replace anything.

use std::time::SystemTime;

use serde_json::{Map, Value};

use crate::catalogue::Catalogue;
use crate::environment::Environment;

/// The file's text, or why the products cannot make a catalogue (an answer that is not the
/// documented product shape).
pub fn compose(
    environment: Environment,
    pulled_at: SystemTime,
    mut products: Vec<Value>,
) -> Result<String, String> {
    products.sort_by(|a, b| id(a).cmp(id(b)));
    let mut root = Map::new();
    root.insert("environment".into(), environment.as_str().into());
    let time = humantime::format_rfc3339_seconds(pulled_at).to_string();
    root.insert("pulled_at".into(), time.into());
    root.insert("items".into(), Value::Array(products));
    let mut text = serde_json::to_string_pretty(&Value::Object(root))
        .map_err(|err| format!("cannot write the catalogue: {err}"))?;
    text.push('\n');
    Catalogue::from_json_str("the pulled products", &text).map_err(|err| {
        format!(
            "the API answered products that are not the documented shape ({}); nothing written",
            err.message
        )
    })?;
    Ok(text)
}

fn id(product: &Value) -> &str {
    product
        .get("product_id")
        .and_then(Value::as_str)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorted_recorded_and_checked() {
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_796_000_000);
        let product = |id: &str| json!({"product_id": id, "is_recurring": false});
        let text = compose(Environment::LiveMode, at, vec![product("b"), product("a")]).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["environment"], "live_mode");
        assert_eq!(value["pulled_at"], "2026-11-30T00:53:20Z");
        assert_eq!(value["items"][0]["product_id"], "a");

        let priceless = json!({"product_id": "x"});
        let err = compose(Environment::TestMode, at, vec![priceless]).unwrap_err();
        assert!(err.contains("not the documented shape"), "{err}");
    }
}
