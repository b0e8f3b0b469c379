//! The catalogue file a pull writes: `{"environment", "pulled_at", "items"}`, products sorted by
//! id so that a re-pull's diff shows only what changed; checked against the catalogue reader's
//! own limits before it may replace anything, so that a pull never writes a file every later
//! lint refuses.

use std::io::Write;
use std::time::SystemTime;

use serde_json::{Map, Value};

use super::products::Product;
use crate::catalogue::{Catalogue, MAX_CATALOGUE_SIZE};
use crate::environment::Environment;

/// The file's text, or why the products cannot make a catalogue the reader accepts: an answer
/// that is not the documented product shape, nesting past the reader's depth, or a file over the
/// reader's size limit ([`MAX_CATALOGUE_SIZE`]; pretty-printing can make a deeply nested answer
/// many times larger than it was sent, so the size is checked as it is written).
pub(super) fn compose(
    environment: Environment,
    pulled_at: SystemTime,
    mut products: Vec<Product>,
) -> Result<String, String> {
    products.sort_by(|a, b| a.id.cmp(&b.id));
    let time = humantime::format_rfc3339_seconds(pulled_at).to_string();
    let mut out = Capped::new(MAX_CATALOGUE_SIZE);
    write_file(&mut out, environment, &time, &products).map_err(|err| {
        if out.over {
            format!(
                "the pulled catalogue would be larger than {MAX_CATALOGUE_SIZE} bytes ({} MiB), \
                 the most the catalogue reader accepts (every later lint would refuse it); \
                 nothing written",
                MAX_CATALOGUE_SIZE >> 20
            )
        } else {
            format!("cannot write the catalogue: {err}")
        }
    })?;
    let text = String::from_utf8(out.bytes)
        .map_err(|_| "cannot write the catalogue: not UTF-8".to_string())?;
    Catalogue::from_json_str("the pulled products", &text).map_err(|err| {
        format!(
            "the API answered products that are not the documented shape ({}); nothing written",
            err.message
        )
    })?;
    Ok(text)
}

/// The file as `serde_json::to_string_pretty` writes the whole object, one product at a time
/// (each is parsed from its compact text only while it is written).
fn write_file(
    out: &mut Capped,
    environment: Environment,
    pulled_at: &str,
    products: &[Product],
) -> std::io::Result<()> {
    // The members in the order serde_json's map keeps them (sorted, or as inserted with its
    // `preserve_order` feature), so the file is byte for byte what it always was.
    let mut root = Map::new();
    root.insert("environment".into(), environment.as_str().into());
    root.insert("pulled_at".into(), pulled_at.into());
    root.insert("items".into(), Value::Null);
    out.write_all(b"{")?;
    for (index, name) in root.keys().enumerate() {
        out.write_all(if index == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b": ")?;
        if name == "items" {
            write_items(out, products)?;
        } else {
            serde_json::to_writer(&mut *out, &root[name])?;
        }
    }
    out.write_all(b"\n}\n")
}

fn write_items(out: &mut Capped, products: &[Product]) -> std::io::Result<()> {
    if products.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    for (index, product) in products.iter().enumerate() {
        out.write_all(if index == 0 { b"\n    " } else { b",\n    " })?;
        let value: Value = serde_json::from_str(&product.json)?;
        // Two levels in: every line the product takes gets four more spaces.
        let mut indented = std::io::BufWriter::with_capacity(64 << 10, Indented(&mut *out));
        serde_json::to_writer_pretty(&mut indented, &value)?;
        indented.flush()?;
    }
    out.write_all(b"\n  ]")
}

/// Bytes up to a limit; a write past it fails and sets `over`.
struct Capped {
    bytes: Vec<u8>,
    limit: u64,
    over: bool,
}

impl Capped {
    fn new(limit: u64) -> Self {
        Self {
            bytes: Vec::new(),
            limit,
            over: false,
        }
    }
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if (self.bytes.len() + buf.len()) as u64 > self.limit {
            self.over = true;
            return Err(std::io::Error::other("over the catalogue size limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes through, with four spaces after every line break (JSON text has no raw line break
/// inside a string, so every one is between tokens).
struct Indented<'a>(&'a mut Capped);

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = memchr::memchr(b'\n', rest) {
            self.0.write_all(&rest[..=at])?;
            self.0.write_all(b"    ")?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn product(value: Value) -> Product {
        Product {
            id: value["product_id"].as_str().unwrap().to_string(),
            json: value.to_string(),
        }
    }

    #[test]
    fn sorted_recorded_and_checked() {
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_796_000_000);
        let one = |id: &str| json!({"product_id": id, "is_recurring": false});
        let text = compose(
            Environment::LiveMode,
            at,
            vec![product(one("b")), product(one("a"))],
        )
        .unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["environment"], "live_mode");
        assert_eq!(value["pulled_at"], "2026-11-30T00:53:20Z");
        assert_eq!(value["items"][0]["product_id"], "a");

        let priceless = json!({"product_id": "x"});
        let err = compose(Environment::TestMode, at, vec![product(priceless)]).unwrap_err();
        assert!(err.contains("not the documented shape"), "{err}");
    }

    #[test]
    fn written_as_serde_json_prints_the_whole_object() {
        let at = SystemTime::UNIX_EPOCH;
        let products = [
            json!({"product_id": "b", "is_recurring": true, "metadata": {}, "addons": [],
                   "price": {"type": "recurring_price", "price": 5, "tags": [[1, {"x": "a\nb"}]]}}),
            json!({"product_id": "a", "is_recurring": false, "name": "Ä \"quoted\""}),
        ];
        let text = compose(
            Environment::TestMode,
            at,
            products.iter().cloned().map(product).collect(),
        )
        .unwrap();
        let mut root = Map::new();
        root.insert("environment".into(), "test_mode".into());
        root.insert("pulled_at".into(), "1970-01-01T00:00:00Z".into());
        root.insert(
            "items".into(),
            Value::Array(vec![products[1].clone(), products[0].clone()]),
        );
        let expected = serde_json::to_string_pretty(&Value::Object(root)).unwrap() + "\n";
        assert_eq!(text, expected);

        let empty = compose(Environment::TestMode, at, Vec::new()).unwrap();
        assert!(empty.contains("\"items\": []"), "{empty}");
        assert!(Catalogue::from_json_str("e", &empty).unwrap().is_empty());
    }

    #[test]
    fn what_the_reader_refuses_is_not_written() {
        let at = SystemTime::UNIX_EPOCH;
        // 125 arrays inside the product's metadata: 129 levels in the file, past the reader's 128.
        let deep = format!("{}{}", "[".repeat(125), "]".repeat(125));
        let value: Value = serde_json::from_str(&deep).unwrap();
        let nested = json!({"product_id": "p", "is_recurring": false, "metadata": {"x": value}});
        let err = compose(Environment::TestMode, at, vec![product(nested)]).unwrap_err();
        assert!(err.contains("nesting is deeper than 128"), "{err}");

        // Small when sent, over the size limit once pretty-printed.
        let block: Value =
            serde_json::from_str(&format!("{}{}", "[".repeat(100), "]".repeat(100))).unwrap();
        let blocks = Value::Array(vec![block; 4_000]);
        let sent = json!({"product_id": "p", "is_recurring": false, "metadata": {"x": blocks}});
        assert!(sent.to_string().len() < 1 << 20);
        let err = compose(Environment::TestMode, at, vec![product(sent)]).unwrap_err();
        assert!(err.contains("larger than 67108864 bytes"), "{err}");
    }
}
