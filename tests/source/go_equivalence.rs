//! The Go front-end reads a payload as JSON does: a payload written as the SDK's params literal
//! (struct fields in `dodopayments.F(…)` wrappers, numbers in `int64(…)`, objects whose keys
//! are not Go names as `map[string]any{…}`), or as a `map[string]any{…}` that `json.Marshal`
//! makes the body of a raw POST, on one line or one element a line with comments, yields the
//! same rules at the same pointers as the payload linted as JSON, each at the bytes of the
//! corresponding field, key or literal; and a value replaced by a name never adds an error or
//! warning.

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

const HEADER: &str = "package shop\n\nimport (\n\t\"bytes\"\n\t\"context\"\n\t\"encoding/json\"\n\t\"net/http\"\n\n\t\"github.com/dodopayments/dodopayments-go\"\n)\n\nfunc checkout(ctx context.Context, client *dodopayments.Client) {\n";
const SDK: &str = "\tclient.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{CheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam";
const SDK_END: &str = "})\n}\n";
const RAW: &str = "\tbody, _ := json.Marshal(";
const RAW_END: &str = ")\n\thttp.Post(\"https://live.dodopayments.com/checkouts\", \"application/json\", bytes.NewReader(body))\n}\n";

#[derive(Debug, Clone)]
struct Style {
    multiline: bool,
    comments: bool,
    sdk: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(multiline, comments, sdk)| Style {
        multiline,
        comments,
        sdk,
    })
}

/// `product_cart` → `ProductCart`: the Go field the SDK would name it (the front-end reads a
/// field the SDK lacks back in snake case).
fn go_name(key: &str) -> Option<String> {
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return None;
    }
    let mut name = String::new();
    for word in key.split('_') {
        let mut chars = word.chars();
        name.extend(chars.next()?.to_uppercase());
        name.push_str(chars.as_str());
    }
    Some(name)
}

struct Writer<'s> {
    style: &'s Style,
    out: String,
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
    replaced: Option<String>,
}

impl Writer<'_> {
    fn pointer(parent: &str, key: &str) -> String {
        format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
    }

    /// Between elements of a body: a newline (and a comment) or a space.
    fn gap(&mut self) {
        if self.style.multiline {
            self.out.push_str("\n\t\t");
            if self.style.comments {
                self.out.push_str("// note\n\t\t");
            }
        } else {
            self.out.push(' ');
        }
    }

    /// Elements of a body, each followed by a comma when one per line (Go's rule).
    fn body(&mut self, count: usize, mut element: impl FnMut(&mut Self, usize)) {
        self.out.push('{');
        for index in 0..count {
            self.gap();
            element(self, index);
            if index + 1 < count || self.style.multiline {
                self.out.push(',');
            }
        }
        if self.style.multiline && count > 0 {
            self.out.push_str("\n\t");
        }
        self.out.push('}');
    }

    /// A value in a struct field (`typed`: in the SDK's `F(…)`), or in a map or slice.
    fn value(&mut self, value: &Value, pointer: &str, typed: bool) {
        if typed {
            self.out.push_str("dodopayments.F(");
        }
        if typed && matches!(value, Value::Number(n) if n.is_i64()) {
            self.out.push_str("int64(");
        }
        let start = self.out.len();
        if self.replaced.as_deref() == Some(pointer) {
            self.out.push_str("someName");
        } else {
            match value {
                Value::Null => self.out.push_str("nil"),
                Value::Bool(flag) => self.out.push_str(&flag.to_string()),
                Value::Number(n) => self.out.push_str(&n.to_string()),
                Value::String(text) => push_quoted(&mut self.out, text, '"'),
                Value::Array(items) => {
                    self.out.push_str("[]any");
                    let body = self.out.len();
                    self.body(items.len(), |w, index| {
                        w.value(&items[index], &format!("{pointer}/{index}"), false)
                    });
                    self.values
                        .insert(pointer.to_string(), Span::between(body, self.out.len()));
                }
                Value::Object(members) => self.object(members, pointer),
            }
        }
        if !matches!(value, Value::Array(_) | Value::Object(_))
            || self.replaced.as_deref() == Some(pointer)
        {
            self.values
                .insert(pointer.to_string(), Span::between(start, self.out.len()));
        }
        if typed && matches!(value, Value::Number(n) if n.is_i64()) {
            self.out.push(')');
        }
        if typed {
            self.out.push(')');
        }
    }

    /// A struct literal when every key is a Go name, else a map literal.
    fn object(&mut self, members: &serde_json::Map<String, Value>, pointer: &str) {
        let fields: Option<Vec<String>> = members.keys().map(|key| go_name(key)).collect();
        let entries: Vec<(&String, &Value)> = members.iter().collect();
        match fields {
            Some(fields) => {
                self.out.push_str("dodopayments.P");
                let body = self.out.len();
                self.body(entries.len(), |w, index| {
                    let (key, item) = entries[index];
                    let child = Self::pointer(pointer, key);
                    let key_start = w.out.len();
                    w.out.push_str(&fields[index]);
                    w.keys
                        .insert(child.clone(), Span::between(key_start, w.out.len()));
                    w.out.push_str(": ");
                    w.value(item, &child, true);
                });
                self.values
                    .insert(pointer.to_string(), Span::between(body, self.out.len()));
            }
            None => self.map(&entries, pointer),
        }
    }

    fn map(&mut self, entries: &[(&String, &Value)], pointer: &str) {
        self.out.push_str("map[string]any");
        let body = self.out.len();
        self.body(entries.len(), |w, index| {
            let (key, item) = entries[index];
            let child = Self::pointer(pointer, key);
            let key_start = w.out.len();
            push_quoted(&mut w.out, key, '"');
            w.keys
                .insert(child.clone(), Span::between(key_start, w.out.len()));
            w.out.push_str(": ");
            w.value(item, &child, false);
        });
        self.values
            .insert(pointer.to_string(), Span::between(body, self.out.len()));
    }
}

fn written<'s>(value: &Value, style: &'s Style, replaced: Option<String>) -> Writer<'s> {
    let mut writer = Writer {
        style,
        out: HEADER.to_string(),
        values: HashMap::new(),
        keys: HashMap::new(),
        replaced,
    };
    let Value::Object(root) = value else {
        unreachable!("payloads are objects")
    };
    let entries: Vec<(&String, &Value)> = root.iter().collect();
    if style.sdk {
        // The root keys are the request's (and look-alikes): every one a Go name.
        writer.out.push_str(SDK);
        let body = writer.out.len();
        writer.body(entries.len(), |w, index| {
            let (key, item) = entries[index];
            let child = Writer::pointer("", key);
            let key_start = w.out.len();
            w.out
                .push_str(&go_name(key).expect("root keys are Go names"));
            w.keys
                .insert(child.clone(), Span::between(key_start, w.out.len()));
            w.out.push_str(": ");
            w.value(item, &child, true);
        });
        writer
            .values
            .insert(String::new(), Span::between(body, writer.out.len()));
        writer.out.push_str(SDK_END);
    } else {
        writer.out.push_str(RAW);
        writer.map(&entries, "");
        writer.out.push_str(RAW_END);
    }
    writer
}

proptest! {
    #[test]
    fn go_lints_as_its_json(value in payload(), style in style()) {
        let writer = written(&value, &style, None);
        let placed = Written { text: &writer.out, values: &writer.values, keys: &writer.keys };
        lints_as_its_json(linter(), &value, "p.go", &placed, |_| false)?;
    }

    #[test]
    fn a_value_replaced_by_a_name_adds_no_error_or_warning(
        value in payload(),
        style in style(),
        pick in any::<prop::sample::Index>(),
    ) {
        a_name_adds_nothing(linter(), "p.go", &value, pick, |replaced| {
            written(&value, &style, replaced).out
        })?;
    }
}
