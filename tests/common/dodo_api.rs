//! A stand-in for the Dodo API's products endpoints, on 127.0.0.1, for `catalogue pull`'s tests:
//! the documented shapes of `GET /products` (pages, `archived`) and `GET /products/{id}`, a key
//! it accepts, and the quirks a real server has (a product gone between list and detail, a 429
//! before success, a lasting 500, an answer slower than the client waits, a wrong shape). It
//! records every request it receives.
//!
//! It can also be hostile: pages that never end, details padded to any size, the
//! `Authorization` header reflected into product names, and a long error message that carries
//! the key.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

/// How one product's `GET /products/{id}` misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quirk {
    /// 404: deleted after it was listed.
    Gone,
    /// 429 with `Retry-After: 0` the first time, then the product.
    TooManyOnce,
    /// 500 every time.
    AlwaysFails,
    /// Answers after this long.
    Slow(Duration),
    /// 200 with a product that has no price.
    Priceless,
    /// 400 with a message of this many characters of filler, then the bearer key, then more.
    EchoKeyInError(usize),
}

/// What the stand-in serves.
#[derive(Debug, Clone, Default)]
pub struct Account {
    pub key: String,
    pub active: Vec<Value>,
    pub archived: Vec<Value>,
    pub quirks: HashMap<String, Quirk>,
    /// `GET /products` answers `{"products": [...]}` instead of `{"items": [...]}`.
    pub wrong_list_shape: bool,
    /// Every page is full, for ever: 100 new products whose ids are this many bytes long.
    pub endless_pages: Option<usize>,
    /// Every product's details (not its list item) carry a `description` of this many bytes.
    pub detail_padding: usize,
    /// Every product's details carry the request's `Authorization` value as their `name`.
    pub reflect_authorization: bool,
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub query: HashMap<String, String>,
    pub authorization: Option<String>,
}

pub struct StandIn {
    pub base_url: String,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    address: std::net::SocketAddr,
}

impl StandIn {
    pub fn start(account: Account) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let address = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let shared = Arc::new(Shared {
            account,
            requests: Arc::clone(&requests),
            refused_once: Mutex::new(Vec::new()),
        });
        let stopping = Arc::clone(&stop);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || shared.serve(stream));
            }
        });
        Self {
            base_url: format!("http://{address}"),
            requests,
            stop,
            address,
        }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// Requests for one product's details.
    pub fn detail_requests(&self, id: &str) -> usize {
        let path = format!("/products/{id}");
        self.requests().iter().filter(|r| r.path == path).count()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.address);
    }
}

struct Shared {
    account: Account,
    requests: Arc<Mutex<Vec<Request>>>,
    refused_once: Mutex<Vec<String>>,
}

impl Shared {
    fn serve(&self, stream: TcpStream) {
        let mut reader = BufReader::new(&stream);
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            return;
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut authorization = None;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("authorization")
            {
                authorization = Some(value.trim().to_string());
            }
        }
        let (path, query) = split_target(&target);
        let request = Request {
            path: path.clone(),
            query,
            authorization,
        };
        self.requests.lock().unwrap().push(request.clone());
        let (status, extra, body) = self.answer(&request);
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
            body.len()
        );
        let mut stream = stream;
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body.as_bytes());
    }

    /// Status line, extra headers and body.
    fn answer(&self, request: &Request) -> (&'static str, &'static str, String) {
        let expected = format!("Bearer {}", self.account.key);
        if request.authorization.as_deref() != Some(expected.as_str()) {
            // What Dodo answers a wrong key: an empty 401.
            return ("401 Unauthorized", "", String::new());
        }
        if request.path == "/products" {
            return ("200 OK", "", self.list(request).to_string());
        }
        let Some(id) = request.path.strip_prefix("/products/") else {
            return ("404 Not Found", "", String::new());
        };
        if self.account.endless_pages.is_some() {
            return ("200 OK", "", product(id, false).to_string());
        }
        let product = self
            .account
            .active
            .iter()
            .chain(&self.account.archived)
            .find(|p| p["product_id"] == id);
        let Some(product) = product else {
            return (
                "404 Not Found",
                "",
                r#"{"code":"NOT_FOUND","message":"no such product"}"#.into(),
            );
        };
        match self.account.quirks.get(id) {
            Some(Quirk::Gone) => ("404 Not Found", "", String::new()),
            Some(Quirk::AlwaysFails) => (
                "500 Internal Server Error",
                "",
                r#"{"code":"INTERNAL","message":"Something went wrong :("}"#.into(),
            ),
            Some(Quirk::TooManyOnce) if self.first_refusal(id) => {
                ("429 Too Many Requests", "Retry-After: 0\r\n", String::new())
            }
            Some(Quirk::Slow(pause)) => {
                std::thread::sleep(*pause);
                ("200 OK", "", product.to_string())
            }
            Some(Quirk::Priceless) => {
                let mut bare = product.clone();
                bare.as_object_mut().unwrap().remove("price");
                bare.as_object_mut().unwrap().remove("is_recurring");
                ("200 OK", "", bare.to_string())
            }
            Some(Quirk::EchoKeyInError(filler)) => {
                let message = format!(
                    "{} {} was not accepted here",
                    "x".repeat(*filler),
                    self.account.key
                );
                let body = json!({"code": "BAD_REQUEST", "message": message});
                ("400 Bad Request", "", body.to_string())
            }
            _ => ("200 OK", "", self.detail(product, request).to_string()),
        }
    }

    /// A product's details, with the hostile additions asked for.
    fn detail(&self, product: &Value, request: &Request) -> Value {
        let mut detail = product.clone();
        let object = detail.as_object_mut().unwrap();
        if self.account.detail_padding > 0 {
            let padding = "x".repeat(self.account.detail_padding);
            object.insert("description".into(), padding.into());
        }
        if self.account.reflect_authorization {
            let reflected = request.authorization.clone().unwrap_or_default();
            object.insert("name".into(), reflected.into());
        }
        detail
    }

    fn first_refusal(&self, id: &str) -> bool {
        let mut refused = self.refused_once.lock().unwrap();
        if refused.iter().any(|r| r == id) {
            return false;
        }
        refused.push(id.to_string());
        true
    }

    /// One page of the list, as `ProductListResponse` items (no addons, brand or entitlements).
    fn list(&self, request: &Request) -> Value {
        let number = |name: &str, default: usize| {
            request
                .query
                .get(name)
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        let size = number("page_size", 10).min(100);
        let page = number("page_number", 0);
        if let Some(length) = self.account.endless_pages {
            let items: Vec<Value> = (0..size)
                .map(|n| {
                    let id = format!("pdt_{page}_{n}_");
                    let id = format!("{id}{}", "x".repeat(length.saturating_sub(id.len())));
                    list_item(&product(&id, false))
                })
                .collect();
            return json!({ "items": items });
        }
        let source = if request.query.get("archived").map(String::as_str) == Some("true") {
            &self.account.archived
        } else {
            &self.account.active
        };
        let items: Vec<Value> = source
            .iter()
            .skip(page * size)
            .take(size)
            .map(list_item)
            .collect();
        if self.account.wrong_list_shape {
            json!({ "products": items })
        } else {
            json!({ "items": items })
        }
    }
}

fn list_item(product: &Value) -> Value {
    let mut item = product.clone();
    let object = item.as_object_mut().unwrap();
    for detail_only in [
        "addons",
        "brand_id",
        "credit_entitlements",
        "license_key_enabled",
    ] {
        object.remove(detail_only);
    }
    let price = object.remove("price").unwrap_or(Value::Null);
    object.insert("price".into(), price["price"].clone());
    object.insert("currency".into(), price["currency"].clone());
    object.insert("price_detail".into(), price);
    item
}

fn split_target(target: &str) -> (String, HashMap<String, String>) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let pairs = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    (path.to_string(), pairs)
}

/// A product as `GET /products/{id}` returns it: one-time, or recurring with an addon.
pub fn product(id: &str, recurring: bool) -> Value {
    let price = if recurring {
        json!({"type": "recurring_price", "price": 2000, "currency": "USD", "discount": 0,
               "purchasing_power_parity": false, "payment_frequency_count": 1,
               "payment_frequency_interval": "Month", "subscription_period_count": 1,
               "subscription_period_interval": "Year"})
    } else {
        json!({"type": "one_time_price", "price": 500, "currency": "USD", "discount": 0,
               "purchasing_power_parity": false})
    };
    json!({
        "product_id": id, "business_id": "bus_standin", "brand_id": "bus_standin",
        "name": format!("Product {id}"), "is_recurring": recurring, "tax_category": "saas",
        "metadata": {}, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
        "license_key_enabled": false, "credit_entitlements": [],
        "addons": if recurring { json!(["adn_seat"]) } else { Value::Null },
        "price": price,
    })
}
