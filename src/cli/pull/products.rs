//! The account's products: every page of `GET /products`, then each product's details from
//! `GET /products/{id}` (list items lack addons, brand and credit entitlements), a few at a time.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use super::api::{Api, Failure};
use super::progress::Progress;

/// The API's largest page.
const PAGE_SIZE: usize = 100;

/// The longest product id accepted: Dodo's are `pdt_` and about 22 letters and digits.
pub(super) const MAX_ID_BYTES: usize = 256;

/// Requests in flight at once: a few, to be quick without tripping the rate limit.
const WORKERS: usize = 4;

/// A product to fetch: its id, and whether it came from the archived list.
pub(super) struct Listed {
    pub id: String,
    pub archived: bool,
}

/// One product's details as compact JSON (text costs what the server sent; a parsed tree of
/// small values costs many times that), `"archived": true` added to archived ones.
pub(super) struct Product {
    pub id: String,
    pub json: String,
}

/// What the details step brought back.
pub(super) struct Pulled {
    pub products: Vec<Product>,
    /// Listed products whose details answered 404 (deleted in between): left out.
    pub vanished: Vec<String>,
}

/// Every listed product, active first and then (when asked) archived; an id listed twice
/// (a product that moved between pages while they were read) is kept once. At most
/// `max_pages` pages of each list are read.
pub(super) fn list(
    api: &Api,
    include_archived: bool,
    max_pages: u64,
) -> Result<Vec<Listed>, String> {
    let mut seen = HashSet::new();
    let mut listed = Vec::new();
    let kinds: &[bool] = if include_archived {
        &[false, true]
    } else {
        &[false]
    };
    for &archived in kinds {
        for id in list_kind(api, archived, max_pages)? {
            if seen.insert(id.clone()) {
                listed.push(Listed { id, archived });
            }
        }
    }
    Ok(listed)
}

/// The ids of one list (active or archived), at most `max_pages` pages of it.
fn list_kind(api: &Api, archived: bool, max_pages: u64) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    for page in 0..max_pages {
        let mut query = vec![
            ("page_size", PAGE_SIZE.to_string()),
            ("page_number", page.to_string()),
        ];
        if archived {
            query.push(("archived", "true".to_string()));
        }
        let shown = format!("/products?page_number={page}");
        let value = api
            .get("/products", &query)
            .map_err(|failure| api.describe(&shown, &failure))?;
        let items = page_items(&value).map_err(|why| {
            format!("GET {shown} answered with something other than the documented list: {why}")
        })?;
        let count = items.len();
        ids.extend(items);
        if count < PAGE_SIZE {
            return Ok(ids);
        }
    }
    let plural = if max_pages == 1 { "" } else { "s" };
    let which = if archived { "archived " } else { "" };
    Err(format!(
        "GET /products sent {max_pages} full page{plural} of {which}products and more to come, \
         the most a pull reads of each list (--max-pages, {} products); stopped",
        max_pages.saturating_mul(PAGE_SIZE as u64)
    ))
}

/// The product ids of a list page: `{"items": [{"product_id": "...", ...}, ...]}`.
fn page_items(page: &Value) -> Result<Vec<String>, String> {
    let items = page
        .get("items")
        .and_then(Value::as_array)
        .ok_or("no \"items\" array")?;
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let id = item
                .get("product_id")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("item {index} has no string \"product_id\""))?;
            if id.is_empty() || id.len() > MAX_ID_BYTES {
                return Err(format!(
                    "item {index}'s \"product_id\" is {} bytes long (1 to {MAX_ID_BYTES} accepted)",
                    id.len()
                ));
            }
            Ok(id.to_string())
        })
        .collect()
}

/// One product's details: the product, `None` when it is gone, or why it could not be fetched.
type Fetched = Result<Option<Product>, String>;

/// Each listed product's details, [`WORKERS`] at a time; the first failure stops the rest.
pub(super) fn details(api: &Api, listed: &[Listed], progress: &Progress) -> Result<Pulled, String> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let results: Mutex<Vec<Option<Fetched>>> =
        Mutex::new((0..listed.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(listed.len()) {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(product) = listed.get(index) else {
                        break;
                    };
                    let result = detail(api, product);
                    if result.is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                    progress.tick();
                    if let Ok(mut slots) = results.lock() {
                        slots[index] = Some(result);
                    }
                }
            });
        }
    });
    let slots = results
        .into_inner()
        .map_err(|_| "a worker failed".to_string())?;
    let mut pulled = Pulled {
        products: Vec::with_capacity(listed.len()),
        vanished: Vec::new(),
    };
    for (product, slot) in listed.iter().zip(slots) {
        match slot {
            Some(Ok(Some(value))) => pulled.products.push(value),
            Some(Ok(None)) => pulled.vanished.push(product.id.clone()),
            Some(Err(message)) => return Err(message),
            // Not fetched because another failed first; that failure is in its own slot.
            None => {}
        }
    }
    if pulled.products.len() + pulled.vanished.len() < listed.len() {
        return Err("the pull stopped before every product was fetched".to_string());
    }
    Ok(pulled)
}

/// One product's details; `None` when it no longer exists.
fn detail(api: &Api, listed: &Listed) -> Fetched {
    let path = format!("/products/{}", encode_segment(&listed.id));
    let shown = crate::text::escape_line(&path).into_owned();
    let mut value = match api.get(&path, &[]) {
        Ok(value) => value,
        Err(Failure::NotFound) => return Ok(None),
        Err(failure) => return Err(api.describe(&shown, &failure)),
    };
    let Some(object) = value.as_object_mut() else {
        return Err(format!(
            "GET {shown} answered with something other than a product"
        ));
    };
    if object.get("product_id").and_then(Value::as_str) != Some(listed.id.as_str()) {
        return Err(format!(
            "GET {shown} answered with another product's details"
        ));
    }
    if listed.archived {
        object.insert("archived".to_string(), Value::Bool(true));
    }
    let json = serde_json::to_string(&value)
        .map_err(|err| format!("GET {shown}: cannot keep the product: {err}"))?;
    Ok(Some(Product {
        id: listed.id.clone(),
        json,
    }))
}

/// A product id as one path segment: ids are `pdt_` and letters, but an id is data from a
/// server, and must not become `..` or a query.
fn encode_segment(id: &str) -> String {
    const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');
    utf8_percent_encode(id, UNRESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_ids_are_read_strictly() {
        let page = serde_json::json!({"items": [{"product_id": "a"}, {"product_id": "b"}]});
        assert_eq!(page_items(&page).unwrap(), ["a", "b"]);
        assert!(page_items(&serde_json::json!({"products": []})).is_err());
        let bad = serde_json::json!({"items": [{"product_id": 3}]});
        assert_eq!(
            page_items(&bad).unwrap_err(),
            "item 0 has no string \"product_id\""
        );
        let long = "p".repeat(MAX_ID_BYTES + 1);
        let bad = serde_json::json!({"items": [{"product_id": "a"}, {"product_id": long}]});
        assert_eq!(
            page_items(&bad).unwrap_err(),
            "item 1's \"product_id\" is 257 bytes long (1 to 256 accepted)"
        );
        let empty = serde_json::json!({"items": [{"product_id": ""}]});
        assert!(page_items(&empty).is_err());
        assert_eq!(encode_segment("pdt_a1-B"), "pdt_a1-B");
        assert_eq!(encode_segment("../x?y"), "%2E%2E%2Fx%3Fy");
    }
}
