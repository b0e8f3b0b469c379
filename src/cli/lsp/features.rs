//! Hover, completion and code actions for one document.

use serde_json::{Value, json};

use crate::fix::fix_text;
use crate::payload::{find_payloads, front_end};
use crate::pointer::pointer_of;
use crate::schema::{docs, unescape_pointer_segment};
use crate::tree::{self, Node, Value as TreeValue};
use crate::{Applicability, Linter, Source, Span};

use super::context::{self, Slot};
use super::convert::{Encoding, diagnostic, offset, range};

/// The member whose key contains `at`, or the string value containing it, with its pointer.
/// `ordered` trees (JSON) are searched by position; source payloads by their tree.
fn item_at(root: &Node<'_>, at: usize, ordered: bool) -> Option<(String, Span, bool)> {
    let probe = Span::new(at, 0);
    let pointer = if ordered {
        pointer_of(root, probe)
    } else {
        crate::pointer::pointer_in(root, probe)
    };
    let mut node = root;
    let mut on_key = None;
    for segment in pointer.split('/').skip(1) {
        let segment = unescape_pointer_segment(segment);
        match &node.value {
            TreeValue::Object(_, _) => {
                let member = node.member(&segment)?;
                if member.key_span.start() <= at && at <= member.key_span.end() {
                    on_key = Some(member.key_span);
                }
                node = &member.value;
            }
            TreeValue::Array(items, _) => node = items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        }
    }
    match on_key {
        Some(span) => Some((pointer, span, true)),
        None => Some((pointer, node.span, false)),
    }
}

/// Catalogue text as literal Markdown: every character that Markdown could read as syntax (links, images, HTML, emphasis, code) is backslash-escaped, and line breaks and
/// control characters are escaped, so a product name shows as written and nothing more.
fn markdown_text(text: &str) -> String {
    let text = crate::text::escape_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if "\\`*_{}[]<>()#+-!|~&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn hover(linter: &Linter, source: &Source, position: &Value, encoding: Encoding) -> Value {
    let at = offset(source, position, encoding);
    let arena = tree::Arena::new();
    let ordered = front_end::of(source.name()).payload_is_file();
    let payloads = find_payloads(source.name(), source.text(), &arena);
    let Some((root, (pointer, span, on_key))) = payloads.iter().find_map(|payload| {
        let item = item_at(&payload.root, at, ordered)?;
        // Outside every payload the pointer is the root's: not a place to hover.
        (payload.root.span.contains(Span::new(at, 0)) || !item.0.is_empty())
            .then_some((&payload.root, item))
    }) else {
        return Value::Null;
    };
    let name = pointer.rsplit('/').next().unwrap_or_default();
    let markdown = if !on_key && pointer.ends_with("/product_id") {
        let id = crate::pointer::value_at(root, &pointer).and_then(Node::as_str);
        let product = id
            .zip(linter.config().catalogue.as_deref())
            .and_then(|(id, c)| c.get(id));
        match product {
            Some(product) => {
                let price = product.price.amount.map_or("unknown".into(), |amount| {
                    crate::facts::currencies::format_amount(
                        amount,
                        product.price.currency.as_deref().unwrap_or(""),
                    )
                });
                format!(
                    "**{}** ({})\n\nPrice: {}{}\n\n{}",
                    markdown_text(product.display_name()),
                    markdown_text(&product.id),
                    markdown_text(&price),
                    if product.price.pay_what_you_want {
                        " (minimum, pay what you want)"
                    } else {
                        ""
                    },
                    match (product.archived, product.is_subscription()) {
                        (true, _) => "Archived: a checkout cannot sell it",
                        (false, true) => "Subscription product",
                        (false, false) => "One-time product",
                    }
                )
            }
            None => return Value::Null,
        }
    } else {
        match docs::at_pointer(&pointer) {
            Some(schema) => docs::describe(name, schema),
            None => return Value::Null,
        }
    };
    json!({
        "contents": { "kind": "markdown", "value": markdown },
        "range": range(source, span, encoding),
    })
}

/// Text just before the object literal of a payload being typed in source code.
const PAYLOAD_OPENERS: &[&str] = &[
    "checkoutSessions.create(",
    "checkoutSessions.preview(",
    "CheckoutSessionCreateParams =",
    "CheckoutSessionPreviewParams =",
];

/// Text just before the keyword arguments of a Python payload call.
const PYTHON_OPENERS: &[&str] = &["checkout_sessions.create(", "checkout_sessions.preview("];

/// How keys are written where the cursor is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyStyle {
    /// JSON, and Python dict keys: quoted.
    Quoted,
    /// JavaScript object keys: bare.
    Bare,
    /// The keyword arguments of a Python call: `name=`.
    Keyword,
}

/// Where the cursor is in the payload being typed: the whole JSON document, or in source code
/// the object literal (or Python call) after the nearest payload opener. Source text rarely
/// parses while someone types, so this is a tolerant scan, and a suggestion only.
fn cursor_at(source: &Source, at: usize) -> Option<(context::Cursor, KeyStyle)> {
    let text = source.text();
    let language = front_end::of(source.name());
    if language.payload_is_file() {
        return Some((context::at(text, at)?, KeyStyle::Quoted));
    }
    let before = text.get(..at)?;
    let last = |openers: &[&str]| {
        openers
            .iter()
            .filter_map(|opener| Some(before.rfind(opener)? + opener.len()))
            .max()
    };
    if language.name() == "python"
        && let Some(call) = last(PYTHON_OPENERS)
        && last(PAYLOAD_OPENERS).is_none_or(|literal| literal < call)
    {
        let cursor = context::in_python_call(before.get(call..)?)?;
        let style = match &cursor.slot {
            context::Slot::Key { container } if container.is_empty() => KeyStyle::Keyword,
            _ => KeyStyle::Quoted,
        };
        return Some((cursor, style));
    }
    let opener = last(PAYLOAD_OPENERS)?;
    let start = opener + before.get(opener..)?.find('{')?;
    let style = if language.name() == "python" {
        KeyStyle::Quoted
    } else {
        KeyStyle::Bare
    };
    Some((context::in_js_literal(before.get(start..)?)?, style))
}

pub fn completion(source: &Source, position: &Value, encoding: Encoding) -> Value {
    let at = offset(source, position, encoding);
    let Some((cursor, keys)) = cursor_at(source, at) else {
        return json!([]);
    };
    let json = front_end::of(source.name()).payload_is_file();
    // Source code: values in the quote the file uses most.
    let mark = if json || source.text().matches('"').count() >= source.text().matches('\'').count()
    {
        '"'
    } else {
        '\''
    };
    let quote = |text: &str| {
        if cursor.in_string {
            text.to_string()
        } else {
            format!("{mark}{text}{mark}")
        }
    };
    let key = |text: &str| match keys {
        KeyStyle::Quoted => quote(text),
        KeyStyle::Bare => text.to_string(),
        KeyStyle::Keyword => format!("{text}="),
    };
    let items: Vec<Value> = match &cursor.slot {
        Slot::Key { container } => docs::at_pointer(container)
            .map(docs::properties)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, schema)| {
                json!({
                    "label": name,
                    "kind": 10,
                    "insertText": key(name),
                    "documentation": { "kind": "markdown", "value": docs::describe(name, schema) },
                })
            })
            .collect(),
        Slot::Value { pointer } => docs::at_pointer(pointer)
            .map(docs::enum_values)
            .unwrap_or_default()
            .into_iter()
            .map(|value| json!({ "label": value, "kind": 12, "insertText": quote(value) }))
            .collect(),
    };
    json!({ "isIncomplete": false, "items": items })
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

pub fn code_actions(
    linter: &Linter,
    uri: &str,
    source: &Source,
    params: &Value,
    encoding: Encoding,
) -> Value {
    let wanted = (
        offset(source, &params["range"]["start"], encoding),
        offset(source, &params["range"]["end"], encoding),
    );
    let report = linter.lint_str(source.name(), source.text());
    let mut actions = Vec::new();
    for d in report.diagnostics() {
        let Some(fix) = &d.fix else { continue };
        if !overlaps((d.span.start(), d.span.end()), wanted) {
            continue;
        }
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| json!({ "range": range(source, e.span, encoding), "newText": e.replacement }))
            .collect();
        actions.push(json!({
            "title": format!("{} ({})", fix.message, d.rule),
            "kind": "quickfix",
            "isPreferred": fix.applicability == Applicability::Safe,
            "diagnostics": [diagnostic(uri, &report, d, encoding)],
            "edit": { "changes": { uri: edits } },
        }));
    }
    let fixed = fix_text(linter, source.name(), source.text(), false);
    if fixed.applied > 0 {
        let whole = Span::new(0, source.text().len());
        actions.push(json!({
            "title": "Fix all safe checkout-lint problems",
            "kind": "source.fixAll.checkout-lint",
            "edit": { "changes": { uri: [{ "range": range(source, whole, encoding), "newText": fixed.text }] } },
        }));
    }
    Value::Array(actions)
}
