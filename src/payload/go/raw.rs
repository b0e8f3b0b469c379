//! Raw requests from Go: `http.NewRequest("POST", url, bytes.NewBuffer(body))`,
//! `http.NewRequestWithContext(ctx, http.MethodPost, url, body)` and `http.Post(url, ct, body)`
//! (or a client's `.Post`) to a Dodo `/checkouts` URL, where `body` is what `json.Marshal` made
//! of a `map[string]any{…}` literal (or a name bound to one).

use tree_sitter::Node as TsNode;

use super::find::{Bound, Finder};
use super::span_of;
use crate::payload::urls::{MAX_DEPTH, UrlText};
use crate::tree::Value;

impl<'s> Finder<'_, 's> {
    /// `name := json.Marshal(value)` (with its error): true when it was one.
    pub(super) fn marshal(&mut self, name: &str, value: TsNode<'_>, end: usize) -> bool {
        let lower = self.lower;
        let Some(function) = value
            .child_by_field_name("function")
            .filter(|_| value.kind() == "call_expression")
        else {
            return false;
        };
        if lower.is_selector(function, &lower.imports.json) != Some("Marshal") {
            return false;
        }
        let Some(argument) = value
            .child_by_field_name("arguments")
            .and_then(|arguments| super::nth(arguments, 0))
        else {
            return true;
        };
        let argument = lower.transparent(argument).unwrap_or(argument);
        // `json.Marshal(&payload)`: the pointer marshals as what it points to.
        let argument = match argument.kind() {
            "unary_expression" => argument
                .child_by_field_name("operand")
                .filter(|operand| operand.kind() == "identifier")
                .unwrap_or(argument),
            _ => argument,
        };
        let node = match argument.kind() {
            "identifier" => self
                .follow(argument, Bound::Body)
                .or_else(|| self.follow(argument, Bound::Request)),
            "composite_literal" => Some(lower.node(argument, 0)),
            _ => None,
        };
        if let Some(node) = node.filter(|node| node.as_object().is_some()) {
            let scope = self.scope();
            self.marshaled
                .entry(name.to_string())
                .or_default()
                .push((end, scope, node));
        }
        true
    }

    /// A POST of a marshalled body to Dodo's `/checkouts`.
    pub(super) fn raw_call(&mut self, call: TsNode<'_>) {
        let lower = self.lower;
        let (Some(function), Some(arguments)) = (
            call.child_by_field_name("function"),
            call.child_by_field_name("arguments"),
        ) else {
            return;
        };
        let arguments = super::named(arguments);
        let method = function
            .child_by_field_name("field")
            .map(|f| super::text_of(f, lower.text));
        let http = lower.is_selector(function, &lower.imports.http);
        let (url, body) = match (http, method, &arguments[..]) {
            (Some("NewRequest"), _, [verb, url, body]) if self.is_post(*verb) => (*url, *body),
            (Some("NewRequestWithContext"), _, [_, verb, url, body]) if self.is_post(*verb) => {
                (*url, *body)
            }
            // `http.Post`, or an `*http.Client`'s.
            (_, Some("Post"), [url, _, body]) => (*url, *body),
            _ => return,
        };
        let Some(url) = self.url_text(url) else {
            return;
        };
        if !url.is_dodo_checkouts() {
            return;
        }
        let Some(root) = self.body_of(body, call.start_byte()) else {
            return;
        };
        self.flow
            .push_post(root, span_of(call), url.host().cloned());
    }

    fn is_post(&self, verb: TsNode<'_>) -> bool {
        let lower = self.lower;
        match lower.node(verb, 0).value {
            Value::String(method) => method.eq_ignore_ascii_case("POST"),
            _ => lower.is_selector(verb, &lower.imports.http) == Some("MethodPost"),
        }
    }

    /// The marshalled object a request body reads: `bytes.NewBuffer(body)`,
    /// `bytes.NewReader(body)`, `strings.NewReader(string(body))`.
    fn body_of(&self, body: TsNode<'_>, at: usize) -> Option<crate::tree::Node<'s>> {
        let lower = self.lower;
        let mut body = body;
        for _ in 0..3 {
            match body.kind() {
                "identifier" => break,
                "call_expression" | "type_conversion_expression" => {
                    let function = body
                        .child_by_field_name("function")
                        .or_else(|| body.child_by_field_name("type"))?;
                    let reader = lower
                        .is_selector(function, &lower.imports.bytes)
                        .filter(|name| matches!(*name, "NewBuffer" | "NewReader"))
                        .or_else(|| {
                            lower
                                .is_selector(function, &lower.imports.strings)
                                .filter(|name| *name == "NewReader")
                        });
                    let conversion =
                        matches!(super::text_of(function, lower.text), "string" | "[]byte");
                    if reader.is_none() && !conversion {
                        return None;
                    }
                    body = body
                        .child_by_field_name("arguments")
                        .and_then(|arguments| super::nth(arguments, 0))
                        .or_else(|| body.child_by_field_name("operand"))?;
                }
                _ => return None,
            }
        }
        let name = super::text_of(body, lower.text);
        let scope = self.scope();
        self.marshaled
            .get(name)?
            .iter()
            .rev()
            .find(|(end, within, _)| *end <= at && *within == scope)
            .map(|(_, _, node)| *node)
    }

    /// The text of a URL expression: literals, `+`, `fmt.Sprintf`, known string constants,
    /// `os.Getenv("DODO_…")`.
    pub(super) fn url_text(&self, expr: TsNode<'_>) -> Option<UrlText> {
        self.url_at(expr, 0)
    }

    fn url_at(&self, expr: TsNode<'_>, depth: usize) -> Option<UrlText> {
        if depth > MAX_DEPTH {
            return None;
        }
        let lower = self.lower;
        let part = |expr: Option<TsNode<'_>>| {
            expr.and_then(|expr| self.url_at(expr, depth + 1))
                .unwrap_or_else(|| UrlText::hole(false))
        };
        Some(match expr.kind() {
            "interpreted_string_literal" | "raw_string_literal" => {
                match lower.node(expr, 0).value {
                    Value::String(text) => UrlText::literal(text, span_of(expr)),
                    _ => return None,
                }
            }
            "binary_expression" => {
                part(expr.child_by_field_name("left")).then(part(expr.child_by_field_name("right")))
            }
            "parenthesized_expression" => part(super::nth(expr, 0)),
            "identifier" => self.strings.get(super::text_of(expr, lower.text))?.clone(),
            "call_expression" => {
                let function = expr.child_by_field_name("function")?;
                let arguments = super::named(expr.child_by_field_name("arguments")?);
                if lower.is_selector(function, &lower.imports.os) == Some("Getenv") {
                    let name = match lower.node(*arguments.first()?, 0).value {
                        Value::String(name) => name,
                        _ => "",
                    };
                    return Some(UrlText::env(name));
                }
                if lower.is_selector(function, &lower.imports.fmt) != Some("Sprintf") {
                    return None;
                }
                let (format_node, rest) = arguments.split_first()?;
                let Value::String(format) = lower.node(*format_node, 0).value else {
                    return None;
                };
                sprintf(
                    format,
                    span_of(*format_node),
                    rest.iter().map(|a| part(Some(*a))),
                )
            }
            _ => return None,
        })
    }
}

/// `fmt.Sprintf(format, args…)` as URL text: each verb is its argument's text.
fn sprintf(
    format: &str,
    literal: crate::span::Span,
    mut arguments: impl Iterator<Item = UrlText>,
) -> UrlText {
    let mut text = UrlText::literal("", literal);
    let mut pieces = format.split('%');
    if let Some(first) = pieces.next() {
        text = text.then(UrlText::literal(first, literal));
    }
    for piece in pieces {
        // `%s`, `%v`, `%d`: a verb is one letter after flags; `%%` is a percent sign.
        let verb_end = piece
            .find(|c: char| c.is_ascii_alphabetic())
            .map_or(piece.len(), |at| at + 1);
        let argument = arguments.next().unwrap_or_else(|| UrlText::hole(false));
        text = text
            .then(argument)
            .then(UrlText::literal(&piece[verb_end..], literal));
    }
    text
}
