//! The Python front-end reads a payload as JSON does: a payload written as keyword arguments
//! of `client.checkout_sessions.create(...)`, or as the dict of `requests.post(url, json=...)`,
//! in either quote style with trailing commas and comments, yields the same rules at the same
//! pointers as the payload linted as JSON, each at the bytes of the corresponding key or value;
//! and a value replaced by a name never adds an error or warning.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::common::host_syntax::{Written, a_name_adds_nothing, lints_as_its_json};
use crate::common::source::{payload, push_quoted};
use checkout_lint::{Linter, Span};
use proptest::prelude::*;
use serde_json::Value;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::default)
}

const SDK: &str = "from dodopayments import DodoPayments\n\nclient = DodoPayments()\nsession = client.checkout_sessions.create(";
const RAW: &str =
    "import requests\n\nrequests.post(\"https://live.dodopayments.com/checkouts\", json=";

#[derive(Debug, Clone)]
struct Style {
    quote: char,
    trailing_commas: bool,
    comments: bool,
    kwargs: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (
        prop_oneof![Just('\''), Just('"')],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(quote, trailing_commas, comments, kwargs)| Style {
            quote,
            trailing_commas,
            comments,
            kwargs,
        })
}

struct Writer<'s> {
    style: &'s Style,
    out: String,
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
    replaced: Option<String>,
}

impl Writer<'_> {
    fn string(&mut self, text: &str) {
        push_quoted(&mut self.out, text, self.style.quote);
    }

    fn gap(&mut self) {
        self.out.push_str("\n    ");
        if self.style.comments {
            self.out.push_str("# note\n    ");
        }
    }

    fn pointer(parent: &str, key: &str) -> String {
        format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
    }

    fn value(&mut self, value: &Value, pointer: &str) {
        let start = self.out.len();
        if self.replaced.as_deref() == Some(pointer) {
            self.out.push_str("some_name");
        } else {
            match value {
                Value::Null => self.out.push_str("None"),
                Value::Bool(true) => self.out.push_str("True"),
                Value::Bool(false) => self.out.push_str("False"),
                Value::Number(n) => self.out.push_str(&n.to_string()),
                Value::String(text) => self.string(text),
                Value::Array(items) => {
                    self.out.push('[');
                    for (index, item) in items.iter().enumerate() {
                        self.gap();
                        self.value(item, &format!("{pointer}/{index}"));
                        if index + 1 < items.len() || self.style.trailing_commas {
                            self.out.push(',');
                        }
                    }
                    self.out.push(']');
                }
                Value::Object(members) => {
                    self.out.push('{');
                    for (index, (key, item)) in members.iter().enumerate() {
                        self.gap();
                        let child = Self::pointer(pointer, key);
                        let key_start = self.out.len();
                        self.string(key);
                        self.keys
                            .insert(child.clone(), Span::between(key_start, self.out.len()));
                        self.out.push_str(": ");
                        self.value(item, &child);
                        if index + 1 < members.len() || self.style.trailing_commas {
                            self.out.push(',');
                        }
                    }
                    self.out.push('}');
                }
            }
        }
        self.values
            .insert(pointer.to_string(), Span::between(start, self.out.len()));
    }

    /// The root as keyword arguments: each top-level key a keyword.
    fn keywords(&mut self, root: &serde_json::Map<String, Value>) {
        for (index, (key, item)) in root.iter().enumerate() {
            self.gap();
            let child = Self::pointer("", key);
            let key_start = self.out.len();
            self.out.push_str(key);
            self.keys
                .insert(child.clone(), Span::between(key_start, self.out.len()));
            self.out.push('=');
            self.value(item, &child);
            if index + 1 < root.len() || self.style.trailing_commas {
                self.out.push(',');
            }
        }
    }
}

fn written<'s>(value: &Value, style: &'s Style, replaced: Option<String>) -> Writer<'s> {
    let mut writer = Writer {
        style,
        out: String::new(),
        values: HashMap::new(),
        keys: HashMap::new(),
        replaced,
    };
    match value {
        Value::Object(root) if style.kwargs => {
            writer.out.push_str(SDK);
            writer.keywords(root);
        }
        _ => {
            writer.out.push_str(RAW);
            writer.value(value, "");
        }
    }
    writer.out.push_str(")\n");
    writer
}

proptest! {
    #[test]
    fn python_lints_as_its_json(value in payload(), style in style()) {
        let writer = written(&value, &style, None);
        let placed = Written { text: &writer.out, values: &writer.values, keys: &writer.keys };
        // The root of keyword arguments is the argument list.
        lints_as_its_json(linter(), &value, "p.py", &placed, |d| d.pointer.is_empty() && style.kwargs)?;
    }

    #[test]
    fn a_value_replaced_by_a_name_adds_no_error_or_warning(
        value in payload(),
        style in style(),
        pick in any::<prop::sample::Index>(),
    ) {
        a_name_adds_nothing(linter(), "p.py", &value, pick, |replaced| {
            written(&value, &style, replaced).out
        })?;
    }
}
