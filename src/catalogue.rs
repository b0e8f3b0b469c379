//! The product catalogue: products as Dodo's own API returns them, so a user can save the
//! response of `GET /products/{id}` (one product), several of them in an array, or the list
//! response `GET /products` (`{"items": [...]}`) and point the config at the file.
//! `checkout-lint catalogue pull` writes the last shape, with the environment it was pulled
//! from (`"environment": "test_mode"`) and archived products marked `"archived": true`.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::environment::Environment;
use crate::source::Source;
use crate::span::Span;
use crate::tree::{self, Node};

/// How a product is billed, from its price's `type` (or `is_recurring` when the list endpoint
/// gave no price details).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceKind {
    OneTime,
    Recurring,
    UsageBased,
}

/// A product's price: the amount is in the currency's minor units (`price`, or `fixed_price` for
/// usage-based prices); for pay-what-you-want products it is the minimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Price {
    pub kind: PriceKind,
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub pay_what_you_want: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: String,
    pub name: Option<String>,
    pub price: Price,
    /// Addon ids the product allows (`addons`; absent in list responses).
    pub addons: Option<Vec<String>>,
    /// Archived in the dashboard (pulled with `--include-archived`): it exists, but a checkout
    /// cannot sell it.
    pub archived: bool,
}

impl Product {
    /// Subscriptions are products with a recurring or usage-based price.
    pub fn is_subscription(&self) -> bool {
        self.price.kind != PriceKind::OneTime
    }

    /// The product's name for messages, falling back to its id.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// The largest catalogue file read (64 MiB: thousands of products with every detail). A
/// bigger one, or one that is not a regular file, is an error naming the file.
pub const MAX_CATALOGUE_SIZE: u64 = 64 << 20;

/// Products by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    products: HashMap<String, Product>,
    /// The environment the file says it was pulled from (`"environment"`), when it says.
    pub environment: Option<Environment>,
}

/// Why a catalogue could not be read, with the file and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    pub file: String,
    /// 1-based; 0 when the file could not be read at all.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "catalogue {}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "catalogue {}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for CatalogueError {}

impl Catalogue {
    pub fn get(&self, id: &str) -> Option<&Product> {
        self.products.get(id)
    }

    /// Every product id (for suggestions).
    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.products.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.products.len()
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    /// Adds a product, replacing one with the same id.
    pub fn insert(&mut self, product: Product) {
        self.products.insert(product.id.clone(), product);
    }

    /// Reads a catalogue file.
    pub fn load(path: &Path) -> Result<Self, CatalogueError> {
        let name = crate::text::escape_line(&path.to_string_lossy()).into_owned();
        let bytes = crate::untrusted_file::read(path, MAX_CATALOGUE_SIZE).map_err(|err| {
            CatalogueError {
                file: name.clone(),
                line: 0,
                column: 0,
                message: err.to_string(),
            }
        })?;
        let (source, invalid) = Source::from_bytes(name, &bytes);
        if let Some(invalid) = invalid {
            return Err(error(&source, invalid.span, "the file is not valid UTF-8"));
        }
        Self::parse(&source)
    }

    /// Reads a catalogue from JSON text; `name` is used in errors.
    pub fn from_json_str(name: &str, text: &str) -> Result<Self, CatalogueError> {
        Self::parse(&Source::new(name, text))
    }

    fn parse(source: &Source) -> Result<Self, CatalogueError> {
        let arena = tree::Arena::new();
        let root = tree::parse(source.text(), &arena)
            .map_err(|err| error(source, err.span, &format!("not JSON: {}", err.message)))?;
        let products: &[Node<'_>] = match (&root.as_array(), root.get("items")) {
            (Some(items), _) => items,
            (None, Some(items)) => items.as_array().ok_or_else(|| {
                error(source, items.span, "\"items\" must be an array of products")
            })?,
            (None, None) if root.get("product_id").is_some() => std::slice::from_ref(&root),
            _ => {
                return Err(error(
                    source,
                    root.span,
                    "expected a product, an array of products or {\"items\": [...]}",
                ));
            }
        };
        let mut catalogue = Catalogue {
            environment: read_environment(source, &root)?,
            ..Catalogue::default()
        };
        for node in products {
            let product = read_product(source, node)?;
            if catalogue.products.contains_key(&product.id) {
                let message = format!("product {:?} appears twice", product.id);
                return Err(error(source, node.span, &message));
            }
            catalogue.insert(product);
        }
        Ok(catalogue)
    }
}

fn error(source: &Source, span: Span, message: &str) -> CatalogueError {
    let (line, column) = source.line_col(span.start());
    CatalogueError {
        file: source.name().to_string(),
        line,
        column,
        message: message.to_string(),
    }
}

/// The top-level `"environment"` of a pulled file.
fn read_environment(
    source: &Source,
    root: &Node<'_>,
) -> Result<Option<Environment>, CatalogueError> {
    let Some(node) = root.as_object().and(root.get("environment")) else {
        return Ok(None);
    };
    match node.as_str().and_then(Environment::from_name) {
        Some(environment) => Ok(Some(environment)),
        None => {
            let message = format!(
                "\"environment\" must be a string: {}",
                Environment::expected()
            );
            Err(error(source, node.span, &message))
        }
    }
}

fn read_product(source: &Source, node: &Node<'_>) -> Result<Product, CatalogueError> {
    if node.as_object().is_none() {
        return Err(error(source, node.span, "a product must be an object"));
    }
    let id = node
        .get("product_id")
        .and_then(Node::as_str)
        .ok_or_else(|| error(source, node.span, "a product needs a string \"product_id\""))?;
    let detail = node
        .get("price_detail")
        .filter(|n| !n.is_null())
        .or_else(|| node.get("price").filter(|n| n.as_object().is_some()));
    let price = match detail {
        Some(detail) => read_price(source, detail)?,
        None => flat_price(source, node)?,
    };
    Ok(Product {
        id: id.to_string(),
        name: node.get("name").and_then(Node::as_str).map(str::to_string),
        price,
        addons: node.get("addons").and_then(Node::as_array).map(|ids| {
            ids.iter()
                .filter_map(Node::as_str)
                .map(str::to_string)
                .collect()
        }),
        archived: node
            .get("archived")
            .and_then(Node::as_bool)
            .unwrap_or(false),
    })
}

/// The `Price` union of `GET /products/{id}` (and `price_detail` of list items).
fn read_price(source: &Source, price: &Node<'_>) -> Result<Price, CatalogueError> {
    let kind = match price.get("type").and_then(Node::as_str) {
        Some("one_time_price") => PriceKind::OneTime,
        Some("recurring_price") => PriceKind::Recurring,
        Some("usage_based_price") => PriceKind::UsageBased,
        Some(other) => {
            let message = format!(
                "unknown price type {other:?}: expected one_time_price, recurring_price or usage_based_price"
            );
            return Err(error(source, price.span, &message));
        }
        None => return Err(error(source, price.span, "a price needs a string \"type\"")),
    };
    let amount_key = if kind == PriceKind::UsageBased {
        "fixed_price"
    } else {
        "price"
    };
    Ok(Price {
        kind,
        amount: price.get(amount_key).and_then(Node::as_i64),
        currency: price
            .get("currency")
            .and_then(Node::as_str)
            .map(str::to_string),
        pay_what_you_want: price
            .get("pay_what_you_want")
            .and_then(Node::as_bool)
            .unwrap_or(false),
    })
}

/// A list item without `price_detail`: a flat `price`, `currency` and `is_recurring`.
fn flat_price(source: &Source, node: &Node<'_>) -> Result<Price, CatalogueError> {
    let recurring = node
        .get("is_recurring")
        .and_then(Node::as_bool)
        .ok_or_else(|| {
            error(
                source,
                node.span,
                "a product needs a \"price\" object or a boolean \"is_recurring\"",
            )
        })?;
    Ok(Price {
        kind: if recurring {
            PriceKind::Recurring
        } else {
            PriceKind::OneTime
        },
        amount: node.get("price").and_then(Node::as_i64),
        currency: node
            .get("currency")
            .and_then(Node::as_str)
            .map(str::to_string),
        pay_what_you_want: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_single_array_and_list_shapes() {
        let single = r#"{"product_id": "p1", "is_recurring": false,
            "price": {"type": "one_time_price", "price": 500, "currency": "USD", "pay_what_you_want": true}}"#;
        let one = Catalogue::from_json_str("c.json", single).unwrap();
        let p1 = one.get("p1").unwrap();
        assert_eq!(p1.price.amount, Some(500));
        assert!(p1.price.pay_what_you_want && !p1.is_subscription());

        let list = r#"{"items": [
            {"product_id": "a", "is_recurring": true, "price": 1000, "currency": "USD"},
            {"product_id": "b", "is_recurring": true, "price_detail": {"type": "usage_based_price", "fixed_price": 0}}
        ]}"#;
        let many = Catalogue::from_json_str("c.json", list).unwrap();
        assert_eq!(many.get("a").unwrap().price.kind, PriceKind::Recurring);
        assert_eq!(many.get("b").unwrap().price.kind, PriceKind::UsageBased);

        let array = r#"[{"product_id": "x", "is_recurring": false}]"#;
        assert_eq!(Catalogue::from_json_str("c.json", array).unwrap().len(), 1);
    }

    #[test]
    fn reads_what_a_pull_records() {
        let pulled = r#"{"environment": "live_mode", "pulled_at": "2026-12-02T04:00:00Z",
            "items": [{"product_id": "old", "is_recurring": false, "archived": true}]}"#;
        let catalogue = Catalogue::from_json_str("c.json", pulled).unwrap();
        assert_eq!(catalogue.environment, Some(Environment::LiveMode));
        assert!(catalogue.get("old").unwrap().archived);

        let err = Catalogue::from_json_str("c.json", r#"{"environment": "staging", "items": []}"#)
            .unwrap_err();
        assert_eq!((err.line, err.column), (1, 17));
        assert!(
            err.message.contains("expected test_mode or live_mode"),
            "{err}"
        );
    }

    #[test]
    fn bad_catalogues_name_the_file_and_line() {
        let err = Catalogue::from_json_str(
            "c.json",
            "[\n{\"product_id\": \"x\",\n \"price\": {\"type\": \"weekly\"}}]",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (3, 11));
        assert!(
            err.to_string()
                .starts_with("catalogue c.json:3:11: unknown price type \"weekly\"")
        );

        let dup = r#"[{"product_id": "x", "is_recurring": false}, {"product_id": "x", "is_recurring": true}]"#;
        assert!(
            Catalogue::from_json_str("c.json", dup)
                .unwrap_err()
                .message
                .contains("twice")
        );
        assert!(
            Catalogue::from_json_str("c.json", "{")
                .unwrap_err()
                .message
                .starts_with("not JSON")
        );
        assert!(
            Catalogue::load(Path::new("/nonexistent/c.json"))
                .unwrap_err()
                .to_string()
                .contains("cannot read")
        );
    }
}
